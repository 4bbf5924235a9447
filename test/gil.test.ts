// The modes under a CPython-style GIL (native/gil.h): gil copies holding it and never tears, in any layout and
// either loop, while the workers hand it over (switches counted); gil-released drops it around the copy and tears
// (looked for in a bounded number of runs); a worker terminated while it holds the GIL does not strand the others;
// the switch interval's option and flag.
import os from 'node:os';
import { describe, expect, it } from 'vitest';

// The watchdog's time, shortened for the stranded-worker test (src/watchdog.ts reads it when first imported, so
// everything that loads it is imported after this).
const WATCHDOG_MS = 3000;
process.env.TEARLAB_WATCHDOG_MS = String(WATCHDOG_MS);
const { runTearing } = await import('tearlab');
const { resolveOptions } = await import('../dist/src/options.js');
const { parseRun } = await import('../dist/src/run-command.js');
const { UsageError } = await import('../dist/src/parse.js');

const MULTICORE = os.availableParallelism() >= 2;

describe('gil', () => {
  for (const [writers, readers] of [[1, 1], [2, 1], [2, 2]]) {
    for (const batch of ['auto', 1] as const) {
      it(`never tears a copy, ${writers}w+${readers}r, batch ${batch}, and the workers switch`, async () => {
        const result = await runTearing({ mode: 'gil', size: 4096, writers, readers, iters: 20_000, batch });
        expect(result.torn).toBe(0);
        expect(result.snapshots).toBe(20_000);
        expect(result.counters.gilSwitches).toBeGreaterThan(0);
        expect(result.switchIntervalMs).toBe(5);
      });
    }
  }

  it('hands the GIL over on request: with a 1 µs interval, drop requests and forced switches are counted', async () => {
    const result = await runTearing({ mode: 'gil', size: 65_536, writers: 1, readers: 1, iters: 1e12, timeMs: 200, switchIntervalMs: 0.001 });
    expect(result.torn).toBe(0);
    expect(result.counters.gilDropRequests).toBeGreaterThan(0);
    expect(result.counters.gilForcedSwitches).toBeGreaterThan(0);
    expect(result.switchIntervalMs).toBe(0.001);
  });
});

describe('gil-released', () => {
  it.runIf(MULTICORE)('tears in the Python experiment\'s 2 writers + 1 reader (runs until it does, at most 30 times)', async () => {
    let torn = 0;
    for (let attempt = 0; attempt < 30 && torn === 0; attempt++) {
      torn = (await runTearing({ mode: 'gil-released', size: 131_072, iters: 5_000 })).torn;
    }
    expect(torn).toBeGreaterThan(0);
  });
});

describe('a worker that ends holding the GIL', () => {
  it('releases it when terminated: the run is ended by the watchdog, and the next run under the GIL completes', async () => {
    process.env.TEARLAB_FAULT = 'writer-spins';
    let failure: unknown;
    try {
      failure = await runTearing({ mode: 'gil', size: 4096, writers: 1, readers: 1, iters: 1e12, timeMs: 200 }).catch((error: unknown) => error);
    } finally {
      delete process.env.TEARLAB_FAULT;
    }
    // Writer 0 spins in JavaScript holding the GIL, so the reader never gets it: neither stops when told to.
    expect((failure as Error).message).toBe('tearlab: the run failed: writer 0, reader 0 did not stop within 3 s of being told to');
    const next = await runTearing({ mode: 'gil', size: 4096, writers: 1, readers: 1, iters: 5_000 });
    expect(next.snapshots).toBe(5_000);
  }, 30_000);
});

describe('the switch interval', () => {
  it('is 5 ms by default, clamped up to 1 µs, and refused when not a positive number of milliseconds', () => {
    expect(resolveOptions({ mode: 'gil' }).switchIntervalMs).toBe(5);
    expect(resolveOptions({ mode: 'gil', switchIntervalMs: 1e-6 }).switchIntervalMs).toBe(0.001);
    expect(() => resolveOptions({ switchIntervalMs: '5' as never })).toThrow(new TypeError('options.switchIntervalMs must be a number, got "5"'));
    for (const bad of [0, -1, NaN, Infinity, 2e6]) expect(() => resolveOptions({ switchIntervalMs: bad })).toThrow(RangeError);
  });

  it('--switch-interval takes a duration down to 1us; anything else is a usage error', () => {
    const parsed = (text: string) => (parseRun(['--mode', 'gil', '--switch-interval', text], {}) as { switchIntervalMs: number }).switchIntervalMs;
    expect(parsed('1us')).toBe(0.001);
    expect(parsed('5ms')).toBe(5);
    expect(parsed('0.5s')).toBe(500);
    for (const bad of ['0', 'abc', '-1ms', '2000s']) expect(() => parsed(bad)).toThrow(UsageError);
  });
});
