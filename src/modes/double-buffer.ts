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

/**
 * Every slot owns whole SLOT_ALIGNMENT-byte blocks, so no two slots share a cache line (128 bytes on Apple M-series,
 * 64 elsewhere) and a writer filling one slot does not slow a reader copying another.
 *
 * The run's `offset` (src/modes/strategy.ts) moves the data off its page boundary so that copies straddle lines as
 * asked. Each slot takes the same lead-in, `offset % SLOT_ALIGNMENT` bytes into its first block, and the stride leaves
 * room for it, so the slots straddle lines alike and still own their blocks:
 *
 *   page + offset - lead-in (a block boundary)
 *   |<--------------- stride --------------->|<--------------- stride --------------->| ...
 *   | lead-in | slot 0: size bytes |  spare  | lead-in | slot 1: size bytes |  spare  |
 *
 * Slot 0 starts `offset` bytes into its page; slot k starts k strides later, so the slots share the offset modulo
 * SLOT_ALIGNMENT (and 64 and 16) but only slot 0 has it modulo the page. With no offset there is no lead-in: every
 * slot starts on a block boundary.
 */
const SLOT_ALIGNMENT = 128;
function slotStride(size: number, offset: number): number {
  return Math.ceil(((offset % SLOT_ALIGNMENT) + size) / SLOT_ALIGNMENT) * SLOT_ALIGNMENT;
}

function views(regions: SharedRegions) {
  return { slots: dataView(regions), state: new Int32Array(regions.sync) };
}

export const doubleBuffer: Strategy = {
  name: 'double-buffer',
  summary: 'writers fill private slots and publish an index with release/acquire; readers pin the published slot',
  counters: ['retries', 'slotWaits'],
  // The slots, one stride apart, are the data; the addon divides it evenly among the slots the state has pins for.
  allocate(size, writers, readers, fill, offset = 0) {
    const slots = slotCount(writers, readers);
    const { doubleBufferFirstPin, doubleBufferPinStride } = binding.layout;
    const sync = new SharedArrayBuffer((doubleBufferFirstPin + slots * doubleBufferPinStride) * Int32Array.BYTES_PER_ELEMENT);
    const regions = { ...alignedData(slots * slotStride(size, offset), offset), sync };
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
