#include "outcome_tally.h"

#include <bit>
#include <vector>

#include "anatomy.h"

namespace tearlab {

namespace {

size_t Log2Bucket(size_t length) { return static_cast<size_t>(std::bit_width(length) - 1); }

void DissectInto(double* tally, const uint8_t* snapshot, size_t n) {
  // One buffer per thread, so that a reader dissecting a sample allocates once.
  thread_local std::vector<uint32_t> boundaries(kMaxRecordedBoundaries);
  const Anatomy anatomy = Dissect(snapshot, n, boundaries.data(), boundaries.size());
  tally[kAnatomySampled] += 1;
  tally[kAnatomyBoundaries] += static_cast<double>(anatomy.recorded);
  tally[kAnatomyUnrecorded] += static_cast<double>(anatomy.segments - 1 - anatomy.recorded);
  const size_t base = static_cast<size_t>(tally[kBoundaryBase]);
  size_t segment_start = 0;
  for (size_t i = 0; i < anatomy.recorded; ++i) {
    const size_t offset = boundaries[i];
    const size_t in_page = base + offset;
    tally[kBoundaryMod16 + in_page % 16] += 1;
    tally[kBoundaryMod64 + in_page % 64] += 1;
    tally[kBoundaryMod4096 + in_page % 4096] += 1;
    tally[kSegmentLengthLog2 + Log2Bucket(offset - segment_start)] += 1;
    segment_start = offset;
  }
  if (anatomy.recorded + 1 == anatomy.segments) tally[kSegmentLengthLog2 + Log2Bucket(n - segment_start)] += 1;
  tally[kShortestSegmentLog2 + Log2Bucket(anatomy.shortest_segment)] += 1;
}

}  // namespace

void TallyTorn(double* tally, const uint8_t* snapshot, size_t n, size_t segments) {
  if (tally[kAnatomySampled] < tally[kAnatomySampleLimit]) DissectInto(tally, snapshot, n);
  if (segments <= 1) {
    tally[kTornOneForeignValue] += 1;
  } else {
    tally[segments == 2 ? kTornTwoSegments : kTornThreeOrMoreSegments] += 1;
  }
}

}  // namespace tearlab
