// Fix #3, "double-buffer and swap": writers fill a slot of their own and
// publish its index atomically; readers pin and copy the published slot.
// Pins keep a writer off any slot a reader (however slow) is still copying
// (native/double_buffer.h).
import { binding } from '../native.js';
import { alignedData, dataView, type SharedRegions, type Strategy } from './strategy.js';

/** Enough slots that a writer always finds a free one: one published, one per writer, one pinned per reader. */
export function slotCount(writers: number, readers: number): number {
  return writers + readers + 1;
}

/** Each slot starts on a SLOT_ALIGNMENT boundary, so no two slots share a cache line (128 bytes on Apple M-series). */
const SLOT_ALIGNMENT = 128;
function slotStride(size: number): number {
  return Math.ceil(size / SLOT_ALIGNMENT) * SLOT_ALIGNMENT;
}

function views(regions: SharedRegions) {
  return { slots: dataView(regions), state: new Int32Array(regions.sync) };
}

export const doubleBuffer: Strategy = {
  name: 'double-buffer',
  summary: 'writers fill private slots and publish an index with release/acquire; readers pin the published slot',
  counters: ['retries', 'slotWaits'],
  // With an offset, slot 0 starts that far into a page and every slot that far past a SLOT_ALIGNMENT boundary.
  allocate(size, writers, readers, fill, offset = 0) {
    const slots = slotCount(writers, readers);
    const { doubleBufferFirstPin, doubleBufferPinStride } = binding.layout;
    const sync = new SharedArrayBuffer((doubleBufferFirstPin + slots * doubleBufferPinStride) * Int32Array.BYTES_PER_ELEMENT);
    const regions = { ...alignedData(slots * slotStride(size), offset), sync };
    // Slot 0 starts published (the state is all zeros): a snapshot before the first publish is intact:initial.
    dataView(regions).fill(fill);
    return regions;
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
