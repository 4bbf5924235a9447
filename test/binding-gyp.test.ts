// binding.gyp as node-gyp would build it for macOS and for Windows, read through the gyp that node-gyp bundles with
// its gypd format (the fully merged input, printed) and the includes node-gyp passes: Node's config (here from
// process.config), node-gyp's addon.gypi and Node's common.gypi. The dependency on node-addon-api's
// node_addon_api_except merges its except.gypi into the target after the target's own settings, so a setting there
// (MACOSX_DEPLOYMENT_TARGET 10.7) beats one the target makes at its top level; and common.gypi hands MSVC
// -std:c++17 before the target's /std:c++20.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeHeaders } from './node-headers.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE_GYP = path.join(ROOT, 'node_modules', 'node-gyp');
const ADDON_API = path.join(ROOT, 'node_modules', 'node-addon-api');
const HEADERS = nodeHeaders();
const COMMON_GYPI = HEADERS && path.join(HEADERS, 'common.gypi');
const MACOS_MINIMUM = '11.0';
const CONFIGURATIONS = ['Debug', 'Release'];

interface Configuration {
  defines?: string[];
  xcode_settings?: Record<string, string>;
  msvs_settings?: { VCCLCompilerTool?: { AdditionalOptions?: string[]; Optimization?: string } };
}
interface Target {
  target_name: string;
  configurations: Record<string, Configuration>;
}

function missing(): string | null {
  if (COMMON_GYPI === undefined) return "Node's headers (node_api.h, common.gypi) were not found";
  const python = spawnSync('python3', ['--version']);
  if (python.error || python.status !== 0) return 'python3 is not installed';
  return null;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'tearlab-gyp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The tearlab target of binding.gyp as gyp merges it for `targetOs`. */
function tearlabTarget(targetOs: 'mac' | 'win'): Target {
  // gyp writes a .gypd beside every .gyp it reads: binding.gyp and node-addon-api (which binding.gyp finds with
  // require('node-addon-api') from its own folder) are copied so that nothing lands in the project.
  const dir = mkdtempSync(path.join(work, `${targetOs}-`));
  copyFileSync(path.join(ROOT, 'binding.gyp'), path.join(dir, 'binding.gyp'));
  cpSync(ADDON_API, path.join(dir, 'node_modules', 'node-addon-api'), { recursive: true });
  // As node-gyp's create-config-gypi writes it: Node's process.config, booleans as gyp's strings.
  const config = { ...process.config, variables: { ...process.config.variables, standalone_static_library: 1 } };
  writeFileSync(path.join(dir, 'config.gypi'), JSON.stringify(config, (_key, value) => (typeof value === 'boolean' ? String(value) : value)));
  const nodeRoot = path.dirname(path.dirname(HEADERS as string));
  const gyp = spawnSync('python3', [
    path.join(NODE_GYP, 'gyp', 'gyp_main.py'), '-f', 'gypd', `-DOS=${targetOs}`, '--depth=.',
    '-I', 'config.gypi', '-I', path.join(NODE_GYP, 'addon.gypi'), '-I', COMMON_GYPI as string,
    '-Dlibrary=shared_library', '-Dvisibility=default', `-Dnode_root_dir=${nodeRoot}`, `-Dnode_gyp_dir=${NODE_GYP}`,
    '-Dnode_lib_file=node.lib', `-Dmodule_root_dir=${dir}`, '-Dnode_engine=v8', 'binding.gyp',
  ], { cwd: dir, encoding: 'utf8' });
  expect(gyp.stderr).toBe('');
  expect(gyp.status).toBe(0);
  // gypd prints a Python literal.
  const json = spawnSync('python3', ['-c', 'import ast, json, sys; print(json.dumps(ast.literal_eval(open(sys.argv[1]).read())))', path.join(dir, 'binding.gypd')], { encoding: 'utf8' });
  expect(json.status).toBe(0);
  const targets = (JSON.parse(json.stdout) as { targets: Target[] }).targets;
  const tearlab = targets.find((target) => target.target_name === 'tearlab');
  expect(tearlab).toBeDefined();
  expect(Object.keys(tearlab!.configurations).sort()).toEqual(CONFIGURATIONS);
  return tearlab!;
}

describe('binding.gyp as gyp merges it', () => {
  const reason = missing();
  if (reason !== null) console.log(`binding.gyp: skipped: ${reason}`);

  it.skipIf(reason !== null)(`builds for macOS ${MACOS_MINIMUM} in every configuration, over node-addon-api's except.gypi`, () => {
    for (const [name, configuration] of Object.entries(tearlabTarget('mac').configurations)) {
      // except.gypi is in effect (C++ exceptions on), and its deployment target is not.
      expect(configuration.xcode_settings?.GCC_ENABLE_CPP_EXCEPTIONS, name).toBe('YES');
      expect(configuration.xcode_settings?.MACOSX_DEPLOYMENT_TARGET, name).toBe(MACOS_MINIMUM);
    }
  });

  it.skipIf(reason !== null)('gives MSVC one language standard, C++20, and says when it optimizes', () => {
    const { configurations } = tearlabTarget('win');
    for (const [name, configuration] of Object.entries(configurations)) {
      const options = configuration.msvs_settings?.VCCLCompilerTool?.AdditionalOptions ?? [];
      expect(options.filter((option) => /^[-/]std:/.test(option)), name).toEqual(['/std:c++20']);
    }
    // native/build_flags.h reports an MSVC build as optimized by NDEBUG: only the configuration built with /Ox.
    const FULL_OPTIMIZATION = '3'; // /Ox, as gyp's variable expansion leaves it
    expect(configurations.Release.msvs_settings?.VCCLCompilerTool?.Optimization).toBe(FULL_OPTIMIZATION);
    expect(configurations.Release.defines).toContain('NDEBUG');
    expect(configurations.Debug.msvs_settings?.VCCLCompilerTool?.Optimization).not.toBe(FULL_OPTIMIZATION);
    expect(configurations.Debug.defines ?? []).not.toContain('NDEBUG');
  });
});
