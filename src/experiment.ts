// runTearing: the experiment once, or calibrated against native threads.
import { calibrate } from './calibration.js';
import { runJsDriven } from './js-run.js';
import { binding } from './native.js';
import { resolveOptions, type TearingOptions } from './options.js';
import { planPlacement } from './placement.js';
import type { TearingResult } from './results.js';

/**
 * Runs the tearing experiment: `writers` workers copy their patterns into one shared buffer while `readers`
 * workers snapshot it, all under `mode`, and counts the torn snapshots. With `calibrate`, alternates such
 * runs with the same configuration on native threads and reports how much of the native rates they reach.
 */
export async function runTearing(options: TearingOptions = {}): Promise<TearingResult> {
  const resolved = resolveOptions(options);
  const plan = planPlacement(resolved.placement, binding.allowedCpus(), resolved.writers, resolved.readers);
  const runJs = () => runJsDriven(resolved, plan);
  return resolved.calibrate ? calibrate(resolved, plan, runJs) : runJs();
}
