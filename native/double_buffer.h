// Fix #3 of "The GIL Was Your Lock": writers write into a slot that is theirs alone and
// publish it by swapping one index with release/acquire atomics; readers copy
// the published slot.
//
// The trap is a writer reusing a slot that a slow reader is still copying.
// Each slot therefore has a pin word: the count of readers pinning it, plus
// kWriterFlag while a writer owns it. A writer claims only a slot that is not
// published and has no pins (0 -> kWriterFlag in one compare-exchange); a
// reader pins with one fetch-add and backs off if the flag was set. So a slot
// is never written and read at once, however slow the reader.
// With W writers and R readers, W + R + 1 slots always leave a writer one
// that is free: at most R are pinned, W - 1 owned by the others, 1 published.
#pragma once

#include <cstddef>
#include <cstdint>

#include "copy.h"
#include "counters.h"

namespace tearlab {

// Layout of the double buffer's Int32Array state: the published slot's
// index, then one pin word per slot. Each word has 128 bytes of its own (a
// cache line on Apple M-series, two elsewhere), so a writer claiming one slot
// does not slow a reader pinning another.
inline constexpr size_t kPinBytes = 128;
enum DoubleBufferWord { kPublishedSlot = 0, kPinStride = kPinBytes / sizeof(int32_t), kFirstPin = kPinStride };

inline constexpr int32_t kWriterFlag = 1 << 30;

// The number of slots a state of `words` words describes (0 if none).
inline size_t DoubleBufferSlots(size_t words) {
  return words < kFirstPin ? 0 : (words - kFirstPin) / kPinStride;
}

// `slots` points at slot_count slots of slot_bytes each; n <= slot_bytes.
void DoubleBufferWrite(int32_t* state, size_t slot_count, uint8_t* slots,
                       size_t slot_bytes, const uint8_t* src, size_t n,
                       Counters& counters);

// False, copying nothing, when the published index is not a slot.
bool DoubleBufferRead(int32_t* state, size_t slot_count, const uint8_t* slots,
                      size_t slot_bytes, uint8_t* snapshot, size_t n,
                      const ReadPace& pace, Counters& counters);

}  // namespace tearlab
