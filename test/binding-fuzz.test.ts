// Fuzzes the addon's exports with hostile arguments in a child process (a
// crash there is a failed test, not a dead test runner): a fast-check property
// run with a few seeds of 5,000 calls each. The fixture,
// test/fixtures/fuzz-binding.mjs, checks that every call returns or throws a
// TypeError or RangeError and writes no byte outside its destination; see its
// header for how.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/fuzz-binding.mjs', import.meta.url));
const SEEDS = [1, 2, 0xdecade, 20_261_122];
const CALLS_PER_SEED = 5000;

// Functions that ignore their arguments and so never throw.
const NEVER_THROW = new Set(['noop', 'takeCounters', 'allowedCpus', 'currentCpu', 'gilTake', 'gilDrop', 'gilSafePoint']);

interface FunctionStats {
  calls: number;
  returned: number;
  TypeError?: number;
  RangeError?: number;
}

interface Summary {
  seed: number;
  calls: number;
  returned: number;
  errorsByClass: Record<string, number>;
  byFunction: Record<string, FunctionStats>;
  unfuzzed: string[];
  missing: string[];
  failure: { reproduce: string; call: string; report: string } | null;
}

function fuzz(seed: number): Summary {
  const run = spawnSync(process.execPath, [FIXTURE, String(seed), String(CALLS_PER_SEED)], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const reproduce = `node test/fixtures/fuzz-binding.mjs ${seed} ${CALLS_PER_SEED} --trace`;
  const output = `stdout:\n${run.stdout}\nstderr:\n${run.stderr.slice(-4000)}`;
  expect(run.error, `could not run the fixture: ${run.error}`).toBeUndefined();
  expect(
    run.signal,
    `the fuzz run was killed by ${run.signal} (a crash, or a call that blocked until the timeout); ` +
      `its last traced call is the culprit: ${reproduce}\n${output}`,
  ).toBeNull();
  const lines = run.stdout.trim().split('\n');
  let summary: Summary;
  try {
    summary = JSON.parse(lines[lines.length - 1]) as Summary;
  } catch {
    throw new Error(`the fixture printed no summary (exit status ${run.status})\n${output}`);
  }
  expect(summary.failure, `a call broke the rule (its run replays with ${summary.failure?.reproduce})`).toBeNull();
  expect(summary.unfuzzed, 'exported functions missing from the fuzz table in the fixture').toEqual([]);
  expect(summary.missing, 'functions in the fuzz table the addon no longer exports').toEqual([]);
  expect(run.status, output).toBe(0);
  return summary;
}

describe('the addon under fuzzed arguments', () => {
  it.each(SEEDS)('seed %i: every call returns or throws TypeError/RangeError and writes only its destination', (seed) => {
    const summary = fuzz(seed);
    expect(summary.seed).toBe(seed);
    expect(summary.calls).toBe(CALLS_PER_SEED);
    expect(Object.keys(summary.errorsByClass).sort()).toEqual(['RangeError', 'TypeError']);
    // Not vacuous: all three outcomes occur, and every function both succeeded
    // and (unless it ignores its arguments) rejected something.
    expect(summary.returned).toBeGreaterThan(0);
    expect(summary.errorsByClass.TypeError).toBeGreaterThan(0);
    expect(summary.errorsByClass.RangeError).toBeGreaterThan(0);
    expect(summary.returned + summary.errorsByClass.TypeError + summary.errorsByClass.RangeError).toBe(summary.calls);
    for (const [name, stats] of Object.entries(summary.byFunction)) {
      expect(stats.returned, `${name} never returned`).toBeGreaterThan(0);
      if (!NEVER_THROW.has(name)) {
        expect((stats.TypeError ?? 0) + (stats.RangeError ?? 0), `${name} never threw`).toBeGreaterThan(0);
      }
    }
    expect(Object.keys(summary.byFunction).length).toBeGreaterThanOrEqual(21);
  });
});
