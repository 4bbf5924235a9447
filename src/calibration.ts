// Calibration: the same configuration driven from JavaScript and run on
// native threads, alternating, so a count can be read as a share of what a
// native program sees on the same machine.
import type { ModeName } from './modes/index.js';
import { binding } from './native.js';
import { runNativeThreads } from './native-run.js';
import type { ResolvedOptions } from './options.js';
import type { PlacementPlan } from './placement.js';
import { figuresOf, type Calibration, type NativeRunFigures, type RunFigures, type TearingResult } from './results.js';
import { median } from './stats.js';

/** The JavaScript loops have no native twin; each is measured against the addon mode it mirrors. */
const NATIVE_COUNTERPART: Partial<Record<ModeName, ModeName>> = { 'js-set': 'unlocked', 'js-lock': 'lock' };

export function nativeCounterpart(mode: ModeName): ModeName {
  return mode in binding.batchModes ? mode : (NATIVE_COUNTERPART[mode] ?? 'unlocked');
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function byRates(a: RunFigures, b: RunFigures): number {
  return a.tornPerSecond - b.tornPerSecond || a.snapshotsPerSecond - b.snapshotsPerSecond;
}

/**
 * Runs `pairs` JavaScript-driven runs (`runJs`) and as many native ones, alternating which goes first, and
 * returns the median JavaScript-driven run (by torn/s) with the calibration attached.
 */
export async function calibrate(
  options: ResolvedOptions,
  plan: PlacementPlan,
  runJs: () => Promise<TearingResult>,
): Promise<TearingResult> {
  const nativeMode = nativeCounterpart(options.mode);
  const js: TearingResult[] = [];
  const native: NativeRunFigures[] = [];
  const runNative = async () => {
    const { figures, placement } = await runNativeThreads(nativeMode, options, plan);
    native.push({ ...figures, placement });
  };
  // One unmeasured run of each side first: the first run in a process is the slowest (at 64 B, 1 writer +
  // 1 reader, its torn/s was the lowest of five in four invocations of four), and it would always fall
  // to the side that goes first.
  await runJs();
  await runNativeThreads(nativeMode, options, plan);
  // An abort ends the pairs early (after the first, so there is a median run to report): the calibration then
  // holds those that were measured.
  for (let pair = 0; pair < options.calibrationPairs && (pair === 0 || !options.signal?.aborted); pair++) {
    // Alternating the order lets both sides share the machine's drift.
    if (pair % 2 === 0) {
      js.push(await runJs());
      await runNative();
    } else {
      await runNative();
      js.push(await runJs());
    }
  }
  const calibration: Calibration = {
    nativeMode,
    pairs: js.length,
    js: js.map(figuresOf),
    native,
    efficiency: ratio(median(js.map((r) => r.tornPerSecond)), median(native.map((r) => r.tornPerSecond))),
    writeEfficiency: ratio(median(js.map((r) => r.writesPerSecond)), median(native.map((r) => r.writesPerSecond))),
  };
  const medianRun = [...js].sort(byRates)[js.length >> 1];
  return { ...medianRun, calibration };
}
