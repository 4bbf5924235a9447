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
  /** Each writing worker's rounds in every variant of every scenario (src/scenarios/). */
  readonly scenarioIters: number;
  readonly modes: readonly ModeName[];
  /** Sizes of the tearing matrix and of the per-mode copy costs, and where in a page the matrix's shared data starts. */
  readonly sizes: readonly number[];
  readonly offsets: readonly number[];
  readonly layouts: readonly Layout[];
  /** Whether the addon modes also run one call per copy, beside in batches. */
  readonly perCallVariants: boolean;
  /** Trials of every cell (each in fresh workers), and each trial's time budget. */
  readonly trials: number;
  readonly runMs: number;
  /** Sizes of the calibration against native threads (unlocked, 1 writer + 1 reader). */
  readonly calibrationSizes: readonly number[];
  /** Sizes of the memcpy call costs, and those compared with the copy looped inside the addon. */
  readonly callSizes: readonly number[];
  readonly nativeLoopSizes: readonly number[];
  /** Alternating pairs of JavaScript-driven and native runs per calibration cell, and each run's time budget. */
  readonly calibrationPairs: number;
  readonly calibrationRunMs: number;
  /** Rounds of the single-call costs (paired figures are compared within a round), and tinybench's time and warmup per task. */
  readonly callRounds: number;
  readonly taskMs: number;
  readonly warmupMs: number;
}

const common = {
  modes: MODE_NAMES,
  offsets: [0],
  layouts: LAYOUTS,
  callSizes: [64, 4 * KiB, 128 * KiB, 4 * MiB],
  nativeLoopSizes: [64 * KiB, 128 * KiB, MiB, 4 * MiB],
  // Six is the fewest values that give a 95% interval on a median.
  trials: 6,
  calibrationPairs: 6,
  callRounds: 6,
};

export const FULL_PLAN: BenchPlan = {
  ...common,
  name: 'full',
  scenarioIters: 1_000_000,
  sizes: [8, 64, 4 * KiB, 128 * KiB, MiB],
  perCallVariants: true,
  runMs: 60,
  calibrationSizes: [8, 64, 4 * KiB, 128 * KiB, MiB],
  calibrationRunMs: 100,
  taskMs: 80,
  warmupMs: 20,
};

/** Every mode at two sizes; about 30 s on 2 cores, most of it starting workers (about 80 ms per trial). */
export const QUICK_PLAN: BenchPlan = {
  ...common,
  name: 'quick',
  scenarioIters: 100_000,
  sizes: [64, 128 * KiB],
  perCallVariants: false,
  runMs: 15,
  calibrationSizes: [64, 128 * KiB],
  calibrationRunMs: 20,
  taskMs: 15,
  warmupMs: 5,
};

export { formatBytes } from '../src/format-estimates.js';
