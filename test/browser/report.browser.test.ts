// tearlab report in a real browser: Debian's Chromium, headless, driven by playwright-core, opens a report of two real
// quick benches with every network request blocked, and each chart must show as many marks as its figures have rows,
// with no console error and both machines on the page. Run by `npm run test:browser` (not `npm test`: it needs
// Chromium, which .ci/run installs, and two benches). A screenshot of the page is left for a person to look at.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultsInputs } from '../../dist/src/results-inputs.js';
import { reportData, type ReportData } from '../../dist/src/report/report-data.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-browser-'));
const reportFile = path.join(dir, 'report.html');
const screenshot = path.join(dir, 'report.png');
/** The chart the README shows (docs/report.png is one of these). */
const chartScreenshot = path.join(dir, 'torn-fraction.png');

let browser: Browser;
let page: Page;
let data: ReportData;
const blocked: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  const benchFiles = ['first', 'second'].map((name) => {
    const out = path.join(dir, name);
    execFileSync(process.execPath, [CLI, 'bench', '--quick', '--out', out]);
    return path.join(out, readdirSync(out).find((file) => file.endsWith('.json'))!);
  });
  execFileSync(process.execPath, [CLI, 'report', ...benchFiles, '--out', reportFile]);
  data = reportData(await readResultsInputs(benchFiles));

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === `file://${reportFile}`) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(`file://${reportFile}`, { waitUntil: 'load' });
  await page.screenshot({ path: screenshot, fullPage: true });
  await page.locator('#torn-fraction').screenshot({ path: chartScreenshot });
  console.log(`screenshots of the report: ${screenshot} (the whole page), ${chartScreenshot}`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

/** How many marks of `kind` (line, area, symbol, rect, rule, text) chart `id` drew: one SVG path, line or text each. */
async function marks(id: string, kind: string): Promise<number> {
  return page.locator(`#${id} svg g.mark-${kind}.role-mark > :is(path, line, text)`).count();
}

const seriesOf = (rows: readonly object[], keys: string[]) => new Set(rows.map((row) => keys.map((k) => String((row as Record<string, unknown>)[k])).join('|'))).size;

describe('the report in Chromium', () => {
  it('loads with every request blocked, asks for nothing, and logs no error; two machines stay under 2 MB', () => {
    expect(statSync(reportFile).size).toBeLessThan(2 * 1024 * 1024);
    expect(blocked).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows both machines: in the files table, the fingerprints and every chart legend', async () => {
    expect(data.machines).toHaveLength(2);
    for (const machine of data.machines) {
      await expect(page.locator('#fingerprints th', { hasText: machine }).count()).resolves.toBe(1);
      for (const id of ['torn-fraction', 'torn-per-second', 'fix-rates', 'scenarios', 'calibration']) {
        await expect(page.locator(`#${id} svg .role-legend-label`, { hasText: machine }).count(), `${id}: ${machine}`).resolves.toBe(1);
      }
    }
    await expect(page.locator('#files tr').count()).resolves.toBe(3);
  });

  it('draws the verdict matrix: a coloured cell and its verdict for every cell of both files', async () => {
    expect(await marks('verdicts', 'rect')).toBe(data.verdicts.length);
    expect(await marks('verdicts', 'text')).toBe(data.verdicts.length);
    const fills = await page.locator('#verdicts svg g.mark-rect.role-mark > path').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
    const colour = { clean: '#2ca02c', 'tears (INTERESTING)': '#f0a30a', 'FORBIDDEN outcome seen': '#d62728' };
    expect(fills.sort()).toEqual(data.verdicts.map((row) => colour[row.status]).sort());
  });

  it('draws torn fraction and torn/s against size: a line and a band per machine and panel, a point per cell', async () => {
    for (const [id, rows] of [['torn-fraction', data.tornFraction], ['torn-per-second', data.tornPerSecond]] as const) {
      const series = seriesOf(rows, ['machine', 'mode', 'panel']);
      expect(await marks(id, 'line'), id).toBe(series);
      expect(await marks(id, 'symbol'), id).toBe(rows.length);
      expect(await marks(id, 'area'), id).toBe(seriesOf(rows.filter((r) => r.lower !== null), ['machine', 'mode', 'panel']));
    }
  });

  it('draws each fix\'s rates over unlocked: a point and an interval per fix, size, side and machine', async () => {
    expect(data.fixRates.length).toBeGreaterThan(0);
    expect(await marks('fix-rates', 'symbol')).toBe(data.fixRates.length);
    // The interval rules, and the reference line at 1 in every panel.
    const panels = seriesOf(data.fixRates, ['mode', 'side']);
    expect(await marks('fix-rates', 'rule')).toBe(data.fixRates.filter((r) => r.lower !== null).length + panels);
  });

  it('draws the tear anatomy histograms: a bar per boundary remainder and segment bucket seen', async () => {
    for (const [id, rows] of [['boundary-mod-64', data.boundaryMod64], ['boundary-mod-4096', data.boundaryMod4096], ['segment-lengths', data.segmentLengths]] as const) {
      expect(rows.length, id).toBeGreaterThan(0);
      expect(await marks(id, 'rect'), id).toBe(rows.length);
    }
  });

  it('draws the other races: a bar per scenario, variant and machine', async () => {
    expect(data.scenarios.length).toBeGreaterThan(0);
    expect(await marks('scenarios', 'rect')).toBe(data.scenarios.length);
  });

  it('draws calibration efficiency per size: a line per machine, ratio and batch, a point per size', async () => {
    expect(data.calibration.length).toBeGreaterThan(0);
    expect(await marks('calibration', 'line')).toBe(seriesOf(data.calibration, ['machine', 'ratio', 'batch']));
    expect(await marks('calibration', 'symbol')).toBe(data.calibration.length);
  });
});
