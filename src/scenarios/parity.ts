// parity: a length seen mid-update (the append/pop check of "The Changing 'Guarantees' Given by Python's Global
// Interpreter Lock"): a writer adds 1, adds 1, subtracts 1, subtracts 1 from a shared length, each a load and a
// store of its own (Atomics operations, see scenario.ts); a checker asserts that the length is even. atomic adds
// and subtracts 2 in one Atomics step.
import { binding } from '../native.js';
import type { Scenario, WorkerContext } from './scenario.js';

const LENGTH = 0;
const PARITY_WORDS = 1;

/** One `len += delta`: a load and a store, each whole, with nothing to keep another thread from running between. */
function step(words: Int32Array, delta: number, safePoint: () => void): void {
  const length = Atomics.load(words, LENGTH);
  safePoint();
  Atomics.store(words, LENGTH, length + delta);
  safePoint();
}

const NO_SAFE_POINT = () => undefined;

function write({ options, shared, mutex, safePoint, goOn }: WorkerContext): Record<string, number> {
  const words = new Int32Array(shared, 0, PARITY_WORDS);
  let round = 0;
  for (; round < options.iters && goOn(round); round++) {
    if (options.variant === 'atomic') {
      Atomics.add(words, LENGTH, 2);
      Atomics.sub(words, LENGTH, 2);
    } else if (options.variant === 'global-lock') {
      binding.globalAddSteps(words, LENGTH, 1, 2);
      binding.globalAddSteps(words, LENGTH, -1, 2);
    } else if (options.variant === 'lock') {
      mutex.lock();
      step(words, 1, NO_SAFE_POINT);
      step(words, 1, NO_SAFE_POINT);
      mutex.unlock();
      mutex.lock();
      step(words, -1, NO_SAFE_POINT);
      step(words, -1, NO_SAFE_POINT);
      mutex.unlock();
    } else {
      step(words, 1, safePoint);
      step(words, 1, safePoint);
      step(words, -1, safePoint);
      step(words, -1, safePoint);
    }
  }
  return { rounds: round };
}

function check({ options, shared, mutex, writersDone, safePoint, goOn }: WorkerContext): Record<string, number> {
  const words = new Int32Array(shared, 0, PARITY_WORDS);
  let checks = 0;
  let odd = 0;
  let beforeFirstOdd = -1;
  while (goOn(checks) && !writersDone()) {
    let length: number;
    if (options.variant === 'lock') {
      mutex.lock();
      length = Atomics.load(words, LENGTH);
      mutex.unlock();
    } else if (options.variant === 'global-lock') {
      length = binding.globalLoad(words, LENGTH);
    } else {
      length = Atomics.load(words, LENGTH);
      safePoint();
    }
    if (length % 2 !== 0) {
      if (odd === 0) beforeFirstOdd = checks;
      odd++;
    }
    checks++;
  }
  return { checks, odd, beforeFirstOdd };
}

export const parity: Scenario = {
  name: 'parity',
  countName: 'odd',
  countOutOf: 'checks',
  variants: ['unlocked', 'global-lock', 'gil', 'lock', 'atomic'],
  source: 'insert_fn: list.append(1); list.append(1); list.pop(); list.pop() against size_fn: assert len(list) % 2 == 0 ("The Changing Guarantees Given by Python\'s GIL")',
  sharedBytes: () => PARITY_WORDS * Int32Array.BYTES_PER_ELEMENT,
  roles: () => [
    { role: 'writer', writes: true },
    { role: 'checker', writes: false },
  ],
  work: (context) => (context.role === 'writer' ? write(context) : check(context)),
  summarize(_options, reports) {
    const checker = reports[1] as Record<string, number>;
    return { count: checker.odd, figures: { checks: checker.checks, checks_before_first_odd: checker.beforeFirstOdd } };
  },
};
