// Calibration against native threads: unlocked, one writer and one reader,
// every size of the plan, in batches and one call per copy. Each cell is the
// median of the plan's alternating pairs of JavaScript-driven and native runs.
// Writer and reader are pinned to CPUs of their own where the machine allows,
// so both sides run under the same placement instead of whatever the
// scheduler chose for each (unpinned, where the threads of a run landed and
// moved differed between JavaScript workers and native threads).
import { runTearing } from '../src/index.js';
import type { BatchSetting } from '../src/batch-size.js';
import type { RunFigures } from '../src/results.js';
import { median } from '../src/stats.js';
import { formatBytes, type BenchPlan } from './plan.js';
import type { StepListener } from './tearing-matrix.js';

export const CALIBRATION_BATCHES: readonly BatchSetting[] = ['auto', 1];
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
  jsTornPerSecond: number;
  nativeTornPerSecond: number;
  jsWritesPerSecond: number;
  nativeWritesPerSecond: number;
  js: RunFigures[];
  native: RunFigures[];
}

export function calibrationSteps(plan: BenchPlan): number {
  return plan.sizes.length * CALIBRATION_BATCHES.length;
}

export async function runCalibration(plan: BenchPlan, onStep: StepListener): Promise<CalibrationRow[]> {
  const rows: CalibrationRow[] = [];
  const total = calibrationSteps(plan);
  for (const size of plan.sizes) {
    for (const batch of CALIBRATION_BATCHES) {
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
  return rows;
}
