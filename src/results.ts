// What one run of the experiment returns.
import type { Environment } from './environment.js';
import type { ModeName } from './modes/index.js';
import type { NativeCounters } from './native.js';

/** Events per second from a count over milliseconds (0 over no time). */
export function perSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : 0;
}

export interface TearingResult {
  mode: ModeName;
  size: number;
  writers: number;
  readers: number;
  slowReader: boolean;
  /** Reader snapshots taken, all readers together. */
  snapshots: number;
  /** Snapshots that were not one pattern over all `size` bytes. */
  torn: number;
  tornFraction: number;
  /** torn / readerWallMs, per second. */
  tornPerSecond: number;
  snapshotsPerSecond: number;
  /** Writes (publishes) by all writers together. */
  writes: number;
  writesPerSecond: number;
  /** From the start barrier until every worker had stopped. */
  elapsedMs: number;
  /** The longest reader's time from the start barrier to its last snapshot. */
  readerWallMs: number;
  /** The earliest reader-local index of a torn snapshot, or null when none tore. */
  firstTornAt: number | null;
  stoppedBy: 'iters' | 'time';
  /** The strategy's own events, all workers together. */
  counters: NativeCounters;
  startedAt: string;
  environment: Environment;
}
