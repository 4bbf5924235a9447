// A mutex over one Int32Array word with Atomics.wait/notify: the threading.Lock
// analogue written in JavaScript. Same three states as the addon's lock.
import type { NativeCounters } from '../native.js';

const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2;
const SPINS_BEFORE_WAIT = 100;

export class JsMutex {
  constructor(
    private readonly words: Int32Array,
    private readonly index: number,
    private readonly counters: NativeCounters,
  ) {}

  lock(): void {
    const { words, index } = this;
    if (Atomics.compareExchange(words, index, UNLOCKED, LOCKED) === UNLOCKED) return;
    this.counters.lockWaits++;
    for (let spin = 0; spin < SPINS_BEFORE_WAIT; spin++) {
      if (Atomics.load(words, index) === UNLOCKED && Atomics.compareExchange(words, index, UNLOCKED, LOCKED) === UNLOCKED) {
        return;
      }
    }
    while (Atomics.exchange(words, index, CONTENDED) !== UNLOCKED) Atomics.wait(words, index, CONTENDED);
  }

  unlock(): void {
    if (Atomics.exchange(this.words, this.index, UNLOCKED) === CONTENDED) Atomics.notify(this.words, this.index, 1);
  }
}
