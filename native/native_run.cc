#include "native_run.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "affinity.h"
#include "atomic_ref.h"
#include "outcome_tally.h"

namespace tearlab {

namespace {

using Clock = std::chrono::steady_clock;

// Snapshots a reader claims at a time, as the JavaScript readers do per batch.
constexpr uint64_t kClaim = 64;

double Milliseconds(Clock::duration duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

class NativeRun {
 public:
  explicit NativeRun(const NativeRunConfig& config)
      : config_(config),
        parties_(config.writer_patterns.size() + config.readers),
        stop_(*config.stop) {}

  NativeRunResult Run() {
    NativeRunResult result;
    const size_t writers = config_.writer_patterns.size();
    result.writers.resize(writers);
    result.readers.resize(config_.readers);
    starts_.resize(parties_);
    ends_.resize(parties_);
    std::vector<std::thread> threads;
    threads.reserve(parties_);
    try {
      for (size_t w = 0; w < writers; ++w) {
        threads.emplace_back([this, w, &result] { Writer(w, result.writers[w]); });
      }
      for (size_t r = 0; r < config_.readers; ++r) {
        threads.emplace_back([this, r, writers, &result] { Reader(r, writers + r, result.readers[r]); });
      }
    } catch (...) {
      // A thread the system would not start: the others are waiting for it
      // at the start line; the stop word releases them, and they end at once.
      stop_.store(1);
      for (std::thread& thread : threads) thread.join();
      throw;
    }
    for (std::thread& thread : threads) thread.join();
    result.elapsed_ms = Milliseconds(*std::max_element(ends_.begin(), ends_.end()) -
                                     *std::min_element(starts_.begin(), starts_.end()));
    if (corrupt_.load()) result.error = "the double buffer's published slot index is not a slot";
    return result;
  }

 private:
  uint8_t* PrivateBuffer(size_t index) const { return config_.workspace + index * config_.stride; }

  // Places the thread, then waits until every thread is running.
  void Start(size_t thread, NativeThreadReport& report) {
    const int cpu = config_.cpus[thread];
    if (cpu >= 0) {
      report.pin_error = PinCurrentThread(cpu);
    } else if (allowed_.supported && !allowed_.cpus.empty()) {
      // Unpinned threads start spread over the allowed CPUs, then are let
      // go. Threads created by a thread that then waits for them (as the
      // addon's run is) often all start on one CPU and stay there: 13 runs in
      // 40 of 1 writer + 1 reader on this 2-core VM, and those runs see no
      // tear. JavaScript workers, placed while they load, did so in 0 of 40.
      PinCurrentThread(allowed_.cpus[thread % allowed_.cpus.size()]);
      ReleaseCurrentThread(allowed_.cpus);
    }
    // Then every thread waits, spinning, until all are running, so no reader
    // races through its budget while a writer has yet to be scheduled. Not a
    // sleep: a thread woken by another is often moved to the waker's CPU
    // (8 runs in 40 with a futex latch, after the spread above). The stop
    // word abandons the wait.
    running_.fetch_add(1);
    while (running_.load() < parties_ && stop_.load(std::memory_order_relaxed) == 0) {
      std::this_thread::yield();
    }
    report.cpu_at_start = CurrentCpu();
    starts_[thread] = Clock::now();
  }

  void Finish(size_t thread, NativeThreadReport& report) {
    ends_[thread] = Clock::now();
    report.wall_ms = Milliseconds(ends_[thread] - starts_[thread]);
    report.cpu_at_end = CurrentCpu();
  }

  void Writer(size_t index, NativeThreadReport& report) {
    Start(index, report);
    const uint8_t first_byte = config_.writer_patterns[index][0];
    const uint8_t second_byte = config_.writer_patterns[index][1];
    uint8_t* first = PrivateBuffer(2 * index);
    uint8_t* second = PrivateBuffer(2 * index + 1);
    std::memset(first, first_byte, config_.size);
    std::memset(second, second_byte, config_.size);
    const BatchOutcome outcome = WriteBatch(config_.mode, config_.region, first, second,
                                            config_.size, UINT64_MAX, config_.stop);
    report.count = outcome.done;
    report.counters = outcome.counters;
    Finish(index, report);
  }

  void Reader(size_t index, size_t thread, NativeThreadReport& report) {
    uint8_t* snapshot = PrivateBuffer(2 * config_.writer_patterns.size() + index);
    const ReadPace pace = config_.reader_paces[index];
    // Outcomes are counted, and a sample dissected, as a JavaScript-driven reader does, so that a calibration
    // compares readers doing the same work; native runs report only the torn count.
    std::vector<double> tally(kOutcomeTallyFields, 0.0);
    tally[kAnatomySampleLimit] = static_cast<double>(config_.anatomy_sample / config_.readers +
                                                     (index < config_.anatomy_sample % config_.readers ? 1 : 0));
    Start(thread, report);
    for (;;) {
      const uint64_t before = claimed_.fetch_add(kClaim);
      if (before >= config_.iters) break;
      const uint64_t claim = std::min(kClaim, config_.iters - before);
      const BatchOutcome outcome =
          SnapshotBatch(config_.mode, config_.region, snapshot, config_.size,
                        config_.intact.data(), claim, config_.stop, pace, tally.data());
      if (outcome.torn != 0 && report.first_torn < 0) {
        report.first_torn = static_cast<int64_t>(report.count) + outcome.first_torn;
      }
      report.count += outcome.done;
      report.torn += outcome.torn;
      for (int c = 0; c < kCounterCount; ++c) report.counters[c] += outcome.counters[c];
      if (!outcome.ok) corrupt_.store(true);
      if (!outcome.ok || outcome.done < claim) break;
    }
    Finish(thread, report);
    if (readers_done_.fetch_add(1) + 1 == config_.readers || corrupt_.load()) {
      stop_.store(1, std::memory_order_relaxed);
    }
  }

  const NativeRunConfig& config_;
  const size_t parties_;
  AtomicRef<int32_t> stop_;
  const AllowedCpus allowed_ = ProcessAllowedCpus();
  std::atomic<size_t> running_{0};
  std::atomic<uint64_t> claimed_{0};
  std::atomic<size_t> readers_done_{0};
  std::atomic<bool> corrupt_{false};
  std::vector<Clock::time_point> starts_;
  std::vector<Clock::time_point> ends_;
};

}  // namespace

NativeRunResult RunNative(const NativeRunConfig& config) { return NativeRun(config).Run(); }

}  // namespace tearlab
