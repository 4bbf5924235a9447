// The bench's run of the other races (src/scenarios/): every variant of every scenario once, and their counts.
import { SCENARIO_NAMES, SCENARIOS } from '../src/scenarios/index.js';
import { runScenario, type ScenarioResult } from '../src/scenarios/run-scenario.js';
import { table } from '../src/text-table.js';
import type { BenchPlan } from './plan.js';

/**
 * Adds every variant's result to `results`, until done, aborted (keeping the run the signal stopped, if it had
 * started: `stoppedBy: 'signal'`), or a run fails (then thrown).
 */
export async function runScenarios(plan: BenchPlan, signal: AbortSignal, results: ScenarioResult[]): Promise<void> {
  for (const scenario of SCENARIO_NAMES) {
    for (const variant of SCENARIOS[scenario].variants) {
      if (signal.aborted) return;
      const result = await runScenario({ scenario, variant, iters: plan.scenarioIters, signal });
      // Stopped before its first round, it counted nothing worth keeping.
      if (result.rounds === 0) return;
      results.push(result);
    }
  }
}

/** One row per scenario and variant: its count and the scenario's other figures. */
export function scenariosTable(results: readonly ScenarioResult[]): string {
  const out = table(['scenario', 'variant', 'count', 'figures', 'time'], { rowLines: false });
  for (const result of results) {
    const stopped = result.stoppedBy === 'signal' ? ' stopped_by=signal' : '';
    const figures = Object.entries(result.figures).map(([key, value]) => `${key}=${value}`).join(' ') + stopped;
    out.push([result.scenario, result.variant, `${result.countName}=${result.count}`, figures, `${(result.elapsedMs / 1000).toFixed(2)} s`]);
  }
  return out.toString();
}
