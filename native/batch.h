// The experiment's hot loops inside the addon: one call makes a batch of
// writes, or a batch of snapshots each classified as it is taken, so that a
// copy of 64 bytes is not dwarfed by the JavaScript-to-native crossing.
// Every copy in a batch is synchronized by its mode exactly as a single call
// would be: global-lock takes and drops the mutex around each copy, and no
// batch holds a lock across copies.
#pragma once

#include <cstddef>
#include <cstdint>

#include "copy.h"
#include "counters.h"

namespace tearlab {

// The addon modes that have batch loops, in the order of their ids.
enum class BatchMode : int32_t { kUnlocked, kGlobalLock, kLock, kSeqlock, kDoubleBuffer, kGil, kGilReleased, kCount };

inline constexpr const char* kBatchModeNames[static_cast<int>(BatchMode::kCount)] = {
    "unlocked", "global-lock", "lock", "seqlock", "double-buffer", "gil", "gil-released"};

enum class Role { kWriter, kReader };

// The shared memory of one run as the mode's strategy lays it out: the mode's
// synchronization words, and the data that writers and readers race on.
struct Region {
  int32_t* words;
  size_t word_count;
  uint8_t* data;
  size_t data_bytes;
};

// The words a mode needs for a role (a double-buffer writer needs two slots).
size_t MinWords(BatchMode mode, Role role);

// The most bytes one write or snapshot may span in the region.
size_t CopyCapacity(BatchMode mode, const Region& region);

// Where a batch's outcome is written, in a Float64Array: copies made (fewer
// than asked once the stop word is set), torn snapshots, the index in the
// batch of the first torn one (-1 if none), then the mode's counters.
enum BatchOutcomeField { kDone, kTorn, kFirstTorn, kFirstCounter, kBatchOutcomeFields = kFirstCounter + kCounterCount };

struct BatchOutcome {
  uint64_t done = 0;
  uint64_t torn = 0;
  int64_t first_torn = -1;
  // False when the double buffer's published index is not a slot (a corrupt state).
  bool ok = true;
  Counters counters{};
};

// Writes `count` times, alternating `first` and `second` (n bytes each),
// until done or until *stop is nonzero (checked before every copy).
BatchOutcome WriteBatch(BatchMode mode, const Region& region, const uint8_t* first,
                        const uint8_t* second, size_t n, uint64_t count, int32_t* stop);

// Takes `count` snapshots of n bytes into `snapshot`, each torn unless every
// byte holds one value v with intact[v] != 0 (a 256-entry table). Rests
// pace.rest_us after each snapshot, outside any lock. With a `tally`
// (outcome_tally.h; nullptr for none), counts every snapshot's outcome there.
BatchOutcome SnapshotBatch(BatchMode mode, const Region& region, uint8_t* snapshot, size_t n,
                           const uint8_t* intact, uint64_t count, int32_t* stop,
                           const ReadPace& pace, double* tally);

}  // namespace tearlab
