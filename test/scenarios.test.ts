// The blog posts' other races (src/scenarios/): every fix (and the global lock around each compound step) counts
// nothing over a large fixed count, every racy form shows its race on 2 or more cores (looked for in a bounded
// number of runs), and bad input is refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveScenario, runScenario, type ScenarioResult } from 'tearlab';
import { parseScenarioArgs } from '../dist/src/scenarios/scenario-command.js';
import { UsageError } from '../dist/src/parse.js';
import { readResultsFile } from '../dist/src/results-file.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const MULTICORE = os.availableParallelism() >= 2;
const ATTEMPTS = 20;
const MAX_ITERS = 100_000_000;

async function untilSeen(run: () => Promise<ScenarioResult>, seen: (r: ScenarioResult) => boolean): Promise<ScenarioResult> {
  let result = await run();
  for (let attempt = 1; attempt < ATTEMPTS && !seen(result); attempt++) result = await run();
  return result;
}

describe('the fixes count nothing', () => {
  it.each([
    ['pair', 'global-lock'], ['pair', 'lock'], ['pair', 'publish'],
    ['counter', 'global-lock'], ['counter', 'lock'], ['counter', 'atomic'],
    ['parity', 'global-lock'], ['parity', 'lock'], ['parity', 'atomic'],
  ] as const)('%s, %s: 0 over 200,000 rounds', async (scenario, variant) => {
    const result = await runScenario({ scenario, variant, iters: 200_000 });
    expect(result.count).toBe(0);
    if (scenario === 'counter') expect(result.figures).toMatchObject({ expected: 400_000, actual: 400_000, duplicate_ids: 0 });
    if (scenario === 'pair') expect(result.figures.passes).toBeGreaterThan(0);
    if (scenario === 'parity') expect(result.figures.checks_before_first_odd).toBe(-1);
  });
});

describe.runIf(MULTICORE)('the racy forms race', () => {
  it('pair: the checker sees a half-updated pair, at one torn moment or more', async () => {
    const result = await untilSeen(() => runScenario({ scenario: 'pair', iters: 100_000 }), (r) => r.count > 0);
    expect(result.count).toBeGreaterThan(0);
    expect(result.figures.torn_moments).toBeGreaterThan(0);
    expect(result.figures.torn_moments).toBeLessThanOrEqual(result.count);
  });

  it('counter: updates are lost and request ids handed out twice; expected - actual is what was lost', async () => {
    const result = await untilSeen(() => runScenario({ scenario: 'counter', iters: 100_000 }), (r) => r.count > 0 && r.figures.duplicate_ids > 0);
    expect(result.count).toBeGreaterThan(0);
    expect(result.count).toBe(result.figures.expected - result.figures.actual);
    expect(result.figures.duplicate_ids).toBeGreaterThan(0);
  });

  it('parity: the checker sees an odd length, after some number of even ones', async () => {
    const result = await untilSeen(() => runScenario({ scenario: 'parity', iters: 100_000 }), (r) => r.count > 0);
    expect(result.count).toBeGreaterThan(0);
    expect(result.figures.checks_before_first_odd).toBeGreaterThanOrEqual(0);
    expect(result.figures.checks_before_first_odd).toBeLessThan(result.figures.checks);
  });
});

describe.runIf(MULTICORE)('under the GIL, with a safe point after every load and store', () => {
  it('parity and counter still race: the GIL keeps each load and store whole, not the sequence of them', async () => {
    const parity = await untilSeen(() => runScenario({ scenario: 'parity', variant: 'gil', iters: 200_000, switchIntervalMs: 0.05 }), (r) => r.count > 0);
    expect(parity.count).toBeGreaterThan(0);
    expect(parity.options.switchIntervalMs).toBe(0.05);
    const counter = await untilSeen(() => runScenario({ scenario: 'counter', variant: 'gil', iters: 200_000, switchIntervalMs: 0.05 }), (r) => r.count > 0);
    expect(counter.count).toBe(counter.figures.expected - counter.figures.actual);
    expect(counter.count).toBeGreaterThan(0);
  });
});

describe('stopping a scenario', () => {
  it('an abort stops its workers; the counts are those of the rounds done, stoppedBy signal', async () => {
    const controller = new AbortController();
    const run = runScenario({ scenario: 'counter', variant: 'atomic', iters: MAX_ITERS, workers: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const result = await run;
    expect(result.stoppedBy).toBe('signal');
    expect(result.rounds).toBeGreaterThan(0);
    expect(result.rounds).toBeLessThan(2 * MAX_ITERS);
    expect(result.figures.expected).toBe(result.rounds);
    // The fix still counts nothing: nothing is lost over the rounds the workers did.
    expect(result).toMatchObject({ count: 0, figures: { actual: result.figures.expected, ids: result.figures.expected, duplicate_ids: 0 } });
  });

  it('a run that is not stopped did all its rounds', async () => {
    const result = await runScenario({ scenario: 'parity', variant: 'atomic', iters: 1000, signal: new AbortController().signal });
    expect(result).toMatchObject({ stoppedBy: 'iters', rounds: 1000 });
  });

  it('a signal aborted before the start: no round is done', async () => {
    const result = await runScenario({ scenario: 'counter', variant: 'lock', iters: MAX_ITERS, signal: AbortSignal.abort() });
    expect(result).toMatchObject({ stoppedBy: 'signal', rounds: 0, count: 0, figures: { expected: 0, actual: 0 } });
  });
});

describe('scenario input', () => {
  it('refuses a scenario, variant or number that is not one, naming it', () => {
    expect(() => resolveScenario({ scenario: 'pairs' as never })).toThrow(/^options\.scenario must be one of 'pair', 'counter', 'parity'/);
    expect(() => resolveScenario({ scenario: 'pair', variant: 'atomic' })).toThrow(new TypeError("options.variant must be one of 'unlocked', 'global-lock', 'gil', 'lock', 'publish' for pair, got \"atomic\""));
    expect(() => resolveScenario({ scenario: 'counter', workers: 0 })).toThrow(RangeError);
    expect(() => resolveScenario({ scenario: 'counter', iters: 1.5 })).toThrow(/options\.iters/);
    expect(() => resolveScenario({ scenario: 'pair', widen: 1 as never })).toThrow(TypeError);
    expect(() => resolveScenario({ scenario: 'pair', time: 1 } as never)).toThrow(/options\.time is not an option/);
    expect(() => resolveScenario({ scenario: 'parity', switchIntervalMs: 0 })).toThrow(/options\.switchIntervalMs/);
    expect(() => resolveScenario({ scenario: 'parity', signal: 'stop' as never })).toThrow(new TypeError('options.signal must be an AbortSignal, got "stop"'));
    expect(resolveScenario({ scenario: 'pair' })).toEqual({ scenario: 'pair', variant: 'unlocked', iters: 1_000_000, widen: false, workIters: 10, workers: 2, switchIntervalMs: 5 });
  });

  it('the CLI: every variant without --mode, one with it, and one-line usage errors', () => {
    expect(parseScenarioArgs(['--scenario', 'parity'])).toMatchObject({ variants: ['unlocked', 'global-lock', 'gil', 'lock', 'atomic'] });
    expect(parseScenarioArgs(['--scenario', 'parity', '--mode', 'gil', '--switch-interval', '1us'])).toMatchObject({ variants: ['gil'], switchIntervalMs: 0.001 });
    expect(parseScenarioArgs(['--scenario', 'pair', '--mode', 'publish', '--widen', '--work-iters', '50'])).toMatchObject({ variants: ['publish'], widen: true, workIters: 50 });
    for (const args of [['--scenario', 'nope'], ['--scenario', 'pair', '--mode', 'atomic'], ['--scenario', 'counter', '--workers', '0'], ['--scenario', 'pair', '--size', '64']]) {
      expect(() => parseScenarioArgs(args)).toThrow(UsageError);
    }
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tearlab-scenario-')), 'counter.json');
    const run = spawnSync(process.execPath, [CLI, 'run', '--scenario', 'counter', '--iters', '20000', '--json', file], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Scenario counter: /);
    expect(lines.slice(1).map((line) => line.split(' ')[0])).toEqual(['mode=unlocked', 'mode=global-lock', 'mode=gil', 'mode=lock', 'mode=atomic']);
    for (const line of lines.slice(1)) {
      expect(line).toMatch(/^mode=\S+ scenario=counter lost=\d+ expected=40000 actual=\d+ ids=40000 duplicate_ids=\d+ iters=20000 elapsed_s=[\d.]+ workers=2( switch_interval_ms=5)?$/);
    }
  });

  it('--json writes the runs into a results file that validates, one entry per variant', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tearlab-scenario-')), 'parity.json');
    const run = spawnSync(process.execPath, [CLI, 'run', '--scenario', 'parity', '--iters', '20000', '--json', file], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const results = await readResultsFile(file);
    expect(results.cells).toEqual([]);
    expect(results.scenarios!.map((s) => [s.scenario, s.variant, s.countName])).toEqual(
      ['unlocked', 'global-lock', 'gil', 'lock', 'atomic'].map((variant) => ['parity', variant, 'odd']),
    );
    for (const s of results.scenarios!.filter((r) => r.variant === 'lock' || r.variant === 'atomic' || r.variant === 'global-lock')) expect(s.count).toBe(0);
  });
});
