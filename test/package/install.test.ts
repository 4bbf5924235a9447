// The package as users get it: `npm pack`'s tarball holds what the CLI needs (the compiled code, the bench, the
// results schema, the prebuild) and nothing else, and it installs into an empty folder and runs `tearlab run` and
// `tearlab bench --quick` with no compiler on PATH (every name in HIDDEN, with or without a target prefix or version
// suffix, taken off it, and CC and CXX unset), so the prebuild is what loads. It also holds every source binding.gyp
// lists and every header they include, so a platform without a prebuild can build from source. Run by
// `npm run test:package`, which makes the host's prebuild first.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-package-'));
/** The compilers, preprocessor and make taken off PATH, each also as `<target>-name` and `name-<version>`. */
const HIDDEN = ['g++', 'c++', 'cc', 'gcc', 'c89', 'c99', 'cpp', 'clang', 'clang++', 'make'];
const COMPILERS = new RegExp(`^(.+-)?(${HIDDEN.map((name) => name.replace(/\+/g, '\\+')).join('|')})(-[\\d.]+)?$`);
const PLATFORM = `${process.platform}-${process.arch}`;

let tarball: string;
let files: string[];
let cleanPath: string;

/** A folder of links to every program on PATH but the compilers and make. */
function pathWithoutCompilers(): string {
  const bin = path.join(dir, 'bin');
  mkdirSync(bin);
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      if (COMPILERS.test(name)) continue;
      const target = path.join(folder, name);
      try {
        accessSync(target, constants.X_OK);
        symlinkSync(target, path.join(bin, name));
      } catch {
        // Not a program, or one of the same name earlier on PATH won.
      }
    }
  }
  return bin;
}

/** The files binding.gyp compiles and every header they include (`#include "..."`, followed from file to file). */
function nativeSources(): string[] {
  // binding.gyp is JSON but for its # comments.
  const gyp = JSON.parse(readFileSync(path.join(ROOT, 'binding.gyp'), 'utf8').replace(/^\s*#.*$/gm, '')) as { targets: { sources: string[] }[] };
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    for (const [, header] of readFileSync(path.join(ROOT, file), 'utf8').matchAll(/^\s*#\s*include\s+"([^"]+)"/gm)) {
      visit(path.posix.join(path.posix.dirname(file), header));
    }
  };
  for (const target of gyp.targets) for (const source of target.sources) visit(source);
  return [...found].sort();
}

function inInstall(command: string, args: string[]) {
  const { CC, CXX, ...rest } = process.env;
  void CC, CXX;
  const run = spawnSync(command, args, { cwd: path.join(dir, 'app'), encoding: 'utf8', env: { ...rest, PATH: cleanPath } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(dir, packed.filename);
  files = packed.files.map((f) => f.path).sort();
  cleanPath = pathWithoutCompilers();
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app', 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
});

describe('the packed package', () => {
  it('holds the compiled code, the bench, the schema, the prebuild and the sources of a fallback build, and nothing else', () => {
    expect(files).toContain('dist/src/cli.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('dist/bench/main.js');
    expect(files).toContain('schema/results.schema.json');
    expect(files).toContain(`prebuilds/${PLATFORM}/tearlab.node`);
    expect(files).toContain('binding.gyp');
    // The Linux prebuilds of the prebuild workflow are tagged: tearlab.glibc.node.
    const allowed = /^(package\.json|README\.md|LICENSE|binding\.gyp|dist\/(src|bench)\/.+\.(js|d\.ts)|schema\/results\.schema\.json|native\/[a-z_]+\.(cc|h)|prebuilds\/[a-z0-9]+-[a-z0-9]+\/tearlab(\.(glibc|musl))?\.node)$/;
    expect(files.filter((file) => !allowed.test(file))).toEqual([]);
  });

  it('holds every source binding.gyp compiles and every header they include, for a build from source', () => {
    const needed = nativeSources();
    expect(needed).toContain('native/addon.cc');
    expect(needed).toContain('native/atomic_ref.h');
    expect(needed.filter((file) => !files.includes(file))).toEqual([]);
  });

  it('installs with no compiler on PATH, its prebuild loading', () => {
    for (const name of HIDDEN) expect(inInstall('sh', ['-c', `command -v '${name}' || echo hidden`]).stdout.trim(), name).toBe('hidden');
    expect(inInstall('sh', ['-c', 'echo "${CC-unset} ${CXX-unset}"']).stdout.trim()).toBe('unset unset');
    const install = inInstall('npm', ['install', '--no-audit', '--no-fund', tarball]);
    expect(install.code, install.stderr).toBe(0);
    const loaded = inInstall('node', ['-e', "console.log(require('node-gyp-build').path('node_modules/tearlab'))"]);
    expect(loaded.stdout.trim()).toBe(path.join(dir, 'app', 'node_modules', 'tearlab', 'prebuilds', PLATFORM, 'tearlab.node'));
  });

  it('runs npx tearlab run: the experiment, with the lock and without', () => {
    const run = inInstall('npx', ['tearlab', 'run', '--size', '4KiB', '--iters', '20000']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^mode=global-lock tearing=0 /m);
    expect(run.stdout).toMatch(/^mode=unlocked tearing=\d+ /m);
    expect(run.stdout).toMatch(/^Allowed CPUs: .*; addon from prebuild$/m);
  });

  // The prebuild workflow holds the Linux prebuilds to glibc 2.28 with this script; this machine's prebuild needs
  // newer (its glibc's), so here only the reading of the installed prebuild is checked, not that bound.
  it.runIf(process.platform === 'linux')('scripts/check-glibc.mjs reads the glibc versions the installed prebuild needs', () => {
    const prebuild = path.join(dir, 'app', 'node_modules', 'tearlab', 'prebuilds', PLATFORM, 'tearlab.node');
    const check = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-glibc.mjs'), '--json', prebuild], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    const [{ needs, highest }] = JSON.parse(check.stdout) as { needs: Record<string, string[]>; highest: Record<string, string> }[];
    expect(needs['libc.so.6'].length).toBeGreaterThan(0);
    expect(needs['libc.so.6'].every((version) => /^GLIBC_2\.\d+(\.\d+)?$/.test(version))).toBe(true);
    expect(highest.GLIBC).toBe(needs['libc.so.6'].at(-1));
  });

  it('runs npx tearlab bench --quick and writes its results and report', () => {
    const bench = inInstall('npx', ['tearlab', 'bench', '--quick', '--out', 'results']);
    expect(bench.code, bench.stderr).toBe(0);
    const written = readdirSync(path.join(dir, 'app', 'results'));
    expect(written.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(written.filter((f) => f.endsWith('.html'))).toHaveLength(1);
  });
});
