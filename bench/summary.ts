// The bench's tables on the terminal, drawn by cli-table3.
import type { ModeName, NativeCounters } from '../src/index.js';
import { remainderPairs, topRemainders } from '../src/format-outcomes.js';
import { formatCount, formatFraction, formatMedian, formatProportion } from '../src/format-estimates.js';
import { TORN_GRADE } from '../src/outcomes.js';
import { verdictOf, type Cell } from '../src/results.js';
import { table } from '../src/text-table.js';
import { median } from '../src/stats.js';
import type { CalibrationRow } from './calibration.js';
import type { Check } from './checks.js';
import type { ModeCostRow } from './mode-costs.js';
import { formatBytes, type BenchPlan } from './plan.js';
import type { Timing } from './tasks.js';
import { findCell, formatPoint, variantName, variants } from './tearing-matrix.js';

const SUMMARY_SIZE = 128 * 1024;
const DEMO_LAYOUT = '2w+1r';

function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a';
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

function formatCounters(counters: NativeCounters): string {
  return Object.entries(counters)
    .filter(([, value]) => value > 0)
    .map(([name, value]) => `${name} ${formatCount(value)}`)
    .join(', ');
}

function countersOf(cell: Cell): NativeCounters {
  const total = { ...cell.trials[0].counters };
  for (const trial of cell.trials.slice(1)) for (const name of Object.keys(total) as (keyof NativeCounters)[]) total[name] += trial.counters[name];
  return total;
}

/** Never, Sometimes or Always, and how the mode grades a torn snapshot when it saw one. */
function formatVerdict(mode: ModeName, torn: number, snapshots: number): string {
  const verdict = verdictOf(torn, snapshots);
  return verdict === 'Never' ? verdict : `${verdict} (${TORN_GRADE[mode]})`;
}

/** Every cell of the tearing matrix, one line each, with the intervals of its trials. */
export function tearingMatrixTable(plan: BenchPlan, cells: readonly Cell[]): string {
  const out = table(['mode', 'size', 'layout', 'snapshots', 'torn fraction [95% CI]', 'torn/s median [95% CI]', 'verdict', 'counters'], {
    rowLines: false,
  });
  for (const layout of plan.layouts) {
    for (const size of plan.sizes) {
      for (const cell of cells.filter((c) => c.layout === layout.name && c.size === size)) {
        const { summary } = cell;
        out.push([
          variantName(cell),
          formatPoint(size, cell.offset),
          layout.name,
          formatCount(summary.snapshots),
          formatProportion(summary.tornFraction),
          formatMedian(summary.tornPerSecond, formatCount, true),
          formatVerdict(cell.mode, summary.torn, summary.snapshots),
          formatCounters(countersOf(cell)),
        ]);
      }
    }
  }
  return out.toString();
}

const medianOf = (cell: Cell | undefined, key: 'snapshotsPerSecond' | 'writesPerSecond') => cell?.summary[key].median ?? NaN;

/**
 * Per mode and size: median reader and writer rates under the Python demo's contention in batches, their ratio to
 * unlocked, the same rates one call per copy, and the uncontended cost of one copy.
 */
export function costMatrixTable(plan: BenchPlan, cells: readonly Cell[], costs: readonly ModeCostRow[]): string {
  const head = ['mode', 'size', 'reads/s', 'read GB/s', 'vs unlocked', 'writes/s', 'write GB/s', 'vs unlocked'];
  if (plan.perCallVariants) head.push('reads/s\nbatch 1', 'writes/s\nbatch 1');
  head.push('one write\nuncontended', 'one snapshot\nuncontended');
  const out = table(head, { rowLines: false });
  const find = (mode: ModeName, size: number, batch: 'auto' | 1 = 'auto') => findCell(cells, mode, size, DEMO_LAYOUT, batch);
  for (const size of plan.sizes) {
    const unlocked = find('unlocked', size);
    for (const mode of plan.modes) {
      const cell = find(mode, size);
      const cost = costs.find((c) => c.mode === mode && c.size === size);
      if (!cell || !cost) continue;
      const reads = medianOf(cell, 'snapshotsPerSecond');
      const writes = medianOf(cell, 'writesPerSecond');
      const row = [
        mode,
        formatBytes(size),
        formatCount(reads),
        ((reads * size) / 1e9).toFixed(2),
        formatRatio(reads / medianOf(unlocked, 'snapshotsPerSecond')),
        formatCount(writes),
        ((writes * size) / 1e9).toFixed(2),
        formatRatio(writes / medianOf(unlocked, 'writesPerSecond')),
      ];
      if (plan.perCallVariants) {
        const perCall = find(mode, size, 1);
        row.push(perCall ? formatCount(medianOf(perCall, 'snapshotsPerSecond')) : '', perCall ? formatCount(medianOf(perCall, 'writesPerSecond')) : '');
      }
      row.push(formatNs(cost.writeNs), formatNs(cost.snapshotNs));
      out.push(row);
    }
  }
  return out.toString();
}

/** Torn fraction per mode (in batches, then one call per copy), size and layout, at a glance; "0" means not one torn snapshot. */
export function tornGrid(plan: BenchPlan, cells: readonly Cell[]): string {
  const points = plan.sizes.flatMap((size) => plan.offsets.map((offset) => ({ size, offset })));
  const out = table(['torn snapshots', ...plan.layouts.flatMap((l) => points.map((p) => `${formatPoint(p.size, p.offset)}\n${l.name}`))], {
    rowLines: false,
  });
  for (const variant of variants(plan)) {
    out.push([
      variantName(variant),
      ...plan.layouts.flatMap((l) =>
        points.map(({ size, offset }) => {
          const cell = findCell(cells, variant.mode, size, l.name, variant.batch, offset);
          return cell ? formatFraction(cell.summary.tornFraction.value) : '';
        }),
      ),
    ]);
  }
  return out.toString();
}

/** Calibration: what share of native threads' torn/s and writes/s the JavaScript-driven runs reach. */
export function calibrationTable(rows: readonly CalibrationRow[]): string {
  const out = table(
    ['unlocked 1w+1r', 'batch', 'efficiency (torn/s)\npairs: median [95% CI]', 'write efficiency\npairs: median [95% CI]', 'torn/s\nJS', 'torn/s\nnative', 'writes/s\nJS', 'writes/s\nnative'],
    { rowLines: false },
  );
  const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
  const unpinned = rows.find((row) => !row.pinned);
  for (const row of rows) {
    out.push([
      formatBytes(row.size),
      String(row.batch),
      formatMedian(row.pairedEfficiency, ratio, true),
      formatMedian(row.pairedWriteEfficiency, ratio, true),
      formatCount(row.jsTornPerSecond),
      formatCount(row.nativeTornPerSecond),
      formatCount(row.jsWritesPerSecond),
      formatCount(row.nativeWritesPerSecond),
    ]);
  }
  return unpinned?.placementNote ? `${out.toString()}\nNot pinned: ${unpinned.placementNote}` : out.toString();
}

export function callTable(timings: readonly Timing[]): string {
  const out = table(['call (uncontended)', 'median per call', 'calls/s', 'GB/s'], { rowLines: false });
  for (const t of timings) out.push([t.name, formatNs(t.nsPerOp), formatCount(t.opsPerSecond), t.bytes > 0 ? t.GBps.toFixed(2) : '']);
  return out.toString();
}

/** One line per mode: the verdict over all its runs, and what it costs next to unlocked. */
export function summaryTable(plan: BenchPlan, cells: readonly Cell[], costs: readonly ModeCostRow[]): string {
  const out = table(
    [
      'mode',
      'verdict\n(Observation)',
      'snapshots\nall runs',
      'torn\nall runs',
      `torn\n${formatBytes(SUMMARY_SIZE)} ${DEMO_LAYOUT}`,
      'reads/s vs unlocked\nmedian over sizes',
      'writes/s vs unlocked\nmedian over sizes',
      `one snapshot\n${formatBytes(SUMMARY_SIZE)}, alone`,
    ],
    { rowLines: false },
  );
  const rate = (mode: ModeName, size: number, key: 'snapshotsPerSecond' | 'writesPerSecond') => medianOf(findCell(cells, mode, size, DEMO_LAYOUT), key);
  for (const mode of plan.modes) {
    // Every run of the mode, in batches and one call per copy: a fix that tore in either is not tear-free.
    const ofMode = cells.filter((c) => c.mode === mode);
    const torn = ofMode.reduce((sum, c) => sum + c.summary.torn, 0);
    const snapshots = ofMode.reduce((sum, c) => sum + c.summary.snapshots, 0);
    const demo = findCell(cells, mode, SUMMARY_SIZE, DEMO_LAYOUT);
    const cost = costs.find((c) => c.mode === mode && c.size === SUMMARY_SIZE);
    out.push([
      mode,
      formatVerdict(mode, torn, snapshots),
      formatCount(snapshots),
      `${formatCount(torn)} (${formatFraction(snapshots > 0 ? torn / snapshots : 0)})`,
      demo ? formatProportion(demo.summary.tornFraction) : '',
      formatRatio(median(plan.sizes.map((s) => rate(mode, s, 'snapshotsPerSecond') / rate('unlocked', s, 'snapshotsPerSecond')))),
      formatRatio(median(plan.sizes.map((s) => rate(mode, s, 'writesPerSecond') / rate('unlocked', s, 'writesPerSecond')))),
      cost ? formatNs(cost.snapshotNs) : '',
    ]);
  }
  return out.toString();
}

/** Three decimals, so a figure just under its target does not print as the target itself. */
function formatFigure(value: number | null): string {
  if (value === null) return 'n/a';
  if (Math.abs(value) >= 100) return formatCount(value);
  return value !== 0 && Math.abs(value) < 0.01 ? value.toPrecision(2) : value.toFixed(3);
}

export function checksTable(checks: readonly Check[]): string {
  const out = table(['performance figure', 'measured', '95% CI', 'target', 'verdict'], { rowLines: false });
  for (const check of checks) {
    const interval = check.lower === null || check.upper === null ? '-' : `[${formatFigure(check.lower)}, ${formatFigure(check.upper)}]`;
    out.push([check.name, formatFigure(check.value), interval, check.target ?? '', check.verdict ?? '']);
  }
  return out.toString();
}

/** Where the dissected torn snapshots of each cell changed pattern: the machine's copy granularity. */
export function anatomyTable(cells: readonly Cell[]): string {
  const out = table(['mode', 'size', 'layout', 'dissected', 'boundary offset mod 64\n(most frequent)', 'mod 4096\n(most frequent)'], { rowLines: false });
  for (const cell of cells.filter((c) => c.summary.anatomy.sampled > 0 && c.batch === 'auto')) {
    const { anatomy } = cell.summary;
    out.push([
      cell.mode,
      formatPoint(cell.size, cell.offset),
      cell.layout,
      `${formatCount(anatomy.sampled)} of ${formatCount(cell.summary.torn)}`,
      topRemainders(remainderPairs(anatomy.boundaryMod64), anatomy.boundaries),
      topRemainders(anatomy.boundaryMod4096, anatomy.boundaries),
    ]);
  }
  return out.toString();
}
