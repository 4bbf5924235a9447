// Calibration against native threads: unlocked, one writer and one reader,
// the plan's calibration sizes, in batches (and one call per copy in the full
// plan). Each cell is the median of the plan's alternating pairs of
// JavaScript-driven and native runs, with the interval of the pairs' ratios.
// Writer and reader are pinned to CPUs of their own where the machine allows,
// so both sides run under the same placement instead of whatever the
// scheduler chose for each (unpinned, where the threads of a run landed and
// moved differed between JavaScript workers and native threads).
import { runTearing } from '../src/index.js';
import type { BatchSetting } from '../src/batch-size.js';
import { medianEstimate, type MedianEstimate, type RunFigures } from '../src/results.js';
import { median } from '../src/stats.js';
import { formatBytes, type BenchPlan } from './plan.js';
import type { StepListener } from './tearing-matrix.js';

function calibrationBatches(plan: BenchPlan): BatchSetting[] {
  return plan.perCallVariants ? ['auto', 1] : ['auto'];
}
export const CALIBRATION_PLACEMENT = 'spread';

export interface CalibrationRow {
  size: number;
  batch: BatchSetting;
  pairs: number;
  /** Whether the threads were pinned as asked, and why not. */
  pinned: boolean;
  placementNote: string | null;
  /** Median JavaScript-driven torn/s over median native torn/s (null when the native runs saw no tear). */
  efficiency: number | null;
  writeEfficiency: number | null;
  /** The same ratios taken pair by pair (the two runs of a pair follow each other), as a median with its interval. */
  pairedEfficiency: MedianEstimate;
  pairedWriteEfficiency: MedianEstimate;
  jsTornPerSecond: number;
  nativeTornPerSecond: number;
  jsWritesPerSecond: number;
  nativeWritesPerSecond: number;
  js: RunFigures[];
  native: RunFigures[];
}

export function calibrationSteps(plan: BenchPlan): number {
  return plan.calibrationSizes.length * calibrationBatches(plan).length;
}

/**
 * Adds the calibration rows to `rows`, in order; when `signal` aborts, the cell under way finishes and no other
 * starts. A run that fails is thrown, `rows` holding those finished before it.
 */
export async function runCalibration(plan: BenchPlan, signal: AbortSignal, onStep: StepListener, rows: CalibrationRow[]): Promise<void> {
  const total = calibrationSteps(plan);
  for (const size of plan.calibrationSizes) {
    for (const batch of calibrationBatches(plan)) {
      if (signal.aborted) return;
      onStep(rows.length, total, `calibration: unlocked ${formatBytes(size)} 1w+1r, batch ${batch}`);
      const result = await runTearing({
        mode: 'unlocked',
        size,
        writers: 1,
        readers: 1,
        batch,
        iters: Number.MAX_SAFE_INTEGER,
        timeMs: plan.calibrationRunMs,
        placement: CALIBRATION_PLACEMENT,
        calibrate: true,
        calibrationPairs: plan.calibrationPairs,
      });
      const { js, native, efficiency, writeEfficiency, pairs } = result.calibration!;
      rows.push({
        size,
        batch,
        pairs,
        pinned: result.placement.pinned,
        placementNote: result.placement.reason,
        efficiency,
        writeEfficiency,
        pairedEfficiency: medianEstimate(js.map((run, i) => run.tornPerSecond / native[i].tornPerSecond)),
        pairedWriteEfficiency: medianEstimate(js.map((run, i) => run.writesPerSecond / native[i].writesPerSecond)),
        jsTornPerSecond: median(js.map((r) => r.tornPerSecond)),
        nativeTornPerSecond: median(native.map((r) => r.tornPerSecond)),
        jsWritesPerSecond: median(js.map((r) => r.writesPerSecond)),
        nativeWritesPerSecond: median(native.map((r) => r.writesPerSecond)),
        js,
        native,
      });
    }
  }
  onStep(total, total, 'calibration done');
}
