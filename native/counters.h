// Per-thread event counters of the fixes. Each worker has its own Addon
// instance and so its own Counters; the experiment collects them at the end.
#pragma once

#include <array>
#include <cstdint>

namespace tearlab {

enum Counter {
  kLockWaits,  // acquisitions that found the lock taken and had to wait
  kRetries,    // optimistic reads thrown away and started again
  kFallbacks,  // seqlock reads that gave up retrying and took the writers' lock
  kSlotWaits,  // double-buffer writes that found no free slot on a first pass
  kGilSwitches,        // takes of the GIL that another thread held last
  kGilDropRequests,    // waits for the GIL that asked its holder to drop it
  kGilForcedSwitches,  // drops on request that waited for another thread to take the GIL
  kCounterCount
};

inline constexpr const char* kCounterNames[kCounterCount] = {
    "lockWaits", "retries", "fallbacks", "slotWaits", "gilSwitches", "gilDropRequests", "gilForcedSwitches"};

using Counters = std::array<uint64_t, kCounterCount>;

}  // namespace tearlab
