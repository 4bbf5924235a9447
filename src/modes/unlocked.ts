// The seed's ctypes.CDLL call: memcpy with no lock at all.
import { binding } from '../native.js';
import { singleBuffer, type Strategy } from './strategy.js';

export const unlocked: Strategy = {
  name: 'unlocked',
  summary: 'memcpy with no lock (ctypes.CDLL, or free-threaded Python)',
  counters: [],
  allocate: (size, _writers, _readers, fill) => singleBuffer(size, 0, fill),
  createWriter({ regions, size }) {
    const shared = new Uint8Array(regions.data);
    return (pattern) => binding.copyUnlocked(shared, pattern, size);
  },
  createReader({ regions }) {
    const shared = new Uint8Array(regions.data);
    return (snapshot) => binding.snapshotUnlocked(shared, snapshot);
  },
};
