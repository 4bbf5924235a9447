// Fix #1, "lock it": a mutex that belongs to the shared buffer. Its words
// live in shared memory beside the data, so every worker takes the same lock;
// the addon takes it around each copy (futex-backed and starvation-free, see
// native/shared_lock.h).
import { binding } from '../native.js';
import { dataView, singleBuffer, type SharedRegions, type Strategy } from './strategy.js';

const FIRST_LOCK_WORD = 0;

function lockWords(regions: SharedRegions): Int32Array {
  return new Int32Array(regions.sync, FIRST_LOCK_WORD * Int32Array.BYTES_PER_ELEMENT, binding.layout.lockWords);
}

export const lock: Strategy = {
  name: 'lock',
  summary: 'a futex mutex in the shared memory that does not starve waiters, taken by the addon around every copy (threading.Lock)',
  counters: ['lockWaits'],
  allocate: (size, _writers, _readers, fill, offset) => singleBuffer(size, binding.layout.lockWords, fill, offset),
  createWriter({ regions }) {
    const shared = dataView(regions);
    const words = lockWords(regions);
    return (pattern) => binding.lockedCopy(words, shared, pattern);
  },
  createReader({ regions }) {
    const shared = dataView(regions);
    const words = lockWords(regions);
    return (snapshot) => binding.lockedSnapshot(words, shared, snapshot);
  },
};
