// A seqlock over one shared buffer. Writers serialize on a SharedLock and make
// the sequence odd while they write; readers copy without any lock and keep the
// copy only if the sequence was even and unchanged across it.
#pragma once

#include <cstddef>
#include <cstdint>

#include "copy.h"
#include "counters.h"
#include "shared_lock.h"

namespace tearlab {

// Layout of the seqlock's Int32Array state: the sequence, then the writers' lock.
enum SeqlockWord { kSequence = 0, kWriterLock = 1, kSeqlockWords = kWriterLock + kSharedLockWords };

// Optimistic reads a reader tries before it takes the writers' lock instead.
// Writers that never pause would otherwise starve readers forever: every copy
// overlaps some write, so every validation fails.
inline constexpr int kOptimisticReads = 4;

void SeqlockWrite(int32_t* state, uint8_t* data, const uint8_t* src, size_t n,
                  Counters& counters);

void SeqlockRead(int32_t* state, const uint8_t* data, uint8_t* snapshot, size_t n,
                 const ReadPace& pace, Counters& counters);

}  // namespace tearlab
