// The compound steps of the scenarios (src/scenarios/) for their global-lock variant: each runs inside one addon
// call holding the process-wide lock, as a ctypes.PyDLL call holds the GIL, so no other step of the same variant
// comes between its loads and stores. The words are JavaScript's Int32Array words, read and written atomically
// one by one, as the other variants read them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "counters.h"

namespace tearlab {

// pair: stores x then y.
void GlobalPairStore(int32_t* words, int32_t x, int32_t y, Counters& counters);
// pair: loads x then y into out[0], out[1].
void GlobalPairLoad(int32_t* words, int32_t* out, Counters& counters);
// counter and parity: `steps` times, loads word `index` and stores it plus delta; returns the value before.
int32_t GlobalAddSteps(int32_t* words, size_t index, int32_t delta, uint32_t steps, Counters& counters);
// parity: loads word `index`.
int32_t GlobalLoad(int32_t* words, size_t index, Counters& counters);

}  // namespace tearlab
