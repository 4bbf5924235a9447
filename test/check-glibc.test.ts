// scripts/check-glibc.mjs, which the prebuild workflow runs to keep the Linux prebuilds loadable on glibc 2.28
// (Debian 11, Ubuntu 20.04, RHEL 8): it reads the symbol versions the addon needs as readelf does, and fails above a
// --max. Here the addon is this machine's build (glibc 2.36 needs GLIBC_2.34), so only the reading is checked against
// readelf and the bound against what was read, not the 2.28 bound itself.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINDING_PATH, ROOT } from './helpers/package.js';

const SCRIPT = path.join(ROOT, 'scripts', 'check-glibc.mjs');
const ELF = process.platform === 'linux';
const HAS_READELF = ELF && spawnSync('readelf', ['--version']).status === 0;

function check(...args: string[]) {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** readelf -V's version needs: { library: [versions] }. */
function readelfNeeds(file: string): Record<string, string[]> {
  const text = spawnSync('readelf', ['-V', '-W', file], { encoding: 'utf8' }).stdout;
  const needs: Record<string, string[]> = {};
  let library = '';
  for (const line of text.slice(text.indexOf(".gnu.version_r'")).split('\n')) {
    const file = / File: (\S+)/.exec(line);
    const name = / Name: (\S+)/.exec(line);
    if (file) needs[(library = file[1])] = [];
    else if (name) needs[library].push(name[1]);
  }
  return needs;
}

describe.runIf(ELF)('scripts/check-glibc.mjs on the addon (Linux: an ELF file)', () => {
  const [report] = JSON.parse(check('--json', BINDING_PATH).stdout) as { needs: Record<string, string[]>; highest: Record<string, string>; tooNew: string[] }[];

  it.runIf(HAS_READELF)('reads the same version needs as readelf -V', () => {
    const expected = readelfNeeds(BINDING_PATH);
    expect(Object.keys(expected)).toContain('libc.so.6');
    expect(Object.fromEntries(Object.entries(report.needs).map(([lib, versions]) => [lib, [...versions].sort()]))).toEqual(
      Object.fromEntries(Object.entries(expected).map(([lib, versions]) => [lib, [...versions].sort()])),
    );
  });

  it('orders the versions numerically and names the highest of each family', () => {
    const glibc = report.needs['libc.so.6'].filter((v) => v.startsWith('GLIBC_'));
    const numbers = glibc.map((v) => v.slice('GLIBC_'.length).split('.').map(Number));
    const before = (a: number[], b: number[]) => {
      for (let j = 0; j < Math.max(a.length, b.length); j++) if ((a[j] ?? -1) !== (b[j] ?? -1)) return (a[j] ?? -1) < (b[j] ?? -1);
      return false;
    };
    for (let i = 1; i < numbers.length; i++) expect(before(numbers[i - 1], numbers[i]), glibc.join(' ')).toBe(true);
    expect(report.highest.GLIBC).toBe(glibc.at(-1));
    expect(report.tooNew).toEqual([]);
  });

  it('passes at the highest GLIBC the addon needs, and fails below it naming what is too new', () => {
    const highest = report.highest.GLIBC;
    expect(check('--max', highest, BINDING_PATH).code).toBe(0);
    const below = check('--max', 'GLIBC_2.0', BINDING_PATH);
    expect(below.code).toBe(1);
    expect(below.stderr).toContain(`needs ${highest} (above GLIBC_2.0)`);
  });

  it('refuses a file that is not ELF, and a --max that is not a version', () => {
    expect(check(path.join(ROOT, 'package.json')).code).toBe(2);
    expect(check('--max', '2.28', BINDING_PATH).stderr).toMatch(/--max takes a version such as GLIBC_2.28/);
  });
});
