// A mutex that lives in shared memory: two 32-bit words of a SharedArrayBuffer,
// so every worker that sees the buffer sees the same lock (fix #1 of "The GIL Was Your Lock":
// the lock belongs to the data, not to the process).
#pragma once

#include <cstdint>

#include "counters.h"

namespace tearlab {

// Layout of the lock's words.
enum SharedLockWord {
  kLockState = 0,  // kUnlocked, kLockedNoWaiters or kLockedWithWaiters
  kStarving = 1,   // waiters that have waited longer than kStarvationMicros
  kSharedLockWords = 2
};

inline constexpr int32_t kUnlocked = 0;
inline constexpr int32_t kLockedNoWaiters = 1;
inline constexpr int32_t kLockedWithWaiters = 2;

// A waiter that has waited this long asks the others to stop barging.
inline constexpr int kStarvationMicros = 200;

// Ulrich Drepper's three-state mutex ("Futexes Are Tricky", mutex 2): the
// uncontended lock and unlock are one atomic instruction each; a contended
// lock spins briefly, then parks on the word (futex on Linux, through C++20
// atomic wait), and unlock wakes a parked thread only when one may be parked.
//
// Such a lock lets the thread that just unlocked take it again before a
// parked waiter wakes: good for throughput, but with copies of a megabyte a
// reader can wait behind thousands of writes. So a waiter that has waited
// longer than kStarvationMicros counts itself in kStarving, and while that
// count is not zero, newcomers wait for it to fall instead of barging in
// (the idea of Go's sync.Mutex starvation mode).
class SharedLock {
 public:
  explicit SharedLock(int32_t* words) : words_(words) {}

  // Counts a lock wait when the lock was taken by someone else.
  void Lock(Counters& counters);
  void Unlock();

 private:
  int32_t* words_;
};

// Holds a SharedLock for a scope.
class SharedLockGuard {
 public:
  SharedLockGuard(int32_t* words, Counters& counters) : lock_(words) { lock_.Lock(counters); }
  ~SharedLockGuard() { lock_.Unlock(); }
  SharedLockGuard(const SharedLockGuard&) = delete;
  SharedLockGuard& operator=(const SharedLockGuard&) = delete;

 private:
  SharedLock lock_;
};

}  // namespace tearlab
