// The scenarios' global-lock steps (native/scenario_steps.h) on threads, as the scenarios' workers call them:
// movers store the pairs (1, 2) and (3, 4) while checkers load them (never another pair); adders add 1 in single
// steps and hand out ids (no update lost, no id handed out twice); a parity writer adds 1 twice and subtracts 1
// twice in one step each while a checker loads the length (never odd).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

#include "../counters.h"
#include "../scenario_steps.h"
#include "stress.h"

namespace tearlab::stress {

namespace {

constexpr size_t kThreadsPerRole = 2;
constexpr int32_t kRounds = 20000;
// The parity step adds its delta this many times under one hold of the lock, as the parity scenario does.
constexpr uint32_t kParitySteps = 2;

// Runs every function on a thread of its own, started together; `done` is set once the first group has finished.
void RunTogether(const std::vector<std::function<void()>>& writers,
                 const std::vector<std::function<void()>>& checkers, std::atomic<bool>& done) {
  std::atomic<size_t> started{0};
  const size_t parties = writers.size() + checkers.size();
  auto start = [&] {
    started.fetch_add(1);
    while (started.load() < parties) std::this_thread::yield();
  };
  std::vector<std::thread> writer_threads, checker_threads;
  for (const auto& work : writers) writer_threads.emplace_back([&] { start(), work(); });
  for (const auto& work : checkers) checker_threads.emplace_back([&] { start(), work(); });
  for (std::thread& thread : writer_threads) thread.join();
  done.store(true);
  for (std::thread& thread : checker_threads) thread.join();
}

bool ConsistentPair(int32_t x, int32_t y) { return (x == 0 && y == 0) || (x == 1 && y == 2) || (x == 3 && y == 4); }

uint64_t Pair() {
  int32_t words[2] = {0, 0};
  std::atomic<bool> done{false};
  std::atomic<uint64_t> passes{0}, inconsistent{0};
  auto move = [&] {
    Counters counters{};
    for (int32_t round = 0; round < kRounds; ++round) {
      GlobalPairStore(words, 1, 2, counters);
      GlobalPairStore(words, 3, 4, counters);
    }
  };
  auto check = [&] {
    Counters counters{};
    int32_t seen[2];
    do {
      GlobalPairLoad(words, seen, counters);
      passes.fetch_add(1, std::memory_order_relaxed);
      if (!ConsistentPair(seen[0], seen[1])) inconsistent.fetch_add(1, std::memory_order_relaxed);
    } while (!done.load());
  };
  RunTogether(std::vector<std::function<void()>>(kThreadsPerRole, move),
              std::vector<std::function<void()>>(kThreadsPerRole, check), done);
  std::printf("scenario-steps pair: %llu passes, %llu inconsistent\n", static_cast<unsigned long long>(passes.load()),
              static_cast<unsigned long long>(inconsistent.load()));
  return Check(inconsistent.load() == 0, "scenario-steps pair: no inconsistent pair");
}

uint64_t Counter() {
  enum Word { kCounter, kNextId, kWords };
  int32_t words[kWords] = {0, 0};
  std::atomic<bool> done{false};
  std::vector<std::vector<int32_t>> ids(kThreadsPerRole);
  std::vector<std::function<void()>> adders;
  for (size_t t = 0; t < kThreadsPerRole; ++t) {
    adders.emplace_back([&, t] {
      Counters counters{};
      for (int32_t round = 0; round < kRounds; ++round) {
        GlobalAddSteps(words, kCounter, 1, 1, counters);
        ids[t].push_back(GlobalAddSteps(words, kNextId, 1, 1, counters));
      }
    });
  }
  RunTogether(adders, {}, done);
  std::vector<int32_t> all;
  for (const auto& some : ids) all.insert(all.end(), some.begin(), some.end());
  std::sort(all.begin(), all.end());
  const int32_t expected = static_cast<int32_t>(kThreadsPerRole) * kRounds;
  const bool ids_unique = std::adjacent_find(all.begin(), all.end()) == all.end();
  std::printf("scenario-steps counter: %d of %d, next id %d\n", words[kCounter], expected, words[kNextId]);
  return Check(words[kCounter] == expected, "scenario-steps counter: no update lost") +
         Check(words[kNextId] == expected && ids_unique, "scenario-steps counter: every id handed out once");
}

uint64_t Parity() {
  int32_t words[1] = {0};
  std::atomic<bool> done{false};
  std::atomic<uint64_t> checks{0}, odd{0};
  auto write = [&] {
    Counters counters{};
    for (int32_t round = 0; round < kRounds; ++round) {
      GlobalAddSteps(words, 0, 1, kParitySteps, counters);
      GlobalAddSteps(words, 0, -1, kParitySteps, counters);
    }
  };
  auto check = [&] {
    Counters counters{};
    do {
      checks.fetch_add(1, std::memory_order_relaxed);
      if (GlobalLoad(words, 0, counters) % 2 != 0) odd.fetch_add(1, std::memory_order_relaxed);
    } while (!done.load());
  };
  RunTogether(std::vector<std::function<void()>>(kThreadsPerRole, write),
              std::vector<std::function<void()>>(kThreadsPerRole, check), done);
  std::printf("scenario-steps parity: %llu checks, %llu odd, final length %d\n",
              static_cast<unsigned long long>(checks.load()), static_cast<unsigned long long>(odd.load()), words[0]);
  return Check(odd.load() == 0, "scenario-steps parity: never an odd length") +
         Check(words[0] == 0, "scenario-steps parity: the length ends where it began");
}

}  // namespace

uint64_t StressScenarioSteps() { return Pair() + Counter() + Parity(); }

}  // namespace tearlab::stress
