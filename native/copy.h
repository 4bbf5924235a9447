// The copies of the Python ctypes experiment ("The GIL Was Your Lock"): with the process-wide lock (the GIL
// analogue, like a ctypes.PyDLL call), with no lock (ctypes.CDLL), and under the GIL of native/gil.h, held through
// the copy (PyDLL) or dropped around it (CDLL in a build with a GIL).
#pragma once

#include <cstddef>
#include <cstdint>

#include "counters.h"

namespace tearlab {

enum class CopyMode { kUnlocked, kGlobalLock, kGil, kGilReleased };

// How a reader copies: in `chunks` pieces with a pause of `pause_us`
// microseconds between them, and, in a batch of snapshots, how long it rests
// after each one (outside any lock). The default is one piece, no pause, no
// rest; the stress tests make one reader slow to widen the window in which a
// writer could overwrite what it is reading.
struct ReadPace {
  uint32_t chunks = 1;
  uint32_t pause_us = 0;
  uint32_t rest_us = 0;
};

// The largest pace a caller may ask for.
inline constexpr uint32_t kMaxReadChunks = 1u << 20;
inline constexpr uint32_t kMaxReadPauseMicros = 1000000;

// Holds the process-wide lock of the global-lock mode while it lives, counting a lock wait when it was taken.
class GlobalLockGuard {
 public:
  explicit GlobalLockGuard(Counters& counters);
  ~GlobalLockGuard();
  GlobalLockGuard(const GlobalLockGuard&) = delete;
  GlobalLockGuard& operator=(const GlobalLockGuard&) = delete;
};

// memmove, so overlapping dst and src are defined behaviour.
void PacedCopy(uint8_t* dst, const uint8_t* src, size_t n, const ReadPace& pace);

// Copies n bytes under `mode`, counting a lock wait when the global lock was taken. Under the GIL a thread that
// holds it passes a safe point first; one that does not (a native run's thread) takes it for the copy (kGil).
void CopyWithMode(uint8_t* dst, const uint8_t* src, size_t n, CopyMode mode,
                  const ReadPace& pace, Counters& counters);

}  // namespace tearlab
