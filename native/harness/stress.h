// The parts of the native stress harness (stress.cc runs them). Each prints a line per check and returns the
// number of checks that failed.
#pragma once

#include <cstdint>
#include <string_view>

namespace tearlab::stress {

// The global lock, every fix and the GIL through the native run, one run per size; `only` names one mode
// (as kBatchModeNames spells it) or is empty for all.
uint64_t RunFixes(std::string_view only);

// Threads taking the GIL, passing safe points and dropping it at the shortest switch interval.
uint64_t StressGil();

// The global-lock variant's scenario steps on threads: pair store/load, add, load.
uint64_t StressScenarioSteps();

// Prints a failed check; returns 1 when it failed, 0 when it held, for summing.
uint64_t Check(bool held, const char* what);

}  // namespace tearlab::stress
