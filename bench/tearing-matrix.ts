// Every mode x size x layout, each run for the plan's time budget: how often
// snapshots tear, and how fast readers and writers go under that contention.
// The addon modes run in batches (the default) and again one call per copy,
// so the price of the JavaScript-to-native crossing stays visible.
import { runTearing, type ModeName, type NativeCounters } from '../src/index.js';
import type { BatchSetting } from '../src/batch-size.js';
import { addCounters, zeroCounters } from '../src/counters.js';
import { binding } from '../src/native.js';
import { runFigures, type RunFigures } from '../src/results.js';
import { formatBytes, type BenchPlan, type Layout } from './plan.js';

/** One line of the matrix's runs: a mode and how many copies each addon call makes. */
export interface Variant {
  mode: ModeName;
  batch: BatchSetting;
}

/** Every mode in batches, then the addon modes one call per copy (js-set and js-lock are JavaScript loops either way). */
export function variants(plan: BenchPlan): Variant[] {
  return [
    ...plan.modes.map((mode) => ({ mode, batch: 'auto' as const })),
    ...plan.modes.filter((mode) => mode in binding.batchModes).map((mode) => ({ mode, batch: 1 })),
  ];
}

export function variantName({ mode, batch }: Variant): string {
  return batch === 'auto' ? mode : `${mode}, batch ${batch}`;
}

/** A mode, size and layout's runs added up, with their figures computed as for a single run. */
export interface TearingRow extends RunFigures {
  mode: ModeName;
  batch: BatchSetting;
  size: number;
  layout: string;
  writers: number;
  readers: number;
  readerGBps: number;
  writerGBps: number;
  counters: NativeCounters;
  elapsedMs: number;
}

export type StepListener = (done: number, total: number, detail: string) => void;

export function tearingSteps(plan: BenchPlan): number {
  return variants(plan).length * plan.sizes.length * plan.layouts.length * plan.passes;
}

/** The runs of one mode, size and layout, added up. */
interface Totals {
  snapshots: number;
  torn: number;
  writes: number;
  readerWallMs: number;
  writerWallMs: number;
  elapsedMs: number;
  counters: NativeCounters;
}

function toRow({ mode, batch }: Variant, size: number, layout: Layout, totals: Totals): TearingRow {
  const figures = runFigures(totals.snapshots, totals.torn, totals.writes, totals.readerWallMs, totals.writerWallMs);
  return {
    mode,
    batch,
    size,
    layout: layout.name,
    writers: layout.writers,
    readers: layout.readers,
    ...figures,
    readerGBps: (figures.snapshotsPerSecond * size) / 1e9,
    writerGBps: (figures.writesPerSecond * size) / 1e9,
    counters: totals.counters,
    elapsedMs: totals.elapsedMs,
  };
}

/**
 * Runs every variant for each size and layout in `plan.passes` passes of `plan.runMs` each, the order
 * reversed on every other pass, so that the variants compared in a row share the machine's drift.
 */
export async function runTearingMatrix(plan: BenchPlan, onStep: StepListener): Promise<TearingRow[]> {
  const rows: TearingRow[] = [];
  const total = tearingSteps(plan);
  const all = variants(plan);
  let step = 0;
  for (const layout of plan.layouts) {
    for (const size of plan.sizes) {
      const totals = new Map<Variant, Totals>();
      for (let pass = 0; pass < plan.passes; pass++) {
        const order = pass % 2 === 0 ? all : [...all].reverse();
        for (const variant of order) {
          onStep(step++, total, `tearing: ${variantName(variant)} ${formatBytes(size)} ${layout.name}`);
          const result = await runTearing({
            mode: variant.mode,
            batch: variant.batch,
            size,
            writers: layout.writers,
            readers: layout.readers,
            iters: Number.MAX_SAFE_INTEGER,
            timeMs: plan.runMs,
          });
          const sum = totals.get(variant) ?? { snapshots: 0, torn: 0, writes: 0, readerWallMs: 0, writerWallMs: 0, elapsedMs: 0, counters: zeroCounters() };
          sum.snapshots += result.snapshots;
          sum.torn += result.torn;
          sum.writes += result.writes;
          sum.readerWallMs += result.readerWallMs;
          sum.writerWallMs += result.writerWallMs;
          sum.elapsedMs += result.elapsedMs;
          addCounters(sum.counters, result.counters);
          totals.set(variant, sum);
        }
      }
      for (const variant of all) rows.push(toRow(variant, size, layout, totals.get(variant)!));
    }
  }
  onStep(total, total, 'tearing matrix done');
  return rows;
}

/** The row of a mode, size and layout, in batches unless `batch` says otherwise. */
export function findRow(rows: readonly TearingRow[], mode: ModeName, size: number, layout: string, batch: BatchSetting = 'auto'): TearingRow | undefined {
  return rows.find((r) => r.mode === mode && r.size === size && r.layout === layout && r.batch === batch);
}
