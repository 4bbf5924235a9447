// Faults for tests to inject, never set otherwise (TEARLAB_FAULT):
// - broken-fix: every worker copies as unlocked whatever its mode, so a test can watch a "fix" tear and check
//   the exit code that reports it;
// - worker-throws: every worker throws as it starts, so a test can check how a failed run is reported;
// - writer-spins, reader-spins: writer 0 or reader 0 spins forever once the run starts, so a test can check that
//   the watchdog ends the run and names it.
const FAULT = process.env.TEARLAB_FAULT;

export const BROKEN_FIX = FAULT === 'broken-fix';
export const WORKER_THROWS = FAULT === 'worker-throws';
export const WRITER_SPINS = FAULT === 'writer-spins';
export const READER_SPINS = FAULT === 'reader-spins';

/** Never returns (what a worker stuck in a loop does). */
export function spinForever(): never {
  for (;;);
}
