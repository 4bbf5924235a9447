// The seed's ctypes.PyDLL call: every copy in every worker holds one
// process-wide mutex, as every PyDLL call holds the GIL.
import { binding } from '../native.js';
import { singleBuffer, type Strategy } from './strategy.js';

export const globalLock: Strategy = {
  name: 'global-lock',
  summary: 'memcpy holding one process-wide mutex (ctypes.PyDLL under the GIL)',
  counters: ['lockWaits'],
  allocate: (size, _writers, _readers, fill) => singleBuffer(size, 0, fill),
  createWriter({ regions, size }) {
    const shared = new Uint8Array(regions.data);
    return (pattern) => binding.copyGlobalLock(shared, pattern, size);
  },
  createReader({ regions }) {
    const shared = new Uint8Array(regions.data);
    return (snapshot) => binding.snapshotGlobalLock(shared, snapshot);
  },
};
