// Faults for tests to inject, never set otherwise (TEARLAB_FAULT):
// - broken-fix: every worker copies as unlocked whatever its mode, so a test can watch a "fix" tear and check
//   the exit code that reports it;
// - worker-throws: every worker throws as it starts, so a test can check how a failed run is reported;
// - writer-spins, reader-spins: writer 0 or reader 0 spins forever once the run starts, so a test can check that
//   the watchdog ends the run and names it; with TEARLAB_FAULT_SIZE, only in runs of that size.
const FAULT = process.env.TEARLAB_FAULT;

export const BROKEN_FIX = FAULT === 'broken-fix';
export const WORKER_THROWS = FAULT === 'worker-throws';
const FAULT_SIZE = process.env.TEARLAB_FAULT_SIZE === undefined ? null : Number(process.env.TEARLAB_FAULT_SIZE);

/** Whether worker 0 of `role` spins forever in a run of `size` bytes. */
export function spins(role: 'writer' | 'reader', index: number, size: number): boolean {
  return FAULT === `${role}-spins` && index === 0 && (FAULT_SIZE === null || FAULT_SIZE === size);
}

/** Never returns (what a worker stuck in a loop does). */
export function spinForever(): never {
  for (;;);
}
