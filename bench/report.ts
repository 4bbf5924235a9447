// The bench's results file, results/<host>-<timestamp>.json: the one results shape (src/results-file.ts) with
// the bench's own parts beside the cells of its tearing matrix.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createAtomicFile } from '../src/atomic-file.js';
import { resultsText, type ResultsFile } from '../src/results-file.js';
import type { CalibrationRow } from './calibration.js';
import type { Check } from './checks.js';
import type { ModeCostRow } from './mode-costs.js';
import type { BenchPlan } from './plan.js';
import type { Timing } from './tasks.js';

/** What only the bench measures. */
export interface BenchSection {
  plan: BenchPlan;
  calibration: CalibrationRow[];
  modeCosts: ModeCostRow[];
  calls: Timing[];
  checks: Check[];
}

function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** Makes sure the results directory exists and is writable, before minutes of measuring. */
export async function prepareResultsDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  await access(directory, constants.W_OK);
}

/** Writes the results into a prepared directory, never leaving a partial file under the final name, and returns its path. */
export async function writeResults(directory: string, results: ResultsFile): Promise<string> {
  const file = path.join(directory, `${safeFileName(results.environment.hostname)}-${safeFileName(results.startedAt)}.json`);
  const output = await createAtomicFile(file);
  try {
    await output.commit(resultsText(results));
  } finally {
    await output.discard();
  }
  return file;
}
