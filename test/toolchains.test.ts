// The native code builds warning-free (-Wall -Wextra -Werror) with every toolchain this machine has of the ones
// users' machines build with: g++ and clang against libstdc++, clang against libc++ (macOS's standard library, where
// std::atomic_ref arrived only in LLVM 19 and native/atomic_ref.h stands in before), and g++ cross-compiling for
// aarch64. A missing toolchain is skipped with the reason; .ci/run installs them all. MSVC is not tried here (see
// the README). The harness (npm run test:native) links and runs the libc++ and aarch64 builds.
import { execFile, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { nodeHeaders } from './node-headers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

const SOURCES = ['native', path.join('native', 'harness')].flatMap((dir) =>
  readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.cc')).map((f) => path.join(dir, f)),
);
const HEADERS = nodeHeaders();
const FLAGS = [
  '-std=c++20', '-O2', '-Wall', '-Wextra', '-Werror', '-fexceptions',
  // As binding.gyp and node-addon-api's node_addon_api_except target build the addon.
  '-DNAPI_VERSION=8', '-DNAPI_CPP_EXCEPTIONS', '-DNODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS',
  `-I${path.join(ROOT, 'node_modules', 'node-addon-api')}`, `-I${HEADERS}`,
];

const TOOLCHAINS = [
  { name: 'g++ with libstdc++', compiler: 'g++', flags: [] },
  { name: 'clang with libstdc++', compiler: 'clang++', flags: [] },
  { name: 'clang with libc++', compiler: 'clang++', flags: ['-stdlib=libc++'] },
  { name: 'g++ cross-compiling for aarch64', compiler: 'aarch64-linux-gnu-g++', flags: [] },
];

/** Why a toolchain cannot be tried here, or null when it can. */
function missing(compiler: string, flags: string[]): string | null {
  if (HEADERS === undefined) return "Node's headers (node_api.h) were not found";
  const probe = spawnSync(compiler, [...flags, '-std=c++20', '-x', 'c++', '-fsyntax-only', '-'], { input: '#include <atomic>\n', encoding: 'utf8' });
  if (probe.error) return `${compiler} is not installed`;
  if (probe.status !== 0) return `${compiler} ${flags.join(' ')} cannot compile <atomic>: ${probe.stderr.split('\n')[0]}`;
  return null;
}

/** Compiles every source, two at a time; each one's diagnostics, if any. */
async function compileAll(compiler: string, flags: string[]): Promise<string[]> {
  const problems: string[] = [];
  const queue = [...SOURCES];
  const worker = async () => {
    for (let source = queue.shift(); source !== undefined; source = queue.shift()) {
      try {
        const { stderr } = await run(compiler, [...flags, ...FLAGS, '-c', source, '-o', os.devNull], { cwd: ROOT });
        if (stderr.trim() !== '') problems.push(`${source}:\n${stderr}`);
      } catch (error) {
        problems.push(`${source}:\n${(error as { stderr?: string }).stderr ?? String(error)}`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return problems;
}

describe('the native code on every toolchain', () => {
  for (const { name, compiler, flags } of TOOLCHAINS) {
    const reason = missing(compiler, flags);
    if (reason !== null) console.log(`toolchains: ${name}: skipped: ${reason}`);
    it.skipIf(reason !== null)(`${name} builds all of native/ warning-free${reason === null ? '' : ` (skipped: ${reason})`}`, async () => {
      expect(await compileAll(compiler, flags)).toEqual([]);
    }, 180_000);
  }
});
