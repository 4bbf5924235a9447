// The control words of a scenario run, after the start barrier's own (src/layout.ts): how many of the writing
// workers are done, and the word of the mutex the `lock` variants share.
import { FIRST_PROGRESS } from '../layout.js';

export const WRITERS_DONE = FIRST_PROGRESS;
export const LOCK_WORD = FIRST_PROGRESS + 1;
export const CONTROL_WORDS = FIRST_PROGRESS + 2;
