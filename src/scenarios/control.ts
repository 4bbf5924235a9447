// The control words of a scenario run, after the start barrier's own (src/layout.ts, whose STOP word stops the
// workers): how many of the writing workers are done, the word of the mutex the `lock` variants share, and one
// word per worker with its rounds so far, for the watchdog.
import { FIRST_PROGRESS } from '../layout.js';

export const WRITERS_DONE = FIRST_PROGRESS;
export const LOCK_WORD = FIRST_PROGRESS + 1;
export const FIRST_WORKER_PROGRESS = FIRST_PROGRESS + 2;

/** The words of the control block of a run of `parties` workers. */
export function controlWords(parties: number): number {
  return FIRST_WORKER_PROGRESS + parties;
}
