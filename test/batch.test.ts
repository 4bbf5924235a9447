// Batches: a run still ends after exactly iters snapshots or at its time budget, and says how it ran.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTearing } from 'tearlab';

const MULTICORE = os.availableParallelism() >= 2;

describe('runs in batches', () => {
  it('take exactly iters snapshots, shared among readers, in far fewer calls than copies', async () => {
    // Three readers can take a million 64-byte snapshots before the one writer is scheduled at all; a few
    // tries make sure it wrote, so that its calls can be compared with its writes.
    let result = await runTearing({ mode: 'unlocked', size: 64, iters: 1_000_003, writers: 1, readers: 3 });
    for (let attempt = 0; attempt < 10 && result.writes === 0; attempt++) {
      result = await runTearing({ mode: 'unlocked', size: 64, iters: 1_000_003, writers: 1, readers: 3 });
    }
    expect(result.writes).toBeGreaterThan(0);
    expect(result.batch).toBe('auto');
    expect(result.snapshots).toBe(1_000_003);
    expect(result.stoppedBy).toBe('iters');
    expect(result.readerCalls).toBeLessThan(result.snapshots / 10);
    expect(result.writerCalls).toBeLessThan(result.writes);
  });

  it('take exactly iters snapshots with a fixed batch that does not divide them', async () => {
    const result = await runTearing({ mode: 'double-buffer', size: 256, iters: 10_007, batch: 100, readers: 2 });
    expect(result.snapshots).toBe(10_007);
    expect(result.batch).toBe(100);
    expect(result.readerCalls).toBeGreaterThanOrEqual(Math.ceil(10_007 / 100));
  });

  it('make one call per copy with batch 1', async () => {
    const result = await runTearing({ mode: 'global-lock', size: 64, iters: 5_000, batch: 1 });
    expect(result.readerCalls).toBe(5_000);
    expect(result.writerCalls).toBe(result.writes);
  });

  for (const [mode, size, writers] of [
    ['unlocked', 64, 1],
    ['global-lock', 1 << 20, 2],
    ['seqlock', 1 << 20, 2],
  ] as const) {
    it(`honour a 300 ms time budget within 50 ms: ${mode}, ${size} bytes, ${writers} writer(s)`, async () => {
      const result = await runTearing({ mode, size, writers, readers: 1, iters: Number.MAX_SAFE_INTEGER, timeMs: 300 });
      expect(result.stoppedBy).toBe('time');
      expect(result.elapsedMs).toBeGreaterThanOrEqual(300);
      // Each worker's own clock runs from the moment all are running to the moment it stopped.
      expect(result.readerWallMs).toBeGreaterThan(200);
      expect(result.readerWallMs).toBeLessThan(350);
      expect(result.writerWallMs).toBeLessThan(350);
    });
  }

  it.runIf(MULTICORE)('tear when unlocked at 64 B, which one call per copy rarely shows (runs until the first tear)', async () => {
    const deadline = Date.now() + 30_000;
    let torn = 0;
    while (torn === 0 && Date.now() < deadline) {
      torn = (await runTearing({ mode: 'unlocked', size: 64, writers: 1, readers: 1, iters: 1_000_000, timeMs: 1_000 })).torn;
    }
    expect(torn).toBeGreaterThan(0);
  });
});

describe('runTearing rejects bad batch, placement and calibration options, naming them', () => {
  const cases: [string, unknown, ErrorConstructor, RegExp][] = [
    ['batch 0', { batch: 0 }, RangeError, /options\.batch/],
    ['batch fractional', { batch: 2.5 }, RangeError, /options\.batch/],
    ['batch a word', { batch: 'fast' }, TypeError, /options\.batch must be 'auto' or a number/],
    ['placement a number', { placement: 1 }, TypeError, /options\.placement must be a string/],
    ['placement unknown', { placement: 'everywhere' }, TypeError, /options\.placement must be none, spread, same-cpu or cpus:LIST/],
    ['placement empty list', { placement: 'cpus:' }, TypeError, /options\.placement/],
    ['placement CPU too large', { placement: 'cpus:0,5000' }, RangeError, /CPU 5000/],
    ['calibrate a string', { calibrate: 'yes' }, TypeError, /options\.calibrate must be a boolean/],
    ['calibrationPairs 2', { calibrationPairs: 2 }, RangeError, /options\.calibrationPairs/],
  ];
  for (const [name, options, errorClass, message] of cases) {
    it(name, async () => {
      await expect(runTearing(options as never)).rejects.toThrow(errorClass);
      await expect(runTearing(options as never)).rejects.toThrow(message);
    });
  }
});
