// A reader's outcomes, counted where its snapshots are classified: every
// intact snapshot by the byte that fills it, every torn one by its number of
// segments (runs of equal bytes: 2, or 3 and more), and, for a sample of the
// torn ones, their anatomy: histograms of where the boundaries fall (modulo
// 16, 64 and 4096: vector width, cache line, page) and of segment lengths.
// The tally is a Float64Array the reader keeps across calls.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tearlab {

// A bucket for every power of two a size_t can hold, so no length falls outside them.
inline constexpr size_t kLog2Buckets = 64;

enum OutcomeTallyField : size_t {
  // 256 counts: intact snapshots by the byte value that fills them.
  kIntactByByte = 0,
  kTornTwoSegments = 256,
  kTornThreeOrMoreSegments,
  // Torn snapshots with no boundary: filled by one byte that no writer writes (never expected: it would
  // mean corruption), or empty (only from a direct call).
  kTornOneForeignValue,
  // Set by the caller: how many torn snapshots this tally may dissect, and how far into its page the
  // shared data starts, so that boundary offsets are counted from the page (where lines and pages begin).
  kAnatomySampleLimit,
  kBoundaryBase,
  kAnatomySampled,
  // Boundaries counted in the histograms: every one of every dissected snapshot.
  kAnatomyBoundaries,
  kBoundaryMod16,
  kBoundaryMod64 = kBoundaryMod16 + 16,
  kBoundaryMod4096 = kBoundaryMod64 + 64,
  kSegmentLengthLog2 = kBoundaryMod4096 + 4096,
  kShortestSegmentLog2 = kSegmentLengthLog2 + kLog2Buckets,
  kOutcomeTallyFields = kShortestSegmentLog2 + kLog2Buckets,
};

// Counts a torn snapshot of n bytes that has `segments` segments (as CountSegmentsUpTo(.., 3) gives
// them), and dissects it while the sample is not full if it has boundaries to dissect.
void TallyTorn(double* tally, const uint8_t* snapshot, size_t n, size_t segments);

// Counts an intact snapshot filled by `byte`.
inline void TallyIntact(double* tally, int byte) { tally[kIntactByByte + byte] += 1; }

}  // namespace tearlab
