// Every mode x size x layout, each run for the plan's time budget: how often
// snapshots tear, and how fast readers and writers go under that contention.
import { runTearing, type ModeName, type NativeCounters } from '../src/index.js';
import type { BenchPlan } from './plan.js';

export interface TearingRow {
  mode: ModeName;
  size: number;
  layout: string;
  writers: number;
  readers: number;
  snapshots: number;
  torn: number;
  tornFraction: number;
  tornPerSecond: number;
  snapshotsPerSecond: number;
  readerGBps: number;
  writesPerSecond: number;
  writerGBps: number;
  counters: NativeCounters;
  elapsedMs: number;
}

export type StepListener = (done: number, total: number, detail: string) => void;

export function tearingSteps(plan: BenchPlan): number {
  return plan.modes.length * plan.sizes.length * plan.layouts.length;
}

export async function runTearingMatrix(plan: BenchPlan, onStep: StepListener): Promise<TearingRow[]> {
  const rows: TearingRow[] = [];
  const total = tearingSteps(plan);
  for (const layout of plan.layouts) {
    for (const size of plan.sizes) {
      for (const mode of plan.modes) {
        onStep(rows.length, total, `tearing: ${mode} ${size} B ${layout.name}`);
        const result = await runTearing({
          mode,
          size,
          writers: layout.writers,
          readers: layout.readers,
          iters: Number.MAX_SAFE_INTEGER,
          timeMs: plan.runMs,
        });
        rows.push({
          mode,
          size,
          layout: layout.name,
          writers: layout.writers,
          readers: layout.readers,
          snapshots: result.snapshots,
          torn: result.torn,
          tornFraction: result.tornFraction,
          tornPerSecond: result.tornPerSecond,
          snapshotsPerSecond: result.snapshotsPerSecond,
          readerGBps: (result.snapshotsPerSecond * size) / 1e9,
          writesPerSecond: result.writesPerSecond,
          writerGBps: (result.writesPerSecond * size) / 1e9,
          counters: result.counters,
          elapsedMs: result.elapsedMs,
        });
      }
    }
  }
  onStep(total, total, 'tearing matrix done');
  return rows;
}
