// One run of the experiment on native threads inside the addon (no
// JavaScript at all), over the same shared memory layout, budget, placement
// and read pace as a JavaScript-driven run.
import { binding } from './native.js';
import type { ModeName } from './modes/index.js';
import { dataView } from './modes/strategy.js';
import { readerPace, type ResolvedOptions } from './options.js';
import { intactTable, writerPatterns } from './patterns.js';
import { placementResult, type PlacementPlan, type PlacementResult } from './placement.js';
import { runFigures, type RunFigures } from './results.js';
import { workspaceView } from './workspace.js';
import { allocateRun } from './run-memory.js';
import { STOP } from './layout.js';
import { watchdogMs } from './watchdog.js';

export interface NativeRun {
  figures: RunFigures;
  placement: PlacementResult;
}

/** The two patterns each writer alternates, two bytes per writer (the same byte twice for one pattern). */
function patternPairs(writers: number): Uint8Array {
  return Uint8Array.from(
    Array.from({ length: writers }, (_, index) => {
      const [first, second = first] = writerPatterns(writers, index);
      return [first, second];
    }).flat(),
  );
}

/**
 * Rejects once a run with a time budget has gone on for its budget and the watchdog's time, after telling its
 * threads to stop: native threads report nothing until they end, so their wall clock is all there is to watch.
 */
function boundRun(describeRun: string, timeMs: number, limitMs: number, stopThreads: () => void): { overran: Promise<never>; dispose: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const overran = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stopThreads();
      reject(new Error(`tearlab: the native run of ${describeRun} did not end within its budget of ${timeMs} ms and the watchdog's ${limitMs} ms; it was told to stop`));
    }, timeMs + limitMs);
  });
  // Only a rejection that is raced matters; one after the run ended must not surface as unhandled.
  overran.catch(() => undefined);
  return { overran, dispose: () => clearTimeout(timer) };
}

/**
 * Runs `mode` (an addon mode with batch loops) on native threads with the options' configuration. A run with a
 * time budget fails, naming it, when it has not ended within its budget and the watchdog's time.
 */
export async function runNativeThreads(mode: ModeName, options: ResolvedOptions, plan: PlacementPlan): Promise<NativeRun> {
  const id = binding.batchModes[mode];
  if (id === undefined) throw new TypeError(`mode ${mode} has no native loops`);
  const limitMs = watchdogMs();
  const { size, offset, writers, readers, iters, timeMs } = options;
  const { regions, workspace, control } = allocateRun(mode, size, offset, writers, readers);
  const stop = control.words.subarray(STOP, STOP + 1);
  const paces = Int32Array.from(
    Array.from({ length: readers }, (_, index) => {
      const pace = readerPace(options, index);
      return [pace.chunks, pace.pauseMicros, pace.restMicros];
    }).flat(),
  );
  const stopThreads = () => Atomics.store(stop, 0, 1);
  const budget = timeMs === null ? undefined : setTimeout(stopThreads, timeMs);
  const bound = timeMs === null ? null : boundRun(`${mode} (${size} bytes, ${writers}w+${readers}r)`, timeMs, limitMs, stopThreads);
  options.signal?.addEventListener('abort', stopThreads, { once: true });
  if (options.signal?.aborted) stopThreads();
  try {
    const running = binding.runNative(
      id,
      new Int32Array(regions.sync),
      dataView(regions),
      size,
      patternPairs(writers),
      intactTable(writers),
      readers,
      iters,
      stop,
      Int32Array.from(plan.cpus, (cpu) => cpu ?? -1),
      paces,
      workspaceView(workspace),
      workspace.stride,
      options.anatomySample,
    );
    // A run that overran may still end, or fail, after its failure was reported: that outcome is dropped.
    running.catch(() => undefined);
    const report = bound === null ? await running : await Promise.race([running, bound.overran]);
    const sum = (threads: { count: number }[]) => threads.reduce((total, thread) => total + thread.count, 0);
    const figures = runFigures(
      sum(report.readers),
      report.readers.reduce((total, reader) => total + reader.torn, 0),
      sum(report.writers),
      Math.max(...report.readers.map((r) => r.wallMs)),
      Math.max(...report.writers.map((w) => w.wallMs)),
    );
    const threads = [
      ...report.writers.map((thread, index) => ({ role: 'writer' as const, index, cpu: plan.cpus[index], ...thread })),
      ...report.readers.map((thread, index) => ({ role: 'reader' as const, index, cpu: plan.cpus[writers + index], ...thread })),
    ];
    const placement = placementResult(
      options.placement,
      plan,
      threads.map(({ role, index, cpu, pinError, cpuAtStart, cpuAtEnd }) => ({ role, index, cpu, pinError, cpuAtStart, cpuAtEnd })),
    );
    return { figures, placement };
  } finally {
    options.signal?.removeEventListener('abort', stopThreads);
    clearTimeout(budget);
    bound?.dispose();
  }
}
