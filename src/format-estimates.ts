// Sizes, counts, fractions and estimates with their intervals, as the bench's tables and `tearlab compare` show them.
import { MIN_TRIALS_FOR_INTERVAL, type MedianEstimate, type ProportionEstimate } from './results.js';

export const TOO_FEW_TRIALS = `too few trials for an interval (${MIN_TRIALS_FOR_INTERVAL} needed)`;

const KiB = 1024;
const MiB = 1024 * KiB;

/** 8 B, 4 KiB, 1 MiB. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes} B`;
}

/** 1.23M, 456k, 789 */
export function formatCount(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)}G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(0)}k`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(value >= 100 || Number.isInteger(value) ? 0 : 1);
}

/** 12%, 1.6%, 0.03%, 2e-7%; "0" for none at all. */
export function formatFraction(fraction: number): string {
  if (fraction === 0) return '0';
  const percent = fraction * 100;
  return `${percent >= 10 ? percent.toFixed(0) : percent >= 0.1 ? percent.toFixed(1) : percent.toPrecision(1)}%`;
}

/** A percentage with enough digits to tell an interval's ends apart: 83.7%, 1.6%, 0.049%. */
function formatPercent(fraction: number): string {
  if (fraction === 0) return '0%';
  const percent = fraction * 100;
  return `${percent >= 10 ? percent.toFixed(1) : percent.toPrecision(2)}%`;
}

/** 0.00025 -> 2.5e-4, 0.012 -> 0.012 */
function formatSmall(value: number): string {
  return value < 0.01 ? value.toExponential(1) : value.toPrecision(2);
}

/** "1.6% [1.5%, 1.7%]"; for none, the bound: "0 of 13.0M (at most 2.3e-7)". */
export function formatProportion(estimate: ProportionEstimate): string {
  if (estimate.count === 0) return `0 of ${formatCount(estimate.of)} (at most ${formatSmall(estimate.upper)})`;
  return `${formatPercent(estimate.value)} [${formatPercent(estimate.lower)}, ${formatPercent(estimate.upper)}]`;
}

/** "2.50k [2.30k, 2.70k]", or the median alone with `short` (or the words) when there were too few trials. */
export function formatMedian(estimate: MedianEstimate, format: (value: number | null) => string = formatCount, short = false): string {
  if (estimate.median === null) return 'n/a';
  if (estimate.lower === null || estimate.upper === null) return short ? `${format(estimate.median)} [-]` : `${format(estimate.median)} (${TOO_FEW_TRIALS})`;
  return `${format(estimate.median)} [${format(estimate.lower)}, ${format(estimate.upper)}]`;
}
