// The Python demo's ctypes.PyDLL call: every copy in every worker holds one
// process-wide mutex, as every PyDLL call holds the GIL.
import { binding } from '../native.js';
import { oneBufferCopy } from './one-buffer-copy.js';

export const globalLock = oneBufferCopy({
  name: 'global-lock',
  summary: 'memcpy holding one process-wide mutex (ctypes.PyDLL under the GIL)',
  counters: ['lockWaits'],
  copy: (dst, src, n) => binding.copyGlobalLock(dst, src, n),
  snapshot: (shared, snapshot) => binding.snapshotGlobalLock(shared, snapshot),
});
