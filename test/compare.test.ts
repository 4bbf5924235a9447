import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../dist/src/compare.js';
import { formatChange } from '../dist/src/compare-format.js';
import { readResultsFile } from '../dist/src/results-file.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-compare-'));
const benchFiles: string[] = [];
const runFile = path.join(dir, 'run-1w1r-64.json');

function tearlab(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  // Two real quick benches (four trials each: the fewest whose Mann-Whitney test can reach p < 0.05), and a run.
  for (const name of ['first', 'second']) {
    const out = path.join(dir, name);
    const { code, stdout } = tearlab(['bench', '--quick', '--trials', '4', '--out', out]);
    expect(code).toBe(0);
    const file = readdirSync(out).find((name) => name.endsWith('.json'))!;
    expect(stdout).toContain(`Full results: ${path.join(out, file)}`);
    const report = path.join(out, file.replace(/\.json$/, '.html'));
    expect(stdout).toContain(`Report: ${report} (`);
    expect(readFileSync(report, 'utf8')).toMatch(/^<!doctype html>/);
    benchFiles.push(path.join(out, file));
  }
  execFileSync(process.execPath, [CLI, 'run', '--size', '64', '--writers', '1', '--readers', '1', '--iters', '5000', '--trials', '3', '--json', runFile]);
}, 120_000);

describe('tearlab compare', () => {
  it('puts the other races side by side: a table per scenario, a row per variant, each file\'s count and its share', async () => {
    const { code, stdout } = tearlab(['compare', ...benchFiles]);
    expect(code).toBe(0);
    const comparison = compare(await Promise.all(benchFiles.map(async (file, i) => ({ label: 'AB'[i], file, results: await readResultsFile(file) }))));
    expect(comparison.scenarios.unmatched).toEqual([]);
    expect(comparison.scenarios.tables.map((t) => t.scenario)).toEqual(['pair', 'counter', 'parity']);
    const [a, b] = await Promise.all(benchFiles.map(readResultsFile));
    for (const table of comparison.scenarios.tables) {
      expect(stdout).toContain(`Scenario ${table.scenario}, ${table.settings}: ${table.countName} (share of ${table.countOutOf})\n`);
      for (const row of table.rows) {
        const runs = [a, b].map((file) => file.scenarios!.find((run) => run.scenario === table.scenario && run.variant === row.variant)!);
        expect(row.counts.map((c) => c.count)).toEqual(runs.map((run) => run.count));
        expect(row.counts.map((c) => c.share)).toEqual(runs.map((run) => run.count / run.figures[table.countOutOf]));
      }
      // The fixes counted nothing on either machine.
      for (const row of table.rows.filter((r) => ['global-lock', 'lock', 'publish', 'atomic'].includes(r.variant))) {
        expect(stdout).toMatch(new RegExp(`│ ${row.label} +│ 0 +│ 0 +│`));
      }
    }
  });

  it('lists a scenario run that not every file has apart, and compares the rest', async () => {
    const results = await readResultsFile(benchFiles[0]);
    const longer = { ...results, scenarios: results.scenarios!.map((run) => (run.scenario === 'counter' ? { ...run, options: { ...run.options, iters: run.options.iters * 2 } } : run)) };
    const comparison = compare([{ label: 'A', file: 'a.json', results }, { label: 'B', file: 'b.json', results: longer }]);
    expect(comparison.scenarios.tables.map((t) => t.scenario)).toEqual(['pair', 'parity']);
    const counterRuns = results.scenarios!.filter((run) => run.scenario === 'counter').length;
    expect(comparison.scenarios.unmatched).toHaveLength(2 * counterRuns);
    expect(comparison.scenarios.unmatched[0]).toEqual({ configuration: `counter unlocked, ${results.scenarios!.find((r) => r.scenario === 'counter')!.options.iters} rounds, 2 workers`, files: ['A'] });
  });

  it('puts two quick benches side by side: every cell with intervals, verdicts and a significance mark', () => {
    const { code, stdout, stderr } = tearlab(['compare', ...benchFiles]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').find((line) => line.startsWith('│ A '))).toContain(path.basename(benchFiles[0]));
    expect(stdout.split('\n').find((line) => line.startsWith('│ B '))).toContain(path.basename(benchFiles[1]));
    for (const layout of ['2w+1r', '1w+1r']) expect(stdout).toContain(`${layout}, batch auto, placement none\n`);
    const tearingTables = stdout.slice(0, stdout.indexOf('\nScenario '));
    const rows = tearingTables.split('\n').filter((line) => /^│ (global-lock|unlocked|js-set|lock|js-lock|double-buffer|seqlock) /.test(line));
    expect(rows).toHaveLength(7 * 2 * 2);
    for (const row of rows) {
      const cells = row.split('│').map((cell) => cell.trim()).slice(1, -1);
      expect(cells).toHaveLength(2 + 3 * 2 + 1);
      expect(cells[2], row).toMatch(/^(0 of \S+ \(at most \S+\)|\S+% \[\S+%, \S+%\])$/);
      expect(cells[4], row).toMatch(/^(Never|Sometimes|Always)$/);
      expect(cells[8], row).toMatch(/^(~|[+-]\d+(\.\d)?%|from 0) \(p(=|<)\d\.\d{3}\)$/);
    }
    // Every fix says Never in both files.
    for (const fix of ['global-lock', 'lock', 'js-lock', 'double-buffer', 'seqlock']) {
      for (const row of rows.filter((r) => r.startsWith(`│ ${fix} `))) expect(row.match(/│ Never +│/g)).toHaveLength(2);
    }
    expect(stdout).not.toContain('Settings where they differ');
    expect(stdout).not.toContain('Not in every file');
  });

  it('gives Markdown and JSON', async () => {
    const markdown = tearlab(['compare', '--markdown', ...benchFiles]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^### 2w\+1r, batch auto, placement none\n\n\| mode \| size \| A torn fraction \| A torn\/s \| A verdict \| B torn fraction \| B torn\/s \| B verdict \| B vs A \|\n\| --- \|/m);
    const json = tearlab(['compare', '--json', ...benchFiles]);
    expect(json.code).toBe(0);
    const comparison = JSON.parse(json.stdout);
    const expected = compare(await Promise.all(benchFiles.map(async (file, i) => ({ label: 'AB'[i], file, results: await readResultsFile(file) }))));
    expect(comparison).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(comparison.tables).toHaveLength(2);
    const unlocked = comparison.tables[0].rows.find((row: { mode: string }) => row.mode === 'unlocked');
    expect(unlocked.changes[0]).toEqual({ ratio: unlocked.changes[0].ratio, p: expect.any(Number), significant: unlocked.changes[0].p < 0.05 });
    expect(unlocked.changes[0].ratio === null || typeof unlocked.changes[0].ratio === 'number').toBe(true);
  });

  it('never merges configurations that do not match: they are listed apart, and differing settings are named', () => {
    const { code, stdout } = tearlab(['compare', benchFiles[0], runFile]);
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((line) => /^│ (global-lock|unlocked) +│ 64 B/.test(line));
    expect(rows).toHaveLength(2);
    expect(stdout).toContain('1w+1r, batch auto, placement none\n');
    expect(stdout).not.toContain('2w+1r, batch auto, placement none\n');
    expect(stdout).toMatch(/Not in every file, so not compared:\n {2}global-lock 64 B, 2w\+1r, batch auto, placement none: only in A\n/);
    expect(stdout).toMatch(/^│ command +│ bench +│ run +│$/m);
    expect(stdout).toMatch(/^│ trials +│ 4 +│ 3 +│$/m);
    expect(stdout).toMatch(/^│ plan +│ quick +│ none +│$/m);
    expect(stdout).toContain('The files were measured differently (command, trials, run ms, plan): their rates may not be like for like.');
  });

  it('marks a difference significant only when the trials tell the files apart', async () => {
    // The same real file twice, the unlocked cell's torn/s set by hand: 1, 2, 3 against 31, 32, 33.
    const withRates = (name: string, rates: number[]) => {
      const data = JSON.parse(readFileSync(runFile, 'utf8'));
      const unlocked = data.cells.find((c: { mode: string }) => c.mode === 'unlocked');
      unlocked.trials.forEach((t: { tornPerSecond: number }, i: number) => (t.tornPerSecond = rates[i]));
      unlocked.summary.tornPerSecond.median = rates[1];
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify(data));
      return file;
    };
    const files = [withRates('slower.json', [1, 2, 3]), withRates('faster.json', [31, 32, 33])];
    const comparison = compare(await Promise.all(files.map(async (file, i) => ({ label: 'AB'[i], file, results: await readResultsFile(file) }))));
    const rows = comparison.tables[0].rows;
    const change = rows.find((r) => r.mode === 'unlocked')!.changes[0];
    // Three trials against three completely separated ones: the exact two-sided p is 2 / C(6, 3) = 0.1, not significant.
    expect(change.p).toBeCloseTo(0.1, 10);
    expect(change.ratio).toBe(16);
    expect(formatChange(change)).toBe('~ (p=0.100)');
    const same = rows.find((r) => r.mode === 'global-lock')!.changes[0];
    expect(same).toMatchObject({ p: 1, significant: false });
    expect(formatChange({ ratio: 1.234, p: 0.004, significant: true })).toBe('+23% (p=0.004)');
    expect(formatChange({ ratio: 0.95, p: 0.0004, significant: true })).toBe('-5.0% (p<0.001)');
    expect(formatChange({ ratio: null, p: 0.01, significant: true })).toBe('from 0 (p=0.010)');
  });

  it('exits 2 with one line for usage mistakes', () => {
    const emptyDir = mkdtempSync(path.join(dir, 'empty-'));
    for (const [args, message] of [
      [['compare'], /name at least two results files/],
      [['compare', runFile], /needs at least two results files, got 1/],
      [['compare', '--markdown', '--json', runFile, runFile], /choose one of --markdown and --json/],
      [['compare', '--bogus', runFile], /Unknown option '--bogus'/],
      [['compare', emptyDir, runFile], /is a directory with no \.json files$/],
    ] as [string[], RegExp][]) {
      const { code, stderr } = tearlab(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.trimEnd()).toMatch(message);
    }
  });
});
