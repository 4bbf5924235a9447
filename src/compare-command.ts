// tearlab compare FILE|DIR ... [--markdown | --json]: results files side by side.
import { compare } from './compare.js';
import { formatComparisonMarkdown, formatComparisonText } from './compare-format.js';
import { parseFlags, UsageError } from './parse.js';
import { readResultsArguments } from './results-inputs.js';

export const COMPARE_USAGE = `Usage: tearlab compare FILE|DIR ... [--markdown | --json]
  Puts results files from tearlab run --json and tearlab bench side by side: per configuration, each file's
  torn fraction and torn/s with 95% intervals and its verdict, and each file's torn/s against the first file's
  (Mann-Whitney U test over the trials; ~ when not significant at p < 0.05). A DIR means every .json file in it.
  --markdown  Markdown tables, for pasting into an issue
  --json      the comparison as JSON, for programs`;

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
  const files = await readResultsArguments(parsed.paths);
  if (files.length < 2) throw new UsageError(`compare: needs at least two results files, got ${files.length}`);
  const comparison = compare(files);
  if (parsed.format === 'json') process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else process.stdout.write(parsed.format === 'markdown' ? formatComparisonMarkdown(comparison) : formatComparisonText(comparison));
  return 0;
}
