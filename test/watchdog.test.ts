// Nothing hangs: a worker made to spin forever (a test-only fault) ends the run, naming it, after the watchdog's time.
import { describe, expect, it } from 'vitest';
import { runTearing } from 'tearlab';

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
    expect((failure as Error).message).toBe('tearlab: the run failed: writer 0 did not stop within 10 s of being told to');
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it('ends a run whose only reader takes no snapshot, naming it', async () => {
    const failure = await withFault('reader-spins', () =>
      runTearing({ mode: 'unlocked', size: 4096, iters: 20_000, writers: 1, readers: 1 }).catch((error: unknown) => error),
    );
    expect((failure as Error).message).toBe('tearlab: the run failed: reader 0 took no snapshot for 10 s');
    // The next run, without the fault, works: the failed one left nothing behind.
    expect((await runTearing({ mode: 'lock', size: 64, iters: 1000 })).snapshots).toBe(1000);
  }, 30_000);
});
