#include "shared_lock.h"

#include <atomic>

namespace tearlab {

namespace {

constexpr int kSpinsBeforePark = 100;

inline void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace

void SharedLock::Lock(Counters& counters) {
  std::atomic_ref<int32_t> state(*word_);
  int32_t seen = kUnlocked;
  if (state.compare_exchange_strong(seen, kLockedNoWaiters, std::memory_order_acquire)) {
    return;
  }
  ++counters[kLockWaits];
  for (int spin = 0; spin < kSpinsBeforePark; ++spin) {
    CpuRelax();
    seen = kUnlocked;
    if (state.load(std::memory_order_relaxed) == kUnlocked &&
        state.compare_exchange_weak(seen, kLockedNoWaiters, std::memory_order_acquire)) {
      return;
    }
  }
  // From here on we may sleep, so we mark the lock contended; whoever holds it
  // then knows to wake someone when it unlocks.
  while (state.exchange(kLockedWithWaiters, std::memory_order_acquire) != kUnlocked) {
    state.wait(kLockedWithWaiters, std::memory_order_relaxed);
  }
}

void SharedLock::Unlock() {
  std::atomic_ref<int32_t> state(*word_);
  if (state.exchange(kUnlocked, std::memory_order_release) == kLockedWithWaiters) {
    state.notify_one();
  }
}

}  // namespace tearlab
