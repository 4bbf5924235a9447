// Resources: many calls and many runs do not make the process grow, and workers come and go while the main
// thread keeps the addon loaded.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { classify, memcpy, runTearing } from 'tearlab';

const MiB = 2 ** 20;
const FIXTURE = new URL('./fixtures/copy-in-worker.mjs', import.meta.url);

/** Resident memory after a collection where the test process allows one (vitest runs without --expose-gc). */
function rss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
}

describe('resources', () => {
  it('a million memcpy calls leave the resident memory where it was', () => {
    const dst = new Uint8Array(new SharedArrayBuffer(64));
    const src = new Uint8Array(64).fill(0x41);
    for (let i = 0; i < 100_000; i++) memcpy(dst, src, 64);
    const before = rss();
    for (let i = 0; i < 1_000_000; i++) memcpy(dst, src, 64);
    expect(classify(dst)).toBe(0x41);
    // A leak of one byte per call would be about 1 MiB; of one small object per call, tens of MiB.
    expect(rss() - before).toBeLessThan(8 * MiB);
  });

  it('100 runs back to back leave the resident memory nearly where it was', async () => {
    for (let i = 0; i < 5; i++) await runTearing({ mode: 'lock', size: 4096, iters: 2000 });
    const before = rss();
    for (let i = 0; i < 100; i++) {
      const result = await runTearing({ mode: i % 2 === 0 ? 'unlocked' : 'lock', size: 4096, iters: 2000 });
      expect(result.snapshots).toBe(2000);
    }
    // Each run allocates its shared memory and three workers; a worker kept alive costs several MiB, so 100
    // leaked runs would add hundreds. 6 MiB of growth was measured here.
    expect(rss() - before).toBeLessThan(48 * MiB);
  }, 60_000);

  it('50 workers, one after another, load and use the addon while the main thread keeps it loaded', async () => {
    memcpy(new Uint8Array(8), new Uint8Array(8), 8);
    for (let i = 0; i < 50; i++) {
      const worker = new Worker(FIXTURE);
      const report = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      expect(report).toEqual({ locked: 0x5a, unlocked: 0x33, error: 'RangeError' });
      await worker.terminate();
    }
    expect(classify(Uint8Array.of(7, 7, 7))).toBe(7);
  }, 60_000);
});
