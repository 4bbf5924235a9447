// Nothing hangs: a worker made to spin forever, never reach the start barrier, or exit (test-only faults,
// src/fault.ts) ends the run, naming it: at once when it exits, after the watchdog's time otherwise. The same for
// the scenarios' workers, including one that spins holding the GIL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The watchdog's time, shortened for this file (src/watchdog.ts reads it when first imported).
const WATCHDOG_MS = 3000;
process.env.TEARLAB_WATCHDOG_MS = String(WATCHDOG_MS);
const { runScenario, runTearing } = await import('tearlab');
const { runNativeThreads } = await import('../dist/src/native-run.js');
const { resolveOptions } = await import('../dist/src/options.js');
const { planPlacement } = await import('../dist/src/placement.js');

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

async function withFault<T>(fault: string, run: () => Promise<T>): Promise<T> {
  process.env.TEARLAB_FAULT = fault;
  try {
    return await run();
  } finally {
    delete process.env.TEARLAB_FAULT;
  }
}

describe('the watchdog', () => {
  it('ends a run whose writer does not stop when told to, naming it', async () => {
    const started = performance.now();
    const failure = await withFault('writer-spins', () =>
      runTearing({ mode: 'lock', size: 4096, iters: 1e12, timeMs: 200, writers: 2, readers: 1 }).catch((error: unknown) => error),
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('tearlab: the run failed: writer 0 did not stop within 3 s of being told to');
    expect(performance.now() - started).toBeLessThan(3 * WATCHDOG_MS);
  }, 30_000);

  it('ends a run whose only reader takes no snapshot, naming it', async () => {
    const failure = await withFault('reader-spins', () =>
      runTearing({ mode: 'unlocked', size: 4096, iters: 20_000, writers: 1, readers: 1 }).catch((error: unknown) => error),
    );
    expect((failure as Error).message).toBe('tearlab: the run failed: reader 0 took no snapshot for 3 s');
    // The next run, without the fault, works: the failed one left nothing behind.
    expect((await runTearing({ mode: 'lock', size: 64, iters: 1000 })).snapshots).toBe(1000);
  }, 30_000);

  it('ends a run in which one reader takes no snapshot while another goes on, naming it', async () => {
    const failure = await withFault('reader-spins', () =>
      runTearing({ mode: 'lock', size: 64, iters: 1e12, timeMs: 60_000, writers: 1, readers: 2 }).catch((error: unknown) => error),
    );
    expect((failure as Error).message).toBe('tearlab: the run failed: reader 0 took no snapshot for 3 s');
  }, 30_000);

  it('ends a run whose writer never reaches the start barrier, and the workers waiting there are let go', async () => {
    const started = performance.now();
    const failure = await withFault('writer-misses-barrier', () =>
      runTearing({ mode: 'unlocked', size: 64, iters: 1000, writers: 2, readers: 2 }).catch((error: unknown) => error),
    );
    expect((failure as Error).message).toBe('tearlab: the run failed: the workers did not all reach the start barrier within 3 s');
    expect(performance.now() - started).toBeLessThan(3 * WATCHDOG_MS);
    expect((await runTearing({ mode: 'lock', size: 64, iters: 1000, writers: 2, readers: 2 })).snapshots).toBe(1000);
  }, 30_000);

  it('ends a run at once when a worker exits before the start barrier, naming it and its exit code', async () => {
    const started = performance.now();
    const failure = await withFault('reader-exits', () =>
      runTearing({ mode: 'seqlock', size: 64, iters: 1000, writers: 1, readers: 2 }).catch((error: unknown) => error),
    );
    expect((failure as Error).message).toBe('tearlab: reader 0 exited with code 3 before reporting');
    // Reported by the worker's exit event, not by the watchdog.
    expect(performance.now() - started).toBeLessThan(WATCHDOG_MS);
    expect((await runTearing({ mode: 'seqlock', size: 64, iters: 1000, writers: 1, readers: 2 })).snapshots).toBe(1000);
  }, 30_000);

  it.each(['soon', '0', '-5', '', 'Infinity'])('refuses TEARLAB_WATCHDOG_MS=%j, which would turn the watchdog off, before any worker starts', async (setting) => {
    process.env.TEARLAB_WATCHDOG_MS = setting;
    try {
      await expect(runTearing({ mode: 'lock', size: 64, iters: 1000 })).rejects.toThrow(
        new RangeError(`TEARLAB_WATCHDOG_MS must be a positive number of milliseconds, got ${JSON.stringify(setting)}`),
      );
    } finally {
      process.env.TEARLAB_WATCHDOG_MS = String(WATCHDOG_MS);
    }
  });

  it('ends a native run that has not ended within its budget and the watchdog\'s time, naming it', async () => {
    // Native threads stop only through the stop word, and nothing in the addon makes them ignore it; so the
    // main thread is kept busy past both the budget and the bound: when its timers run again, the bound's
    // fires in the same turn as the budget's, before the threads can have ended.
    const options = resolveOptions({ mode: 'unlocked', size: 64, writers: 1, readers: 1, iters: Number.MAX_SAFE_INTEGER, timeMs: 50 });
    const plan = planPlacement(options.placement, null, 1, 1);
    process.env.TEARLAB_WATCHDOG_MS = '100';
    try {
      const pending = runNativeThreads('unlocked', options, plan).catch((error: unknown) => error);
      const busyUntil = performance.now() + 400;
      while (performance.now() < busyUntil);
      const failure = await pending;
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toBe(
        'tearlab: the native run of unlocked (64 bytes, 1w+1r) did not end within its budget of 50 ms and the watchdog\'s 100 ms; it was told to stop',
      );
      // The next run, left to its budget, works.
      const { figures } = await runNativeThreads('unlocked', options, plan);
      expect(figures.snapshots).toBeGreaterThan(0);
    } finally {
      process.env.TEARLAB_WATCHDOG_MS = String(WATCHDOG_MS);
    }
  });

  it('keeps, in the results file, the points measured before a run that failed', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tearlab-watchdog-')), 'out.json');
    const run = spawnSync(process.execPath, [CLI, 'run', '--mode', 'lock', '--size', '64,4096', '--iters', '2000', '--json', file], {
      encoding: 'utf8',
      env: { ...process.env, TEARLAB_FAULT: 'writer-spins', TEARLAB_FAULT_SIZE: '4096', TEARLAB_WATCHDOG_MS: String(WATCHDOG_MS) },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^tearlab: unexpected error\nError: tearlab: the run failed: writer 0 did not stop within 3 s of being told to\n/);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.partial).toBe(true);
    expect(written.cells.map((c: { size: number }) => c.size)).toEqual([64]);
    expect(written.failure).toMatchObject({
      stage: 'mode=lock size=4096 offset=0 trial=1',
      message: 'tearlab: the run failed: writer 0 did not stop within 3 s of being told to',
    });
    expect(written.failure.stack).toMatch(/^Error: tearlab: the run failed: writer 0 did not stop within 3 s of being told to\n\s+at /);
  }, 30_000);
});

describe('the watchdog of the scenarios', () => {
  it('ends a scenario whose writing worker spins, naming it, while its checker goes on checking', async () => {
    const started = performance.now();
    const failure = await withFault('scenario-spins', () => runScenario({ scenario: 'pair', iters: 1_000_000 }).catch((error: unknown) => error));
    expect((failure as Error).message).toBe('tearlab: the run failed: mover 0 made no progress for 3 s');
    expect(performance.now() - started).toBeLessThan(3 * WATCHDOG_MS);
    expect((await runScenario({ scenario: 'pair', variant: 'lock', iters: 10_000 })).count).toBe(0);
  }, 30_000);

  it('ends a gil scenario whose worker holds the GIL and never drops it, naming it', async () => {
    const started = performance.now();
    const failure = await withFault('scenario-spins', () => runScenario({ scenario: 'parity', variant: 'gil', iters: 1_000_000 }).catch((error: unknown) => error));
    // The checker, waiting for the GIL, stalls too: named with the writer unless it was seen progressing a check later.
    expect((failure as Error).message).toMatch(/^tearlab: the run failed: writer 0(, checker 1)? made no progress for 3 s$/);
    expect(performance.now() - started).toBeLessThan(3 * WATCHDOG_MS);
    // The GIL was let go when the spinning worker was terminated: the next gil run does every round (its checker
    // may do no check at all, if the writer finishes before the checker is first handed the GIL).
    const next = await runScenario({ scenario: 'parity', variant: 'gil', iters: 10_000 });
    expect(next.stoppedBy).toBe('iters');
    expect(next.rounds).toBe(10_000);
  }, 30_000);

  it('ends a scenario whose worker does not stop when the run is aborted, naming it', async () => {
    const controller = new AbortController();
    const failure = await withFault('scenario-spins', () => {
      const run = runScenario({ scenario: 'counter', variant: 'atomic', iters: 1_000_000, workers: 3, signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      return run.catch((error: unknown) => error);
    });
    expect((failure as Error).message).toBe('tearlab: the run failed: incrementer 0 did not stop within 3 s of being told to');
  }, 30_000);

  it('ends a scenario whose worker never reaches the start barrier, or at once one whose worker exits', async () => {
    const missed = await withFault('scenario-misses-barrier', () => runScenario({ scenario: 'counter', iters: 1000 }).catch((error: unknown) => error));
    expect((missed as Error).message).toBe('tearlab: the run failed: the workers did not all reach the start barrier within 3 s');
    const started = performance.now();
    const exited = await withFault('scenario-exits', () => runScenario({ scenario: 'parity', iters: 1000 }).catch((error: unknown) => error));
    expect((exited as Error).message).toBe('tearlab: writer 0 exited with code 3 before reporting');
    expect(performance.now() - started).toBeLessThan(WATCHDOG_MS);
  }, 30_000);
});
