// Fix #3, "double-buffer and swap": writers fill a slot of their own and
// publish its index atomically; readers pin and copy the published slot.
// Pins keep a writer off any slot a reader (however slow) is still copying
// (native/double_buffer.h).
import { binding } from '../native.js';
import type { SharedRegions, Strategy } from './strategy.js';

/** Enough slots that a writer always finds a free one: one published, one per writer, one pinned per reader. */
export function slotCount(writers: number, readers: number): number {
  return writers + readers + 1;
}

function views(regions: SharedRegions) {
  return { slots: new Uint8Array(regions.data), state: new Int32Array(regions.sync) };
}

export const doubleBuffer: Strategy = {
  name: 'double-buffer',
  summary: 'writers fill private slots and publish an index with release/acquire; readers pin the published slot',
  counters: ['retries', 'slotWaits'],
  allocate(size, writers, readers, fill) {
    const slots = slotCount(writers, readers);
    const data = new SharedArrayBuffer(slots * size);
    new Uint8Array(data).fill(fill);
    const { doubleBufferFirstPin, doubleBufferPinStride } = binding.layout;
    const sync = new SharedArrayBuffer((doubleBufferFirstPin + slots * doubleBufferPinStride) * Int32Array.BYTES_PER_ELEMENT);
    // Slot 0 starts published (the state is all zeros): it holds the first pattern like the others.
    return { data, sync };
  },
  createWriter({ regions }) {
    const { slots, state } = views(regions);
    return (pattern) => binding.doubleBufferWrite(state, slots, pattern);
  },
  createReader({ regions }) {
    const { slots, state } = views(regions);
    return (snapshot) => binding.doubleBufferSnapshot(state, slots, snapshot);
  },
};
