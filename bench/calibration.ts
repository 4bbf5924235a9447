// Calibration against native threads: unlocked, one writer and one reader,
// every size of the plan, in batches and one call per copy. Each cell is the
// median of the plan's alternating pairs of JavaScript-driven and native runs.
import { runTearing } from '../src/index.js';
import type { BatchSetting } from '../src/batch-size.js';
import type { RunFigures } from '../src/results.js';
import { median } from '../src/stats.js';
import { formatBytes, type BenchPlan } from './plan.js';
import type { StepListener } from './tearing-matrix.js';

export const CALIBRATION_BATCHES: readonly BatchSetting[] = ['auto', 1];

export interface CalibrationRow {
  size: number;
  batch: BatchSetting;
  pairs: number;
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
        calibrate: true,
        calibrationPairs: plan.calibrationPairs,
      });
      const { js, native, efficiency, writeEfficiency, pairs } = result.calibration!;
      rows.push({
        size,
        batch,
        pairs,
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
