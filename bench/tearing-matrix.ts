// Every mode x size x layout, each a cell of the plan's trials: how often snapshots tear, and how fast readers
// and writers go under that contention. The addon modes run in batches (the default) and again one call per
// copy, so the price of the JavaScript-to-native crossing stays visible. The variants of one size and layout
// take turns trial by trial, so those compared in a row share the machine's drift.
import type { ModeName } from '../src/index.js';
import type { BatchSetting } from '../src/batch-size.js';
import { binding } from '../src/native.js';
import type { Cell } from '../src/results.js';
import { alternateTrials } from '../src/trials.js';
import { formatBytes, type BenchPlan } from './plan.js';

/** One line of the matrix's runs: a mode and how many copies each addon call makes. */
export interface Variant {
  mode: ModeName;
  batch: BatchSetting;
}

/** Every mode in batches, then, where the plan asks, the addon modes one call per copy (js-set and js-lock are JavaScript loops either way). */
export function variants(plan: BenchPlan): Variant[] {
  const perCall = plan.perCallVariants ? plan.modes.filter((mode) => mode in binding.batchModes).map((mode) => ({ mode, batch: 1 })) : [];
  return [...plan.modes.map((mode) => ({ mode, batch: 'auto' as const })), ...perCall];
}

export function variantName({ mode, batch }: Variant): string {
  return batch === 'auto' ? mode : `${mode}, batch ${batch}`;
}

export type StepListener = (done: number, total: number, detail: string) => void;

/** Runs in the matrix. */
export function tearingSteps(plan: BenchPlan): number {
  return variants(plan).length * plan.sizes.length * plan.offsets.length * plan.layouts.length * plan.trials;
}

/**
 * Adds the matrix's cells to `cells`, in order. When `signal` aborts, or a run fails (then thrown), `cells` holds
 * those measured so far, the last ones perhaps with fewer trials.
 */
export async function runTearingMatrix(plan: BenchPlan, signal: AbortSignal, onStep: StepListener, cells: Cell[]): Promise<void> {
  const total = tearingSteps(plan);
  const all = variants(plan);
  let done = 0;
  for (const layout of plan.layouts) {
    for (const size of plan.sizes) {
      for (const offset of plan.offsets) {
        if (signal.aborted) return;
        const configurations = all.map((variant) => ({
          ...variant,
          signal,
          size,
          offset,
          writers: layout.writers,
          readers: layout.readers,
          iters: Number.MAX_SAFE_INTEGER,
          timeMs: plan.runMs,
        }));
        const where = `${formatPoint(size, offset)} ${layout.name}`;
        const { cells: atPoint, failure } = await alternateTrials(configurations, plan.trials, ({ index, trial }) =>
          onStep(++done, total, `tearing: ${variantName(all[index])} ${where}, trial ${trial + 1} of ${plan.trials}`),
        );
        cells.push(...atPoint);
        if (failure !== null) throw failure.error;
      }
    }
  }
  onStep(total, total, 'tearing matrix done');
}

/** 64 B, or 64 B +63 where the data starts 63 bytes into a page. */
export function formatPoint(size: number, offset: number): string {
  return offset === 0 ? formatBytes(size) : `${formatBytes(size)} +${offset}`;
}

/** The cell of a mode, size and layout, in batches unless `batch` says otherwise, with the data at `offset` (default: on a page). */
export function findCell(
  cells: readonly Cell[],
  mode: ModeName,
  size: number,
  layout: string,
  batch: BatchSetting = 'auto',
  offset = 0,
): Cell | undefined {
  return cells.find((c) => c.mode === mode && c.size === size && c.offset === offset && c.layout === layout && c.batch === batch);
}
