// What every copy strategy (mode) of the experiment provides. The main thread
// calls `allocate`; each writer and reader worker builds its own loop body
// from the same regions.
import type { NativeCounters } from '../native.js';

export type ModeName = 'global-lock' | 'unlocked' | 'lock' | 'js-lock' | 'double-buffer' | 'seqlock' | 'js-set';

/** The shared memory of one run: the bytes writers and readers race on, and the strategy's synchronization words. */
export interface SharedRegions {
  readonly data: SharedArrayBuffer;
  readonly sync: SharedArrayBuffer;
}

/**
 * How a reader copies: in `chunks` pieces with `pauseMicros` between them, holding whatever its mode holds,
 * then resting `restMicros` before the next snapshot. A deliberately slow reader widens the window in which
 * a writer could overwrite what it is reading; its rest, outside any lock, keeps it from starving the others.
 */
export interface ReadPace {
  readonly chunks: number;
  readonly pauseMicros: number;
  readonly restMicros: number;
}

export interface StrategyContext {
  readonly regions: SharedRegions;
  /** Bytes per snapshot and per write. */
  readonly size: number;
  readonly pace: ReadPace;
  /** Counters of strategies written in JavaScript; native strategies count inside the addon. */
  readonly counters: NativeCounters;
}

/** Writes one whole pattern into the shared data. */
export type WriteOnce = (pattern: Uint8Array) => void;
/** Copies the shared data into `snapshot` and returns the byte that fills all of it, or NOT_UNIFORM. */
export type SnapshotOnce = (snapshot: Uint8Array) => number;

export interface Strategy {
  readonly name: ModeName;
  /** What the strategy does, in one line. */
  readonly summary: string;
  /** The counters that mean something for this strategy, shown on its result line. */
  readonly counters: readonly (keyof NativeCounters)[];
  /** Shared memory for `writers` writers and `readers` readers, every data byte set to `fill`. */
  allocate(size: number, writers: number, readers: number, fill: number): SharedRegions;
  createWriter(context: StrategyContext): WriteOnce;
  createReader(context: StrategyContext): SnapshotOnce;
}

/** The regions of strategies whose data is one buffer of `size` bytes beside `syncWords` 32-bit words. */
export function singleBuffer(size: number, syncWords: number, fill: number): SharedRegions {
  const data = new SharedArrayBuffer(size);
  new Uint8Array(data).fill(fill);
  return { data, sync: new SharedArrayBuffer(syncWords * Int32Array.BYTES_PER_ELEMENT) };
}
