// A comparison of results files as text tables (cli-table3) or as Markdown for pasting into an issue.
import { ALPHA, type Change, type Comparison, type Difference, groupName } from './compare.js';
import type { ScenarioCount } from './compare-scenarios.js';
import { formatBytes, formatCount, formatFraction, formatMedian, formatProportion } from './format-estimates.js';
import type { CellSummary } from './results.js';
import { table } from './text-table.js';

/** A grid of cells: the head, then rows. */
interface Grid {
  head: string[];
  rows: string[][];
}

function formatP(p: number): string {
  return p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`;
}

/** benchstat's style: the change when significant, ~ when not. */
export function formatChange(change: Change): string {
  if (!change.significant) return `~ (${formatP(change.p)})`;
  if (change.ratio === null) return `from 0 (${formatP(change.p)})`;
  const percent = (change.ratio - 1) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(Math.abs(percent) < 10 ? 1 : 0)}% (${formatP(change.p)})`;
}

function formatVerdict(summary: CellSummary): string {
  return summary.forbidden ? `${summary.verdict} FORBIDDEN` : summary.verdict;
}

function filesGrid(comparison: Comparison): Grid {
  return {
    head: ['file', 'path', 'host', 'measured by', 'trials x run', 'started'],
    rows: comparison.files.map((f) => [
      f.label,
      f.file,
      f.host,
      f.plan === null ? f.command : `${f.command} (${f.plan} plan)`,
      `${f.trials} x ${f.runMs === null ? 'iters' : `${Number(f.runMs.toFixed(1))} ms`}`,
      f.startedAt,
    ]),
  };
}

function differenceGrid(comparison: Comparison, differences: Difference[], title: string): Grid {
  return { head: [title, ...comparison.files.map((f) => f.label)], rows: differences.map((d) => [d.key, ...d.values.map((v) => v ?? '(absent)')]) };
}

function tableGrids(comparison: Comparison): { title: string; grid: Grid }[] {
  const [first, ...later] = comparison.files;
  return comparison.tables.map(({ group, rows }) => ({
    title: groupName(group),
    grid: {
      head: [
        'mode',
        'size',
        ...comparison.files.flatMap((f) => [`${f.label} torn fraction`, `${f.label} torn/s`, `${f.label} verdict`]),
        ...later.map((f) => `${f.label} vs ${first.label}`),
      ],
      rows: rows.map((row) => [
        row.mode,
        row.offset === 0 ? formatBytes(row.size) : `${formatBytes(row.size)} +${row.offset}`,
        ...row.summaries.flatMap((s) => [formatProportion(s.tornFraction), formatMedian(s.tornPerSecond, formatCount, true), formatVerdict(s)]),
        ...row.changes.map(formatChange),
      ]),
    },
  }));
}

/** "12k (4.6%)", "0"; "stopped" when the run was interrupted. */
function formatScenarioCount(c: ScenarioCount): string {
  const share = c.share === null || c.count === 0 ? '' : ` (${formatFraction(c.share)})`;
  return `${formatCount(c.count)}${share}${c.stopped ? ', stopped' : ''}`;
}

function scenarioGrids(comparison: Comparison): { title: string; grid: Grid }[] {
  return comparison.scenarios.tables.map((t) => ({
    title: `Scenario ${t.scenario}, ${t.settings}: ${t.countName} (share of ${t.countOutOf})`,
    grid: {
      head: ['variant', ...comparison.files.map((f) => `${f.label} ${t.countName}`)],
      rows: t.rows.map((row) => [row.label, ...row.counts.map(formatScenarioCount)]),
    },
  }));
}

/** Every configuration, of the tearing runs and the other races, that not every file has. */
function unmatchedOf(comparison: Comparison): Comparison['unmatched'] {
  return [...comparison.unmatched, ...comparison.scenarios.unmatched];
}

function legend(comparison: Comparison): string[] {
  const [first, ...later] = comparison.files;
  const lines: string[] = [];
  if (comparison.tables.length > 0) {
    lines.push(
      `Torn fraction: pooled over the trials, [95% Wilson interval]; for none torn, the 95% upper bound. torn/s: the trials' median [95% interval; "-" below 6 trials].`,
      `${later.map((f) => f.label).join(', ')} vs ${first.label}: the change in median torn/s; ~ when the Mann-Whitney U test over the trials finds no difference at p < ${ALPHA}.`,
    );
  }
  if (comparison.scenarios.tables.length > 0) {
    lines.push('Scenarios: each variant ran once in each file, so there is no interval: its count, and the share that is of the figure the title names.');
  }
  if (comparison.settings.length > 0) {
    lines.push(`The files were measured differently (${comparison.settings.map((d) => d.key).join(', ')}): their rates may not be like for like.`);
  }
  return lines;
}

function textTable(grid: Grid): string {
  const out = table(grid.head, { rowLines: false });
  out.push(...grid.rows);
  return out.toString();
}

export function formatComparisonText(comparison: Comparison): string {
  const out = [textTable(filesGrid(comparison))];
  out.push(
    comparison.fingerprint.length === 0
      ? 'Fingerprints: the same in every file.'
      : `Fingerprints where they differ:\n${textTable(differenceGrid(comparison, comparison.fingerprint, 'fact'))}`,
  );
  if (comparison.settings.length > 0) out.push(`Settings where they differ:\n${textTable(differenceGrid(comparison, comparison.settings, 'setting'))}`);
  for (const { title, grid } of [...tableGrids(comparison), ...scenarioGrids(comparison)]) out.push(`${title}\n${textTable(grid)}`);
  const unmatched = unmatchedOf(comparison);
  if (unmatched.length > 0) {
    out.push(`Not in every file, so not compared:\n${unmatched.map((u) => `  ${u.configuration}: only in ${u.files.join(', ')}`).join('\n')}`);
  }
  out.push(legend(comparison).join('\n'));
  return `${out.join('\n\n')}\n`;
}

function markdownTable(grid: Grid): string {
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const line = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;
  return [line(grid.head), line(grid.head.map(() => '---')), ...grid.rows.map(line)].join('\n');
}

export function formatComparisonMarkdown(comparison: Comparison): string {
  const out = ['## tearlab compare', markdownTable(filesGrid(comparison))];
  out.push(
    comparison.fingerprint.length === 0
      ? 'Fingerprints: the same in every file.'
      : `### Fingerprints where they differ\n\n${markdownTable(differenceGrid(comparison, comparison.fingerprint, 'fact'))}`,
  );
  if (comparison.settings.length > 0) out.push(`### Settings where they differ\n\n${markdownTable(differenceGrid(comparison, comparison.settings, 'setting'))}`);
  for (const { title, grid } of [...tableGrids(comparison), ...scenarioGrids(comparison)]) out.push(`### ${title}\n\n${markdownTable(grid)}`);
  const unmatched = unmatchedOf(comparison);
  if (unmatched.length > 0) {
    out.push(`### Not in every file, so not compared\n\n${unmatched.map((u) => `- ${u.configuration}: only in ${u.files.join(', ')}`).join('\n')}`);
  }
  out.push(legend(comparison).join('\n\n'));
  return `${out.join('\n\n')}\n`;
}
