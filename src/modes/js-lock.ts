// Fix #1 written in TypeScript: an Atomics mutex in the shared memory around
// unlocked addon copies, measured beside the addon's own lock.
import { binding } from '../native.js';
import { JsMutex } from './js-mutex.js';
import { dataView, singleBuffer, type Strategy } from './strategy.js';

const MUTEX_WORD = 0;
const SYNC_WORDS = 1;

export const jsLock: Strategy = {
  name: 'js-lock',
  summary: 'an Atomics.wait/notify mutex in TypeScript around unlocked addon copies',
  counters: ['lockWaits'],
  allocate: (size, _writers, _readers, fill, offset) => singleBuffer(size, SYNC_WORDS, fill, offset),
  createWriter({ regions, size, counters }) {
    const shared = dataView(regions);
    const mutex = new JsMutex(new Int32Array(regions.sync), MUTEX_WORD, counters);
    return (pattern) => {
      mutex.lock();
      try {
        binding.copyUnlocked(shared, pattern, size);
      } finally {
        mutex.unlock();
      }
    };
  },
  createReader({ regions, counters }) {
    const shared = dataView(regions);
    const mutex = new JsMutex(new Int32Array(regions.sync), MUTEX_WORD, counters);
    return (snapshot) => {
      mutex.lock();
      try {
        // Copies and classifies in one call: classifying after the unlock would cost a second crossing.
        return binding.snapshotUnlocked(shared, snapshot);
      } finally {
        mutex.unlock();
      }
    };
  },
};
