#include "gil.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace tearlab {

namespace {

// How long a forced switch waits for another thread to take the GIL. CPython waits without a bound; a bound keeps
// a worker that asked for the GIL and was then terminated from stranding the one that dropped it for it.
constexpr auto kForcedSwitchBound = std::chrono::milliseconds(100);

struct Gil {
  std::mutex mutex;
  // Signalled when the GIL is dropped: a waiter may take it.
  std::condition_variable dropped;
  // Taken before last_holder changes; signalled when a thread has taken the GIL (FORCE_SWITCHING).
  std::mutex switch_mutex;
  std::condition_variable switched;
  bool locked = false;              // under mutex
  const void* last_holder = nullptr;  // changed under mutex and switch_mutex
  uint64_t switch_number = 0;       // under mutex
  std::atomic<bool> drop_request{false};
  std::atomic<uint32_t> interval_us{kDefaultSwitchIntervalMicros};
};

// One GIL for the process: every worker's addon instance shares it while the shared library stays loaded.
Gil gil;

thread_local bool held = false;
// A thread's identity as a holder: the address of its own thread_local, unique among the threads alive.
thread_local char holder_tag;
const void* Me() { return &holder_tag; }

}  // namespace

void GilTake(Counters& counters) {
  std::unique_lock<std::mutex> lock(gil.mutex);
  while (gil.locked) {
    const uint64_t saved_switch_number = gil.switch_number;
    const auto interval = std::chrono::microseconds(gil.interval_us.load(std::memory_order_relaxed));
    const bool timed_out = gil.dropped.wait_for(lock, interval) == std::cv_status::timeout;
    // A whole interval went by and the GIL changed hands not once: ask its holder to drop it.
    if (timed_out && gil.locked && gil.switch_number == saved_switch_number && !gil.drop_request.exchange(true)) {
      ++counters[kGilDropRequests];
    }
  }
  {
    std::lock_guard<std::mutex> switching(gil.switch_mutex);
    gil.locked = true;
    if (gil.last_holder != Me()) {
      gil.last_holder = Me();
      ++gil.switch_number;
      ++counters[kGilSwitches];
    }
    gil.switched.notify_all();
  }
  gil.drop_request.store(false);
  held = true;
}

void GilDrop(Counters& counters) {
  {
    std::lock_guard<std::mutex> lock(gil.mutex);
    gil.locked = false;
    held = false;
  }
  gil.dropped.notify_one();
  if (!gil.drop_request.load()) return;
  std::unique_lock<std::mutex> switching(gil.switch_mutex);
  if (gil.last_holder == Me()) {
    gil.drop_request.store(false);
    ++counters[kGilForcedSwitches];
    gil.switched.wait_for(switching, kForcedSwitchBound, [] { return gil.last_holder != Me(); });
  }
}

void GilSafePoint(Counters& counters) {
  if (!held || !gil.drop_request.load(std::memory_order_relaxed)) return;
  GilDrop(counters);
  GilTake(counters);
}

bool GilHeldByThisThread() { return held; }

void SetSwitchInterval(uint32_t micros) {
  gil.interval_us.store(micros < kMinSwitchIntervalMicros ? kMinSwitchIntervalMicros : micros);
}

uint32_t SwitchInterval() { return gil.interval_us.load(); }

}  // namespace tearlab
