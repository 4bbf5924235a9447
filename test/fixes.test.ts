import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTearing, type ModeName } from 'tearlab';

// The stress harness: 2 writers, 2 readers of which one is deliberately slow, sizes from 64 B to 1 MiB,
// 200,000 snapshots in all per mode.
const STRESS = [
  { size: 64, iters: 100_000 },
  { size: 4096, iters: 60_000 },
  { size: 131_072, iters: 30_000 },
  { size: 1 << 20, iters: 10_000 },
];
const STRESS_SNAPSHOTS = STRESS.reduce((sum, s) => sum + s.iters, 0);
const FIXES: ModeName[] = ['lock', 'js-lock', 'double-buffer', 'seqlock'];
const TEAR_BUDGET_MS = 60_000;

function stress(mode: ModeName, size: number, iters: number) {
  return runTearing({ mode, size, iters, writers: 2, readers: 2, slowReader: true });
}

describe('every fix is tear-free under stress', () => {
  for (const mode of FIXES) {
    it(`${mode}: 0 torn over ${STRESS_SNAPSHOTS} snapshots, 64 B to 1 MiB, with a slow reader`, async () => {
      let snapshots = 0;
      for (const { size, iters } of STRESS) {
        const result = await stress(mode, size, iters);
        expect(result.torn, `${mode} at ${size} bytes`).toBe(0);
        expect(result.firstTornAt).toBeNull();
        expect(result.writes).toBeGreaterThan(0);
        snapshots += result.snapshots;
      }
      expect(snapshots).toBe(STRESS_SNAPSHOTS);
    });
  }

  it.runIf(os.availableParallelism() >= 2)('while unlocked, in the same harness, still tears', async () => {
    const deadline = Date.now() + TEAR_BUDGET_MS;
    let torn = 0;
    while (torn === 0 && Date.now() < deadline) {
      for (const { size, iters } of STRESS) {
        torn += (await stress('unlocked', size, iters)).torn;
        if (torn > 0) break;
      }
    }
    expect(torn).toBeGreaterThan(0);
  });
});

describe('the fixes count their own events', () => {
  it('a contended lock counts waits, a seqlock under constant writes retries and falls back', async () => {
    const lock = await runTearing({ mode: 'lock', size: 4096, iters: 20_000 });
    expect(lock.counters.lockWaits).toBeGreaterThan(0);
    const seqlock = await runTearing({ mode: 'seqlock', size: 131_072, iters: 5_000 });
    expect(seqlock.counters.retries).toBeGreaterThan(0);
    expect(seqlock.counters.retries).toBeGreaterThanOrEqual(seqlock.counters.fallbacks);
  });
});
