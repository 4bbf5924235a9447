// One run of the experiment driven from JavaScript: the Python ctypes
// experiment of the blog post "The GIL Was Your Lock" (its Act 3) with
// worker_threads. Allocates the shared memory, starts writers and readers
// together, stops them on iters or time, and gathers what they counted.
import { performance } from 'node:perf_hooks';
import { open, opened } from './barrier.js';
import { addCounters, zeroCounters } from './counters.js';
import { environment } from './environment.js';
import { FIRST_PROGRESS, RELEASED, STOP } from './layout.js';
import { strategyFor } from './modes/index.js';
import { binding } from './native.js';
import { NORMAL_READ_PACE, readerPace, type ResolvedOptions } from './options.js';
import { addTallies, anatomyOf, outcomesOf, sampleShare } from './outcome-tally.js';
import { writerPatterns } from './patterns.js';
import { placementResult, type PlacementPlan, type WorkerPlacement } from './placement.js';
import { runFigures, type TearingResult } from './results.js';
import { allocateRun } from './run-memory.js';
import { startWatchdog, watchdogMs } from './watchdog.js';
import { gatherReports, reportedFlags, startWorker } from './worker-start.js';
import type { ReaderReport, WorkerReport, WorkerTask, WriterReport } from './worker-protocol.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
const PROGRESS_PERIOD_MS = 100;


function readProgress(control: Int32Array, readers: number): number {
  let total = 0;
  for (let reader = 0; reader < readers; reader++) total += Atomics.load(control, FIRST_PROGRESS + reader);
  return total;
}

function workerPlacement(report: WorkerReport, index: number, cpu: number | null): WorkerPlacement {
  return { role: report.role, index, cpu, ...report.placement };
}

function summarize(options: ResolvedOptions, plan: PlacementPlan, reports: WorkerReport[], elapsedMs: number, startedAt: Date): TearingResult {
  const readers = reports.filter((r): r is ReaderReport => r.role === 'reader');
  const writers = reports.filter((r): r is WriterReport => r.role === 'writer');
  const sum = <T>(items: T[], count: (item: T) => number) => items.reduce((total, item) => total + count(item), 0);
  const figures = runFigures(
    sum(readers, (r) => r.snapshots),
    sum(readers, (r) => r.torn),
    sum(writers, (w) => w.writes),
    Math.max(...readers.map((r) => r.wallMs)),
    Math.max(...writers.map((w) => w.wallMs)),
  );
  const firstTorn = readers.map((r) => r.firstTornAt).filter((at): at is number => at !== null);
  const tally = addTallies(readers.map((r) => r.outcomes));
  const patterns = Array.from({ length: options.writers }, (_, index) => writerPatterns(options.writers, index)).flat();
  const jsLoop = !(options.mode in binding.batchModes);
  return {
    mode: options.mode,
    size: options.size,
    offset: options.offset,
    writers: options.writers,
    readers: options.readers,
    slowReader: options.slowReader,
    batch: jsLoop ? 1 : options.batch,
    switchIntervalMs: strategyFor(options.mode).runsUnderGil === true ? options.switchIntervalMs : null,
    readerCalls: sum(readers, (r) => r.calls),
    writerCalls: sum(writers, (w) => w.calls),
    ...figures,
    elapsedMs,
    firstTornAt: firstTorn.length > 0 ? Math.min(...firstTorn) : null,
    outcomes: outcomesOf(tally, patterns),
    anatomy: anatomyOf(tally),
    stoppedBy: figures.snapshots >= options.iters ? 'iters' : options.signal?.aborted ? 'signal' : 'time',
    counters: reports.reduce((total, r) => addCounters(total, r.counters), zeroCounters()),
    placement: placementResult(
      options.placement,
      plan,
      [...writers.map((w, i) => workerPlacement(w, i, plan.cpus[i])), ...readers.map((r, i) => workerPlacement(r, i, plan.cpus[options.writers + i]))],
    ),
    startedAt: startedAt.toISOString(),
    environment: environment(),
  };
}

/**
 * Runs the tearing experiment once on worker threads: `writers` workers copy their patterns into one
 * shared buffer while `readers` workers snapshot it, all under `mode`, and counts the torn snapshots.
 */
export async function runJsDriven(resolved: ResolvedOptions, plan: PlacementPlan): Promise<TearingResult> {
  const { mode, size, offset, writers, readers, iters, timeMs, batch, onProgress } = resolved;
  const limitMs = watchdogMs();
  const { regions, workspace, control } = allocateRun(mode, size, offset, writers, readers);
  // Process-wide, as sys.setswitchinterval is; only the modes under the GIL wait on it.
  binding.setSwitchInterval(Math.round(resolved.switchIntervalMs * 1000));
  const startedAt = new Date();
  const base = { mode, size, offset, writers, readers, iters, regions, workspace, control: control.buffer, batch };
  const started = [
    ...Array.from({ length: writers }, (_, index) =>
      startWorker<WorkerReport, WorkerTask>(WORKER_URL, { ...base, role: 'writer', index, pace: NORMAL_READ_PACE, cpu: plan.cpus[index], anatomySample: 0 }),
    ),
    ...Array.from({ length: readers }, (_, index) =>
      startWorker<WorkerReport, WorkerTask>(WORKER_URL, {
        ...base,
        role: 'reader',
        index,
        pace: readerPace(resolved, index),
        cpu: plan.cpus[writers + index],
        anatomySample: sampleShare(resolved.anatomySample, readers, index),
      }),
    ),
  ];

  let stoppedAt: number | null = null;
  const stop = () => {
    stoppedAt ??= performance.now();
    Atomics.store(control.words, STOP, 1);
    open(control.words);
  };
  const { signal } = resolved;
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  let budget: NodeJS.Timeout | undefined;
  let progress: NodeJS.Timeout | undefined;
  let startTime = performance.now();
  let finished = false;
  void opened(control.words).then(() => {
    if (finished) return;
    startTime = performance.now();
    if (timeMs !== null) budget = setTimeout(stop, timeMs);
    if (onProgress) progress = setInterval(() => onProgress(readProgress(control.words, readers), iters), PROGRESS_PERIOD_MS);
  });

  const names = started.map((_, i) => (i < writers ? `writer ${i}` : `reader ${i - writers}`));
  const watchdog = startWatchdog({
    names,
    reported: reportedFlags(started),
    progress: () => Array.from({ length: readers }, (_, r) => Atomics.load(control.words, FIRST_PROGRESS + r)),
    progressNames: names.slice(writers),
    stalled: 'took no snapshot',
    // Readers that took the whole budget stop the run themselves, through the control block.
    stoppedAt: () => (stoppedAt ??= Atomics.load(control.words, STOP) !== 0 ? performance.now() : null),
    opened: () => Atomics.load(control.words, RELEASED) !== 0,
    stop,
  }, limitMs);
  try {
    const reports = await gatherReports(started, watchdog.failed, stop);
    return summarize(resolved, plan, reports, performance.now() - startTime, startedAt);
  } finally {
    finished = true;
    watchdog.dispose();
    signal?.removeEventListener('abort', stop);
    clearTimeout(budget);
    clearInterval(progress);
    open(control.words);
  }
}
