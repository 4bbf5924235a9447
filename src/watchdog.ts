// The watchdog of a run on worker threads (the tearing runs and the scenarios): nothing may hang. A run fails,
// naming the worker, when the workers have not all reached the start barrier, when a watched worker has made no
// progress (a reader took no snapshot), or when a worker has not stopped, for the watchdog's time (a worker that
// throws or exits is reported at once by its own events).
// TEARLAB_WATCHDOG_MS shortens it for the tests that wait for it, never otherwise.
import { describe } from './describe.js';

const DEFAULT_WATCHDOG_MS = 10_000;
const CHECK_EVERY_MS = 500;

/**
 * The watchdog's time: TEARLAB_WATCHDOG_MS, or 10 s without it. RangeError naming it when it is not a positive
 * number, rather than the NaN that would never fire.
 */
export function watchdogMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.TEARLAB_WATCHDOG_MS;
  if (text === undefined) return DEFAULT_WATCHDOG_MS;
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new RangeError(`TEARLAB_WATCHDOG_MS must be a positive number of milliseconds, got ${describe(text)}`);
  }
  return ms;
}

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

/** Watches `run`, failing it after `limitMs` (from watchdogMs()) without the progress it needs. */
export function startWatchdog(run: WatchedRun, limitMs: number): Watchdog {
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
    if (!run.opened() && now - started > limitMs) {
      problem = `the workers did not all reach the start barrier within ${limitMs / 1000} s`;
    } else if (stoppedAt !== null && now - stoppedAt > limitMs) {
      const late = run.names.filter((_, i) => !run.reported[i]);
      problem = `${late.join(', ')} did not stop within ${limitMs / 1000} s of being told to`;
    } else if (stoppedAt === null && run.opened()) {
      const stalled = run.progressNames.filter((_, i) => !run.reported[firstWatched + i] && now - lastChange[i] > limitMs);
      if (stalled.length > 0) problem = `${stalled.join(', ')} ${run.stalled} for ${limitMs / 1000} s`;
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
