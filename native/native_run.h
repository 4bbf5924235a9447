// The experiment on native threads started inside the addon, with no
// JavaScript at all: the reference a JavaScript-driven run is calibrated
// against. Same shared memory, the same batch loops, the same budget rules:
// readers claim snapshots from a shared budget until `iters` are taken or the
// stop word is set; the last reader to finish sets it, and writers stop.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "batch.h"
#include "copy.h"
#include "counters.h"

namespace tearlab {

struct NativeRunConfig {
  BatchMode mode;
  Region region;
  size_t size;
  // Per writer: the two patterns it alternates (the same byte twice for one pattern).
  std::vector<std::array<uint8_t, 2>> writer_patterns;
  std::array<uint8_t, 256> intact;
  size_t readers;
  uint64_t iters;
  // Shared with JavaScript, which sets it at the time budget.
  int32_t* stop;
  // Per thread, writers first: the CPU to pin it to, or -1.
  std::vector<int> cpus;
  // Per reader.
  std::vector<ReadPace> reader_paces;
  // The threads' private buffers, `stride` bytes apart, each `size` long:
  // writer w's two patterns are buffers 2w and 2w + 1, reader r's snapshot
  // is buffer 2 * writers + r (the layout of src/workspace.ts).
  uint8_t* workspace;
  size_t stride;
  // Torn snapshots the readers dissect, in all (as a JavaScript-driven run's readers do).
  uint64_t anatomy_sample;
};

struct NativeThreadReport {
  uint64_t count = 0;  // writes or snapshots
  uint64_t torn = 0;
  int64_t first_torn = -1;
  double wall_ms = 0;
  Counters counters{};
  std::string pin_error;
  int cpu_at_start = -1;
  int cpu_at_end = -1;
};

struct NativeRunResult {
  std::vector<NativeThreadReport> writers;
  std::vector<NativeThreadReport> readers;
  // From the first thread's start to the last thread's end.
  double elapsed_ms = 0;
  // Set when the run failed (a corrupt double-buffer state).
  std::string error;
};

// Runs to completion on the calling thread (the addon calls it off the event loop).
NativeRunResult RunNative(const NativeRunConfig& config);

}  // namespace tearlab
