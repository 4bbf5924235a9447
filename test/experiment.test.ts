import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTearing } from 'tearlab';

const MULTICORE = os.availableParallelism() >= 2;
const TEAR_BUDGET_MS = 30_000;

describe('runTearing', () => {
  it('global-lock never tears: 0 torn over 100,000 snapshots of 128 KiB', async () => {
    const result = await runTearing({ mode: 'global-lock', iters: 100_000 });
    expect(result.snapshots).toBe(100_000);
    expect(result.torn).toBe(0);
    expect(result.firstTornAt).toBeNull();
    expect(result.tornPerSecond).toBe(0);
    expect(result.writes).toBeGreaterThan(0);
    expect(result.stoppedBy).toBe('iters');
  });

  it('pydll is global-lock and cdll is unlocked', async () => {
    expect((await runTearing({ mode: 'pydll', iters: 100 })).mode).toBe('global-lock');
    expect((await runTearing({ mode: 'cdll', iters: 100 })).mode).toBe('unlocked');
  });

  it.runIf(MULTICORE)('unlocked tears on a multicore machine (runs until the first tear or the budget ends)', async () => {
    const deadline = Date.now() + TEAR_BUDGET_MS;
    let torn = 0;
    let last;
    while (torn === 0 && Date.now() < deadline) {
      last = await runTearing({ mode: 'unlocked', writers: 1, readers: 1, iters: 20_000, timeMs: 2_000 });
      torn = last.torn;
    }
    expect(torn).toBeGreaterThan(0);
    expect(last!.firstTornAt).not.toBeNull();
    expect(last!.tornFraction).toBeCloseTo(last!.torn / last!.snapshots, 12);
    expect(last!.tornPerSecond).toBeCloseTo((last!.torn * 1000) / last!.readerWallMs, 6);
  });

  it('shares iters among readers and carries the environment', async () => {
    const result = await runTearing({ mode: 'global-lock', size: 1000, iters: 1001, writers: 3, readers: 3 });
    expect(result).toMatchObject({ mode: 'global-lock', size: 1000, writers: 3, readers: 3, snapshots: 1001, torn: 0 });
    expect(result.environment.logicalCores).toBe(os.availableParallelism());
    expect(result.environment.node).toBe(process.version);
    expect(result.environment.napi).toBe(process.versions.napi);
    expect(result.environment.cpuModel.length).toBeGreaterThan(0);
  });

  it('stops at the time budget when iters would take longer', async () => {
    const result = await runTearing({ mode: 'global-lock', size: 64, iters: Number.MAX_SAFE_INTEGER, timeMs: 300 });
    expect(result.stoppedBy).toBe('time');
    expect(result.snapshots).toBeGreaterThan(0);
    expect(result.snapshots).toBeLessThan(Number.MAX_SAFE_INTEGER);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(290);
  });

  it('stops when its signal aborts, keeping what was measured', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await runTearing({ mode: 'lock', size: 4096, iters: 1e12, timeMs: 60_000, signal: controller.signal });
    expect(result.stoppedBy).toBe('signal');
    expect(result.snapshots).toBeGreaterThan(0);
    expect(result.elapsedMs).toBeLessThan(30_000);
    // Already aborted: it stops at once.
    expect((await runTearing({ mode: 'lock', size: 64, iters: 1e12, signal: AbortSignal.abort() })).stoppedBy).toBe('signal');
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await runTearing({ mode: 'global-lock', size: 64, iters: 1e12, timeMs: 800, onProgress: (done) => seen.push(done) });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)).toBeGreaterThan(0);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

describe('runTearing rejects bad options, naming them', () => {
  const cases: [string, unknown, ErrorConstructor, RegExp][] = [
    ['options not an object', 5, TypeError, /options must be an object/],
    ['unknown mode', { mode: 'nogil' }, TypeError, /options\.mode/],
    ['size a string', { size: '8' }, TypeError, /options\.size must be a number/],
    ['size 0', { size: 0 }, RangeError, /options\.size/],
    ['size fractional', { size: 1.5 }, RangeError, /options\.size/],
    ['iters negative', { iters: -1 }, RangeError, /options\.iters/],
    ['writers 0', { writers: 0 }, RangeError, /options\.writers/],
    ['readers 65', { readers: 65 }, RangeError, /options\.readers/],
    ['timeMs 0', { timeMs: 0 }, RangeError, /options\.timeMs/],
    ['timeMs a string', { timeMs: '1s' }, TypeError, /options\.timeMs/],
    ['slowReader a number', { slowReader: 1 }, TypeError, /options\.slowReader/],
    ['timeMs beyond what a timer can wait', { timeMs: 2 ** 31 }, RangeError, /^options\.timeMs must be more than 0 and at most 2147483647 milliseconds, got 2147483648$/],
    ['timeMs infinite', { timeMs: Infinity }, RangeError, /options\.timeMs/],
    ['an unknown key (time for timeMs)', { time: 2000 }, TypeError, /^options\.time is not an option \(options are mode, size, offset, iters, timeMs, /],
    ['a misspelt key', { writer: 1 }, TypeError, /^options\.writer is not an option/],
    ['signal not an AbortSignal', { signal: {} }, TypeError, /^options\.signal must be an AbortSignal/],
  ];
  for (const [name, options, errorClass, message] of cases) {
    it(name, async () => {
      await expect(runTearing(options as never)).rejects.toThrow(errorClass);
      await expect(runTearing(options as never)).rejects.toThrow(message);
    });
  }
});
