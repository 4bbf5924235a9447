// The bench's tables on the terminal, drawn by cli-table3.
import Table from 'cli-table3';
import type { ModeName } from '../src/index.js';
import type { Check } from './checks.js';
import { readerRatio } from './checks.js';
import type { ModeCostRow } from './mode-costs.js';
import { formatBytes, type BenchPlan } from './plan.js';
import type { Timing } from './tasks.js';
import type { TearingRow } from './tearing-matrix.js';

const SUMMARY_SIZE = 128 * 1024;
const SEED_LAYOUT = '2w+1r';

/** 1.23M, 456k, 789 */
export function formatCount(value: number): string {
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

function table(head: string[]): Table.Table {
  return new Table({ head, style: { head: [], border: [] } });
}

/** Torn fraction per mode, size and layout; "0" means not one torn snapshot. */
export function tearingTable(plan: BenchPlan, rows: readonly TearingRow[]): string {
  const out = table(['torn snapshots', ...plan.layouts.flatMap((l) => plan.sizes.map((s) => `${formatBytes(s)}\n${l.name}`))]);
  for (const mode of plan.modes) {
    out.push([
      mode,
      ...plan.layouts.flatMap((l) =>
        plan.sizes.map((size) => {
          const row = rows.find((r) => r.mode === mode && r.size === size && r.layout === l.name);
          return row ? formatFraction(row.tornFraction) : '';
        }),
      ),
    ]);
  }
  return out.toString();
}

/** Reader snapshots/s and writer publishes/s under the seed's contention, with the readers' ratio to unlocked. */
export function contentionTable(plan: BenchPlan, rows: readonly TearingRow[]): string {
  const out = table(['under contention\n2w+1r', ...plan.sizes.map((s) => `${formatBytes(s)}\nreads/s (vs unlocked)\nwrites/s`)]);
  for (const mode of plan.modes) {
    out.push([
      mode,
      ...plan.sizes.map((size) => {
        const row = rows.find((r) => r.mode === mode && r.size === size && r.layout === SEED_LAYOUT);
        if (!row) return '';
        const ratio = readerRatio(rows, mode, size, SEED_LAYOUT);
        return `${formatCount(row.snapshotsPerSecond)} (${formatRatio(ratio)})\n${formatCount(row.writesPerSecond)}`;
      }),
    ]);
  }
  return out.toString();
}

/** One uncontended write and snapshot per mode and size. */
export function modeCostTable(plan: BenchPlan, rows: readonly ModeCostRow[]): string {
  const out = table(['uncontended\nwrite / snapshot', ...plan.sizes.map((s) => formatBytes(s))]);
  for (const mode of plan.modes) {
    out.push([
      mode,
      ...plan.sizes.map((size) => {
        const row = rows.find((r) => r.mode === mode && r.size === size);
        return row ? `${formatNs(row.writeNs)}\n${formatNs(row.snapshotNs)}` : '';
      }),
    ]);
  }
  return out.toString();
}

export function callTable(timings: readonly Timing[]): string {
  const out = table(['call (uncontended)', 'median per call', 'calls/s', 'GB/s']);
  for (const t of timings) out.push([t.name, formatNs(t.nsPerOp), formatCount(t.opsPerSecond), t.bytes > 0 ? t.GBps.toFixed(2) : '']);
  return out.toString();
}

function median(values: number[]): number {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const middle = finite.length >> 1;
  return finite.length % 2 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2;
}

/** One line per mode: does it tear, and what does it cost next to unlocked? */
export function summaryTable(plan: BenchPlan, tearing: readonly TearingRow[], costs: readonly ModeCostRow[]): string {
  const out = table([
    'mode',
    'verdict',
    `torn\n${formatBytes(SUMMARY_SIZE)} ${SEED_LAYOUT}`,
    'reads/s vs unlocked\nmedian over sizes',
    'writes/s vs unlocked\nmedian over sizes',
    `uncontended snapshot\n${formatBytes(SUMMARY_SIZE)}`,
  ]);
  const rate = (mode: ModeName, size: number, key: 'snapshotsPerSecond' | 'writesPerSecond') =>
    tearing.find((r) => r.mode === mode && r.size === size && r.layout === SEED_LAYOUT)?.[key] ?? NaN;
  for (const mode of plan.modes) {
    const runs = tearing.filter((r) => r.mode === mode);
    const torn = runs.reduce((sum, r) => sum + r.torn, 0);
    const snapshots = runs.reduce((sum, r) => sum + r.snapshots, 0);
    const seedRow = runs.find((r) => r.size === SUMMARY_SIZE && r.layout === SEED_LAYOUT);
    const cost = costs.find((c) => c.mode === mode && c.size === SUMMARY_SIZE);
    out.push([
      mode,
      torn === 0 ? `tear-free\n(${formatCount(snapshots)} snapshots)` : `TEARS\n(${formatFraction(torn / snapshots)} of ${formatCount(snapshots)})`,
      seedRow ? `${formatCount(seedRow.torn)} (${formatFraction(seedRow.tornFraction)})` : '',
      formatRatio(median(plan.sizes.map((s) => rate(mode, s, 'snapshotsPerSecond') / rate('unlocked', s, 'snapshotsPerSecond')))),
      formatRatio(median(plan.sizes.map((s) => rate(mode, s, 'writesPerSecond') / rate('unlocked', s, 'writesPerSecond')))),
      cost ? formatNs(cost.snapshotNs) : '',
    ]);
  }
  return out.toString();
}

export function checksTable(checks: readonly Check[]): string {
  const out = table(['performance figure', 'measured', 'target', '']);
  for (const check of checks) {
    const value = Math.abs(check.value) >= 100 ? formatCount(check.value) : check.value < 0.01 ? check.value.toPrecision(2) : check.value.toFixed(2);
    out.push([check.name, value, check.target ?? '', check.meets === null ? '' : check.meets ? 'meets' : 'MISSES']);
  }
  return out.toString();
}
