// Sweeps on the command line: lists and ranges of sizes and offsets, with binary units.
//   --size 64,4KiB,1MiB        a list
//   --size 8..4MiB*2           a geometric range: 8, 16, 32, ... 4 MiB (the end is included when reached)
//   --size 1KiB..8KiB+1KiB     an arithmetic range
//   --offset 0,1,63,4095       offsets, and their ranges (0..64+16)
//
// The grammar (spaces allowed around every piece, units in any case):
//   sweep  = item { ',' item }
//   item   = amount | amount '..' amount '*' factor | amount '..' amount '+' amount
//   amount = digits { '_' digits } [ 'B' | 'KiB' | 'MiB' | 'GiB' ]
//   factor = digits [ '.' digits ]                    (above 1)
// Points come in the order given, each once; a sweep has at most MAX_SWEEP_POINTS of them.
import { MAX_OFFSET } from './modes/strategy.js';
import { MAX_SIZE } from './options.js';
import { UsageError } from './parse.js';

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
const AMOUNT = /^(\d+(?:_\d+)*)\s*([a-z]*)$/i;
const FACTOR = /^\d+(?:\.\d+)?$/;
/** start '..' end, then '*' factor or '+' step; without them the range is incomplete. */
const RANGE = /^(.*?)\.\.(.*?)(?:([*+])(.*))?$/;

/** The most points one sweep may have. */
export const MAX_SWEEP_POINTS = 1000;

export interface SweepLimits {
  min: number;
  max: number;
  /** What the values are, in the plural, for messages ('sizes' when left out). */
  noun?: string;
}

const SIZE_LIMITS: SweepLimits = { min: 1, max: MAX_SIZE, noun: 'sizes' };
const OFFSET_LIMITS: SweepLimits = { min: 0, max: MAX_OFFSET, noun: 'offsets' };

/** One amount of bytes, unchecked against limits: 4096, 4_096, 4KiB, 4 KiB, 1MiB, 64B. `what` names it in messages. */
function parseAmount(text: string, flag: string, what: string): number {
  const match = AMOUNT.exec(text);
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new UsageError(`${flag} must be ${what} in bytes, KiB, MiB or GiB, got '${text}'`);
  const value = Number(match[1].replaceAll('_', '')) * unit;
  if (!Number.isSafeInteger(value)) throw new UsageError(`${flag} is too large: '${text}'`);
  return value;
}

function checkLimits(value: number, text: string, flag: string, { min, max }: SweepLimits): number {
  if (value < min || value > max) throw new UsageError(`${flag} must be from ${min} to ${max}, got '${text}'`);
  return value;
}

/** One amount within the limits. */
function parsePoint(text: string, flag: string, limits: SweepLimits): number {
  return checkLimits(parseAmount(text, flag, limits.noun ?? 'sizes'), text, flag, limits);
}

/** The points of `start..end*factor` or `start..end+step`, from start up to end (included when reached). */
function expandRange(item: string, match: RegExpExecArray, flag: string, limits: SweepLimits): number[] {
  const [startText, endText, operator, stepText] = match.slice(1).map((piece) => piece?.trim());
  if (operator === undefined) {
    throw new UsageError(`${flag} range '${item}' needs a factor (such as *2) or a step (such as +64) after its end`);
  }
  const start = parsePoint(startText, flag, limits);
  const end = parsePoint(endText, flag, limits);
  if (end < start) throw new UsageError(`${flag} range '${item}' runs backwards`);
  const geometric = operator === '*';
  let next: (value: number) => number;
  if (geometric) {
    const factor = FACTOR.test(stepText) ? Number(stepText) : NaN;
    if (!(factor > 1)) throw new UsageError(`${flag} range '${item}' needs a factor above 1 (such as *2)`);
    if (start === 0) throw new UsageError(`${flag} range '${item}' cannot multiply from 0`);
    // A factor close to 1 still moves on by at least a byte, so the sweep always ends.
    next = (value) => Math.max(value + 1, Math.round(value * factor));
  } else {
    const step = parseAmount(stepText, flag, 'a step');
    if (step < 1) throw new UsageError(`${flag} range '${item}' needs a step of at least 1 (such as +64)`);
    next = (value) => value + step;
  }
  const points: number[] = [];
  for (let value = start; value <= end; value = next(value)) {
    if (points.length === MAX_SWEEP_POINTS) throw new UsageError(`${flag} range '${item}' has more than ${MAX_SWEEP_POINTS} points`);
    points.push(value);
  }
  return points;
}

/** The points of a comma-separated list of amounts and ranges within `limits`, in the order given, each once. */
export function parseSweep(text: string, flag: string, limits: SweepLimits): number[] {
  const points = new Set<number>();
  for (const piece of text.split(',')) {
    const item = piece.trim();
    if (item === '') throw new UsageError(`${flag} has an empty item: '${text}'`);
    const range = RANGE.exec(item);
    for (const value of range ? expandRange(item, range, flag, limits) : [parsePoint(item, flag, limits)]) points.add(value);
    if (points.size > MAX_SWEEP_POINTS) throw new UsageError(`${flag} has more than ${MAX_SWEEP_POINTS} points`);
  }
  return [...points];
}

/** Sizes to sweep, each from 1 to MAX_SIZE bytes: `64,4KiB,1MiB`, `8..4MiB*2`, `1KiB..8KiB+1KiB`. */
export function parseSizeList(text: string, flag: string): number[] {
  return parseSweep(text, flag, SIZE_LIMITS);
}

/** Offsets from a page boundary to sweep, each from 0 to MAX_OFFSET: `0,1,63,4095`, `0..64+16`. */
export function parseOffsetList(text: string, flag: string): number[] {
  return parseSweep(text, flag, OFFSET_LIMITS);
}

/** One size with its unit, from 1 to MAX_SIZE bytes: 4096, 4_096, 4KiB, 1MiB, 64B. */
export function parseSize(text: string, flag: string): number {
  const trimmed = text.trim();
  return checkLimits(parseAmount(trimmed, flag, 'a size'), trimmed, flag, SIZE_LIMITS);
}
