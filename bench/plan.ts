// What `npm run bench` measures, in full and with --quick.
import { MODE_NAMES, type ModeName } from '../src/index.js';

export interface Layout {
  readonly name: string;
  readonly writers: number;
  readonly readers: number;
}

/** The Python demo's 2 writers + 1 reader, and 1 + 1 where each has a core of its own on a 2-core machine. */
const LAYOUTS: readonly Layout[] = [
  { name: '2w+1r', writers: 2, readers: 1 },
  { name: '1w+1r', writers: 1, readers: 1 },
];

export const KiB = 1024;
export const MiB = 1024 * KiB;

export interface BenchPlan {
  readonly name: 'full' | 'quick';
  readonly modes: readonly ModeName[];
  /** Sizes of the tearing matrix and of the per-mode copy costs. */
  readonly sizes: readonly number[];
  readonly layouts: readonly Layout[];
  /** Time budget of each tearing run, and how many runs of each mode, size and layout are added up. */
  readonly runMs: number;
  readonly passes: number;
  /** Sizes of the memcpy call costs, and those compared with the copy looped inside the addon. */
  readonly callSizes: readonly number[];
  readonly nativeLoopSizes: readonly number[];
  /** Alternating pairs of JavaScript-driven and native runs per calibration cell, and each run's time budget. */
  readonly calibrationPairs: number;
  readonly calibrationRunMs: number;
  /** tinybench time and warmup per task. */
  readonly taskMs: number;
  readonly warmupMs: number;
}

const common = {
  modes: MODE_NAMES,
  sizes: [8, 64, 4 * KiB, 128 * KiB, MiB],
  layouts: LAYOUTS,
  callSizes: [64, 4 * KiB, 128 * KiB, 4 * MiB],
  nativeLoopSizes: [64 * KiB, 128 * KiB, MiB, 4 * MiB],
};

export const FULL_PLAN: BenchPlan = {
  ...common,
  name: 'full',
  runMs: 300,
  passes: 2,
  calibrationPairs: 9,
  calibrationRunMs: 100,
  taskMs: 250,
  warmupMs: 50,
};
export const QUICK_PLAN: BenchPlan = {
  ...common,
  name: 'quick',
  runMs: 80,
  passes: 1,
  calibrationPairs: 5,
  calibrationRunMs: 30,
  taskMs: 40,
  warmupMs: 10,
};

/** 8 B, 4 KiB, 1 MiB. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes} B`;
}
