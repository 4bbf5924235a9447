// What one run of the experiment returns.
import type { BatchSetting } from './batch-size.js';
import type { Environment } from './environment.js';
import type { ModeName } from './modes/index.js';
import type { NativeCounters } from './native.js';
import type { PlacementResult } from './placement.js';

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
  writers: number;
  readers: number;
  slowReader: boolean;
  /** Copies per addon call: 'auto', or a fixed number (1 for js-set and js-lock, which are JavaScript loops). */
  batch: BatchSetting;
  /** Calls of the workers' loop bodies (one per copy, or one per batch): snapshots / readerCalls is the mean batch. */
  readerCalls: number;
  writerCalls: number;
  /** From the start barrier until every worker had stopped and reported. */
  elapsedMs: number;
  /** The earliest reader-local index of a torn snapshot, or null when none tore. */
  firstTornAt: number | null;
  stoppedBy: 'iters' | 'time';
  /** The strategy's own events, all workers together. */
  counters: NativeCounters;
  placement: PlacementResult;
  /** Present when the run was calibrated; the figures above are then those of the median JavaScript-driven run. */
  calibration?: Calibration;
  startedAt: string;
  environment: Environment;
}
