#include "affinity.h"

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>

#include <cstring>
#endif

namespace tearlab {

#if defined(__linux__)

AllowedCpus ProcessAllowedCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) {
    return {false, {}, std::string("sched_getaffinity failed: ") + std::strerror(errno)};
  }
  AllowedCpus allowed{true, {}, {}};
  for (int cpu = 0; cpu < kMaxCpus; ++cpu) {
    if (CPU_ISSET(cpu, &set)) allowed.cpus.push_back(cpu);
  }
  return allowed;
}

std::string PinCurrentThread(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  const int error = pthread_setaffinity_np(pthread_self(), sizeof set, &set);
  if (error == 0) return {};
  return std::string("pthread_setaffinity_np refused CPU ") + std::to_string(cpu) + ": " +
         std::strerror(error);
}

std::string ReleaseCurrentThread(const std::vector<int>& allowed) {
  cpu_set_t set;
  CPU_ZERO(&set);
  for (int cpu : allowed) CPU_SET(cpu, &set);
  const int error = pthread_setaffinity_np(pthread_self(), sizeof set, &set);
  return error == 0 ? std::string() : std::string("pthread_setaffinity_np: ") + std::strerror(error);
}

int CurrentCpu() { return sched_getcpu(); }

#else

namespace {
constexpr const char* kUnsupported = "thread pinning is not supported on this platform";
}

AllowedCpus ProcessAllowedCpus() { return {false, {}, kUnsupported}; }

std::string PinCurrentThread(int) { return kUnsupported; }

std::string ReleaseCurrentThread(const std::vector<int>&) { return kUnsupported; }

int CurrentCpu() { return -1; }

#endif

}  // namespace tearlab
