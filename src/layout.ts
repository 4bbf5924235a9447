// Where each field of the experiment's control block lives: one Int32Array
// over a SharedArrayBuffer seen by the main thread and every worker.

/** Workers that have reached the start barrier. */
export const ARRIVED = 0;
/** 0 until the last worker arrives, then 1: every worker starts at once. */
export const RELEASED = 1;
/** Set to 1 to stop every worker: by the last reader to finish, the time budget, or an abort. */
export const STOP = 2;
/** Readers that have finished their share of snapshots. */
export const READERS_DONE = 3;
/** One word per reader from here on: its snapshots so far, for progress. */
export const FIRST_PROGRESS = 4;

/** Readers store their progress once every this many snapshots (a power of two). */
export const PROGRESS_INTERVAL = 256;

export function controlWords(readers: number): number {
  return FIRST_PROGRESS + readers;
}

export function createControl(readers: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(controlWords(readers) * Int32Array.BYTES_PER_ELEMENT));
}
