// The Python demo's ctypes.CDLL call: memcpy with no lock at all.
import { binding } from '../native.js';
import { oneBufferCopy } from './one-buffer-copy.js';

export const unlocked = oneBufferCopy({
  name: 'unlocked',
  summary: 'memcpy with no lock (ctypes.CDLL, or free-threaded Python)',
  counters: [],
  copy: (dst, src, n) => binding.copyUnlocked(dst, src, n),
  snapshot: (shared, snapshot) => binding.snapshotUnlocked(shared, snapshot),
});
