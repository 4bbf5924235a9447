// runTearing: the seed's Act 3 with worker_threads. Allocates the shared
// memory, starts writers and readers together, stops them on iters or time,
// and gathers what they counted.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { open, opened } from './barrier.js';
import { addCounters, zeroCounters } from './counters.js';
import { environment } from './environment.js';
import { createControl, FIRST_PROGRESS, STOP } from './layout.js';
import { strategyFor } from './modes/index.js';
import { NORMAL_READ_PACE, resolveOptions, SLOW_READ_PACE, type ResolvedOptions, type TearingOptions } from './options.js';
import { FIRST_PATTERN } from './patterns.js';
import { perSecond, type TearingResult } from './results.js';
import type { ReaderReport, WorkerReport, WorkerTask, WriterReport } from './worker-protocol.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
const PROGRESS_PERIOD_MS = 100;

function startWorker(task: WorkerTask): { worker: Worker; report: Promise<WorkerReport> } {
  const worker = new Worker(WORKER_URL, { workerData: task });
  const report = new Promise<WorkerReport>((resolve, reject) => {
    let received: WorkerReport | undefined;
    worker.once('message', (message: WorkerReport) => (received = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (received) resolve(received);
      else reject(new Error(`tearlab: ${task.role} ${task.index} exited with code ${code} before reporting`));
    });
  });
  return { worker, report };
}

function readProgress(control: Int32Array, readers: number): number {
  let total = 0;
  for (let reader = 0; reader < readers; reader++) total += Atomics.load(control, FIRST_PROGRESS + reader);
  return total;
}

function summarize(options: ResolvedOptions, reports: WorkerReport[], elapsedMs: number, startedAt: Date): TearingResult {
  const readers = reports.filter((r): r is ReaderReport => r.role === 'reader');
  const writers = reports.filter((r): r is WriterReport => r.role === 'writer');
  const snapshots = readers.reduce((sum, r) => sum + r.snapshots, 0);
  const torn = readers.reduce((sum, r) => sum + r.torn, 0);
  const writes = writers.reduce((sum, w) => sum + w.writes, 0);
  const readerWallMs = Math.max(...readers.map((r) => r.wallMs));
  const firstTorn = readers.map((r) => r.firstTornAt).filter((at): at is number => at !== null);
  return {
    mode: options.mode,
    size: options.size,
    writers: options.writers,
    readers: options.readers,
    slowReader: options.slowReader,
    snapshots,
    torn,
    tornFraction: snapshots > 0 ? torn / snapshots : 0,
    tornPerSecond: perSecond(torn, readerWallMs),
    snapshotsPerSecond: perSecond(snapshots, readerWallMs),
    writes,
    writesPerSecond: perSecond(writes, elapsedMs),
    elapsedMs,
    readerWallMs,
    firstTornAt: firstTorn.length > 0 ? Math.min(...firstTorn) : null,
    stoppedBy: snapshots >= options.iters ? 'iters' : 'time',
    counters: reports.reduce((total, r) => addCounters(total, r.counters), zeroCounters()),
    startedAt: startedAt.toISOString(),
    environment: environment(),
  };
}

/**
 * Runs the tearing experiment once: `writers` workers copy their patterns into one shared buffer
 * while `readers` workers snapshot it, all under `mode`, and counts the torn snapshots.
 */
export async function runTearing(options: TearingOptions = {}): Promise<TearingResult> {
  const resolved = resolveOptions(options);
  const { mode, size, writers, readers, iters, timeMs, slowReader, onProgress } = resolved;
  const regions = strategyFor(mode).allocate(size, writers, readers, FIRST_PATTERN);
  const control = createControl(readers);
  const startedAt = new Date();
  const base = { mode, size, writers, readers, iters, regions, control: control.buffer };
  const started = [
    ...Array.from({ length: writers }, (_, index) =>
      startWorker({ ...base, role: 'writer', index, pace: NORMAL_READ_PACE }),
    ),
    ...Array.from({ length: readers }, (_, index) =>
      startWorker({
        ...base,
        role: 'reader',
        index,
        pace: slowReader && index === 0 ? SLOW_READ_PACE : NORMAL_READ_PACE,
      }),
    ),
  ];

  const stop = () => {
    Atomics.store(control.words, STOP, 1);
    open(control.words);
  };
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

  try {
    const reports = await Promise.all(
      started.map(({ report }) =>
        report.catch((error: unknown) => {
          stop();
          throw error;
        }),
      ),
    );
    return summarize(resolved, reports, performance.now() - startTime, startedAt);
  } catch (error) {
    await Promise.all(started.map(({ worker }) => worker.terminate()));
    throw error;
  } finally {
    finished = true;
    clearTimeout(budget);
    clearInterval(progress);
    open(control.words);
  }
}
