// A baseline with no addon at all: TypedArray.prototype.set from JavaScript.
// Does plain JS tear? The experiment measures it rather than assuming.
import { binding } from '../native.js';
import { dataView, singleBuffer, type Strategy } from './strategy.js';

export const jsSet: Strategy = {
  name: 'js-set',
  summary: 'TypedArray.prototype.set from JavaScript, no addon and no lock',
  counters: [],
  allocate: (size, _writers, _readers, fill, offset) => singleBuffer(size, 0, fill, offset),
  createWriter({ regions }) {
    const shared = dataView(regions);
    return (pattern) => shared.set(pattern);
  },
  createReader({ regions, size, pace }) {
    const shared = dataView(regions);
    if (pace.chunks <= 1 && pace.pauseMicros === 0) {
      return (snapshot) => {
        snapshot.set(shared);
        return binding.classify(snapshot);
      };
    }
    // A slow reader: the same copy in pieces, sleeping between them.
    const sleeper = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const chunk = Math.ceil(size / pace.chunks);
    return (snapshot) => {
      for (let offset = 0; offset < size; offset += chunk) {
        if (offset !== 0) Atomics.wait(sleeper, 0, 0, pace.pauseMicros / 1000);
        snapshot.set(shared.subarray(offset, offset + chunk), offset);
      }
      return binding.classify(snapshot);
    };
  },
};
