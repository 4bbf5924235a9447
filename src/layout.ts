// Where each field of the experiment's control block lives. One
// SharedArrayBuffer, seen by the main thread and every worker: 32-bit words
// first, then one 64-bit counter.

/** Workers that have reached the start barrier. */
export const ARRIVED = 0;
/** 0 until the last worker arrives, then 1: every worker starts at once. */
export const RELEASED = 1;
/** Set to 1 to stop every worker: by the last reader to finish, the time budget, or an abort. */
export const STOP = 2;
/** Readers that have finished. */
export const READERS_DONE = 3;
/** Workers that are running past the barrier: they start measuring once all are. */
export const RUNNING = 4;
/** One word per reader from here on: its snapshots so far, for progress. */
export const FIRST_PROGRESS = 5;

/** Snapshots claimed so far by all readers, out of the run's iters (may pass 2^31, hence 64 bits). */
export const CLAIMED = 0;

export interface Control {
  readonly buffer: SharedArrayBuffer;
  readonly words: Int32Array;
  readonly counters: BigInt64Array;
}

function countersOffset(readers: number): number {
  const wordBytes = (FIRST_PROGRESS + readers) * Int32Array.BYTES_PER_ELEMENT;
  return Math.ceil(wordBytes / BigInt64Array.BYTES_PER_ELEMENT) * BigInt64Array.BYTES_PER_ELEMENT;
}

/** Views over a control block made by createControl for `readers` readers. */
export function controlViews(buffer: SharedArrayBuffer, readers: number): Control {
  const offset = countersOffset(readers);
  return { buffer, words: new Int32Array(buffer, 0, offset / Int32Array.BYTES_PER_ELEMENT), counters: new BigInt64Array(buffer, offset, 1) };
}

export function createControl(readers: number): Control {
  return controlViews(new SharedArrayBuffer(countersOffset(readers) + BigInt64Array.BYTES_PER_ELEMENT), readers);
}
