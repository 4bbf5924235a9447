// A process-wide GIL after CPython's (Python/ceval_gil.c, the design since Python 3.2), for the modes `gil` and
// `gil-released`. A thread holds it while it runs; a thread that wants it waits in slices of the switch interval
// (sys.setswitchinterval, 5 ms by default), and when a slice passes with no switch it asks the holder to drop it.
// The holder honours the request at its next safe point: it drops the GIL and, before taking it back, waits until
// another thread has taken it (FORCE_SWITCHING), so the waiter is not beaten to it again.
//
// A JavaScript worker of those modes takes the GIL when it starts and holds it while it runs JavaScript, as a
// Python thread holds it while it runs bytecode; every addon call, and every copy in a batch, is a safe point.
#pragma once

#include <cstdint>

#include "counters.h"

namespace tearlab {

// CPython's default switch interval, and the shortest it allows (it clamps shorter ones up to this).
inline constexpr uint32_t kDefaultSwitchIntervalMicros = 5000;
inline constexpr uint32_t kMinSwitchIntervalMicros = 1;

// Takes the GIL for the calling thread (which must not hold it); counts a switch when the GIL last belonged to
// another thread, and a drop request when this thread had to ask for it.
void GilTake(Counters& counters);

// Drops the GIL the calling thread holds. When another thread asked for it, waits until some thread has taken it
// (a forced switch) before returning.
void GilDrop(Counters& counters);

// A safe point: if another thread asked for the GIL, drops it and takes it back.
void GilSafePoint(Counters& counters);

bool GilHeldByThisThread();

void SetSwitchInterval(uint32_t micros);
uint32_t SwitchInterval();

}  // namespace tearlab
