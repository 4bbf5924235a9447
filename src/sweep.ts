// Sweeps on the command line: lists and ranges of sizes and offsets, with binary units.
//   --size 64,4KiB,1MiB        a list
//   --size 8..4MiB*2           a geometric range: 8, 16, 32, ... 4 MiB (the end is included when reached)
//   --size 1KiB..8KiB+1KiB     an arithmetic range
//   --offset 0,1,63,4095       offsets, and their ranges (0..64+16)
import { UsageError } from './parse.js';

const UNITS: Readonly<Record<string, number>> = { '': 1, b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
const AMOUNT = /^(\d+(?:_\d+)*)\s*([a-z]*)$/i;
const RANGE = /^(.+?)\.\.(.+?)([*+])(.+)$/;

/** The most points one sweep may have. */
export const MAX_SWEEP_POINTS = 1000;

export interface SweepLimits {
  min: number;
  max: number;
}

/** One amount of bytes: 4096, 4_096, 4KiB, 4 KiB, 1MiB, 64B. */
export function parseBytes(text: string, flag: string): number {
  const match = AMOUNT.exec(text.trim());
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  if (!match || unit === undefined) throw new UsageError(`${flag} must be sizes in bytes, KiB, MiB or GiB, got '${text}'`);
  const value = Number(match[1].replaceAll('_', '')) * unit;
  if (!Number.isSafeInteger(value)) throw new UsageError(`${flag} is too large: '${text}'`);
  return value;
}

function checkLimits(value: number, text: string, flag: string, { min, max }: SweepLimits): number {
  if (value < min || value > max) throw new UsageError(`${flag} must be from ${min} to ${max}, got '${text}'`);
  return value;
}

function expandRange(item: string, flag: string, limits: SweepLimits): number[] {
  const [, startText, endText, operator, stepText] = RANGE.exec(item)!;
  const start = checkLimits(parseBytes(startText, flag), startText, flag, limits);
  const end = checkLimits(parseBytes(endText, flag), endText, flag, limits);
  if (end < start) throw new UsageError(`${flag} range '${item}' runs backwards`);
  const geometric = operator === '*';
  const step = geometric ? Number(stepText.trim()) : parseBytes(stepText, flag);
  if (geometric ? !(Number.isFinite(step) && step > 1) : step < 1) {
    throw new UsageError(`${flag} range '${item}' needs ${geometric ? 'a factor above 1 (such as *2)' : 'a step of at least 1 (such as +64)'}`);
  }
  if (geometric && start === 0) throw new UsageError(`${flag} range '${item}' cannot multiply from 0`);
  const points: number[] = [];
  // A factor close to 1 still moves on by at least a byte, so the sweep always ends.
  for (let value = start; value <= end; value = geometric ? Math.max(value + 1, Math.round(value * step)) : value + step) {
    if (points.length === MAX_SWEEP_POINTS) throw new UsageError(`${flag} range '${item}' has more than ${MAX_SWEEP_POINTS} points`);
    points.push(value);
  }
  return points;
}

/** The points of a comma-separated list of amounts and ranges, in the order given, each once. */
export function parseSweep(text: string, flag: string, limits: SweepLimits): number[] {
  const points: number[] = [];
  for (const item of text.split(',')) {
    if (item.trim() === '') throw new UsageError(`${flag} has an empty item: '${text}'`);
    const values = RANGE.test(item) ? expandRange(item, flag, limits) : [checkLimits(parseBytes(item, flag), item.trim(), flag, limits)];
    for (const value of values) if (!points.includes(value)) points.push(value);
    if (points.length > MAX_SWEEP_POINTS) throw new UsageError(`${flag} has more than ${MAX_SWEEP_POINTS} points`);
  }
  return points;
}
