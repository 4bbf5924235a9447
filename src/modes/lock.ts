// Fix #1, "lock it": a mutex that belongs to the shared buffer. Its word
// lives in shared memory beside the data, so every worker takes the same lock;
// the addon takes it around each copy (futex-backed, see native/shared_lock.h).
import { binding } from '../native.js';
import { singleBuffer, type Strategy } from './strategy.js';

const LOCK_WORD = 0;

export const lock: Strategy = {
  name: 'lock',
  summary: 'a futex mutex in the shared memory, taken by the addon around every copy (threading.Lock)',
  counters: ['lockWaits'],
  allocate: (size, _writers, _readers, fill) => singleBuffer(size, binding.layout.lockWords, fill),
  createWriter({ regions }) {
    const shared = new Uint8Array(regions.data);
    const word = new Int32Array(regions.sync, LOCK_WORD * Int32Array.BYTES_PER_ELEMENT, binding.layout.lockWords);
    return (pattern) => binding.lockedCopy(word, shared, pattern);
  },
  createReader({ regions }) {
    const shared = new Uint8Array(regions.data);
    const word = new Int32Array(regions.sync, LOCK_WORD * Int32Array.BYTES_PER_ELEMENT, binding.layout.lockWords);
    return (snapshot) => binding.lockedSnapshot(word, shared, snapshot);
  },
};
