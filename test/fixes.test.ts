import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTearing, type ModeName } from 'tearlab';

// The stress harness: 2 writers, 2 readers of which one is deliberately slow, sizes from 64 B to 1 MiB,
// 200,000 snapshots in all per mode, with the addon's batch loops and with one call per copy.
const STRESS = [
  { size: 64, iters: 100_000 },
  { size: 4096, iters: 60_000 },
  { size: 131_072, iters: 30_000 },
  { size: 1 << 20, iters: 10_000 },
];
const STRESS_SNAPSHOTS = STRESS.reduce((sum, s) => sum + s.iters, 0);
/** The global lock (the GIL analogue) and every fix: none may tear. */
const TEAR_FREE: ModeName[] = ['global-lock', 'lock', 'double-buffer', 'seqlock'];
const BATCHES = ['auto', 1] as const;
const TEAR_BUDGET_MS = 60_000;

function stress(mode: ModeName, size: number, iters: number, batch: 'auto' | number) {
  return runTearing({ mode, size, iters, writers: 2, readers: 2, slowReader: true, batch });
}

const RUNS_FOR_A_WRITE = 10;

/**
 * A stress run during which the writers wrote: at 64 B the readers can take all their snapshots before either
 * writer is scheduled, which proves nothing, so such a run is repeated (a few times at most). Every run must be whole.
 */
async function stressWhileWriting(mode: ModeName, size: number, iters: number, batch: 'auto' | number) {
  for (let run = 1; ; run++) {
    const result = await stress(mode, size, iters, batch);
    expect(result.torn, `${mode} at ${size} bytes`).toBe(0);
    if (result.writes > 0 || run === RUNS_FOR_A_WRITE) return result;
  }
}

describe('the global lock and every fix are tear-free under stress, in batches and one call per copy', () => {
  for (const batch of BATCHES) {
    for (const mode of TEAR_FREE) {
      it(`${mode}, batch ${batch}: 0 torn over ${STRESS_SNAPSHOTS} snapshots, 64 B to 1 MiB, with a slow reader`, async () => {
        let snapshots = 0;
        for (const { size, iters } of STRESS) {
          const result = await stressWhileWriting(mode, size, iters, batch);
          expect(result.firstTornAt).toBeNull();
          expect(result.writes).toBeGreaterThan(0);
          expect(result.batch).toBe(batch);
          snapshots += result.snapshots;
        }
        expect(snapshots).toBe(STRESS_SNAPSHOTS);
      });
    }
  }

  it(`js-lock (a JavaScript loop, one call per copy): 0 torn over ${STRESS_SNAPSHOTS} snapshots with a slow reader`, async () => {
    let snapshots = 0;
    for (const { size, iters } of STRESS) {
      const result = await stressWhileWriting('js-lock', size, iters, 'auto');
      expect(result.writes).toBeGreaterThan(0);
      expect(result.batch).toBe(1);
      snapshots += result.snapshots;
    }
    expect(snapshots).toBe(STRESS_SNAPSHOTS);
  });

  for (const batch of BATCHES) {
    it.runIf(os.availableParallelism() >= 2)(`while unlocked, in the same harness with batch ${batch}, still tears`, async () => {
      const deadline = Date.now() + TEAR_BUDGET_MS;
      let torn = 0;
      while (torn === 0 && Date.now() < deadline) {
        for (const { size, iters } of STRESS) {
          torn += (await stress('unlocked', size, iters, batch)).torn;
          if (torn > 0) break;
        }
      }
      expect(torn).toBeGreaterThan(0);
    });
  }
});

describe('the fixes count their own events', () => {
  // Contention needs the threads to run at once, which a busy machine may not grant in one run: each
  // counter is looked for in up to ATTEMPTS runs.
  const ATTEMPTS = 20;
  async function firstRunWith<T>(run: () => Promise<T>, seen: (result: T) => boolean): Promise<T> {
    let result = await run();
    for (let attempt = 1; attempt < ATTEMPTS && !seen(result); attempt++) result = await run();
    return result;
  }

  for (const batch of BATCHES) {
    it(`batch ${batch}: a contended lock counts waits, a seqlock under constant writes retries and falls back`, async () => {
      const lock = await firstRunWith(() => runTearing({ mode: 'lock', size: 4096, iters: 20_000, batch }), (r) => r.counters.lockWaits > 0);
      expect(lock.counters.lockWaits).toBeGreaterThan(0);
      const seqlock = await firstRunWith(() => runTearing({ mode: 'seqlock', size: 131_072, iters: 5_000, batch }), (r) => r.counters.retries > 0);
      expect(seqlock.counters.retries).toBeGreaterThan(0);
      expect(seqlock.counters.retries).toBeGreaterThanOrEqual(seqlock.counters.fallbacks);
    }, 60_000);
  }
});
