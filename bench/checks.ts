// The performance targets the project holds itself to, computed from one
// bench run. They are reported, never asserted: speed lives here, not in tests.
import type { ModeName } from '../src/index.js';
import {
  CLASSIFY_JS_LOOP,
  CLASSIFY_NATIVE,
  COPY_FOR_CLASSIFY,
  EMPTY_CALL,
  memcpyName,
  nativeLoopName,
  pairedRatio,
  type CallCosts,
} from './call-costs.js';
import type { CalibrationRow } from './calibration.js';
import { formatBytes, KiB, MiB, type BenchPlan } from './plan.js';
import { findRow, type TearingRow } from './tearing-matrix.js';

export interface Check {
  name: string;
  value: number;
  /** The target as text ('<= 1.5'), or null for a figure reported without one. */
  target: string | null;
  meets: boolean | null;
}

function atMost(name: string, value: number, bound: number): Check {
  return { name, value, target: `<= ${bound}`, meets: value <= bound };
}

function atLeast(name: string, value: number, bound: number): Check {
  return { name, value, target: `>= ${bound}`, meets: value >= bound };
}

function report(name: string, value: number): Check {
  return { name, value, target: null, meets: null };
}

function readerRatio(rows: readonly TearingRow[], mode: ModeName, size: number, layout: string): number {
  const fix = findRow(rows, mode, size, layout);
  const unlocked = findRow(rows, 'unlocked', size, layout);
  return fix && unlocked && unlocked.snapshotsPerSecond > 0 ? fix.snapshotsPerSecond / unlocked.snapshotsPerSecond : NaN;
}

/** Sizes at which batched unlocked runs must reach 80% of native torn/s, and where writes must too. */
const EFFICIENCY_SIZES = [64, 4 * KiB, 128 * KiB, MiB];
const WRITE_EFFICIENCY_SIZES = [64];
/** The double buffer's readers must keep up with unlocked ones from this size on. */
const DOUBLE_BUFFER_FROM = 4 * KiB;

function calibrationChecks(calibration: readonly CalibrationRow[]): Check[] {
  const checks: Check[] = [];
  for (const row of calibration) {
    const label = `${formatBytes(row.size)}, batch ${row.batch}`;
    const efficiency = row.efficiency ?? NaN;
    const writeEfficiency = row.writeEfficiency ?? NaN;
    const targeted = row.batch === 'auto';
    checks.push(
      targeted && EFFICIENCY_SIZES.includes(row.size)
        ? atLeast(`efficiency (JS torn/s / native), unlocked 1w+1r, ${label}`, efficiency, 0.8)
        : report(`efficiency (JS torn/s / native), unlocked 1w+1r, ${label}`, efficiency),
      targeted && WRITE_EFFICIENCY_SIZES.includes(row.size)
        ? atLeast(`write efficiency (JS writes/s / native), unlocked 1w+1r, ${label}`, writeEfficiency, 0.8)
        : report(`write efficiency (JS writes/s / native), unlocked 1w+1r, ${label}`, writeEfficiency),
    );
  }
  return checks;
}

export function computeChecks(plan: BenchPlan, calls: CallCosts, tearing: readonly TearingRow[], calibration: readonly CalibrationRow[]): Check[] {
  const checks: Check[] = [
    ...calibrationChecks(calibration),
    // No target: its floor is Node-API's own argument handling, and batches are the answer to the crossing's cost.
    report('memcpy 64 B call / empty addon call (time)', pairedRatio(calls, memcpyName('unlocked', 64), EMPTY_CALL)),
    atMost('classify 128 KiB / copy 128 KiB (time)', pairedRatio(calls, CLASSIFY_NATIVE, COPY_FOR_CLASSIFY), 1),
    report('JS byte-loop classify / addon classify, 128 KiB (time)', pairedRatio(calls, CLASSIFY_JS_LOOP, CLASSIFY_NATIVE)),
  ];
  for (const bytes of plan.nativeLoopSizes) {
    checks.push(
      atLeast(
        `memcpy unlocked via the addon / looped inside it, ${formatBytes(bytes)} (GB/s)`,
        pairedRatio(calls, nativeLoopName(bytes), memcpyName('unlocked', bytes)),
        0.9,
      ),
    );
  }
  for (const layout of plan.layouts) {
    for (const size of plan.sizes.filter((s) => s >= DOUBLE_BUFFER_FROM)) {
      if (!plan.modes.includes('double-buffer')) continue;
      checks.push(
        atLeast(`double-buffer / unlocked reader snapshots/s, ${formatBytes(size)} ${layout.name}`, readerRatio(tearing, 'double-buffer', size, layout.name), 0.8),
      );
    }
  }
  for (const layout of plan.layouts) {
    const row = findRow(tearing, 'unlocked', 128 * KiB, layout.name);
    if (row) {
      checks.push(report(`unlocked torn fraction, 128 KiB ${layout.name}`, row.tornFraction));
      checks.push(report(`unlocked torn/s, 128 KiB ${layout.name}`, row.tornPerSecond));
    }
  }
  return checks;
}
