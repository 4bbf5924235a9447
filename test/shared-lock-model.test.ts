// Model-checks native/shared_lock.cc's protocol with Spin: every interleaving of 3 threads.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const MODEL = fileURLToPath(new URL('../native/model/shared_lock.pml', import.meta.url));
const HAS_SPIN = spawnSync('spin', ['-V']).status === 0 && spawnSync('cc', ['--version']).status === 0;
const workDirs: string[] = [];

/** Runs Spin's exhaustive breadth-first search; returns the verifier's report. */
function verify(defines: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-spin-'));
  workDirs.push(dir);
  execFileSync('spin', [...defines, '-a', MODEL], { cwd: dir });
  execFileSync('cc', ['-O2', '-DSAFETY', '-DBFS', '-DCOLLAPSE', '-o', 'pan', 'pan.c'], { cwd: dir });
  const run = spawnSync('./pan', [], { cwd: dir, encoding: 'utf8' });
  return run.stdout + run.stderr;
}

function errors(report: string): number {
  const match = /errors: (\d+)/.exec(report);
  if (!match) throw new Error(`no verdict in Spin's report:\n${report}`);
  return Number(match[1]);
}

afterAll(() => {
  for (const dir of workDirs) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(HAS_SPIN)('the shared lock, model-checked with Spin', () => {
  it('keeps 3 threads out of each other and never leaves them all asleep, in every interleaving', () => {
    const report = verify(['-DN=3']);
    expect(errors(report), report).toBe(0);
    expect(report).toMatch(/assertion violations\s+\+/);
    expect(report).toMatch(/invalid end states\s+\+/);
    const states = Number(/(\d+) states, stored/.exec(report)?.[1]);
    expect(states).toBeGreaterThan(1_000_000);
  }, 300_000);

  it('finds the lost wake-up of waking one sleeper while a waiter starves', () => {
    const report = verify(['-DN=3', '-DLOST_WAKEUP_BUG']);
    expect(errors(report)).toBeGreaterThan(0);
    expect(report).toMatch(/invalid end state/);
  }, 300_000);
});
