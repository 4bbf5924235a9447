// The bench's tables on the terminal, drawn by cli-table3.
import Table from 'cli-table3';
import type { ModeName, NativeCounters } from '../src/index.js';
import type { Check } from './checks.js';
import type { ModeCostRow } from './mode-costs.js';
import { formatBytes, type BenchPlan } from './plan.js';
import type { Timing } from './tasks.js';
import { median } from '../src/stats.js';
import type { CalibrationRow } from './calibration.js';
import { findRow, variantName, variants, type TearingRow } from './tearing-matrix.js';

const SUMMARY_SIZE = 128 * 1024;
const DEMO_LAYOUT = '2w+1r';

/** 1.23M, 456k, 789 */
function formatCount(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)}G`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(0)}k`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(value >= 100 || Number.isInteger(value) ? 0 : 1);
}

function formatFraction(fraction: number): string {
  if (fraction === 0) return '0';
  const percent = fraction * 100;
  return `${percent >= 10 ? percent.toFixed(0) : percent >= 0.1 ? percent.toFixed(1) : percent.toPrecision(1)}%`;
}

function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a';
}

function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

/** Long tables leave out the lines between rows. */
const WITHOUT_ROW_LINES = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

function table(head: string[], { rowLines = true } = {}): Table.Table {
  return new Table({ head, style: { head: [], border: [] }, ...(rowLines ? {} : { chars: WITHOUT_ROW_LINES }) });
}

function formatCounters(counters: NativeCounters): string {
  return Object.entries(counters)
    .filter(([, value]) => value > 0)
    .map(([name, value]) => `${name} ${formatCount(value)}`)
    .join(', ');
}

/** Every run of the tearing matrix, one line each. */
export function tearingMatrixTable(plan: BenchPlan, rows: readonly TearingRow[]): string {
  const out = table(['mode', 'size', 'layout', 'snapshots', 'torn', 'torn fraction', 'torn/s', 'counters'], { rowLines: false });
  for (const layout of plan.layouts) {
    for (const size of plan.sizes) {
      for (const row of rows.filter((r) => r.layout === layout.name && r.size === size)) {
        out.push([
          variantName(row),
          formatBytes(size),
          layout.name,
          formatCount(row.snapshots),
          formatCount(row.torn),
          formatFraction(row.tornFraction),
          formatCount(row.tornPerSecond),
          formatCounters(row.counters),
        ]);
      }
    }
  }
  return out.toString();
}

/**
 * Per mode and size: reader and writer rates under the Python demo's contention in batches, their ratio to unlocked,
 * the same rates one call per copy, and the uncontended cost of one copy.
 */
export function costMatrixTable(plan: BenchPlan, tearing: readonly TearingRow[], costs: readonly ModeCostRow[]): string {
  const out = table(
    [
      'mode',
      'size',
      'reads/s',
      'read GB/s',
      'vs unlocked',
      'writes/s',
      'write GB/s',
      'vs unlocked',
      'reads/s\nbatch 1',
      'writes/s\nbatch 1',
      'one write\nuncontended',
      'one snapshot\nuncontended',
    ],
    { rowLines: false },
  );
  const find = (mode: ModeName, size: number, batch: 'auto' | 1 = 'auto') => findRow(tearing, mode, size, DEMO_LAYOUT, batch);
  for (const size of plan.sizes) {
    const unlocked = find('unlocked', size);
    for (const mode of plan.modes) {
      const row = find(mode, size);
      const perCall = find(mode, size, 1);
      const cost = costs.find((c) => c.mode === mode && c.size === size);
      if (!row || !cost) continue;
      out.push([
        mode,
        formatBytes(size),
        formatCount(row.snapshotsPerSecond),
        row.readerGBps.toFixed(2),
        formatRatio(unlocked ? row.snapshotsPerSecond / unlocked.snapshotsPerSecond : NaN),
        formatCount(row.writesPerSecond),
        row.writerGBps.toFixed(2),
        formatRatio(unlocked ? row.writesPerSecond / unlocked.writesPerSecond : NaN),
        perCall ? formatCount(perCall.snapshotsPerSecond) : '',
        perCall ? formatCount(perCall.writesPerSecond) : '',
        formatNs(cost.writeNs),
        formatNs(cost.snapshotNs),
      ]);
    }
  }
  return out.toString();
}

/** Torn fraction per mode (in batches, then one call per copy), size and layout, at a glance; "0" means not one torn snapshot. */
export function tornGrid(plan: BenchPlan, rows: readonly TearingRow[]): string {
  const out = table(['torn snapshots', ...plan.layouts.flatMap((l) => plan.sizes.map((s) => `${formatBytes(s)}\n${l.name}`))], {
    rowLines: false,
  });
  for (const variant of variants(plan)) {
    out.push([
      variantName(variant),
      ...plan.layouts.flatMap((l) =>
        plan.sizes.map((size) => {
          const row = findRow(rows, variant.mode, size, l.name, variant.batch);
          return row ? formatFraction(row.tornFraction) : '';
        }),
      ),
    ]);
  }
  return out.toString();
}

/** Calibration: what share of native threads' torn/s and writes/s the JavaScript-driven runs reach. */
export function calibrationTable(rows: readonly CalibrationRow[]): string {
  const out = table(
    ['unlocked 1w+1r', 'batch', 'efficiency\n(torn/s)', 'write\nefficiency', 'torn/s\nJS', 'torn/s\nnative', 'writes/s\nJS', 'writes/s\nnative'],
    { rowLines: false },
  );
  const ratio = (value: number | null) => (value === null ? 'n/a' : value.toFixed(2));
  const unpinned = rows.find((row) => !row.pinned);
  for (const row of rows) {
    out.push([
      formatBytes(row.size),
      String(row.batch),
      ratio(row.efficiency),
      ratio(row.writeEfficiency),
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

/** One line per mode: does it tear, and what does it cost next to unlocked? */
export function summaryTable(plan: BenchPlan, tearing: readonly TearingRow[], costs: readonly ModeCostRow[]): string {
  const out = table(
    [
      'mode',
      'verdict',
      'snapshots\nall runs',
      'torn\nall runs',
      `torn\n${formatBytes(SUMMARY_SIZE)} ${DEMO_LAYOUT}`,
      'reads/s vs unlocked\nmedian over sizes',
      'writes/s vs unlocked\nmedian over sizes',
      `one snapshot\n${formatBytes(SUMMARY_SIZE)}, alone`,
    ],
    { rowLines: false },
  );
  const rate = (mode: ModeName, size: number, key: 'snapshotsPerSecond' | 'writesPerSecond') =>
    findRow(tearing, mode, size, DEMO_LAYOUT)?.[key] ?? NaN;
  for (const mode of plan.modes) {
    // Every run of the mode, in batches and one call per copy: a fix that tore in either is not tear-free.
    const runs = tearing.filter((r) => r.mode === mode);
    const torn = runs.reduce((sum, r) => sum + r.torn, 0);
    const snapshots = runs.reduce((sum, r) => sum + r.snapshots, 0);
    const demoRow = findRow(tearing, mode, SUMMARY_SIZE, DEMO_LAYOUT);
    const cost = costs.find((c) => c.mode === mode && c.size === SUMMARY_SIZE);
    out.push([
      mode,
      torn === 0 ? 'tear-free' : 'TEARS',
      formatCount(snapshots),
      `${formatCount(torn)} (${formatFraction(snapshots > 0 ? torn / snapshots : 0)})`,
      demoRow ? `${formatCount(demoRow.torn)} (${formatFraction(demoRow.tornFraction)})` : '',
      formatRatio(median(plan.sizes.map((s) => rate(mode, s, 'snapshotsPerSecond') / rate('unlocked', s, 'snapshotsPerSecond')))),
      formatRatio(median(plan.sizes.map((s) => rate(mode, s, 'writesPerSecond') / rate('unlocked', s, 'writesPerSecond')))),
      cost ? formatNs(cost.snapshotNs) : '',
    ]);
  }
  return out.toString();
}

export function checksTable(checks: readonly Check[]): string {
  const out = table(['performance figure', 'measured', 'target', ''], { rowLines: false });
  for (const check of checks) {
    // Three decimals, so a figure just under its target does not print as the target itself.
    const value = !Number.isFinite(check.value)
      ? 'n/a'
      : Math.abs(check.value) >= 100
        ? formatCount(check.value)
        : check.value < 0.01
          ? check.value.toPrecision(2)
          : check.value.toFixed(3);
    out.push([check.name, value, check.target ?? '', check.meets === null ? '' : check.meets ? 'meets' : 'MISSES']);
  }
  return out.toString();
}
