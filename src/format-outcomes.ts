// A run's outcomes and tear anatomy as text: every outcome it counted with its mode's grade, and where the
// sampled torn snapshots changed from one pattern to the next.
import { formatBytes } from './format-estimates.js';
import { gradeOf } from './outcomes.js';
import type { TearingResult } from './results.js';

/** The most frequent remainders a line shows. */
const TOP = 5;

function percent(count: number, total: number): string {
  const share = (count / total) * 100;
  return `${share >= 10 || share === 0 ? share.toFixed(0) : share.toPrecision(2)}%`;
}

/** The TOP remainders seen most often, most frequent first (ties: the smaller remainder first). */
function mostFrequent(counts: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  return [...counts]
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, TOP);
}

/** The most frequent remainders as shares of `total`: "0 98%, 32 1.5%". */
export function topRemainders(counts: readonly (readonly [number, number])[], total: number): string {
  return mostFrequent(counts)
    .map(([remainder, count]) => `${remainder} ${percent(count, total)}`)
    .join(', ');
}

/** The most frequent remainders with their counts and shares of `total`: "0 x980 98%, 32 x15 1.5%". */
function topRemainderCounts(counts: readonly (readonly [number, number])[], total: number): string {
  return mostFrequent(counts)
    .map(([remainder, count]) => `${remainder} x${count} ${percent(count, total)}`)
    .join(', ');
}

/** Remainders modulo 16 or 64 as [remainder, count] pairs. */
export function remainderPairs(counts: readonly number[]): [number, number][] {
  return counts.map((count, remainder) => [remainder, count]);
}

/** Power-of-two buckets, each from 2^k up to (not including) 2^(k+1): "64 B+ x998, 4 KiB+ x3". */
function buckets(counts: readonly number[]): string {
  return counts
    .map((count, k) => [k, count] as const)
    .filter(([, count]) => count > 0)
    .map(([k, count]) => `${formatBytes(2 ** k)}+ x${count}`)
    .join(', ');
}

/**
 * One line: every outcome the run counted, and the grade of each kind seen that its mode does not accept:
 * `Outcomes unlocked: intact:A=10 intact:B=8 intact:initial=0 torn:2-segments=3 INTERESTING torn:3+-segments=0`.
 */
export function formatOutcomes(result: Pick<TearingResult, 'mode' | 'outcomes'>): string {
  const pairs = Object.entries(result.outcomes).map(([name, count]) => {
    const grade = gradeOf(result.mode, name);
    return count > 0 && grade !== 'ACCEPTABLE' ? `${name}=${count} ${grade}` : `${name}=${count}`;
  });
  return `Outcomes ${result.mode}: ${pairs.join(' ')}`;
}

/**
 * Two lines when torn snapshots were dissected, none otherwise: how many of the torn snapshots were dissected
 * out of the sample limit, the boundary offsets seen most often modulo 16, 64 and 4096 with their counts, and
 * the segment lengths by powers of two.
 */
export function formatAnatomy(result: Pick<TearingResult, 'mode' | 'anatomy' | 'torn'>): string[] {
  const { mode, anatomy, torn } = result;
  if (anatomy.sampled === 0) return [];
  const total = anatomy.boundaries;
  return [
    `Anatomy ${mode}: ${anatomy.sampled} of ${torn} torn snapshots dissected, sample limit ${anatomy.sampleLimit}, ${total} boundaries; ` +
      `boundary offset mod 16: ${topRemainderCounts(remainderPairs(anatomy.boundaryMod16), total)}; ` +
      `mod 64: ${topRemainderCounts(remainderPairs(anatomy.boundaryMod64), total)}; ` +
      `mod 4096: ${topRemainderCounts(anatomy.boundaryMod4096, total)}`,
    `Segments ${mode} (by powers of two): lengths ${buckets(anatomy.segmentLengthLog2)}; shortest per snapshot ${buckets(anatomy.shortestSegmentLog2)}`,
  ];
}
