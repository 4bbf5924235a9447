#include "copy.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

#include "gil.h"

namespace tearlab {

namespace {

// One mutex for the whole process. Every worker's Addon instance shares it
// while the shared library stays loaded, which the main thread ensures by
// loading the addon before it starts any worker.
std::mutex global_lock;

}  // namespace

void PacedCopy(uint8_t* dst, const uint8_t* src, size_t n, const ReadPace& pace) {
  if (n == 0) return;
  if (pace.chunks <= 1 && pace.pause_us == 0) {
    std::memmove(dst, src, n);
    return;
  }
  const size_t chunk = (n + pace.chunks - 1) / pace.chunks;
  for (size_t offset = 0; offset < n; offset += chunk) {
    if (offset != 0) std::this_thread::sleep_for(std::chrono::microseconds(pace.pause_us));
    std::memmove(dst + offset, src + offset, std::min(chunk, n - offset));
  }
}

void CopyWithMode(uint8_t* dst, const uint8_t* src, size_t n, CopyMode mode,
                  const ReadPace& pace, Counters& counters) {
  if (mode == CopyMode::kUnlocked) {
    PacedCopy(dst, src, n, pace);
    return;
  }
  if (mode == CopyMode::kGil || mode == CopyMode::kGilReleased) {
    const bool holding = GilHeldByThisThread();
    if (holding) GilSafePoint(counters);
    // PyDLL: the copy runs holding the GIL. CDLL: Py_BEGIN_ALLOW_THREADS drops it around the copy.
    const bool hold_for_copy = mode == CopyMode::kGil;
    if (holding != hold_for_copy) hold_for_copy ? GilTake(counters) : GilDrop(counters);
    PacedCopy(dst, src, n, pace);
    if (holding != hold_for_copy) hold_for_copy ? GilDrop(counters) : GilTake(counters);
    return;
  }
  GlobalLockGuard hold(counters);
  PacedCopy(dst, src, n, pace);
}

GlobalLockGuard::GlobalLockGuard(Counters& counters) {
  if (global_lock.try_lock()) return;
  ++counters[kLockWaits];
  global_lock.lock();
}

GlobalLockGuard::~GlobalLockGuard() { global_lock.unlock(); }

}  // namespace tearlab
