// Every mode x size x layout, each run for the plan's time budget: how often
// snapshots tear, and how fast readers and writers go under that contention.
import { runTearing, type ModeName, type NativeCounters } from '../src/index.js';
import { addCounters, zeroCounters } from '../src/counters.js';
import { perSecond } from '../src/results.js';
import { formatBytes, type BenchPlan, type Layout } from './plan.js';

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
  return plan.modes.length * plan.sizes.length * plan.layouts.length * plan.passes;
}

/** The runs of one mode, size and layout, added up. */
interface Totals {
  snapshots: number;
  torn: number;
  writes: number;
  readerWallMs: number;
  elapsedMs: number;
  counters: NativeCounters;
}

function toRow(mode: ModeName, size: number, layout: Layout, totals: Totals): TearingRow {
  const snapshotsPerSecond = perSecond(totals.snapshots, totals.readerWallMs);
  const writesPerSecond = perSecond(totals.writes, totals.elapsedMs);
  return {
    mode,
    size,
    layout: layout.name,
    writers: layout.writers,
    readers: layout.readers,
    snapshots: totals.snapshots,
    torn: totals.torn,
    tornFraction: totals.snapshots > 0 ? totals.torn / totals.snapshots : 0,
    tornPerSecond: perSecond(totals.torn, totals.readerWallMs),
    snapshotsPerSecond,
    readerGBps: (snapshotsPerSecond * size) / 1e9,
    writesPerSecond,
    writerGBps: (writesPerSecond * size) / 1e9,
    counters: totals.counters,
    elapsedMs: totals.elapsedMs,
  };
}

/**
 * Runs every mode for each size and layout in `plan.passes` passes of `plan.runMs` each, the order of
 * the modes reversed on every other pass, so that the modes compared in a row share the machine's drift.
 */
export async function runTearingMatrix(plan: BenchPlan, onStep: StepListener): Promise<TearingRow[]> {
  const rows: TearingRow[] = [];
  const total = tearingSteps(plan);
  let step = 0;
  for (const layout of plan.layouts) {
    for (const size of plan.sizes) {
      const totals = new Map<ModeName, Totals>();
      for (let pass = 0; pass < plan.passes; pass++) {
        const order = pass % 2 === 0 ? plan.modes : [...plan.modes].reverse();
        for (const mode of order) {
          onStep(step++, total, `tearing: ${mode} ${formatBytes(size)} ${layout.name}`);
          const result = await runTearing({
            mode,
            size,
            writers: layout.writers,
            readers: layout.readers,
            iters: Number.MAX_SAFE_INTEGER,
            timeMs: plan.runMs,
          });
          const sum = totals.get(mode) ?? { snapshots: 0, torn: 0, writes: 0, readerWallMs: 0, elapsedMs: 0, counters: zeroCounters() };
          sum.snapshots += result.snapshots;
          sum.torn += result.torn;
          sum.writes += result.writes;
          sum.readerWallMs += result.readerWallMs;
          sum.elapsedMs += result.elapsedMs;
          addCounters(sum.counters, result.counters);
          totals.set(mode, sum);
        }
      }
      for (const mode of plan.modes) rows.push(toRow(mode, size, layout, totals.get(mode)!));
    }
  }
  onStep(total, total, 'tearing matrix done');
  return rows;
}
