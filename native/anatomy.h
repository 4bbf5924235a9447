// Tear anatomy: where a torn snapshot changes from one byte value to the
// next. The boundaries show a machine's copy granularity (vector width, cache
// line, page), which is what differs between machines.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tearlab {

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
