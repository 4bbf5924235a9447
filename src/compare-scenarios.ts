// The other races (tearlab run --scenario, and the bench's runs of them) side by side: one table per scenario and
// setting, a row per variant, each file's count with the share it is of its base (passes, updates, checks), so
// runs of different lengths and machines of different speeds read alike. Each variant ran once per file: there
// are no trials, so no interval and no test, only the counts. Runs are matched on every setting, never merged.
import type { ResultsFile, StoredScenarioResult as ScenarioResult } from './results-file.js';
import { SCENARIOS } from './scenarios/index.js';
import type { ScenarioName, VariantName } from './scenarios/scenario.js';

/** One file's run of a variant: what it counted, and the share that is of the scenario's base figure. */
export interface ScenarioCount {
  count: number;
  share: number | null;
  /** Interrupted (stoppedBy 'signal'): the count covers only the rounds done. */
  stopped: boolean;
}

export interface ScenarioComparedRow {
  variant: VariantName;
  /** The variant, and for gil its switch interval: `gil (5 ms)`. */
  label: string;
  /** One per file, in the files' order. */
  counts: ScenarioCount[];
}

export interface ScenarioTable {
  scenario: ScenarioName;
  /** The settings every run of the table shares, as words (rounds, workers, widen). */
  settings: string;
  countName: string;
  countOutOf: string;
  rows: ScenarioComparedRow[];
}

export interface ScenarioComparison {
  tables: ScenarioTable[];
  /** Runs that not every file has, with the labels of the files that have them. */
  unmatched: { configuration: string; files: string[] }[];
}

/** The settings a run shares with the other variants of its table, as words. */
export function scenarioSettings(run: ScenarioResult): string {
  const { scenario, iters, widen, workIters, workers } = run.options;
  const words = [`${iters} rounds`];
  if (scenario === 'counter') words.push(`${workers} workers`);
  if (scenario === 'pair' && widen) words.push(`widened by ${workIters} steps`);
  return words.join(', ');
}

/** The variant, and for gil its switch interval. */
export function variantLabel(run: ScenarioResult): string {
  return run.variant === 'gil' ? `gil (${run.options.switchIntervalMs} ms)` : run.variant;
}

function tableKey(run: ScenarioResult): string {
  const { scenario, iters, widen, workIters, workers } = run.options;
  return JSON.stringify([scenario, iters, widen, workIters, workers]);
}

function runKey(run: ScenarioResult): string {
  return JSON.stringify([tableKey(run), run.variant, run.variant === 'gil' ? run.options.switchIntervalMs : null]);
}

/** The count, and the share that is of the scenario's base figure (null when that figure is 0). */
export function countOf(run: ScenarioResult): ScenarioCount {
  const base = run.figures[SCENARIOS[run.scenario].countOutOf];
  return { count: run.count, share: base !== undefined && base > 0 ? run.count / base : null, stopped: run.stoppedBy === 'signal' };
}

export function compareScenarios(files: readonly { label: string; results: ResultsFile }[]): ScenarioComparison {
  const indexed = files.map(({ results }) => new Map((results.scenarios ?? []).map((run) => [runKey(run), run])));
  const tables = new Map<string, ScenarioTable>();
  const unmatched: ScenarioComparison['unmatched'] = [];
  const seen = new Set<string>();
  for (const run of files.flatMap(({ results }) => results.scenarios ?? [])) {
    const key = runKey(run);
    if (seen.has(key)) continue;
    seen.add(key);
    const runs = indexed.map((map) => map.get(key));
    const settings = scenarioSettings(run);
    if (runs.some((r) => r === undefined)) {
      unmatched.push({ configuration: `${run.scenario} ${variantLabel(run)}, ${settings}`, files: files.filter((_, i) => runs[i] !== undefined).map((f) => f.label) });
      continue;
    }
    const scenario = SCENARIOS[run.scenario];
    const table = tables.get(tableKey(run)) ?? { scenario: run.scenario, settings, countName: scenario.countName, countOutOf: scenario.countOutOf, rows: [] };
    tables.set(tableKey(run), table);
    table.rows.push({ variant: run.variant, label: variantLabel(run), counts: (runs as ScenarioResult[]).map(countOf) });
  }
  return { tables: [...tables.values()], unmatched };
}
