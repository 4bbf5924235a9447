// A run's outcomes and tear anatomy as the lines tearlab run prints.
import { describe, expect, it } from 'vitest';
import { formatAnatomy, formatOutcomes, topRemainders } from '../dist/src/format-outcomes.js';
import type { Anatomy } from '../dist/src/outcome-tally.js';

const counts16 = (entries: Record<number, number>) => Array.from({ length: 16 }, (_, r) => entries[r] ?? 0);
const counts64 = (entries: Record<number, number>) => Array.from({ length: 64 }, (_, r) => entries[r] ?? 0);

/** Three torn snapshots with four boundaries: at 64, 64 + 4096, 4100 and 96 from the page. */
const ANATOMY: Anatomy = {
  sampleLimit: 1000,
  sampled: 3,
  boundaries: 4,
  boundaryMod16: counts16({ 0: 3, 4: 1 }),
  boundaryMod64: counts64({ 0: 2, 4: 1, 32: 1 }),
  boundaryMod4096: [
    [4, 1],
    [64, 2],
    [96, 1],
  ],
  segmentLengthLog2: [0, 0, 0, 0, 0, 1, 6],
  shortestSegmentLog2: [0, 0, 0, 0, 0, 1, 2],
};

describe('formatOutcomes', () => {
  it('prints every outcome, with the grade of a torn kind seen where the mode does not accept it', () => {
    const outcomes = { 'intact:A': 1200, 'intact:B': 800, 'intact:initial': 3, 'torn:2-segments': 40, 'torn:3+-segments': 0 };
    expect(formatOutcomes({ mode: 'unlocked', outcomes })).toBe(
      'Outcomes unlocked: intact:A=1200 intact:B=800 intact:initial=3 torn:2-segments=40 INTERESTING torn:3+-segments=0',
    );
    expect(formatOutcomes({ mode: 'seqlock', outcomes: { ...outcomes, 'torn:3+-segments': 2 } })).toBe(
      'Outcomes seqlock: intact:A=1200 intact:B=800 intact:initial=3 torn:2-segments=40 FORBIDDEN torn:3+-segments=2 FORBIDDEN',
    );
    expect(formatOutcomes({ mode: 'lock', outcomes: { 'intact:A': 5, 'intact:initial': 0, 'torn:2-segments': 0 } })).toBe(
      'Outcomes lock: intact:A=5 intact:initial=0 torn:2-segments=0',
    );
  });
});

describe('formatAnatomy', () => {
  it('prints the sample against its limit, the most frequent boundary offsets with their counts, and the segment buckets', () => {
    expect(formatAnatomy({ mode: 'unlocked', torn: 40, anatomy: ANATOMY })).toEqual([
      'Anatomy unlocked: 3 of 40 torn snapshots dissected, sample limit 1000, 4 boundaries; ' +
        'boundary offset mod 16: 0 x3 75%, 4 x1 25%; mod 64: 0 x2 50%, 4 x1 25%, 32 x1 25%; mod 4096: 64 x2 50%, 4 x1 25%, 96 x1 25%',
      'Segments unlocked (by powers of two): lengths 32 B+ x1, 64 B+ x6; shortest per snapshot 32 B+ x1, 64 B+ x2',
    ]);
  });

  it('prints nothing when no torn snapshot was dissected', () => {
    const none: Anatomy = { ...ANATOMY, sampleLimit: 0, sampled: 0, boundaries: 0, boundaryMod16: counts16({}), boundaryMod64: counts64({}), boundaryMod4096: [], segmentLengthLog2: [], shortestSegmentLog2: [] };
    expect(formatAnatomy({ mode: 'unlocked', torn: 40, anatomy: none })).toEqual([]);
  });

  it('shows the five most frequent remainders, ties by the smaller remainder', () => {
    const mod4096: [number, number][] = [[1, 1], [2, 5], [3, 1], [4, 1], [5, 1], [6, 1], [7, 10]];
    expect(topRemainders(mod4096, 20)).toBe('7 50%, 2 25%, 1 5.0%, 3 5.0%, 4 5.0%');
  });
});
