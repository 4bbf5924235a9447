// `tearlab report`'s page: one self-contained HTML file with the machines' fingerprints side by side and the
// charts drawn as inline SVG. It loads nothing (its Content-Security-Policy forbids every fetch), so it opens
// offline and can be mailed or attached as it is.
import { createAtomicFile } from '../atomic-file.js';
import { flattenFacts, type ComparedFile } from '../compare.js';
import { TEARLAB_VERSION } from '../package-files.js';
import { reportCharts } from './report-charts.js';
import { machineName, reportData } from './report-data.js';
import { renderSvg } from './render-svg.js';

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 1400px; padding: 0 1rem; color: #222; }
h1 { margin-bottom: 0.2rem; }
.generated { color: #666; margin-top: 0; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ddd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
tr.differs td { background: #fff4d6; }
figure { margin: 0; overflow-x: auto; }
section { margin-bottom: 2.5rem; }
.caption { color: #444; max-width: 60rem; }
.missing { color: #666; font-style: italic; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function filesTable(files: readonly ComparedFile[]): string {
  const rows = files.map(({ label, file, results }) => {
    const cells = [label, file, results.environment.hostname, results.command, results.bench?.plan.name ?? '', String(results.trials), results.startedAt, results.partial ? 'yes' : ''];
    return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  });
  return `<table id="files"><tr><th>machine</th><th>file</th><th>host</th><th>command</th><th>plan</th><th>trials</th><th>started</th><th>partial</th></tr>${rows.join('')}</table>`;
}

/** Every fact of every fingerprint, one column per machine; the rows where machines differ are marked. */
function fingerprintTable(files: readonly ComparedFile[]): string {
  const facts = files.map(({ results }) => flattenFacts(results.environment));
  const keys = [...new Set(facts.flatMap((map) => [...map.keys()]))];
  const header = `<tr><th>fact</th>${files.map((f) => `<th>${escapeHtml(machineName(f))}</th>`).join('')}</tr>`;
  const rows = keys.map((key) => {
    const values = facts.map((map) => map.get(key) ?? '');
    const differs = new Set(values).size > 1;
    return `<tr${differs ? ' class="differs"' : ''}><td>${escapeHtml(key)}</td>${values.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`;
  });
  return `<table id="fingerprints">${header}${rows.join('')}</table>`;
}

/** The whole page for these results files. */
export async function buildReport(files: readonly ComparedFile[]): Promise<string> {
  const charts = reportCharts(reportData(files));
  const sections = await Promise.all(
    charts.map(async ({ id, title, caption, spec }) =>
      `<section id="${id}" class="chart"><h2>${escapeHtml(title)}</h2><p class="caption">${escapeHtml(caption)}</p><figure>${await renderSvg(spec)}</figure></section>`,
    ),
  );
  const absent = [];
  if (!charts.some((c) => c.id === 'calibration')) absent.push('calibration (only `tearlab bench` files have it)');
  if (!charts.some((c) => c.id === 'fix-rates')) absent.push('fix rates (no fix ran beside unlocked in the same configuration)');
  if (!charts.some((c) => c.id === 'boundary-mod-64')) absent.push('tear anatomy (no torn snapshot was dissected)');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tearlab report: ${escapeHtml(files.map(machineName).join(', '))}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>tearlab report</h1>
<p class="generated">${files.length} results file${files.length === 1 ? '' : 's'}, drawn by tearlab ${escapeHtml(TEARLAB_VERSION)} on ${escapeHtml(new Date().toISOString())}.</p>
<section id="machines"><h2>Files</h2>${filesTable(files)}<h2>Machines' fingerprints</h2><p class="caption">Highlighted: the facts that differ.</p>${fingerprintTable(files)}</section>
${sections.join('\n')}
${absent.length > 0 ? `<p class="missing">Not in these files: ${escapeHtml(absent.join('; '))}.</p>` : ''}
</body>
</html>
`;
}

/** Writes the report so that it is never seen half-written. */
export async function writeReport(files: readonly ComparedFile[], out: string): Promise<void> {
  const html = await buildReport(files);
  const output = await createAtomicFile(out);
  try {
    await output.commit(html);
  } finally {
    await output.discard();
  }
}
