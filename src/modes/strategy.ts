// What every copy strategy (mode) of the experiment provides. The main thread
// calls `allocate`; each writer and reader worker builds its own loop body
// from the same regions.
import { binding, type NativeCounters } from '../native.js';

export type ModeName = 'global-lock' | 'unlocked' | 'gil' | 'gil-released' | 'lock' | 'js-lock' | 'double-buffer' | 'seqlock' | 'js-set';

/**
 * The shared memory of one run: the bytes writers and readers race on (`dataBytes` of `data` from `dataOffset`),
 * and the strategy's synchronization words.
 */
export interface SharedRegions {
  readonly data: SharedArrayBuffer;
  readonly dataOffset: number;
  readonly dataBytes: number;
  readonly sync: SharedArrayBuffer;
}

/**
 * Where buffers sit in memory decides how a run tears, so every run lays them out the same way: the shared
 * data starts a page (DATA_ALIGNMENT), or the run's `offset` bytes after one (alignedData), and each worker's
 * private buffers start half a page into pages of their own whatever the offset (src/workspace.ts), for
 * JavaScript workers and native threads alike.
 *
 * Why (native threads, 1 writer + 1 reader, 64 B, this project's 2-core AMD EPYC VM): a SharedArrayBuffer
 * is only 16-byte aligned, and a 64-byte buffer 16, 32 or 48 bytes into a cache line spans two lines and
 * tore in 11% to 52% of snapshots, where one on a line of its own tore in 7% to 8%. And with the data at the
 * start of a page, a snapshot buffer at the start of another page (so that the reader's loads and stores
 * alias modulo 4096) tore in about 3% of snapshots, one 128 bytes further in about 1%.
 */
export const DATA_ALIGNMENT = 4096;

/** The largest offset from a page boundary a run may ask its shared data to start at. */
export const MAX_OFFSET = DATA_ALIGNMENT - 1;

/**
 * `bytes` of zero-filled shared data starting `offset` bytes after a DATA_ALIGNMENT boundary (0: on it).
 * An offset makes copies straddle cache lines and pages where a machine's copy routine may split them.
 */
export function alignedData(bytes: number, offset = 0): Pick<SharedRegions, 'data' | 'dataOffset' | 'dataBytes'> {
  const data = new SharedArrayBuffer(bytes + DATA_ALIGNMENT + offset);
  return { data, dataOffset: binding.alignmentOffset(new Uint8Array(data), DATA_ALIGNMENT) + offset, dataBytes: bytes };
}

/** The bytes writers and readers race on. */
export function dataView(regions: SharedRegions): Uint8Array {
  return new Uint8Array(regions.data, regions.dataOffset, regions.dataBytes);
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
  /** Whether its workers hold the GIL of native/gil.h while they run (modes gil and gil-released). */
  readonly runsUnderGil?: boolean;
  /** Shared memory for `writers` writers and `readers` readers, every data byte set to `fill`, starting `offset` bytes into a page. */
  allocate(size: number, writers: number, readers: number, fill: number, offset?: number): SharedRegions;
  createWriter(context: StrategyContext): WriteOnce;
  createReader(context: StrategyContext): SnapshotOnce;
}

/** The regions of strategies whose data is one buffer of `size` bytes beside `syncWords` 32-bit words. */
export function singleBuffer(size: number, syncWords: number, fill: number, offset = 0): SharedRegions {
  const regions = { ...alignedData(size, offset), sync: new SharedArrayBuffer(syncWords * Int32Array.BYTES_PER_ELEMENT) };
  dataView(regions).fill(fill);
  return regions;
}
