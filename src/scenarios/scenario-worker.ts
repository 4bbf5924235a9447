// One worker of a scenario run: waits at the start barrier with the others, does its part, reports.
import { parentPort, workerData } from 'node:worker_threads';
import { arriveAndWait } from '../barrier.js';
import { zeroCounters } from '../counters.js';
import { enactScenarioFault } from '../fault.js';
import { STOP } from '../layout.js';
import { JsMutex } from '../modes/js-mutex.js';
import { binding } from '../native.js';
import { controlWords, FIRST_WORKER_PROGRESS, LOCK_WORD, WRITERS_DONE } from './control.js';
import { SCENARIOS } from './index.js';
import type { ScenarioOptions } from './scenario.js';

export interface ScenarioWorkerTask {
  options: ScenarioOptions;
  role: string;
  index: number;
  /** Whether this worker writes; the others run until every writer is done. */
  writes: boolean;
  writers: number;
  parties: number;
  shared: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

// Rounds between two looks at the control block: often enough to stop soon after being told to, rare enough that
// the control block's traffic does not change the race being measured.
const ROUNDS_PER_LOOK = 256;

const task = workerData as ScenarioWorkerTask;
const control = new Int32Array(task.control, 0, controlWords(task.parties));
const progressWord = FIRST_WORKER_PROGRESS + task.index;
const scenario = SCENARIOS[task.options.scenario];
// Under the GIL a worker holds it while it runs, as a Python thread does: from the start barrier, where it waits
// without it, to the end.
const underGil = task.options.variant === 'gil';
enactScenarioFault(task.index, 'before-barrier');
arriveAndWait(control, task.parties);
if (underGil) binding.gilTake();
enactScenarioFault(task.index, 'racing');
const report = scenario.work({
  options: task.options,
  role: task.role,
  index: task.index,
  shared: task.shared,
  mutex: new JsMutex(control, LOCK_WORD, zeroCounters()),
  writersDone: () => Atomics.load(control, WRITERS_DONE) >= task.writers,
  goOn(rounds) {
    if (rounds % ROUNDS_PER_LOOK !== 0) return true;
    Atomics.store(control, progressWord, rounds);
    return Atomics.load(control, STOP) === 0;
  },
  safePoint: underGil ? () => binding.gilSafePoint() : () => undefined,
});
if (task.writes) Atomics.add(control, WRITERS_DONE, 1);
if (underGil) binding.gilDrop();
parentPort?.postMessage(report);
