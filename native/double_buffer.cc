#include "double_buffer.h"

#include <atomic>
#include <cstring>
#include <thread>

namespace tearlab {

namespace {

constexpr int64_t kNoSlot = -1;

size_t ClaimFreeSlot(int32_t* state, size_t slot_count, Counters& counters) {
  std::atomic_ref<int32_t> published(state[kPublishedSlot]);
  for (bool first_pass = true;; first_pass = false) {
    if (!first_pass) std::this_thread::yield();
    for (size_t slot = 0; slot < slot_count; ++slot) {
      if (static_cast<size_t>(published.load()) == slot) continue;
      std::atomic_ref<int32_t> pins(state[kFirstPin + slot]);
      int32_t expected = 0;
      if (!pins.compare_exchange_strong(expected, kSlotWriting)) continue;
      // It may have been published between the check and the claim.
      if (static_cast<size_t>(published.load()) != slot) return slot;
      pins.store(0);
    }
    if (first_pass) ++counters[kSlotWaits];
  }
}

// kNoSlot when the published index is outside the slots (corrupted state).
int64_t PinPublishedSlot(int32_t* state, size_t slot_count, Counters& counters) {
  std::atomic_ref<int32_t> published(state[kPublishedSlot]);
  for (;;) {
    const int32_t slot = published.load();
    if (slot < 0 || static_cast<size_t>(slot) >= slot_count) return kNoSlot;
    std::atomic_ref<int32_t> pins(state[kFirstPin + slot]);
    int32_t readers = pins.load();
    if (readers != kSlotWriting && pins.compare_exchange_strong(readers, readers + 1)) {
      // Pinned; keep it only if it is still the newest publication.
      if (published.load() == slot) return slot;
      pins.fetch_sub(1);
    }
    ++counters[kRetries];
  }
}

}  // namespace

void DoubleBufferWrite(int32_t* state, size_t slot_count, uint8_t* slots,
                       size_t slot_bytes, const uint8_t* src, size_t n,
                       Counters& counters) {
  const size_t slot = ClaimFreeSlot(state, slot_count, counters);
  if (n != 0) std::memcpy(slots + slot * slot_bytes, src, n);
  std::atomic_ref<int32_t>(state[kPublishedSlot]).store(static_cast<int32_t>(slot));
  std::atomic_ref<int32_t>(state[kFirstPin + slot]).store(0);
}

bool DoubleBufferRead(int32_t* state, size_t slot_count, const uint8_t* slots,
                      size_t slot_bytes, uint8_t* snapshot, size_t n,
                      const ReadPace& pace, Counters& counters) {
  const int64_t slot = PinPublishedSlot(state, slot_count, counters);
  if (slot == kNoSlot) return false;
  PacedCopy(snapshot, slots + slot * slot_bytes, n, pace);
  std::atomic_ref<int32_t>(state[kFirstPin + slot]).fetch_sub(1);
  return true;
}

}  // namespace tearlab
