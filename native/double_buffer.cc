#include "double_buffer.h"

#include <atomic>
#include <cstring>
#include <thread>

#include "atomic_ref.h"

namespace tearlab {

namespace {

constexpr int64_t kNoSlot = -1;

inline AtomicRef<int32_t> Pins(int32_t* state, size_t slot) {
  return AtomicRef<int32_t>(state[kFirstPin + slot * kPinStride]);
}

size_t ClaimFreeSlot(int32_t* state, size_t slot_count, Counters& counters) {
  AtomicRef<int32_t> published(state[kPublishedSlot]);
  for (bool first_pass = true;; first_pass = false) {
    if (!first_pass) std::this_thread::yield();
    // Start after the published slot: the slots just behind it are the ones
    // readers are least likely to still hold.
    const size_t newest = static_cast<uint32_t>(published.load());
    for (size_t step = 1; step < slot_count; ++step) {
      const size_t slot = (newest + step) % slot_count;
      int32_t expected = 0;
      if (!Pins(state, slot).compare_exchange_strong(expected, kWriterFlag)) continue;
      // Another writer may have published it between our look and the claim.
      if (static_cast<size_t>(published.load()) != slot) return slot;
      Pins(state, slot).fetch_sub(kWriterFlag);
    }
    if (first_pass) ++counters[kSlotWaits];
  }
}

// kNoSlot when the published index is outside the slots (corrupted state).
// The pinned slot holds a complete write that was published when the reader
// looked; it may have been superseded since, as any snapshot may be.
int64_t PinPublishedSlot(int32_t* state, size_t slot_count, Counters& counters) {
  AtomicRef<int32_t> published(state[kPublishedSlot]);
  for (;;) {
    const int32_t slot = published.load();
    if (slot < 0 || static_cast<size_t>(slot) >= slot_count) return kNoSlot;
    AtomicRef<int32_t> pins = Pins(state, slot);
    if ((pins.fetch_add(1) & kWriterFlag) == 0) return slot;
    // A writer reclaimed it after we looked: undo the pin and look again.
    pins.fetch_sub(1);
    ++counters[kRetries];
  }
}

}  // namespace

void DoubleBufferWrite(int32_t* state, size_t slot_count, uint8_t* slots,
                       size_t slot_bytes, const uint8_t* src, size_t n,
                       Counters& counters) {
  const size_t slot = ClaimFreeSlot(state, slot_count, counters);
  if (n != 0) std::memmove(slots + slot * slot_bytes, src, n);
  AtomicRef<int32_t>(state[kPublishedSlot]).store(static_cast<int32_t>(slot));
  // Readers that bounced off the flag meanwhile have undone their own pins.
  Pins(state, slot).fetch_sub(kWriterFlag);
}

bool DoubleBufferRead(int32_t* state, size_t slot_count, const uint8_t* slots,
                      size_t slot_bytes, uint8_t* snapshot, size_t n,
                      const ReadPace& pace, Counters& counters) {
  const int64_t slot = PinPublishedSlot(state, slot_count, counters);
  if (slot == kNoSlot) return false;
  PacedCopy(snapshot, slots + slot * slot_bytes, n, pace);
  Pins(state, slot).fetch_sub(1);
  return true;
}

}  // namespace tearlab
