#include "anatomy.h"

#include <algorithm>

namespace tearlab {

Anatomy Dissect(const uint8_t* data, size_t n, uint32_t* boundaries, size_t capacity) {
  Anatomy anatomy;
  if (n == 0) return anatomy;
  size_t boundary_count = 0;
  size_t segment_start = 0;
  size_t shortest = n;
  ForEachBoundary(data, n, [&](size_t offset) {
    shortest = std::min(shortest, offset - segment_start);
    segment_start = offset;
    if (boundary_count < capacity) boundaries[boundary_count] = static_cast<uint32_t>(offset);
    ++boundary_count;
  });
  shortest = std::min(shortest, n - segment_start);
  anatomy.segments = boundary_count + 1;
  anatomy.shortest_segment = shortest;
  anatomy.recorded = std::min(boundary_count, capacity);
  return anatomy;
}

size_t CountSegmentsUpTo(const uint8_t* data, size_t n, size_t limit) {
  using anatomy_detail::kBlockBytes;
  using anatomy_detail::LoadWord;
  if (n == 0) return 0;
  constexpr uint64_t kEveryByte = 0x0101010101010101ULL;
  size_t segments = 1;
  for (size_t i = 0; segments < limit;) {
    const uint8_t value = data[i];
    const uint64_t filled = kEveryByte * value;
    // Whole blocks of the run's byte are skipped a block at a time, as Dissect does, from data[i] itself
    // (it holds the byte): an intact snapshot is read in the words UniformByte reads it in.
    size_t j = i;
    for (; j + kBlockBytes <= n; j += kBlockBytes) {
      uint64_t difference = 0;
      for (size_t w = 0; w < kBlockBytes; w += sizeof(uint64_t)) difference |= LoadWord(data + j + w) ^ filled;
      if (difference != 0) break;
    }
    while (j + sizeof(uint64_t) <= n && LoadWord(data + j) == filled) j += sizeof(uint64_t);
    while (j < n && data[j] == value) ++j;
    if (j == n) break;
    ++segments;
    i = j;
  }
  return segments;
}

}  // namespace tearlab
