// The watchdog of a run on worker threads (the tearing runs and the scenarios): nothing may hang. A run fails,
// naming the worker, when the workers have not all reached the start barrier, when a watched worker has made no
// progress (a reader took no snapshot), or when a worker has not stopped, for WATCHDOG_MS (a worker that throws
// or exits is reported at once by its own events).
// TEARLAB_WATCHDOG_MS shortens it for the tests that wait for it, never otherwise.
export const WATCHDOG_MS = Number(process.env.TEARLAB_WATCHDOG_MS ?? 10_000);
const CHECK_EVERY_MS = 500;

export interface WatchedRun {
  /** 'writer 0', 'reader 1', ...: every worker, in the order of `reported`. */
  names: readonly string[];
  reported: readonly boolean[];
  /** The workers whose progress is watched: the last ones of `names`. */
  progressNames: readonly string[];
  /** What a watched worker that stalls did not do, as the error says it: 'took no snapshot'. */
  stalled: string;
  /** Each watched worker's progress so far (its snapshots, its rounds). */
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
  const firstWatched = run.names.length - run.progressNames.length;
  let lastProgress = run.progress();
  const lastChange = lastProgress.map(() => started);
  const timer = setInterval(() => {
    const now = performance.now();
    const stoppedAt = run.stoppedAt();
    const progress = run.progress();
    // A worker's time without progress counts from the start barrier's opening.
    progress.forEach((count, i) => {
      if (count !== lastProgress[i] || !run.opened()) lastChange[i] = now;
    });
    let problem: string | null = null;
    if (!run.opened() && now - started > WATCHDOG_MS) {
      problem = `the workers did not all reach the start barrier within ${WATCHDOG_MS / 1000} s`;
    } else if (stoppedAt !== null && now - stoppedAt > WATCHDOG_MS) {
      const late = run.names.filter((_, i) => !run.reported[i]);
      problem = `${late.join(', ')} did not stop within ${WATCHDOG_MS / 1000} s of being told to`;
    } else if (stoppedAt === null && run.opened()) {
      const stalled = run.progressNames.filter((_, i) => !run.reported[firstWatched + i] && now - lastChange[i] > WATCHDOG_MS);
      if (stalled.length > 0) problem = `${stalled.join(', ')} ${run.stalled} for ${WATCHDOG_MS / 1000} s`;
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
