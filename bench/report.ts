// The bench's full results as JSON in results/<host>-<timestamp>.json.
import { constants } from 'node:fs';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Environment } from '../src/index.js';
import type { CalibrationRow } from './calibration.js';
import type { Check } from './checks.js';
import type { ModeCostRow } from './mode-costs.js';
import type { BenchPlan } from './plan.js';
import type { Timing } from './tasks.js';
import type { TearingRow } from './tearing-matrix.js';

export interface BenchReport {
  tool: 'tearlab';
  version: string;
  plan: BenchPlan;
  startedAt: string;
  elapsedMs: number;
  environment: Environment;
  tearing: TearingRow[];
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

/** Writes the report into a prepared directory and returns its path. */
export async function writeReport(directory: string, report: BenchReport): Promise<string> {
  const file = path.join(directory, `${safeFileName(report.environment.hostname)}-${safeFileName(report.startedAt)}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
