// The performance targets the project holds itself to, computed from one bench run and judged on intervals:
// a target is met when the whole 95% interval of its figure lies on the right side, missed when it lies wholly
// on the wrong side, and unclear when it straddles the target or there were too few trials for an interval.
// They are reported, never asserted: speed lives here, not in tests.
import type { ModeName } from '../src/index.js';
import { medianEstimate, type Cell, type MedianEstimate, type ProportionEstimate } from '../src/results.js';
import {
  CLASSIFY_JS_LOOP,
  CLASSIFY_NATIVE,
  COPY_FOR_CLASSIFY,
  EMPTY_CALL,
  memcpyName,
  nativeLoopName,
  pairedRatios,
  type CallCosts,
} from './call-costs.js';
import type { CalibrationRow } from './calibration.js';
import { formatBytes, KiB, MiB, type BenchPlan } from './plan.js';
import { findCell } from './tearing-matrix.js';

export type CheckVerdict = 'meets' | 'MISSES' | 'unclear';

export interface Check {
  name: string;
  /** The figure (null when it could not be measured), with its 95% interval (null bounds: none). */
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** The target as text ('>= 0.8'), or null for a figure reported without one. */
  target: string | null;
  verdict: CheckVerdict | null;
}

interface Estimate {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

const finiteOrNull = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);

function fromMedian(estimate: MedianEstimate): Estimate {
  return { value: estimate.median, lower: estimate.lower, upper: estimate.upper };
}

function fromProportion(estimate: ProportionEstimate): Estimate {
  return { value: estimate.value, lower: estimate.lower, upper: estimate.upper };
}

function check(name: string, estimate: Estimate, target: string | null, verdict: CheckVerdict | null): Check {
  return { name, value: finiteOrNull(estimate.value), lower: finiteOrNull(estimate.lower), upper: finiteOrNull(estimate.upper), target, verdict };
}

export function judgeAtLeast(estimate: Estimate, bound: number): CheckVerdict {
  if (estimate.lower === null || estimate.upper === null) return 'unclear';
  return estimate.lower >= bound ? 'meets' : estimate.upper < bound ? 'MISSES' : 'unclear';
}

export function judgeAtMost(estimate: Estimate, bound: number): CheckVerdict {
  if (estimate.lower === null || estimate.upper === null) return 'unclear';
  return estimate.upper <= bound ? 'meets' : estimate.lower > bound ? 'MISSES' : 'unclear';
}

function atLeast(name: string, estimate: Estimate, bound: number): Check {
  return check(name, estimate, `>= ${bound}`, judgeAtLeast(estimate, bound));
}

function atMost(name: string, estimate: Estimate, bound: number): Check {
  return check(name, estimate, `<= ${bound}`, judgeAtMost(estimate, bound));
}

function report(name: string, estimate: Estimate): Check {
  return check(name, estimate, null, null);
}

/** A fix's reader rate over unlocked's, trial by trial: the two took turns, so trial i of each shares the machine's state. */
function readerRatio(cells: readonly Cell[], mode: ModeName, size: number, layout: string): Estimate {
  const fix = findCell(cells, mode, size, layout);
  const unlocked = findCell(cells, 'unlocked', size, layout);
  if (!fix || !unlocked) return { value: null, lower: null, upper: null };
  return fromMedian(medianEstimate(fix.trials.map((trial, i) => trial.snapshotsPerSecond / unlocked.trials[i].snapshotsPerSecond)));
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
    const efficiency = fromMedian(row.pairedEfficiency);
    const writeEfficiency = fromMedian(row.pairedWriteEfficiency);
    const targeted = row.batch === 'auto';
    const tornName = `efficiency (JS torn/s / native), unlocked 1w+1r, ${label}`;
    const writeName = `write efficiency (JS writes/s / native), unlocked 1w+1r, ${label}`;
    checks.push(
      targeted && EFFICIENCY_SIZES.includes(row.size) ? atLeast(tornName, efficiency, 0.8) : report(tornName, efficiency),
      targeted && WRITE_EFFICIENCY_SIZES.includes(row.size) ? atLeast(writeName, writeEfficiency, 0.8) : report(writeName, writeEfficiency),
    );
  }
  return checks;
}

export function computeChecks(plan: BenchPlan, calls: CallCosts, cells: readonly Cell[], calibration: readonly CalibrationRow[]): Check[] {
  const perRound = (numerator: string, denominator: string) => fromMedian(medianEstimate(pairedRatios(calls, numerator, denominator)));
  const checks: Check[] = [
    ...calibrationChecks(calibration),
    // No target: its floor is Node-API's own argument handling, and batches are the answer to the crossing's cost.
    report('memcpy 64 B call / empty addon call (time)', perRound(memcpyName('unlocked', 64), EMPTY_CALL)),
    atMost('classify 128 KiB / copy 128 KiB (time)', perRound(CLASSIFY_NATIVE, COPY_FOR_CLASSIFY), 1),
    report('JS byte-loop classify / addon classify, 128 KiB (time)', perRound(CLASSIFY_JS_LOOP, CLASSIFY_NATIVE)),
  ];
  for (const bytes of plan.nativeLoopSizes) {
    checks.push(
      atLeast(`memcpy unlocked via the addon / looped inside it, ${formatBytes(bytes)} (GB/s)`, perRound(nativeLoopName(bytes), memcpyName('unlocked', bytes)), 0.9),
    );
  }
  if (plan.modes.includes('double-buffer')) {
    for (const layout of plan.layouts) {
      for (const size of plan.sizes.filter((s) => s >= DOUBLE_BUFFER_FROM)) {
        checks.push(
          atLeast(`double-buffer / unlocked reader snapshots/s, ${formatBytes(size)} ${layout.name}`, readerRatio(cells, 'double-buffer', size, layout.name), 0.8),
        );
      }
    }
  }
  for (const layout of plan.layouts) {
    const cell = findCell(cells, 'unlocked', 128 * KiB, layout.name);
    if (cell) {
      checks.push(report(`unlocked torn fraction, 128 KiB ${layout.name}`, fromProportion(cell.summary.tornFraction)));
      checks.push(report(`unlocked torn/s, 128 KiB ${layout.name}`, fromMedian(cell.summary.tornPerSecond)));
    }
  }
  return checks;
}
