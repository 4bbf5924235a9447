#include "seqlock.h"

#include <atomic>
#include <cstring>

#include "atomic_ref.h"
#include "shared_lock.h"

namespace tearlab {

// The reader's optimistic copy races with the writers by design (the reader
// throws a racy copy away); the fences order it against the sequence loads and
// stores as in Hans Boehm, "Can Seqlocks Get Along With Programming Language
// Memory Models?" (2012).

#if defined(_MSC_VER)
#define TEARLAB_NOINLINE __declspec(noinline)
#else
#define TEARLAB_NOINLINE __attribute__((noinline))
#endif

// The one deliberately racy copy, kept out of line so that it is a frame of its
// own: native/harness/tsan.supp suppresses ThreadSanitizer's reports on this
// function alone, so a race between two writers, or with the fallback copy made
// under the writers' lock, is still reported. Not static: the symbolizer names a
// function of internal linkage without its namespace, which the suppression names.
TEARLAB_NOINLINE void SeqlockOptimisticCopy(uint8_t* snapshot, const uint8_t* data, size_t n,
                                            const ReadPace& pace) {
  PacedCopy(snapshot, data, n, pace);
}

void SeqlockWrite(int32_t* state, uint8_t* data, const uint8_t* src, size_t n,
                  Counters& counters) {
  SharedLockGuard writers(&state[kWriterLock], counters);
  AtomicRef<int32_t> sequence(state[kSequence]);
  const int32_t before = sequence.load(std::memory_order_relaxed);
  sequence.store(before + 1, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);
  if (n != 0) std::memmove(data, src, n);
  sequence.store(before + 2, std::memory_order_release);
}

void SeqlockRead(int32_t* state, const uint8_t* data, uint8_t* snapshot, size_t n,
                 const ReadPace& pace, Counters& counters) {
  AtomicRef<int32_t> sequence(state[kSequence]);
  for (int attempt = 0; attempt < kOptimisticReads; ++attempt) {
    const int32_t before = sequence.load(std::memory_order_acquire);
    if ((before & 1) == 0) {
      SeqlockOptimisticCopy(snapshot, data, n, pace);
      std::atomic_thread_fence(std::memory_order_acquire);
      if (sequence.load(std::memory_order_relaxed) == before) return;
    }
    ++counters[kRetries];
  }
  ++counters[kFallbacks];
  SharedLockGuard writers(&state[kWriterLock], counters);
  PacedCopy(snapshot, data, n, pace);
}

}  // namespace tearlab
