#include "batch.h"

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

#include "anatomy.h"
#include "atomic_ref.h"
#include "classify.h"
#include "double_buffer.h"
#include "outcome_tally.h"
#include "seqlock.h"
#include "shared_lock.h"

namespace tearlab {

namespace {

// Each mode's single write and single snapshot, as a class the loops below are
// instantiated with, so that the 64-byte copies of a batch are inlined.
class UnlockedCopies {
 public:
  explicit UnlockedCopies(const Region& region) : data_(region.data) {}
  bool Write(const uint8_t* src, size_t n, Counters&) {
    if (n != 0) std::memmove(data_, src, n);
    return true;
  }
  bool Read(uint8_t* snapshot, size_t n, const ReadPace& pace, Counters&) {
    PacedCopy(snapshot, data_, n, pace);
    return true;
  }

 private:
  uint8_t* data_;
};

// One shared buffer, each copy made as a single call of that mode would make it: under the global lock, or under
// the GIL (each copy a safe point).
template <CopyMode kMode>
class ModeCopies {
 public:
  explicit ModeCopies(const Region& region) : data_(region.data) {}
  bool Write(const uint8_t* src, size_t n, Counters& counters) {
    CopyWithMode(data_, src, n, kMode, ReadPace{}, counters);
    return true;
  }
  bool Read(uint8_t* snapshot, size_t n, const ReadPace& pace, Counters& counters) {
    CopyWithMode(snapshot, data_, n, kMode, pace, counters);
    return true;
  }

 private:
  uint8_t* data_;
};

class LockCopies {
 public:
  explicit LockCopies(const Region& region) : words_(region.words), data_(region.data) {}
  bool Write(const uint8_t* src, size_t n, Counters& counters) {
    SharedLockGuard hold(words_, counters);
    PacedCopy(data_, src, n, ReadPace{});
    return true;
  }
  bool Read(uint8_t* snapshot, size_t n, const ReadPace& pace, Counters& counters) {
    SharedLockGuard hold(words_, counters);
    PacedCopy(snapshot, data_, n, pace);
    return true;
  }

 private:
  int32_t* words_;
  uint8_t* data_;
};

class SeqlockCopies {
 public:
  explicit SeqlockCopies(const Region& region) : words_(region.words), data_(region.data) {}
  bool Write(const uint8_t* src, size_t n, Counters& counters) {
    SeqlockWrite(words_, data_, src, n, counters);
    return true;
  }
  bool Read(uint8_t* snapshot, size_t n, const ReadPace& pace, Counters& counters) {
    SeqlockRead(words_, data_, snapshot, n, pace, counters);
    return true;
  }

 private:
  int32_t* words_;
  uint8_t* data_;
};

class DoubleBufferCopies {
 public:
  explicit DoubleBufferCopies(const Region& region)
      : state_(region.words),
        slot_count_(DoubleBufferSlots(region.word_count)),
        slots_(region.data),
        slot_bytes_(region.data_bytes / slot_count_) {}
  bool Write(const uint8_t* src, size_t n, Counters& counters) {
    DoubleBufferWrite(state_, slot_count_, slots_, slot_bytes_, src, n, counters);
    return true;
  }
  bool Read(uint8_t* snapshot, size_t n, const ReadPace& pace, Counters& counters) {
    return DoubleBufferRead(state_, slot_count_, slots_, slot_bytes_, snapshot, n, pace, counters);
  }

 private:
  int32_t* state_;
  size_t slot_count_;
  uint8_t* slots_;
  size_t slot_bytes_;
};

inline bool Stopped(int32_t* stop) {
  return stop != nullptr && AtomicRef<int32_t>(*stop).load(std::memory_order_relaxed) != 0;
}

template <class Copies>
BatchOutcome WriteLoop(Copies copies, const uint8_t* first, const uint8_t* second, size_t n,
                       uint64_t count, int32_t* stop) {
  BatchOutcome outcome;
  for (; outcome.done < count && !Stopped(stop); ++outcome.done) {
    copies.Write((outcome.done & 1) == 0 ? first : second, n, outcome.counters);
  }
  return outcome;
}

// Whether the snapshot is intact; with a tally, also counts its outcome. With a tally one scan both
// classifies the snapshot and tells 2 from 3+ segments: it stops at the second boundary, so an intact
// snapshot costs what classifying it costs and a torn one is read once, up to that boundary or its end.
inline bool ClassifyAndTally(const uint8_t* snapshot, size_t n, const uint8_t* intact, double* tally) {
  if (tally == nullptr) {
    const int byte = UniformByte(snapshot, n);
    return byte != kNotUniform && intact[byte] != 0;
  }
  const size_t segments = CountSegmentsUpTo(snapshot, n, 3);
  const bool whole = segments == 1 && intact[snapshot[0]] != 0;
  if (whole) {
    TallyIntact(tally, snapshot[0]);
  } else {
    TallyTorn(tally, snapshot, n, segments);
  }
  return whole;
}

template <class Copies>
BatchOutcome SnapshotLoop(Copies copies, uint8_t* snapshot, size_t n, const uint8_t* intact,
                          uint64_t count, int32_t* stop, const ReadPace& pace, double* tally) {
  BatchOutcome outcome;
  for (; outcome.done < count && !Stopped(stop); ++outcome.done) {
    if (!copies.Read(snapshot, n, pace, outcome.counters)) {
      outcome.ok = false;
      break;
    }
    if (!ClassifyAndTally(snapshot, n, intact, tally)) {
      if (outcome.torn == 0) outcome.first_torn = static_cast<int64_t>(outcome.done);
      ++outcome.torn;
    }
    if (pace.rest_us != 0) std::this_thread::sleep_for(std::chrono::microseconds(pace.rest_us));
  }
  return outcome;
}

// Calls `run` with the copies of `mode` over `region`.
template <class Run>
BatchOutcome WithCopies(BatchMode mode, const Region& region, Run run) {
  switch (mode) {
    case BatchMode::kUnlocked:
      return run(UnlockedCopies(region));
    case BatchMode::kGlobalLock:
      return run(ModeCopies<CopyMode::kGlobalLock>(region));
    case BatchMode::kGil:
      return run(ModeCopies<CopyMode::kGil>(region));
    case BatchMode::kGilReleased:
      return run(ModeCopies<CopyMode::kGilReleased>(region));
    case BatchMode::kLock:
      return run(LockCopies(region));
    case BatchMode::kSeqlock:
      return run(SeqlockCopies(region));
    case BatchMode::kDoubleBuffer:
      return run(DoubleBufferCopies(region));
    case BatchMode::kCount:
      break;
  }
  return BatchOutcome{.ok = false};
}

}  // namespace

size_t MinWords(BatchMode mode, Role role) {
  switch (mode) {
    case BatchMode::kLock:
      return kSharedLockWords;
    case BatchMode::kSeqlock:
      return kSeqlockWords;
    case BatchMode::kDoubleBuffer:
      // A writer needs a slot besides the published one, or it would wait forever.
      return kFirstPin + (role == Role::kWriter ? 2 : 1) * kPinStride;
    default:
      return 0;
  }
}

size_t CopyCapacity(BatchMode mode, const Region& region) {
  if (mode != BatchMode::kDoubleBuffer) return region.data_bytes;
  const size_t slots = DoubleBufferSlots(region.word_count);
  return slots == 0 ? 0 : region.data_bytes / slots;
}

BatchOutcome WriteBatch(BatchMode mode, const Region& region, const uint8_t* first,
                        const uint8_t* second, size_t n, uint64_t count, int32_t* stop) {
  return WithCopies(mode, region, [&](auto copies) {
    return WriteLoop(copies, first, second, n, count, stop);
  });
}

BatchOutcome SnapshotBatch(BatchMode mode, const Region& region, uint8_t* snapshot, size_t n,
                           const uint8_t* intact, uint64_t count, int32_t* stop,
                           const ReadPace& pace, double* tally) {
  return WithCopies(mode, region, [&](auto copies) {
    return SnapshotLoop(copies, snapshot, n, intact, count, stop, pace, tally);
  });
}

}  // namespace tearlab
