// The results files a command is given on its command line: files, and directories standing for the .json files in
// them, read and validated, each with a letter to name it by in tables and charts.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ComparedFile } from './compare.js';
import { UsageError } from './parse.js';
import { readResultsFile, ResultsFileError } from './results-file.js';

/** Every file named, with a directory standing for the .json files in it (by name). */
async function expand(paths: readonly string[]): Promise<string[]> {
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

/** The files named on a command line, read and validated; a ResultsFileError names the first that cannot be. */
export async function readResultsInputs(paths: readonly string[]): Promise<ComparedFile[]> {
  const names = await expand(paths);
  return Promise.all(names.map(async (file, index) => ({ label: label(index), file, results: await readResultsFile(file) })));
}

/** readResultsInputs for a command: a file that cannot be read is a mistake on the command line (one line, exit 2). */
export async function readResultsArguments(paths: readonly string[]): Promise<ComparedFile[]> {
  try {
    return await readResultsInputs(paths);
  } catch (error) {
    if (error instanceof ResultsFileError) throw new UsageError(error.message);
    throw error;
  }
}
