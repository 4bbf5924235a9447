// Results files side by side: the same configuration (mode, size, offset, layout, batch, placement, slow reader) from
// every file, each file's torn fraction and torn/s with their intervals and its verdict, and each later file's
// torn/s against the first with the Mann-Whitney U test over the trials, as benchstat compares benchmarks.
// Configurations are matched on every key, never merged: one that not every file has is listed apart. The other
// races' runs are compared in compare-scenarios.ts.
import { compareScenarios, type ScenarioComparison } from './compare-scenarios.js';
import type { Environment } from './environment.js';
import { type Cell, type CellKey, type CellSummary, type Trial } from './results.js';
import type { ResultsFile } from './results-file.js';
import { mannWhitneyU } from './stats.js';

/** A difference is called significant below this p, as benchstat does. */
export const ALPHA = 0.05;

export interface ComparedFile {
  /** A, B, C, ... */
  label: string;
  file: string;
  results: ResultsFile;
}

/** What a table's rows share; rows differ in mode and size. */
export interface Group {
  layout: string;
  batch: CellKey['batch'];
  placement: string;
  slowReader: boolean;
}

/** A later file's median torn/s over the first file's, and whether their trials differ at ALPHA. */
export interface Change {
  ratio: number | null;
  p: number;
  significant: boolean;
}

export interface ComparedRow {
  mode: CellKey['mode'];
  size: number;
  offset: number;
  /** One per file, in the files' order. */
  summaries: CellSummary[];
  /** One per file after the first. */
  changes: Change[];
}

export interface ComparedTable {
  group: Group;
  rows: ComparedRow[];
}

/** A fact that is not the same in every file. */
export interface Difference {
  key: string;
  values: (string | null)[];
}

export interface Comparison {
  files: { label: string; file: string; host: string; command: string; startedAt: string; trials: number; runMs: number | null; plan: string | null }[];
  /** The machines' fingerprints where they differ. */
  fingerprint: Difference[];
  /** How the files measured, where that differs: rates from runs of different lengths are not like for like. */
  settings: Difference[];
  tables: ComparedTable[];
  /** Configurations that not every file has, with the labels of the files that have them. */
  unmatched: { configuration: string; files: string[] }[];
  /** The other races, where the files ran them. */
  scenarios: ScenarioComparison;
}

export function groupOf(cell: Cell): Group {
  return { layout: cell.layout, batch: cell.batch, placement: cell.placement, slowReader: cell.slowReader };
}

export function groupName(group: Group): string {
  return `${group.layout}, batch ${group.batch}, placement ${group.placement}${group.slowReader ? ', slow reader' : ''}`;
}

function cellName(cell: Cell): string {
  return `${cell.mode} ${cell.size} B${cell.offset === 0 ? '' : ` at offset ${cell.offset}`}, ${groupName(groupOf(cell))}`;
}

/** Every fact of the fingerprint as a dotted key and a string (arrays and objects flattened). */
export function flattenFacts(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (value === null || typeof value !== 'object') {
    into.set(prefix, value === null ? 'unknown' : String(value));
  } else if (Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object')) {
    into.set(prefix, value.join(','));
  } else {
    for (const [key, item] of Object.entries(value)) flattenFacts(item, prefix === '' ? key : `${prefix}.${key}`, into);
  }
  return into;
}

function differences(facts: Map<string, string>[]): Difference[] {
  const keys = [...new Set(facts.flatMap((map) => [...map.keys()]))];
  return keys
    .filter((key) => new Set(facts.map((map) => map.get(key) ?? null)).size > 1)
    .map((key) => ({ key, values: facts.map((map) => map.get(key) ?? null) }));
}

function settingsOf(results: ResultsFile): Map<string, string> {
  return new Map([
    ['command', results.command],
    ['trials', String(results.trials)],
    ['run ms', results.runMs === null ? 'none (runs stop on iters)' : String(results.runMs)],
    ['plan', results.bench?.plan.name ?? 'none'],
    ['schema version', results.schemaVersion],
  ]);
}

function change(base: readonly Trial[], other: readonly Trial[], baseSummary: CellSummary, otherSummary: CellSummary): Change {
  const { p } = mannWhitneyU(
    other.map((t) => t.tornPerSecond),
    base.map((t) => t.tornPerSecond),
  );
  const baseMedian = baseSummary.tornPerSecond.median;
  const otherMedian = otherSummary.tornPerSecond.median;
  const ratio = baseMedian !== null && otherMedian !== null && baseMedian > 0 ? otherMedian / baseMedian : null;
  return { ratio, p, significant: p < ALPHA };
}

function keyOf(cell: Cell): string {
  return JSON.stringify([cell.mode, cell.size, cell.offset, cell.layout, cell.batch, cell.placement, cell.slowReader]);
}

export function compare(files: readonly ComparedFile[]): Comparison {
  const indexed = files.map(({ results }) => new Map(results.cells.map((cell) => [keyOf(cell), cell])));
  const tables = new Map<string, ComparedTable>();
  const unmatched: Comparison['unmatched'] = [];
  const seen = new Set<string>();
  for (const cell of files.flatMap(({ results }) => results.cells)) {
    const key = keyOf(cell);
    if (seen.has(key)) continue;
    seen.add(key);
    const cells = indexed.map((map) => map.get(key));
    if (cells.some((c) => c === undefined)) {
      unmatched.push({ configuration: cellName(cell), files: files.filter((_, i) => cells[i] !== undefined).map((f) => f.label) });
      continue;
    }
    const present = cells as Cell[];
    const group = groupOf(cell);
    const name = groupName(group);
    const table = tables.get(name) ?? { group, rows: [] };
    tables.set(name, table);
    table.rows.push({
      mode: cell.mode,
      size: cell.size,
      offset: cell.offset,
      summaries: present.map((c) => c.summary),
      changes: present.slice(1).map((c) => change(present[0].trials, c.trials, present[0].summary, c.summary)),
    });
  }
  return {
    files: files.map(({ label, file, results }) => ({
      label,
      file,
      host: results.environment.hostname,
      command: results.command,
      startedAt: results.startedAt,
      trials: results.trials,
      runMs: results.runMs,
      plan: results.bench?.plan.name ?? null,
    })),
    fingerprint: differences(files.map(({ results }) => flattenFacts(results.environment satisfies Environment))),
    settings: differences(files.map(({ results }) => settingsOf(results))),
    tables: [...tables.values()],
    unmatched,
    scenarios: compareScenarios(files),
  };
}
