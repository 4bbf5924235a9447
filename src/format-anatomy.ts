// Tear anatomy as text: where the sampled torn snapshots changed from one pattern to the next.
import type { ModeName } from './modes/index.js';
import { formatBytes } from './format-estimates.js';
import type { Anatomy } from './outcome-tally.js';

const TOP = 5;

function percent(count: number, total: number): string {
  const share = (count / total) * 100;
  return `${share >= 10 || share === 0 ? share.toFixed(0) : share.toPrecision(2)}%`;
}

/** The most frequent remainders: "0 98%, 32 1.5%". */
export function topRemainders(counts: readonly (readonly [number, number])[], total: number): string {
  return [...counts]
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, TOP)
    .map(([remainder, count]) => `${remainder} ${percent(count, total)}`)
    .join(', ');
}

/** Power-of-two buckets, each from 2^k up to (not including) 2^(k+1): "64 B+ x998, 4 KiB+ x3". */
function buckets(counts: readonly number[]): string {
  return counts
    .map((count, k) => [k, count] as const)
    .filter(([, count]) => count > 0)
    .map(([k, count]) => `${formatBytes(2 ** k)}+ x${count}`)
    .join(', ');
}

/** Remainders modulo 16 or 64 as [remainder, count] pairs. */
export function remainderPairs(counts: readonly number[]): [number, number][] {
  return counts.map((count, remainder) => [remainder, count]);
}

/** Two lines when torn snapshots were dissected, none otherwise. */
export function anatomyLines(mode: ModeName, anatomy: Anatomy, torn: number): string[] {
  if (anatomy.sampled === 0) return [];
  const total = anatomy.boundaries;
  return [
    `Anatomy ${mode}: ${anatomy.sampled} of ${torn} torn snapshots dissected, ${total} boundaries; boundary offset ` +
      `mod 16: ${topRemainders(remainderPairs(anatomy.boundaryMod16), total)}; mod 64: ${topRemainders(remainderPairs(anatomy.boundaryMod64), total)}; ` +
      `mod 4096: ${topRemainders(anatomy.boundaryMod4096, total)}`,
    `Segments ${mode} (by powers of two): lengths ${buckets(anatomy.segmentLengthLog2)}; shortest per snapshot ${buckets(anatomy.shortestSegmentLog2)}`,
  ];
}
