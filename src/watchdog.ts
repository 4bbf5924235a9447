// The watchdog of a JavaScript-driven run: nothing may hang. A run fails, naming the worker, when the workers
// have not all reached the start barrier, when no reader has taken a snapshot, or when a worker has not
// stopped, for WATCHDOG_MS (a worker that throws or exits is reported at once by its own events).
// TEARLAB_WATCHDOG_MS shortens it for the tests that wait for it, never otherwise.
export const WATCHDOG_MS = Number(process.env.TEARLAB_WATCHDOG_MS ?? 10_000);
const CHECK_EVERY_MS = 500;

export interface WatchedRun {
  /** 'writer 0', 'reader 1', ...: every worker, in the order of `reported`. */
  names: readonly string[];
  reported: readonly boolean[];
  readerNames: readonly string[];
  /** Each reader's snapshots so far. */
  progress: () => number[];
  /** When the workers were told to stop, or null. */
  stoppedAt: () => number | null;
  opened: () => boolean;
  stop: () => void;
}

export interface Watchdog {
  /** Rejects with the reason the run failed; never resolves. */
  failed: Promise<never>;
  dispose(): void;
}

export function startWatchdog(run: WatchedRun): Watchdog {
  let fail!: (error: Error) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  // Only a rejection that is raced matters; one after the run ended must not surface as unhandled.
  failed.catch(() => undefined);
  const started = performance.now();
  let lastProgress = run.progress();
  let lastChange = started;
  const timer = setInterval(() => {
    const now = performance.now();
    const stoppedAt = run.stoppedAt();
    const progress = run.progress();
    if (progress.some((count, i) => count !== lastProgress[i])) lastChange = now;
    let problem: string | null = null;
    if (!run.opened() && now - started > WATCHDOG_MS) {
      problem = `the workers did not all reach the start barrier within ${WATCHDOG_MS / 1000} s`;
    } else if (stoppedAt !== null && now - stoppedAt > WATCHDOG_MS) {
      const late = run.names.filter((_, i) => !run.reported[i]);
      problem = `${late.join(', ')} did not stop within ${WATCHDOG_MS / 1000} s of being told to`;
    } else if (stoppedAt === null && run.opened() && now - lastChange > WATCHDOG_MS) {
      const stalled = run.readerNames.filter((_, i) => !run.reported[run.names.length - run.readerNames.length + i]);
      if (stalled.length > 0) problem = `${stalled.join(', ')} took no snapshot for ${WATCHDOG_MS / 1000} s`;
    }
    lastProgress = progress;
    if (problem !== null) {
      clearInterval(timer);
      run.stop();
      fail(new Error(`tearlab: the run failed: ${problem}`));
    }
  }, CHECK_EVERY_MS);
  return { failed, dispose: () => clearInterval(timer) };
}
