// tearlab report FILE|DIR ... [--out FILE]: results files as one self-contained HTML page of charts.
import { stat } from 'node:fs/promises';
import { parseFlags, UsageError } from '../parse.js';
import { readResultsArguments } from '../results-inputs.js';
import { writeReport } from './report-page.js';

export const REPORT_USAGE = `Usage: tearlab report FILE|DIR ... [--out FILE]
  Draws results files from tearlab run --json and tearlab bench as one HTML page that opens offline: the
  machines' fingerprints side by side, the verdict matrix, torn fraction and torn/s against size with their
  95% intervals, each fix's rates over unlocked, the tear anatomy and, from bench files, calibration.
  A DIR means every .json file in it; several files put their machines side by side.
  --out FILE  where the page goes (default: report.html)`;

interface ReportArgs {
  paths: string[];
  out: string;
}

/** report's arguments; every mistake in them is a UsageError. */
export function parseReportArgs(args: string[]): ReportArgs | 'help' {
  const { values, positionals } = parseFlags({
    args,
    strict: true,
    allowPositionals: true,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('report: name at least one results file (or a directory of them)');
  if (values.out === '') throw new UsageError('report: --out must name a file');
  return { paths: positionals, out: values.out ?? 'report.html' };
}

export async function reportMain(args: string[]): Promise<number> {
  const parsed = parseReportArgs(args);
  if (parsed === 'help') {
    console.log(REPORT_USAGE);
    return 0;
  }
  const files = await readResultsArguments(parsed.paths);
  try {
    await writeReport(files, parsed.out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR') throw new UsageError(`report: --out cannot be written: ${(error as Error).message}`);
    throw error;
  }
  const { size } = await stat(parsed.out);
  console.log(`Report: ${parsed.out} (${files.length} file${files.length === 1 ? '' : 's'}, ${Math.round(size / 1024)} KiB)`);
  return 0;
}
