#include "scenario_steps.h"

#include <atomic>

#include "atomic_ref.h"
#include "copy.h"

namespace tearlab {

void GlobalPairStore(int32_t* words, int32_t x, int32_t y, Counters& counters) {
  GlobalLockGuard hold(counters);
  AtomicRef<int32_t>(words[0]).store(x);
  AtomicRef<int32_t>(words[1]).store(y);
}

void GlobalPairLoad(int32_t* words, int32_t* out, Counters& counters) {
  GlobalLockGuard hold(counters);
  out[0] = AtomicRef<int32_t>(words[0]).load();
  out[1] = AtomicRef<int32_t>(words[1]).load();
}

int32_t GlobalAddSteps(int32_t* words, size_t index, int32_t delta, uint32_t steps, Counters& counters) {
  GlobalLockGuard hold(counters);
  AtomicRef<int32_t> word(words[index]);
  const int32_t before = word.load();
  for (uint32_t step = 0; step < steps; ++step) {
    // Wraps as JavaScript's Int32Array does rather than overflowing (undefined in C++).
    word.store(static_cast<int32_t>(static_cast<uint32_t>(word.load()) + static_cast<uint32_t>(delta)));
  }
  return before;
}

int32_t GlobalLoad(int32_t* words, size_t index, Counters& counters) {
  GlobalLockGuard hold(counters);
  return AtomicRef<int32_t>(words[index]).load();
}

}  // namespace tearlab
