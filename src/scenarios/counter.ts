// counter: lost updates (the blog posts' `counter += 1` in N threads, and the request-id handout of "The Changing
// 'Guarantees' Given by Python's Global Interpreter Lock"). Each worker adds 1 to a shared counter `iters` times
// with a load, an add and a store, and takes `iters` request ids (read the next id, then store it plus one).
// atomic uses Atomics.add for both. The loads and stores are each their own Atomics operation (see scenario.ts):
// every one happens, in order; the updates are lost between them.
import { binding } from '../native.js';
import type { Scenario, WorkerContext } from './scenario.js';

const COUNTER = 0;
const NEXT_ID = 1;
const COUNTER_WORDS = 2;

function increment({ options, shared, mutex, safePoint, goOn }: WorkerContext): Record<string, number | Int32Array> {
  const words = new Int32Array(shared, 0, COUNTER_WORDS);
  const ids = new Int32Array(options.iters);
  let i = 0;
  for (; i < options.iters && goOn(i); i++) {
    if (options.variant === 'atomic') {
      Atomics.add(words, COUNTER, 1);
      ids[i] = Atomics.add(words, NEXT_ID, 1);
    } else if (options.variant === 'global-lock') {
      binding.globalAddSteps(words, COUNTER, 1, 1);
      ids[i] = binding.globalAddSteps(words, NEXT_ID, 1, 1);
    } else if (options.variant === 'lock') {
      mutex.lock();
      Atomics.store(words, COUNTER, Atomics.load(words, COUNTER) + 1);
      mutex.unlock();
      mutex.lock();
      const id = Atomics.load(words, NEXT_ID);
      Atomics.store(words, NEXT_ID, id + 1);
      mutex.unlock();
      ids[i] = id;
    } else {
      const count = Atomics.load(words, COUNTER);
      safePoint();
      Atomics.store(words, COUNTER, count + 1);
      safePoint();
      const id = Atomics.load(words, NEXT_ID);
      safePoint();
      Atomics.store(words, NEXT_ID, id + 1);
      safePoint();
      ids[i] = id;
    }
  }
  // Cloning a view clones its whole buffer: cut the ids down only when the run was stopped.
  return { ids: i === options.iters ? ids : ids.slice(0, i), rounds: i };
}

/** Ids handed out more than once, over every worker's ids (each below the number of ids asked for). */
function duplicateIds(reports: readonly Record<string, number | Int32Array>[], expected: number): number {
  const seen = new Uint8Array(expected);
  let duplicates = 0;
  for (const report of reports) {
    for (const id of report.ids as Int32Array) {
      if (seen[id]) duplicates++;
      else seen[id] = 1;
    }
  }
  return duplicates;
}

export const counter: Scenario = {
  name: 'counter',
  countName: 'lost',
  countOutOf: 'expected',
  variants: ['unlocked', 'global-lock', 'gil', 'lock', 'atomic'],
  source: 'my_dict[\'counter\'] += 1 in several threads (lost on free-threaded 3.13), and request_id = self._next_id; self._next_id += 1 ("The Changing Guarantees Given by Python\'s GIL")',
  sharedBytes: () => COUNTER_WORDS * Int32Array.BYTES_PER_ELEMENT,
  roles: (options) => Array.from({ length: options.workers }, () => ({ role: 'incrementer', writes: true })),
  work: increment,
  summarize(_options, reports, shared) {
    const words = new Int32Array(shared, 0, COUNTER_WORDS);
    const expected = reports.reduce((total, report) => total + (report.rounds as number), 0);
    const actual = Atomics.load(words, COUNTER);
    return {
      count: expected - actual,
      figures: { expected, actual, ids: expected, duplicate_ids: duplicateIds(reports, expected) },
    };
  },
};
