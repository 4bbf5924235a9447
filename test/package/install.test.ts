// The package as users get it: `npm pack`'s tarball holds what the CLI needs (the compiled code, the bench, the
// results schema, the prebuild) and nothing else, and it installs into an empty folder and runs `tearlab run` and
// `tearlab bench --quick` with no compiler on PATH (g++, c++, cc, gcc, make and clang hidden), so the prebuild is what
// loads. Run by `npm run test:package`, which makes the host's prebuild first.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-package-'));
const COMPILERS = /^(g\+\+|c\+\+|cc|gcc|make|clang|clang\+\+|.*-g\+\+|.*-gcc)(-\d+)?$/;
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

function inInstall(command: string, args: string[]) {
  const run = spawnSync(command, args, { cwd: path.join(dir, 'app'), encoding: 'utf8', env: { ...process.env, PATH: cleanPath } });
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
    const allowed = /^(package\.json|README\.md|LICENSE|binding\.gyp|dist\/(src|bench)\/.+\.(js|d\.ts)|schema\/results\.schema\.json|native\/[a-z_]+\.(cc|h)|prebuilds\/[a-z0-9]+-[a-z0-9]+\/tearlab\.node)$/;
    expect(files.filter((file) => !allowed.test(file))).toEqual([]);
  });

  it('installs with no compiler on PATH, its prebuild loading', () => {
    expect(inInstall('sh', ['-c', 'command -v g++ || command -v cc || command -v make || echo none']).stdout.trim()).toBe('none');
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
  });

  it('runs npx tearlab bench --quick and writes its results and report', () => {
    const bench = inInstall('npx', ['tearlab', 'bench', '--quick', '--out', 'results']);
    expect(bench.code, bench.stderr).toBe(0);
    const written = readdirSync(path.join(dir, 'app', 'results'));
    expect(written.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(written.filter((f) => f.endsWith('.html'))).toHaveLength(1);
  });
});
