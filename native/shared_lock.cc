#include "shared_lock.h"

#include <atomic>
#include <chrono>

#if defined(_MSC_VER)
#include <intrin.h>
#endif

#include "atomic_ref.h"

namespace tearlab {

namespace {

constexpr int kSpinsBeforePark = 100;

// Tells the core this is a spin-wait (x86's pause, Arm's yield); elsewhere the loop spins plainly.
inline void CpuRelax() {
#if defined(_MSC_VER) && (defined(_M_X64) || defined(_M_IX86))
  _mm_pause();
#elif defined(_MSC_VER) && defined(_M_ARM64)
  __yield();
#elif defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

}  // namespace

void SharedLock::Lock(Counters& counters) {
  AtomicRef<int32_t> state(words_[kLockState]);
  AtomicRef<int32_t> starving(words_[kStarving]);
  int32_t seen = kUnlocked;
  if (starving.load(std::memory_order_relaxed) == 0 &&
      state.compare_exchange_strong(seen, kLockedNoWaiters, std::memory_order_acquire)) {
    return;
  }
  ++counters[kLockWaits];
  for (int spin = 0; spin < kSpinsBeforePark; ++spin) {
    CpuRelax();
    seen = kUnlocked;
    if (starving.load(std::memory_order_relaxed) == 0 &&
        state.load(std::memory_order_relaxed) == kUnlocked &&
        state.compare_exchange_weak(seen, kLockedNoWaiters, std::memory_order_acquire)) {
      return;
    }
  }
  const auto since = std::chrono::steady_clock::now();
  bool starving_here = false;
  for (;;) {
    const int32_t starvers = starving.load();
    if (!starving_here && starvers != 0) {
      starving.wait(starvers);
      continue;
    }
    // From here on we may sleep, so we mark the lock contended; whoever holds
    // it then knows to wake someone when it unlocks.
    if (state.exchange(kLockedWithWaiters, std::memory_order_acquire) == kUnlocked) break;
    state.wait(kLockedWithWaiters, std::memory_order_relaxed);
    if (!starving_here && std::chrono::steady_clock::now() - since >
                              std::chrono::microseconds(kStarvationMicros)) {
      starving_here = true;
      starving.fetch_add(1);
    }
  }
  if (starving_here && starving.fetch_sub(1) == 1) starving.notify_all();
}

void SharedLock::Unlock() {
  AtomicRef<int32_t> state(words_[kLockState]);
  if (state.exchange(kUnlocked, std::memory_order_release) != kLockedWithWaiters) return;
  // One woken waiter would do, unless someone starves: a waiter that is not
  // starving would take the wake-up and then stand aside, leaving the
  // starving one parked.
  if (AtomicRef<int32_t>(words_[kStarving]).load() != 0) {
    state.notify_all();
  } else {
    state.notify_one();
  }
}

}  // namespace tearlab
