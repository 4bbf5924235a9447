// The bench's full results as JSON in results/<host>-<timestamp>.json.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Environment } from '../src/index.js';
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
  modeCosts: ModeCostRow[];
  calls: Timing[];
  checks: Check[];
}

function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** Writes the report and returns its path. */
export async function writeReport(directory: string, report: BenchReport): Promise<string> {
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${safeFileName(report.environment.hostname)}-${safeFileName(report.startedAt)}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
