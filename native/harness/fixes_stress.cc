// The global lock, every fix and the GIL under stress through the native run (as calibration runs them): 2 writers
// and 2 readers, one of them slow, at several sizes. Every snapshot must be whole, every writer must have written,
// and the readers must have taken the whole budget.
#include <cstdio>
#include <string>
#include <vector>

#include "../double_buffer.h"
#include "../native_run.h"
#include "../seqlock.h"
#include "../shared_lock.h"
#include "stress.h"

namespace tearlab::stress {

namespace {

constexpr size_t kWriters = 2;
constexpr size_t kReaders = 2;
constexpr uint8_t kPatterns[kWriters][2] = {{'A', 'A'}, {'B', 'B'}};
// Sanitized code runs 5 to 20 times slower: enough snapshots to interleave, few enough to finish in seconds.
constexpr uint64_t kSnapshotsPerRun = 20000;
constexpr size_t kSizes[] = {64, 4096, 65536};
// Reader 0 is slow: it copies in 8 pieces with pauses, holding whatever its mode holds.
constexpr ReadPace kSlowReader{8, 20, 50};
constexpr uint64_t kAnatomySample = 100;

constexpr BatchMode kModes[] = {BatchMode::kGlobalLock, BatchMode::kLock, BatchMode::kSeqlock,
                                BatchMode::kDoubleBuffer, BatchMode::kGil};

const char* Name(BatchMode mode) { return kBatchModeNames[static_cast<int>(mode)]; }

size_t WordsFor(BatchMode mode) {
  switch (mode) {
    case BatchMode::kLock:
      return kSharedLockWords;
    case BatchMode::kSeqlock:
      return kSeqlockWords;
    case BatchMode::kDoubleBuffer:
      return kFirstPin + (kWriters + kReaders + 1) * kPinStride;
    default:
      return 0;
  }
}

// One run; returns the checks that failed.
uint64_t Run(BatchMode mode, size_t size) {
  const bool double_buffer = mode == BatchMode::kDoubleBuffer;
  std::vector<int32_t> words(WordsFor(mode), 0);
  std::vector<uint8_t> data(size * (double_buffer ? kWriters + kReaders + 1 : 1), kPatterns[0][0]);
  const size_t stride = size;
  std::vector<uint8_t> workspace((2 * kWriters + kReaders) * stride, 0);
  int32_t stop = 0;

  NativeRunConfig config{};
  config.mode = mode;
  config.region = {words.data(), words.size(), data.data(), data.size()};
  config.size = size;
  for (const auto& pair : kPatterns) config.writer_patterns.push_back({pair[0], pair[1]});
  config.intact.fill(0);
  for (const auto& pair : kPatterns) config.intact[pair[0]] = config.intact[pair[1]] = 1;
  config.readers = kReaders;
  config.iters = kSnapshotsPerRun;
  config.stop = &stop;
  config.cpus.assign(kWriters + kReaders, -1);
  config.reader_paces = {kSlowReader, ReadPace{}};
  config.workspace = workspace.data();
  config.stride = stride;
  config.anatomy_sample = kAnatomySample;

  const NativeRunResult result = RunNative(config);
  const std::string run = std::string(Name(mode)) + " " + std::to_string(size) + " B";
  if (!result.error.empty()) return Check(false, (run + ": " + result.error).c_str());
  uint64_t snapshots = 0, torn = 0, writes = 0, idle_writers = 0;
  for (const auto& reader : result.readers) snapshots += reader.count, torn += reader.torn;
  for (const auto& writer : result.writers) writes += writer.count, idle_writers += writer.count == 0 ? 1 : 0;
  std::printf("%-13s %6zu B: %llu snapshots, %llu torn, %llu writes\n", Name(mode), size,
              static_cast<unsigned long long>(snapshots), static_cast<unsigned long long>(torn),
              static_cast<unsigned long long>(writes));
  return Check(torn == 0, (run + ": every snapshot whole").c_str()) +
         Check(snapshots == kSnapshotsPerRun, (run + ": the readers took every snapshot of the budget").c_str()) +
         Check(idle_writers == 0, (run + ": every writer wrote").c_str());
}

}  // namespace

uint64_t RunFixes(std::string_view only) {
  uint64_t failed = 0;
  bool ran = false;
  for (BatchMode mode : kModes) {
    if (!only.empty() && only != Name(mode)) continue;
    ran = true;
    for (size_t size : kSizes) failed += Run(mode, size);
  }
  return failed + Check(ran, "a known part or mode was named");
}

}  // namespace tearlab::stress
