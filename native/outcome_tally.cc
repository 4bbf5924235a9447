#include "outcome_tally.h"

#include <algorithm>
#include <bit>

#include "anatomy.h"

namespace tearlab {

namespace {

size_t Log2Bucket(size_t length) { return static_cast<size_t>(std::bit_width(length) - 1); }

void DissectInto(double* tally, const uint8_t* snapshot, size_t n) {
  const size_t base = static_cast<size_t>(tally[kBoundaryBase]);
  size_t segment_start = 0;
  size_t shortest = n;
  ForEachBoundary(snapshot, n, [&](size_t offset) {
    const size_t in_page = base + offset;
    tally[kBoundaryMod16 + in_page % 16] += 1;
    tally[kBoundaryMod64 + in_page % 64] += 1;
    tally[kBoundaryMod4096 + in_page % 4096] += 1;
    tally[kAnatomyBoundaries] += 1;
    const size_t length = offset - segment_start;
    tally[kSegmentLengthLog2 + Log2Bucket(length)] += 1;
    shortest = std::min(shortest, length);
    segment_start = offset;
  });
  const size_t last = n - segment_start;
  tally[kSegmentLengthLog2 + Log2Bucket(last)] += 1;
  tally[kShortestSegmentLog2 + Log2Bucket(std::min(shortest, last))] += 1;
  tally[kAnatomySampled] += 1;
}

}  // namespace

void TallyTorn(double* tally, const uint8_t* snapshot, size_t n, size_t segments) {
  if (segments <= 1) {
    tally[kTornOneForeignValue] += 1;
    return;
  }
  tally[segments == 2 ? kTornTwoSegments : kTornThreeOrMoreSegments] += 1;
  if (tally[kAnatomySampled] < tally[kAnatomySampleLimit]) DissectInto(tally, snapshot, n);
}

}  // namespace tearlab
