// The GIL under stress at the shortest switch interval: threads take it, pass safe points while holding it and
// drop it, over and over. Mutual exclusion is checked by a plain counter that only a holder touches, read and
// written back with a yield in between: a second holder would lose updates (caught in every build) and race on it
// (caught by ThreadSanitizer). The GIL's own machinery must have run: switches, drop requests, forced switches.
// A forced switch needs the dropping thread to see the request before the waiter takes the GIL and clears it,
// which some builds rarely do (2 in 1,228 requests under ASan), so rounds repeat until each has been seen.
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "../counters.h"
#include "../gil.h"
#include "stress.h"

namespace tearlab::stress {

namespace {

constexpr size_t kThreads = 4;
constexpr uint64_t kHoldsPerThread = 1000;
constexpr uint64_t kSafePointsPerHold = 20;
constexpr int kMaxRounds = 20;

struct Shared {
  std::atomic<size_t> started{0};
  uint64_t counter = 0;  // touched only by the thread holding the GIL
  std::atomic<uint64_t> not_held{0};
};

void Work(Shared& shared, Counters& counters) {
  // Start together, so that the threads contend from the first take.
  shared.started.fetch_add(1);
  while (shared.started.load() < kThreads) std::this_thread::yield();
  for (uint64_t hold = 0; hold < kHoldsPerThread; ++hold) {
    GilTake(counters);
    for (uint64_t step = 0; step < kSafePointsPerHold; ++step) {
      if (!GilHeldByThisThread()) shared.not_held.fetch_add(1);
      const uint64_t seen = shared.counter;
      std::this_thread::yield();
      shared.counter = seen + 1;
      GilSafePoint(counters);
    }
    GilDrop(counters);
  }
}

}  // namespace

uint64_t StressGil() {
  const uint32_t saved_interval = SwitchInterval();
  SetSwitchInterval(kMinSwitchIntervalMicros);
  const uint64_t expected = kThreads * kHoldsPerThread * kSafePointsPerHold;
  uint64_t failed = 0;
  Counters total{};
  int round = 0;
  do {
    Shared shared;
    std::vector<Counters> counters(kThreads, Counters{});
    std::vector<std::thread> threads;
    for (size_t t = 0; t < kThreads; ++t) threads.emplace_back(Work, std::ref(shared), std::ref(counters[t]));
    for (std::thread& thread : threads) thread.join();
    for (const Counters& each : counters) {
      for (int c = 0; c < kCounterCount; ++c) total[c] += each[c];
    }
    ++round;
    std::printf("gil-stress round %d: %zu threads, counter %llu of %llu\n", round, kThreads,
                static_cast<unsigned long long>(shared.counter), static_cast<unsigned long long>(expected));
    failed += Check(shared.counter == expected, "gil-stress: no update lost (one holder at a time)") +
              Check(shared.not_held.load() == 0, "gil-stress: a thread holds the GIL between its take and its drop");
  } while (round < kMaxRounds &&
           (total[kGilSwitches] == 0 || total[kGilDropRequests] == 0 || total[kGilForcedSwitches] == 0));
  SetSwitchInterval(saved_interval);

  std::printf("gil-stress: %llu switches, %llu drop requests, %llu forced switches in %d rounds\n",
              static_cast<unsigned long long>(total[kGilSwitches]),
              static_cast<unsigned long long>(total[kGilDropRequests]),
              static_cast<unsigned long long>(total[kGilForcedSwitches]), round);
  return failed + Check(total[kGilSwitches] > 0, "gil-stress: the GIL switched threads") +
         Check(total[kGilDropRequests] > 0, "gil-stress: waiters asked the holder to drop it") +
         Check(total[kGilForcedSwitches] > 0, "gil-stress: drops on request forced a switch");
}

}  // namespace tearlab::stress
