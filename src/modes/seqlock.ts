// A seqlock: writers serialize on a lock and bump a sequence counter around
// their copy; readers copy without a lock and retry when the counter moved
// (native/seqlock.h). Retries and lock fallbacks are counted.
import { binding } from '../native.js';
import { dataView, singleBuffer, type Strategy } from './strategy.js';

export const seqlock: Strategy = {
  name: 'seqlock',
  summary: 'one buffer and a sequence counter: readers copy optimistically and retry, writers serialize',
  counters: ['retries', 'fallbacks', 'lockWaits'],
  allocate: (size, _writers, _readers, fill, offset) => singleBuffer(size, binding.layout.seqlockWords, fill, offset),
  createWriter({ regions }) {
    const shared = dataView(regions);
    const state = new Int32Array(regions.sync);
    return (pattern) => binding.seqlockWrite(state, shared, pattern);
  },
  createReader({ regions }) {
    const shared = dataView(regions);
    const state = new Int32Array(regions.sync);
    return (snapshot) => binding.seqlockSnapshot(state, shared, snapshot);
  },
};
