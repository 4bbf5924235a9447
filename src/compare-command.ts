// tearlab compare FILE|DIR ... [--markdown | --json]: results files side by side.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { compare, type ComparedFile } from './compare.js';
import { formatComparisonMarkdown, formatComparisonText } from './compare-format.js';
import { parseFlags, UsageError } from './parse.js';
import { readResultsFile, ResultsFileError } from './results-file.js';

export const COMPARE_USAGE = `Usage: tearlab compare FILE|DIR ... [--markdown | --json]
  Puts results files from tearlab run --json and tearlab bench side by side: per configuration, each file's
  torn fraction and torn/s with 95% intervals and its verdict, and each file's torn/s against the first file's
  (Mann-Whitney U test over the trials; ~ when not significant at p < 0.05). A DIR means every .json file in it.
  --markdown  Markdown tables, for pasting into an issue
  --json      the comparison as JSON, for programs`;

/** Every file named, with a directory standing for the .json files in it (by name). */
async function expand(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(given)).isDirectory();
    } catch (error) {
      throw new ResultsFileError(given, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    if (!isDirectory) {
      files.push(given);
      continue;
    }
    const inside = (await readdir(given)).filter((name) => name.endsWith('.json')).sort();
    if (inside.length === 0) throw new ResultsFileError(given, 'is a directory with no .json files');
    files.push(...inside.map((name) => path.join(given, name)));
  }
  return files;
}

/** A, B, ..., Z, AA, AB, ... */
function label(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : label(Math.floor(index / 26) - 1) + label(index % 26);
}

interface CompareArgs {
  format: 'text' | 'markdown' | 'json';
  paths: string[];
}

/** compare's arguments; every mistake in them is a UsageError. */
export function parseCompareArgs(args: string[]): CompareArgs | 'help' {
  const { values, positionals } = parseFlags({
    args,
    strict: true,
    allowPositionals: true,
    options: { markdown: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  if (values.markdown && values.json) throw new UsageError('compare: choose one of --markdown and --json');
  if (positionals.length === 0) throw new UsageError('compare: name at least two results files (or a directory of them)');
  return { format: values.json ? 'json' : values.markdown ? 'markdown' : 'text', paths: positionals };
}

export async function compareMain(args: string[]): Promise<number> {
  const parsed = parseCompareArgs(args);
  if (parsed === 'help') {
    console.log(COMPARE_USAGE);
    return 0;
  }
  let files: ComparedFile[];
  try {
    const names = await expand(parsed.paths);
    if (names.length < 2) throw new UsageError(`compare: needs at least two results files, got ${names.length}`);
    files = await Promise.all(names.map(async (file, index) => ({ label: label(index), file, results: await readResultsFile(file) })));
  } catch (error) {
    if (error instanceof ResultsFileError) throw new UsageError(error.message);
    throw error;
  }
  const comparison = compare(files);
  if (parsed.format === 'json') process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else process.stdout.write(parsed.format === 'markdown' ? formatComparisonMarkdown(comparison) : formatComparisonText(comparison));
  return 0;
}
