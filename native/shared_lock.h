// A mutex that lives in shared memory: one 32-bit word of a SharedArrayBuffer,
// so every worker that sees the buffer sees the same lock (fix #1 of the seed:
// the lock belongs to the data, not to the process).
#pragma once

#include <cstdint>

#include "counters.h"

namespace tearlab {

// The word's states.
inline constexpr int32_t kUnlocked = 0;
inline constexpr int32_t kLockedNoWaiters = 1;
inline constexpr int32_t kLockedWithWaiters = 2;

// Ulrich Drepper's three-state mutex ("Futexes Are Tricky", mutex 2): the
// uncontended lock and unlock are one atomic instruction each; a contended
// lock spins briefly, then parks on the word (futex on Linux, through C++20
// atomic wait), and unlock wakes a parked thread only when one may be parked.
class SharedLock {
 public:
  explicit SharedLock(int32_t* word) : word_(word) {}

  // Counts a lock wait when the lock was taken by someone else.
  void Lock(Counters& counters);
  void Unlock();

 private:
  int32_t* word_;
};

// Holds a SharedLock for a scope.
class SharedLockGuard {
 public:
  SharedLockGuard(int32_t* word, Counters& counters) : lock_(word) { lock_.Lock(counters); }
  ~SharedLockGuard() { lock_.Unlock(); }
  SharedLockGuard(const SharedLockGuard&) = delete;
  SharedLockGuard& operator=(const SharedLockGuard&) = delete;

 private:
  SharedLock lock_;
};

}  // namespace tearlab
