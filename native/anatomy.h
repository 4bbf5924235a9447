// Tear anatomy: where a torn snapshot changes from one byte value to the
// next. The boundaries show a machine's copy granularity (vector width, cache
// line, page), which is what differs between machines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tearlab {

namespace anatomy_detail {

inline uint64_t LoadWord(const uint8_t* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

inline constexpr size_t kBlockBytes = 32 * sizeof(uint64_t);

}  // namespace anatomy_detail

// Calls on_boundary(i), in order, for every offset i in [1, n) where data[i] != data[i - 1]: the scan
// that Dissect records into an array and a tally's anatomy counts into histograms without storing any.
template <class OnBoundary>
void ForEachBoundary(const uint8_t* data, size_t n, OnBoundary on_boundary) {
  using anatomy_detail::kBlockBytes;
  using anatomy_detail::LoadWord;
  // Offsets i + 1 .. i + 8 are compared with their predecessors a word at a
  // time (the word at i against the word at i + 1), a block of words with
  // their differences OR-ed together so the loop has no branch and
  // vectorizes; only a block that differs is scanned byte by byte.
  size_t i = 0;
  for (; i + kBlockBytes < n; i += kBlockBytes) {
    uint64_t difference = 0;
    for (size_t w = 0; w < kBlockBytes; w += sizeof(uint64_t)) {
      difference |= LoadWord(data + i + w) ^ LoadWord(data + i + w + 1);
    }
    if (difference == 0) continue;
    for (size_t j = i; j < i + kBlockBytes; ++j) {
      if (data[j + 1] != data[j]) on_boundary(j + 1);
    }
  }
  for (; i + 1 < n; ++i) {
    if (data[i + 1] != data[i]) on_boundary(i + 1);
  }
}

struct Anatomy {
  // Runs of equal bytes: 1 for an intact snapshot, 2 or more for a torn one.
  size_t segments = 0;
  size_t shortest_segment = 0;
  // Boundaries written to the caller's array (at most its capacity).
  size_t recorded = 0;
};

// Finds every offset i in [1, n) where data[i] != data[i - 1] and writes the
// first `capacity` of them, in order, to `boundaries`. n == 0 has 0 segments.
Anatomy Dissect(const uint8_t* data, size_t n, uint32_t* boundaries, size_t capacity);

// The segments of n bytes, counted only up to `limit`: the scan stops at the
// boundary that reaches it, so telling 1 from 2 from 3 or more segments costs
// no more than reading up to the second boundary. n == 0 has 0 segments.
size_t CountSegmentsUpTo(const uint8_t* data, size_t n, size_t limit);

}  // namespace tearlab
