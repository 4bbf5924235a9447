// The native stress harness: the fixes' primitives, the GIL and the scenarios' global-lock steps on std::threads
// with no Node at all, for the sanitizers. Built and run by native/harness/run.sh under ThreadSanitizer, under
// AddressSanitizer + UndefinedBehaviorSanitizer, against libc++ and for aarch64 under qemu (npm run test:native).
// Any failed check fails the run (exit 1).
//
//   stress              every part
//   stress <mode>       one mode's native runs (global-lock, lock, seqlock, double-buffer, gil)
//   stress gil-stress | scenario-steps
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "stress.h"

namespace tearlab::stress {

uint64_t Check(bool held, const char* what) {
  if (held) return 0;
  std::printf("FAILED: %s\n", what);
  return 1;
}

}  // namespace tearlab::stress

namespace {

constexpr std::string_view kGilStress = "gil-stress";
constexpr std::string_view kScenarioSteps = "scenario-steps";

}  // namespace

int main(int argc, char** argv) {
  using namespace tearlab::stress;
  // A sanitizer ends the process without flushing stdout: line buffering keeps the lines of the runs before it.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  const std::string_view only = argc > 1 ? argv[1] : "";
  uint64_t failed = 0;
  if (only == kGilStress) {
    failed = StressGil();
  } else if (only == kScenarioSteps) {
    failed = StressScenarioSteps();
  } else {
    failed = RunFixes(only);
    if (only.empty()) failed += StressGil() + StressScenarioSteps();
  }
  if (failed != 0) {
    std::printf("FAILED: %llu checks\n", static_cast<unsigned long long>(failed));
    return EXIT_FAILURE;
  }
  std::printf("every check held\n");
  return EXIT_SUCCESS;
}
