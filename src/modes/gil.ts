// The Python ctypes experiment under a GIL like CPython's (native/gil.h): a worker holds the GIL while it runs
// JavaScript, as a Python thread holds it while it runs bytecode, and every addon call is a safe point where it
// hands the GIL over when another worker has asked for it. `gil` copies holding it (ctypes.PyDLL), so copies never
// overlap; `gil-released` drops it around the copy (ctypes.CDLL in a build with a GIL), so they tear.
import { binding } from '../native.js';
import { oneBufferCopy } from './one-buffer-copy.js';

const GIL_COUNTERS = ['gilSwitches', 'gilDropRequests', 'gilForcedSwitches'] as const;

export const gil = {
  ...oneBufferCopy({
    name: 'gil',
    summary: 'memcpy holding a CPython-style GIL that workers hand over at safe points (ctypes.PyDLL)',
    counters: GIL_COUNTERS,
    copy: (dst, src, n) => binding.copyGil(dst, src, n),
    snapshot: (shared, snapshot) => binding.snapshotGil(shared, snapshot),
  }),
  runsUnderGil: true,
};

export const gilReleased = {
  ...oneBufferCopy({
    name: 'gil-released',
    summary: 'memcpy with the CPython-style GIL dropped around it (ctypes.CDLL in a build with a GIL)',
    counters: GIL_COUNTERS,
    copy: (dst, src, n) => binding.copyGilReleased(dst, src, n),
    snapshot: (shared, snapshot) => binding.snapshotGilReleased(shared, snapshot),
  }),
  runsUnderGil: true,
};
