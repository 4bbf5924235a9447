// What readers counted in their outcome tallies (native/outcome_tally.h), as a run reports it: every
// snapshot's outcome by name, and the anatomy of a sample of torn snapshots.
import { binding } from './native.js';
import { INITIAL_FILL } from './patterns.js';

const TALLY = binding.layout.outcomeTally;

/** How many torn snapshots a run dissects by default. */
export const DEFAULT_ANATOMY_SAMPLE = 1000;

/** Every snapshot's outcome, by name: intact:A, intact:B, ..., intact:initial, torn:2-segments, torn:3+-segments. */
export type Outcomes = Record<string, number>;

export const TORN_TWO_SEGMENTS = 'torn:2-segments';
export const TORN_THREE_OR_MORE = 'torn:3+-segments';
/** A snapshot filled by one byte no writer writes: never expected, so only present when seen. */
export const TORN_FOREIGN_VALUE = 'torn:foreign-value';
export const INTACT_INITIAL = 'intact:initial';

export interface Anatomy {
  /** Torn snapshots the run could dissect, and how many it did. */
  sampleLimit: number;
  sampled: number;
  /** Boundaries in the histograms: every one of every dissected snapshot. */
  boundaries: number;
  /** Boundary offsets from the page the shared data starts in, modulo 16 (vector width) and 64 (cache line): a count per remainder. */
  boundaryMod16: number[];
  boundaryMod64: number[];
  /** Modulo 4096 (page): [remainder, count] for the remainders seen, in order. */
  boundaryMod4096: [number, number][];
  /** Segment lengths, and each dissected snapshot's shortest segment: index k counts lengths from 2^k to 2^(k+1) - 1. */
  segmentLengthLog2: number[];
  shortestSegmentLog2: number[];
}

/**
 * A reader's empty tally, allowed to dissect `sampleLimit` torn snapshots of shared data that starts `offset` bytes
 * into a page. (A double-buffer slot after the first starts a multiple of 128 bytes later: its boundaries are exact
 * modulo 16 and 64, not modulo 4096.)
 */
export function createTally(sampleLimit: number, offset: number): Float64Array {
  const tally = new Float64Array(TALLY.fields);
  tally[TALLY.anatomySampleLimit] = sampleLimit;
  tally[TALLY.boundaryBase] = offset;
  return tally;
}

/** The readers' share of a run's sample: as equal as whole numbers allow, adding up to `sample`. */
export function sampleShare(sample: number, readers: number, index: number): number {
  return Math.floor(sample / readers) + (index < sample % readers ? 1 : 0);
}

/** Readers' tallies added up. */
export function addTallies(tallies: readonly Float64Array[]): Float64Array {
  const total = new Float64Array(TALLY.fields);
  for (const tally of tallies) for (let i = 0; i < total.length; i++) total[i] += tally[i];
  return total;
}

function label(byte: number): string {
  return byte === INITIAL_FILL ? INTACT_INITIAL : `intact:${String.fromCharCode(byte)}`;
}

/** Outcomes by name: an entry for every intact byte in `patterns` (and the initial fill) and both torn kinds, seen or not. */
export function outcomesOf(tally: Float64Array, patterns: readonly number[]): Outcomes {
  const outcomes: Outcomes = {};
  for (const byte of [...patterns].sort((a, b) => a - b)) outcomes[label(byte)] = tally[TALLY.intactByByte + byte];
  outcomes[INTACT_INITIAL] = tally[TALLY.intactByByte + INITIAL_FILL];
  outcomes[TORN_TWO_SEGMENTS] = tally[TALLY.tornTwoSegments];
  outcomes[TORN_THREE_OR_MORE] = tally[TALLY.tornThreeOrMoreSegments];
  if (tally[TALLY.tornOneForeignValue] > 0) outcomes[TORN_FOREIGN_VALUE] = tally[TALLY.tornOneForeignValue];
  return outcomes;
}

/** Counts without their trailing zeros. */
function trimmed(counts: ArrayLike<number>): number[] {
  const values = Array.from(counts);
  while (values.length > 0 && values.at(-1) === 0) values.pop();
  return values;
}

export function anatomyOf(tally: Float64Array): Anatomy {
  const slice = (start: number, length: number) => Array.from(tally.subarray(start, start + length));
  const mod4096: [number, number][] = [];
  slice(TALLY.boundaryMod4096, 4096).forEach((count, remainder) => count > 0 && mod4096.push([remainder, count]));
  return {
    sampleLimit: tally[TALLY.anatomySampleLimit],
    sampled: tally[TALLY.anatomySampled],
    boundaries: tally[TALLY.anatomyBoundaries],
    boundaryMod16: slice(TALLY.boundaryMod16, 16),
    boundaryMod64: slice(TALLY.boundaryMod64, 64),
    boundaryMod4096: mod4096,
    segmentLengthLog2: trimmed(slice(TALLY.segmentLengthLog2, TALLY.log2Buckets)),
    shortestSegmentLog2: trimmed(slice(TALLY.shortestSegmentLog2, TALLY.log2Buckets)),
  };
}

function addCounts(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

/** Outcomes of several runs, added up. */
export function addOutcomes(all: readonly Outcomes[]): Outcomes {
  const total: Outcomes = {};
  for (const outcomes of all) for (const [name, count] of Object.entries(outcomes)) total[name] = (total[name] ?? 0) + count;
  return total;
}

/** The anatomy of several runs, as if one run had dissected all their samples. */
export function addAnatomies(all: readonly Anatomy[]): Anatomy {
  const mod4096 = new Map<number, number>();
  for (const anatomy of all) for (const [remainder, count] of anatomy.boundaryMod4096) mod4096.set(remainder, (mod4096.get(remainder) ?? 0) + count);
  const sum = (pick: (anatomy: Anatomy) => number) => all.reduce((total, anatomy) => total + pick(anatomy), 0);
  return {
    sampleLimit: sum((a) => a.sampleLimit),
    sampled: sum((a) => a.sampled),
    boundaries: sum((a) => a.boundaries),
    boundaryMod16: all.reduce((total, a) => addCounts(total, a.boundaryMod16), new Array<number>(16).fill(0)),
    boundaryMod64: all.reduce((total, a) => addCounts(total, a.boundaryMod64), new Array<number>(64).fill(0)),
    boundaryMod4096: [...mod4096.entries()].sort((x, y) => x[0] - y[0]),
    segmentLengthLog2: all.reduce((total, a) => addCounts(total, a.segmentLengthLog2), [] as number[]),
    shortestSegmentLog2: all.reduce((total, a) => addCounts(total, a.shortestSegmentLog2), [] as number[]),
  };
}
