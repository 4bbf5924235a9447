// Faults for tests to inject, never set otherwise (TEARLAB_FAULT):
// - broken-fix: every worker copies as unlocked whatever its mode, so a test can watch a "fix" tear and check
//   the exit code that reports it;
// - worker-throws: every worker throws as it starts, with a message that does not name it, so a test can check
//   that a failed run is reported naming the worker;
// - writer-exits, reader-exits: writer 0 or reader 0 exits (code FAULT_EXIT_CODE) before the start barrier;
// - writer-misses-barrier, reader-misses-barrier: writer 0 or reader 0 spins forever before the start barrier;
// - writer-spins, reader-spins: writer 0 or reader 0 spins forever once the run starts;
// so that a test can check that the run ends, naming the worker. With TEARLAB_FAULT_SIZE, only in runs of that
// size.
// - scenario-exits, scenario-misses-barrier, scenario-spins: the same for worker 0 of a scenario run (which under
//   the gil variant spins holding the GIL, never dropping it).
const FAULT = process.env.TEARLAB_FAULT;

export const BROKEN_FIX = FAULT === 'broken-fix';
export const FAULT_EXIT_CODE = 3;
const FAULT_SIZE = process.env.TEARLAB_FAULT_SIZE === undefined ? null : Number(process.env.TEARLAB_FAULT_SIZE);

function hitsSize(size: number): boolean {
  return FAULT !== undefined && (FAULT_SIZE === null || FAULT_SIZE === size);
}

/** Throws as a worker of a run of `size` bytes starts, when TEARLAB_FAULT=worker-throws asks it to. */
export function throwIfAsked(size: number): void {
  if (FAULT === 'worker-throws' && hitsSize(size)) throw new Error('failed on purpose (TEARLAB_FAULT=worker-throws)');
}

/** Where in its life a worker is: before the start barrier, or past it. */
export type WorkerStage = 'before-barrier' | 'racing';

/** Does what TEARLAB_FAULT asks of worker `index` of `role` at `stage` in a run of `size` bytes; usually nothing. */
export function enactFault(role: 'writer' | 'reader', index: number, size: number, stage: WorkerStage): void {
  if (index !== 0 || !hitsSize(size)) return;
  enact(role, stage);
}

/** Does what TEARLAB_FAULT asks of worker `index` of a scenario run at `stage`; usually nothing. */
export function enactScenarioFault(index: number, stage: WorkerStage): void {
  if (FAULT === undefined || index !== 0) return;
  enact('scenario', stage);
}

function enact(prefix: string, stage: WorkerStage): void {
  if (stage === 'before-barrier' && FAULT === `${prefix}-exits`) process.exit(FAULT_EXIT_CODE);
  if (stage === 'before-barrier' && FAULT === `${prefix}-misses-barrier`) spinForever();
  if (stage === 'racing' && FAULT === `${prefix}-spins`) spinForever();
}

/** Never returns (what a worker stuck in a loop does). */
function spinForever(): never {
  for (;;);
}
