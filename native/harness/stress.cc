// The fixes' native primitives under stress with no Node at all, for the sanitizers: 2 writers and 2 readers
// (one of them slow) on std::threads, over the same batch loops and native run as the addon, for the global
// lock and every fix, at several sizes. Every snapshot must be whole; a torn one fails the run (exit 1).
// Built and run by native/harness/run.sh under ThreadSanitizer and under AddressSanitizer +
// UndefinedBehaviorSanitizer (npm run test:native).
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "../double_buffer.h"
#include "../native_run.h"
#include "../seqlock.h"
#include "../shared_lock.h"

namespace {

using tearlab::BatchMode;

constexpr size_t kWriters = 2;
constexpr size_t kReaders = 2;
constexpr uint8_t kPatterns[kWriters][2] = {{'A', 'A'}, {'B', 'B'}};
// Sanitized code runs 5 to 20 times slower: enough snapshots to interleave, few enough to finish in seconds.
constexpr uint64_t kSnapshotsPerRun = 20000;
constexpr size_t kSizes[] = {64, 4096, 65536};

struct Mode {
  const char* name;
  BatchMode mode;
};

constexpr Mode kFixes[] = {
    {"global-lock", BatchMode::kGlobalLock},
    {"lock", BatchMode::kLock},
    {"seqlock", BatchMode::kSeqlock},
    {"double-buffer", BatchMode::kDoubleBuffer},
};

size_t WordsFor(BatchMode mode) {
  switch (mode) {
    case BatchMode::kLock:
      return tearlab::kSharedLockWords;
    case BatchMode::kSeqlock:
      return tearlab::kSeqlockWords;
    case BatchMode::kDoubleBuffer:
      return tearlab::kFirstPin + (kWriters + kReaders + 1) * tearlab::kPinStride;
    default:
      return 0;
  }
}

// One run; returns the torn snapshots it saw (or prints the run's error and returns 1).
uint64_t Run(const Mode& fix, size_t size) {
  const bool double_buffer = fix.mode == BatchMode::kDoubleBuffer;
  std::vector<int32_t> words(WordsFor(fix.mode), 0);
  std::vector<uint8_t> data(size * (double_buffer ? kWriters + kReaders + 1 : 1), 'A');
  const size_t stride = size;
  std::vector<uint8_t> workspace((2 * kWriters + kReaders) * stride, 0);
  int32_t stop = 0;

  tearlab::NativeRunConfig config{};
  config.mode = fix.mode;
  config.region = {words.data(), words.size(), data.data(), data.size()};
  config.size = size;
  for (const auto& pair : kPatterns) config.writer_patterns.push_back({pair[0], pair[1]});
  config.intact.fill(0);
  for (const auto& pair : kPatterns) config.intact[pair[0]] = config.intact[pair[1]] = 1;
  config.readers = kReaders;
  config.iters = kSnapshotsPerRun;
  config.stop = &stop;
  config.cpus.assign(kWriters + kReaders, -1);
  // Reader 0 is slow: it copies in 8 pieces with pauses, holding whatever its mode holds.
  config.reader_paces = {tearlab::ReadPace{8, 20, 50}, tearlab::ReadPace{}};
  config.workspace = workspace.data();
  config.stride = stride;
  config.anatomy_sample = 100;

  const tearlab::NativeRunResult result = tearlab::RunNative(config);
  if (!result.error.empty()) {
    std::printf("%-13s %6zu B: error: %s\n", fix.name, size, result.error.c_str());
    return 1;
  }
  uint64_t snapshots = 0, torn = 0, writes = 0;
  for (const auto& reader : result.readers) snapshots += reader.count, torn += reader.torn;
  for (const auto& writer : result.writers) writes += writer.count;
  std::printf("%-13s %6zu B: %llu snapshots, %llu torn, %llu writes\n", fix.name, size,
              static_cast<unsigned long long>(snapshots), static_cast<unsigned long long>(torn),
              static_cast<unsigned long long>(writes));
  return torn;
}

}  // namespace

int main() {
  uint64_t torn = 0;
  for (const Mode& fix : kFixes) {
    for (size_t size : kSizes) torn += Run(fix, size);
  }
  if (torn != 0) {
    std::printf("TORN: %llu snapshots under a fix\n", static_cast<unsigned long long>(torn));
    return EXIT_FAILURE;
  }
  std::printf("every snapshot whole\n");
  return EXIT_SUCCESS;
}
