// tearlab report without a browser: what the page holds, what it must not (anything that fetches), its size, its
// figures against the results files, and bad input. test/browser/report.browser.test.ts renders it in Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { readResultsFile } from '../dist/src/results-file.js';
import { FIX_MODES, reportData } from '../dist/src/report/report-data.js';
import { reportCharts } from '../dist/src/report/report-charts.js';
import { medianEstimate } from '../dist/src/results.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-report-'));
const runFiles = [path.join(dir, 'first.json'), path.join(dir, 'second.json')];

function tearlab(args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  // Two real runs of the Python ctypes experiment's two modes (global-lock, then unlocked) at two sizes.
  for (const file of runFiles) {
    execFileSync(process.execPath, [CLI, 'run', '--size', '64,4KiB', '--writers', '1', '--readers', '1', '--iters', '20000', '--trials', '2', '--json', file]);
  }
}, 60_000);

async function loaded() {
  return Promise.all(runFiles.map(async (file, i) => ({ label: 'AB'[i], file, results: await readResultsFile(file) })));
}

describe('tearlab report', () => {
  it('writes one page with the fingerprints and a chart per figure, that fetches nothing, well under 2 MB', () => {
    const out = path.join(dir, 'two.html');
    const { code, stdout, stderr } = tearlab(['report', ...runFiles, '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Report: ${out.replaceAll('.', '\\.')} \\(2 files, \\d+ KiB\\)\\n$`));
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    for (const id of ['machines', 'verdicts', 'torn-fraction', 'torn-per-second', 'fix-rates']) expect(html).toContain(`<section id="${id}"`);
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(4);
    // Nothing that loads: no script, no source or link attributes, no address but SVG's namespace names.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(/i);
    expect(html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/(https?|ftp):\/\//);
    expect(statSync(out).size).toBeLessThan(2 * 1024 * 1024);
    // Both machines, in the fingerprint table and the legends.
    expect(html).toContain('<th>A: ');
    expect(html).toContain('<th>B: ');
    expect(html).toContain('Not in these files: calibration');
  });

  it('gives one row per cell and machine, fix rates as medians of the trials\' paired ratios, statuses from the outcomes', async () => {
    const files = await loaded();
    const data = reportData(files);
    const cells = files.flatMap((f) => f.results.cells);
    expect(data.machines).toEqual(files.map((f) => `${f.label}: ${f.results.environment.hostname}`));
    expect(data.verdicts).toHaveLength(cells.length);
    expect(data.tornFraction).toHaveLength(cells.length);
    expect(FIX_MODES).toContain('global-lock');
    expect(FIX_MODES).not.toContain('unlocked');
    const [first] = files;
    const fix = first.results.cells.find((c) => c.mode === 'global-lock' && c.size === 4096)!;
    const unlocked = first.results.cells.find((c) => c.mode === 'unlocked' && c.size === 4096)!;
    const readers = data.fixRates.find((r) => r.machine.startsWith('A:') && r.mode === 'global-lock' && r.size === 4096 && r.side.startsWith('readers'))!;
    expect(readers.value).toBeCloseTo(medianEstimate(fix.trials.map((t, i) => t.snapshotsPerSecond / unlocked.trials[i].snapshotsPerSecond)).median!, 12);
    for (const row of data.verdicts) {
      const file = files[data.machines.indexOf(row.machine)];
      const cell = file.results.cells.find((c) => c.mode === row.mode && c.size === row.size)!;
      if (row.mode === 'global-lock') expect(row.status).toBe('clean');
      if (cell.summary.torn > 0) expect(row.status).not.toBe('clean');
    }
    // A fix that tore is red; the same cell with a tear allowed is amber.
    const broken = structuredClone(files);
    broken[0].results.cells.find((c) => c.mode === 'global-lock')!.summary.forbidden = true;
    expect(reportData(broken).verdicts.filter((r) => r.status === 'FORBIDDEN outcome seen')).toHaveLength(1);
    // Anatomy charts exactly when some torn snapshot was dissected; no calibration in run files.
    const ids = reportCharts(data).map((c) => c.id);
    expect(ids.includes('boundary-mod-64')).toBe(cells.some((c) => c.summary.anatomy.sampled > 0));
    expect(ids).not.toContain('calibration');
    // No scenario was run: no chart of them.
    expect(data.scenarios).toEqual([]);
    expect(ids).not.toContain('scenarios');
  });

  it('gives a bar per scenario run and machine: its count and the share that is of its base figure', async () => {
    const [file] = await loaded();
    const run = (variant: 'unlocked' | 'gil' | 'atomic', count: number) => ({
      scenario: 'counter' as const, variant, countName: 'lost', count, elapsedMs: 1,
      figures: { expected: 2000, actual: 2000 - count, ids: 2000, duplicate_ids: 0 },
      options: { scenario: 'counter' as const, variant, iters: 1000, widen: false, workIters: 10, workers: 2, switchIntervalMs: 5 },
    });
    const withScenarios = { ...file, results: { ...file.results, scenarios: [run('unlocked', 500), run('gil', 20), run('atomic', 0)] } };
    const data = reportData([withScenarios]);
    expect(data.scenarios).toEqual([
      { machine: data.machines[0], panel: 'counter: lost / expected, 1000 rounds, 2 workers', variant: 'unlocked', count: 500, share: 0.25 },
      { machine: data.machines[0], panel: 'counter: lost / expected, 1000 rounds, 2 workers', variant: 'gil (5 ms)', count: 20, share: 0.01 },
      { machine: data.machines[0], panel: 'counter: lost / expected, 1000 rounds, 2 workers', variant: 'atomic', count: 0, share: 0 },
    ]);
    expect(reportCharts(data).map((c) => c.id)).toContain('scenarios');
  });

  it('refuses a results file that fails validation in one line naming it, exit 2, and writes no report', () => {
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...JSON.parse(readFileSync(runFiles[0], 'utf8')), cells: 'none' }));
    const out = path.join(dir, 'refused.html');
    const { code, stdout, stderr } = tearlab(['report', runFiles[0], broken, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^tearlab: ${broken.replaceAll('.', '\\.')}: .+\\n$`));
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['report'], /^tearlab: report: name at least one results file/],
    [['report', 'nowhere.json'], /^tearlab: nowhere\.json: cannot be read \(ENOENT\)/],
    [['report', '--bogus'], /^tearlab: Unknown option '--bogus'/],
    [['report', 'x.json', '--out', ''], /^tearlab: report: --out must name a file/],
    [['report', 'RUN', '--out', '/nonexistent-dir/r.html'], /^tearlab: report: --out cannot be written: /],
  ])('tearlab %j: one line, exit 2', (args, message) => {
    const { code, stderr } = tearlab(args.map((a) => (a === 'RUN' ? runFiles[0] : a)));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
