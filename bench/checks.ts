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
import { formatBytes, type BenchPlan } from './plan.js';
import type { TearingRow } from './tearing-matrix.js';

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
  const find = (m: ModeName) => rows.find((r) => r.mode === m && r.size === size && r.layout === layout);
  const fix = find(mode);
  const unlocked = find('unlocked');
  return fix && unlocked && unlocked.snapshotsPerSecond > 0 ? fix.snapshotsPerSecond / unlocked.snapshotsPerSecond : NaN;
}

export function computeChecks(plan: BenchPlan, calls: CallCosts, tearing: readonly TearingRow[]): Check[] {
  const checks: Check[] = [
    atMost('memcpy 64 B call / empty addon call (time)', pairedRatio(calls, memcpyName('unlocked', 64), EMPTY_CALL), 1.5),
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
    for (const size of plan.sizes) {
      if (!plan.modes.includes('double-buffer')) continue;
      checks.push(
        atLeast(`double-buffer / unlocked reader snapshots/s, ${formatBytes(size)} ${layout.name}`, readerRatio(tearing, 'double-buffer', size, layout.name), 0.8),
      );
    }
  }
  for (const layout of plan.layouts) {
    const row = tearing.find((r) => r.mode === 'unlocked' && r.size === 128 * 1024 && r.layout === layout.name);
    if (row) {
      checks.push(report(`unlocked torn fraction, 128 KiB ${layout.name}`, row.tornFraction));
      checks.push(report(`unlocked torn/s, 128 KiB ${layout.name}`, row.tornPerSecond));
    }
  }
  return checks;
}
