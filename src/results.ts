// What one run of the experiment returns.
import type { BatchSetting } from './batch-size.js';
import type { Environment } from './environment.js';
import type { ModeName } from './modes/index.js';
import type { NativeCounters } from './native.js';
import { addAnatomies, addOutcomes, type Anatomy, type Outcomes } from './outcome-tally.js';
import { sawForbidden } from './outcomes.js';
import type { PlacementResult } from './placement.js';
import { median, medianInterval, wilsonInterval, zeroUpperBound } from './stats.js';

/** Events per second from a count over milliseconds (0 over no time). */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

/** The figures that JavaScript-driven and native runs share, and that calibration compares. */
export interface RunFigures {
  /** Reader snapshots taken, all readers together. */
  snapshots: number;
  /** Snapshots that were not one pattern over all `size` bytes. */
  torn: number;
  /** torn / snapshots (0 when there were none). */
  tornFraction: number;
  /** torn / readerWallMs, per second. */
  tornPerSecond: number;
  snapshotsPerSecond: number;
  /** Writes (publishes) by all writers together. */
  writes: number;
  /** writes / writerWallMs, per second. */
  writesPerSecond: number;
  /** The longest reader's time from the start barrier to its last snapshot. */
  readerWallMs: number;
  /** The longest writer's time from the start barrier until it stopped. */
  writerWallMs: number;
}

export function runFigures(snapshots: number, torn: number, writes: number, readerWallMs: number, writerWallMs: number): RunFigures {
  return {
    snapshots,
    torn,
    tornFraction: snapshots > 0 ? torn / snapshots : 0,
    tornPerSecond: perSecond(torn, readerWallMs),
    snapshotsPerSecond: perSecond(snapshots, readerWallMs),
    writes,
    writesPerSecond: perSecond(writes, writerWallMs),
    readerWallMs,
    writerWallMs,
  };
}

/** A native run's figures, and where its threads ran. */
export interface NativeRunFigures extends RunFigures {
  placement: PlacementResult;
}

/** The figures of a result, without the rest. */
export function figuresOf(run: RunFigures): RunFigures {
  const { snapshots, torn, tornFraction, tornPerSecond, snapshotsPerSecond, writes, writesPerSecond, readerWallMs, writerWallMs } = run;
  return { snapshots, torn, tornFraction, tornPerSecond, snapshotsPerSecond, writes, writesPerSecond, readerWallMs, writerWallMs };
}

/** JavaScript-driven runs beside the same configuration on native threads (option `calibrate`). */
export interface Calibration {
  /** The addon mode the native threads ran (js-set is compared with unlocked, js-lock with lock). */
  nativeMode: ModeName;
  pairs: number;
  js: RunFigures[];
  native: NativeRunFigures[];
  /** Median torn/s of the JavaScript-driven runs / median torn/s of the native runs; null when native runs saw no tear. */
  efficiency: number | null;
  /** The same ratio for writes/s. */
  writeEfficiency: number | null;
}

export interface TearingResult extends RunFigures {
  mode: ModeName;
  size: number;
  /** Where the shared data started: this many bytes after a page boundary. */
  offset: number;
  writers: number;
  readers: number;
  slowReader: boolean;
  /** Copies per addon call: 'auto', or a fixed number (1 for js-set and js-lock, which are JavaScript loops). */
  batch: BatchSetting;
  /** The GIL's switch interval in milliseconds, in the modes under the GIL (gil, gil-released); null in the others. */
  switchIntervalMs: number | null;
  /** Calls of the workers' loop bodies (one per copy, or one per batch): snapshots / readerCalls is the mean batch. */
  readerCalls: number;
  writerCalls: number;
  /** From the start barrier until every worker had stopped and reported. */
  elapsedMs: number;
  /** The earliest reader-local index of a torn snapshot, or null when none tore. */
  firstTornAt: number | null;
  /**
   * Every snapshot's outcome by name, adding up to snapshots (the torn:* ones to torn): an entry for every writer
   * pattern (intact:A, ...), intact:initial, torn:2-segments and torn:3+-segments, zero or not, and
   * torn:foreign-value (one byte no writer writes: never expected) only when seen.
   */
  outcomes: Outcomes;
  /** Where a sample of the torn snapshots changed from one pattern to the next. */
  anatomy: Anatomy;
  /** What ended the run: its snapshot budget, its time budget, or an abort (options.signal: Ctrl-C in the CLI). */
  stoppedBy: 'iters' | 'time' | 'signal';
  /** The strategy's own events, all workers together. */
  counters: NativeCounters;
  placement: PlacementResult;
  /** Present when the run was calibrated; the figures above are then those of the median JavaScript-driven run. */
  calibration?: Calibration;
  startedAt: string;
  environment: Environment;
}

/** A run as it is kept in a results file: the machine's fingerprint is stored once, and the anatomy of all trials together in the cell's summary. */
export type Trial = Omit<TearingResult, 'environment' | 'anatomy'>;

/** What makes two runs comparable: the same configuration, from one machine or from several. */
export interface CellKey {
  mode: ModeName;
  size: number;
  offset: number;
  writers: number;
  readers: number;
  /** '2w+1r': writers and readers. */
  layout: string;
  slowReader: boolean;
  batch: BatchSetting;
  /** The placement asked for ('none', 'spread', 'same-cpu', 'cpus:LIST'). */
  placement: string;
}

/**
 * A median with its 95% distribution-free interval; the bounds are null below MIN_TRIALS_FOR_INTERVAL values,
 * and the median is null when no value was a finite number (a ratio over zero).
 */
export interface MedianEstimate {
  median: number | null;
  lower: number | null;
  upper: number | null;
}

/** A proportion pooled over trials with its 95% Wilson interval (for zero, the exact one-sided upper bound). */
export interface ProportionEstimate {
  count: number;
  of: number;
  value: number;
  lower: number;
  upper: number;
}

export type Verdict = 'Never' | 'Sometimes' | 'Always';

export interface CellSummary {
  trials: number;
  /** Every trial's snapshots, torn snapshots and writes, added up. */
  snapshots: number;
  torn: number;
  writes: number;
  tornFraction: ProportionEstimate;
  tornPerSecond: MedianEstimate;
  snapshotsPerSecond: MedianEstimate;
  writesPerSecond: MedianEstimate;
  /** Every trial's outcomes added up, and the anatomy of all their samples. */
  outcomes: Outcomes;
  anatomy: Anatomy;
  /** litmus7's word for how often a torn snapshot was observed. */
  verdict: Verdict;
  /** True when a trial saw an outcome its mode forbids (a tear under a lock or a fix). */
  forbidden: boolean;
}

/** One configuration's trials and what they add up to. */
export interface Cell extends CellKey {
  trials: Trial[];
  summary: CellSummary;
}

/** Fewer trials than this give no 95% interval on a median: 5 values cover the median only with 94% confidence. */
export const MIN_TRIALS_FOR_INTERVAL = 6;

export function medianEstimate(values: readonly number[]): MedianEstimate {
  const interval = medianInterval(values);
  const middle = median(values);
  return { median: Number.isNaN(middle) ? null : middle, lower: interval?.lower ?? null, upper: interval?.upper ?? null };
}

export function proportionEstimate(count: number, of: number): ProportionEstimate {
  if (count === 0) return { count, of, value: 0, lower: 0, upper: of > 0 ? zeroUpperBound(of) : 1 };
  const { lower, upper } = wilsonInterval(count, of);
  return { count, of, value: count / of, lower, upper };
}

export function verdictOf(torn: number, snapshots: number): Verdict {
  return torn === 0 ? 'Never' : torn === snapshots ? 'Always' : 'Sometimes';
}

export function layoutName(writers: number, readers: number): string {
  return `${writers}w+${readers}r`;
}

export function summarizeTrials(trials: readonly Trial[], anatomies: readonly Anatomy[]): CellSummary {
  const sum = (field: 'snapshots' | 'torn' | 'writes') => trials.reduce((total, trial) => total + trial[field], 0);
  const snapshots = sum('snapshots');
  const torn = sum('torn');
  return {
    trials: trials.length,
    snapshots,
    torn,
    writes: sum('writes'),
    tornFraction: proportionEstimate(torn, snapshots),
    tornPerSecond: medianEstimate(trials.map((t) => t.tornPerSecond)),
    snapshotsPerSecond: medianEstimate(trials.map((t) => t.snapshotsPerSecond)),
    writesPerSecond: medianEstimate(trials.map((t) => t.writesPerSecond)),
    outcomes: addOutcomes(trials.map((t) => t.outcomes)),
    anatomy: addAnatomies(anatomies),
    verdict: verdictOf(torn, snapshots),
    forbidden: trials.some(sawForbidden),
  };
}
