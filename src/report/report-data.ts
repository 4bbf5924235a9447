// The figures of `tearlab report`'s charts, as flat rows (one per point, bar or cell), taken from results files.
// Every row names its machine (the file's letter and host) so that machines share axes in one chart.
import { groupName, groupOf, type ComparedFile } from '../compare.js';
import { countOf, scenarioSettings, variantLabel } from '../compare-scenarios.js';
import { SCENARIOS } from '../scenarios/index.js';
import { MODE_NAMES, type ModeName } from '../modes/index.js';
import { TORN_GRADE } from '../outcomes.js';
import { medianEstimate, type Cell, type MedianEstimate } from '../results.js';

/** The mode every fix's rates are measured against. */
export const REFERENCE_MODE: ModeName = 'unlocked';
/** The modes under which a torn snapshot is forbidden: the global lock and the fixes. */
export const FIX_MODES: readonly ModeName[] = MODE_NAMES.filter((mode) => TORN_GRADE[mode] === 'FORBIDDEN');

export type CellStatus = 'FORBIDDEN outcome seen' | 'tears (INTERESTING)' | 'clean';

export interface VerdictRow {
  machine: string;
  mode: string;
  panel: string;
  size: number;
  verdict: string;
  status: CellStatus;
}

/** A median or a proportion with its 95% interval (bounds null where there were too few trials for one). */
export interface EstimateRow {
  machine: string;
  mode: string;
  panel: string;
  size: number;
  value: number;
  lower: number | null;
  upper: number | null;
}

export interface RatioRow extends EstimateRow {
  side: 'readers (snapshots/s)' | 'writers (writes/s)';
}

export interface HistogramRow {
  machine: string;
  size: number;
  /** The bin: a remainder, or the shortest length of a power-of-two bucket. */
  bin: number;
  /** The bin's share of its machine's and size's boundaries (or segments). */
  share: number;
  count: number;
}

export interface CalibrationPoint {
  machine: string;
  batch: string;
  ratio: 'torn/s' | 'writes/s';
  size: number;
  value: number;
  lower: number | null;
  upper: number | null;
}

export interface ScenarioRow {
  machine: string;
  /** The scenario and its settings: one panel each. */
  panel: string;
  variant: string;
  count: number;
  /** The count's share of the scenario's base figure (passes, updates, checks). */
  share: number;
}

export interface ReportData {
  machines: string[];
  verdicts: VerdictRow[];
  tornFraction: EstimateRow[];
  tornPerSecond: EstimateRow[];
  fixRates: RatioRow[];
  boundaryMod64: HistogramRow[];
  boundaryMod4096: HistogramRow[];
  segmentLengths: HistogramRow[];
  calibration: CalibrationPoint[];
  scenarios: ScenarioRow[];
}

export function machineName(file: ComparedFile): string {
  return `${file.label}: ${file.results.environment.hostname}`;
}

/** The configuration a chart panel shows, but for mode and size. */
function panelOf(cell: Cell): string {
  return `${groupName(groupOf(cell))}${cell.offset === 0 ? '' : `, offset ${cell.offset}`}`;
}

function statusOf(cell: Cell): CellStatus {
  if (cell.summary.forbidden) return 'FORBIDDEN outcome seen';
  return cell.summary.torn > 0 ? 'tears (INTERESTING)' : 'clean';
}

function estimateRow(machine: string, cell: Cell, estimate: MedianEstimate): EstimateRow | null {
  if (estimate.median === null) return null;
  return { machine, mode: cell.mode, panel: panelOf(cell), size: cell.size, value: estimate.median, lower: estimate.lower, upper: estimate.upper };
}

/** Where the reference mode ran with the same configuration as `cell`. */
function referenceFor(cells: readonly Cell[], cell: Cell): Cell | undefined {
  const panel = panelOf(cell);
  return cells.find((other) => other.mode === REFERENCE_MODE && other.size === cell.size && panelOf(other) === panel);
}

/**
 * A fix's rate over the reference's, trial by trial (the two took turns, so trial i of each ran in the same state
 * of the machine), as a median with its interval.
 */
function pairedRatio(fix: Cell, reference: Cell, rate: 'snapshotsPerSecond' | 'writesPerSecond'): MedianEstimate {
  const pairs = Math.min(fix.trials.length, reference.trials.length);
  return medianEstimate(Array.from({ length: pairs }, (_, i) => fix.trials[i][rate] / reference.trials[i][rate]).filter(Number.isFinite));
}

function fixRates(machine: string, cells: readonly Cell[]): RatioRow[] {
  const rows: RatioRow[] = [];
  for (const cell of cells.filter((c) => FIX_MODES.includes(c.mode))) {
    const reference = referenceFor(cells, cell);
    if (!reference) continue;
    for (const [side, rate] of [['readers (snapshots/s)', 'snapshotsPerSecond'], ['writers (writes/s)', 'writesPerSecond']] as const) {
      const row = estimateRow(machine, cell, pairedRatio(cell, reference, rate));
      if (row) rows.push({ ...row, side });
    }
  }
  return rows;
}

/** Adds up the anatomy of every cell of each size, and gives each bin's share. */
function histogram(machine: string, cells: readonly Cell[], bins: (cell: Cell) => [number, number][]): HistogramRow[] {
  const bySize = new Map<number, Map<number, number>>();
  for (const cell of cells) {
    const counts = bySize.get(cell.size) ?? new Map<number, number>();
    bySize.set(cell.size, counts);
    for (const [bin, count] of bins(cell)) counts.set(bin, (counts.get(bin) ?? 0) + count);
  }
  const rows: HistogramRow[] = [];
  for (const [size, counts] of bySize) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    if (total === 0) continue;
    for (const [bin, count] of [...counts].sort((a, b) => a[0] - b[0])) {
      if (count > 0) rows.push({ machine, size, bin, share: count / total, count });
    }
  }
  return rows;
}

const indexed = (counts: readonly number[]): [number, number][] => counts.map((count, index) => [index, count]);

function calibrationPoints(machine: string, file: ComparedFile): CalibrationPoint[] {
  const points: CalibrationPoint[] = [];
  for (const row of file.results.bench?.calibration ?? []) {
    for (const [ratio, paired] of [['torn/s', row.pairedEfficiency], ['writes/s', row.pairedWriteEfficiency]] as const) {
      if (paired.median === null) continue;
      points.push({ machine, batch: `batch ${row.batch}`, ratio, size: row.size, value: paired.median, lower: paired.lower, upper: paired.upper });
    }
  }
  return points;
}

function scenarioRows(machine: string, file: ComparedFile): ScenarioRow[] {
  return (file.results.scenarios ?? []).map((run) => {
    const { count, share } = countOf(run);
    const panel = `${run.scenario}: ${run.countName} / ${SCENARIOS[run.scenario].countOutOf}, ${scenarioSettings(run)}`;
    return { machine, panel, variant: variantLabel(run), count, share: share ?? 0 };
  });
}

export function reportData(files: readonly ComparedFile[]): ReportData {
  const data: ReportData = {
    machines: [],
    verdicts: [],
    tornFraction: [],
    tornPerSecond: [],
    fixRates: [],
    boundaryMod64: [],
    boundaryMod4096: [],
    segmentLengths: [],
    calibration: [],
    scenarios: [],
  };
  for (const file of files) {
    const machine = machineName(file);
    const { cells } = file.results;
    data.machines.push(machine);
    for (const cell of cells) {
      const { summary } = cell;
      data.verdicts.push({ machine, mode: cell.mode, panel: panelOf(cell), size: cell.size, verdict: summary.verdict, status: statusOf(cell) });
      const fraction = summary.tornFraction;
      data.tornFraction.push({ machine, mode: cell.mode, panel: panelOf(cell), size: cell.size, value: fraction.value, lower: fraction.lower, upper: fraction.upper });
      const perSecond = estimateRow(machine, cell, summary.tornPerSecond);
      if (perSecond) data.tornPerSecond.push(perSecond);
    }
    data.fixRates.push(...fixRates(machine, cells));
    data.boundaryMod64.push(...histogram(machine, cells, (cell) => indexed(cell.summary.anatomy.boundaryMod64)));
    data.boundaryMod4096.push(...histogram(machine, cells, (cell) => cell.summary.anatomy.boundaryMod4096));
    // Bucket k holds lengths from 2^k: the bin is that shortest length.
    data.segmentLengths.push(...histogram(machine, cells, (cell) => indexed(cell.summary.anatomy.segmentLengthLog2).map(([k, count]) => [2 ** k, count])));
    data.calibration.push(...calibrationPoints(machine, file));
    data.scenarios.push(...scenarioRows(machine, file));
  }
  return data;
}
