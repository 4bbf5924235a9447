// Thread placement: which CPUs this process may run on, pinning the calling
// thread to one of them, and where it runs now. Linux only; elsewhere every
// function says it is unsupported instead of failing.
#pragma once

#include <string>
#include <vector>

namespace tearlab {

// The most CPUs a pin request may name (glibc's CPU_SETSIZE).
inline constexpr int kMaxCpus = 1024;

struct AllowedCpus {
  bool supported;
  std::vector<int> cpus;  // ascending; honours taskset and container cpusets
  std::string why_not;    // when unsupported or refused
};

AllowedCpus ProcessAllowedCpus();

// Pins the calling thread to `cpu` (0 <= cpu < kMaxCpus). An empty string on
// success, otherwise why not (the platform, or the error the kernel gave).
std::string PinCurrentThread(int cpu);

// Lets the calling thread run on every CPU in `allowed` again (after a pin).
std::string ReleaseCurrentThread(const std::vector<int>& allowed);

// The CPU the calling thread runs on now, or -1 where that cannot be known.
int CurrentCpu();

}  // namespace tearlab
