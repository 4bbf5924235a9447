// pair: a two-field invariant observed mid-update (the first act of the blog post "The GIL Was Your Lock",
// classic_data_race.py). A mover stores x=1, y=2, x=3, y=4 in a loop; a checker reads x, then y, and counts the
// pairs outside {(0,0), (1,2), (3,4)}. publish stores both fields as one 64-bit value. Every single load and store
// is its own Atomics operation (see scenario.ts): each is whole, as each bytecode is in CPython; the pair is not.
import { binding } from '../native.js';
import { busyWork, type Scenario, type WorkerContext } from './scenario.js';

// Int32 words of the shared memory; the published pair is one 64-bit word after them.
const X = 0;
const Y = 1;
/** The mover's loop count, stored after each round: a bad pair seen at a new value is a new torn moment. */
const ROUND = 2;
const PAIR_WORDS = 4;
const PUBLISHED_BYTES = BigInt64Array.BYTES_PER_ELEMENT;

function pack(x: number, y: number): bigint {
  return (BigInt(x) << 32n) | BigInt(y);
}

function consistent(x: number, y: number): boolean {
  return (x === 0 && y === 0) || (x === 1 && y === 2) || (x === 3 && y === 4);
}

function move({ options, shared, mutex, safePoint, goOn }: WorkerContext): Record<string, number> {
  const words = new Int32Array(shared, 0, PAIR_WORDS);
  const published = new BigInt64Array(shared, PAIR_WORDS * Int32Array.BYTES_PER_ELEMENT, 1);
  const work = options.widen ? options.workIters : 0;
  let sink = 0;
  let round = 0;
  for (; round < options.iters && goOn(round); round++) {
    if (options.variant === 'publish') {
      Atomics.store(published, 0, pack(1, 2));
      sink += busyWork(work);
      Atomics.store(published, 0, pack(3, 4));
    } else if (options.variant === 'global-lock') {
      sink += busyWork(work);
      binding.globalPairStore(words, 1, 2);
      sink += busyWork(work);
      binding.globalPairStore(words, 3, 4);
    } else if (options.variant === 'lock') {
      mutex.lock();
      Atomics.store(words, X, 1);
      sink += busyWork(work);
      Atomics.store(words, Y, 2);
      mutex.unlock();
      mutex.lock();
      Atomics.store(words, X, 3);
      sink += busyWork(work);
      Atomics.store(words, Y, 4);
      mutex.unlock();
    } else {
      Atomics.store(words, X, 1);
      safePoint();
      sink += busyWork(work);
      Atomics.store(words, Y, 2);
      safePoint();
      Atomics.store(words, X, 3);
      safePoint();
      sink += busyWork(work);
      Atomics.store(words, Y, 4);
      safePoint();
    }
    Atomics.store(words, ROUND, round);
  }
  return { rounds: round, sink };
}

function check({ options, shared, mutex, writersDone, safePoint, goOn }: WorkerContext): Record<string, number> {
  const words = new Int32Array(shared, 0, PAIR_WORDS);
  const published = new BigInt64Array(shared, PAIR_WORDS * Int32Array.BYTES_PER_ELEMENT, 1);
  let passes = 0;
  let inconsistent = 0;
  let moments = 0;
  let lastMoment = -1;
  const seen = new Int32Array(2);
  while (goOn(passes) && !writersDone()) {
    let x: number;
    let y: number;
    if (options.variant === 'publish') {
      const value = Atomics.load(published, 0);
      x = Number(value >> 32n);
      y = Number(value & 0xffffffffn);
    } else if (options.variant === 'global-lock') {
      binding.globalPairLoad(words, seen);
      [x, y] = seen;
    } else if (options.variant === 'lock') {
      mutex.lock();
      x = Atomics.load(words, X);
      y = Atomics.load(words, Y);
      mutex.unlock();
    } else {
      x = Atomics.load(words, X);
      safePoint();
      y = Atomics.load(words, Y);
      safePoint();
    }
    passes++;
    if (!consistent(x, y)) {
      inconsistent++;
      const moment = Atomics.load(words, ROUND);
      if (moment !== lastMoment) {
        moments++;
        lastMoment = moment;
      }
    }
  }
  return { passes, inconsistent, moments };
}

export const pair: Scenario = {
  name: 'pair',
  countName: 'inconsistent',
  countOutOf: 'passes',
  variants: ['unlocked', 'global-lock', 'gil', 'lock', 'publish'],
  source: '"The GIL Was Your Lock", act 1: uv run --python 3.14t data_races/classic_data_race.py (Config: ITERS=1000000, WIDEN=False, WORK_ITERS=10; "Inconsistent states observed", 0 under 3.14+gil)',
  sharedBytes: () => PAIR_WORDS * Int32Array.BYTES_PER_ELEMENT + PUBLISHED_BYTES,
  roles: () => [
    { role: 'mover', writes: true },
    { role: 'checker', writes: false },
  ],
  work: (context) => (context.role === 'mover' ? move(context) : check(context)),
  summarize(_options, reports) {
    const checker = reports[1] as Record<string, number>;
    return { count: checker.inconsistent, figures: { passes: checker.passes, torn_moments: checker.moments } };
  },
};
