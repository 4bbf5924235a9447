// The one results file that `tearlab run --json` and `tearlab bench` write and that `tearlab compare` reads:
// the machine's fingerprint, one cell per configuration with its trials and their summary, and, from the
// bench, its other parts. Its JSON Schema (schema/results.schema.json) is generated from these types by
// `npm run schema`, and every file tearlab reads is validated against it.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { BenchSection } from '../bench/report.js';
import type { Environment } from './environment.js';
import { PACKAGE_ROOT } from './package-files.js';
import type { Cell } from './results.js';
import type { ScenarioResult } from './scenarios/run-scenario.js';

/** MAJOR.MINOR: a reader refuses a file of a newer major version; minor versions only add optional fields. */
export const SCHEMA_VERSION = '1.2';

/** Why a run ended early by failing rather than being stopped by a signal. */
export interface RunFailure {
  /** What was under way: the part of the bench, or the point of tearlab run. */
  stage: string;
  message: string;
  /** The error's stack, then its causes' (after "Caused by: "). */
  stack: string;
}

export interface ResultsFile {
  schemaVersion: string;
  tool: 'tearlab';
  /** The tearlab version that wrote the file. */
  version: string;
  command: 'run' | 'bench';
  startedAt: string;
  elapsedMs: number;
  /** True when the run was cut short and the file holds what was measured until then. */
  partial: boolean;
  /** The trials of every cell, and each run's time budget in milliseconds (null: none, runs stop on iters). */
  trials: number;
  runMs: number | null;
  environment: Environment;
  cells: Cell[];
  /** Only in files from `tearlab bench`. */
  bench?: BenchSection;
  /** The runs of the other races (`tearlab run --scenario`, and the bench); since schema 1.1. */
  scenarios?: StoredScenarioResult[];
  /** Why the run failed, when it did (the file is then partial, holding what finished before); since schema 1.2. */
  failure?: RunFailure;
}

/** A scenario run as a file holds it: `stoppedBy` and `rounds` since schema 1.2 (a file before that held only complete runs). */
export type StoredScenarioResult = Omit<ScenarioResult, 'stoppedBy' | 'rounds'> & Partial<Pick<ScenarioResult, 'stoppedBy' | 'rounds'>>;

export const SCHEMA_PATH = path.join(PACKAGE_ROOT, 'schema', 'results.schema.json');

/** A results file that cannot be read, with one line that names it and says what is wrong. */
export class ResultsFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'ResultsFileError';
  }
}

let validator: ValidateFunction | undefined;

function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: false, strict: true }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
  return validator(data) ? [] : (validator.errors ?? []);
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the top level' : error.instancePath;
  const extra = error.keyword === 'additionalProperties' ? ` ('${(error.params as { additionalProperty: string }).additionalProperty}')` : '';
  return `${where} ${error.message ?? 'is not valid'}${extra}`;
}

function majorOf(version: string): number {
  return Number.parseInt(version.split('.')[0], 10);
}

const OUR_MAJOR = majorOf(SCHEMA_VERSION);

/** Checks that `data` is a results file this tearlab can read; ResultsFileError naming `file` otherwise. */
export function checkResultsFile(data: unknown, file: string): ResultsFile {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ResultsFileError(file, 'is not a tearlab results file (not a JSON object)');
  const { schemaVersion } = data as { schemaVersion?: unknown };
  if (typeof schemaVersion !== 'string' || !/^\d+\.\d+$/.test(schemaVersion)) {
    throw new ResultsFileError(file, 'is not a tearlab results file (no schemaVersion; files from before tearlab 0.2 cannot be read)');
  }
  if (majorOf(schemaVersion) > OUR_MAJOR) {
    throw new ResultsFileError(file, `has schema version ${schemaVersion}, newer than this tearlab reads (${OUR_MAJOR}.x); update tearlab`);
  }
  let errors: ErrorObject[];
  try {
    errors = validate(data);
  } catch (error) {
    // Only an object built in code can throw here (a getter that throws); parsed JSON cannot.
    throw new ResultsFileError(file, `could not be checked: ${(error as Error).message}`);
  }
  if (errors.length > 0) throw new ResultsFileError(file, `does not match the results schema ${SCHEMA_VERSION}: ${describeError(errors[0])}`);
  return data as ResultsFile;
}

/** Reads and validates one results file. */
export async function readResultsFile(file: string): Promise<ResultsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ResultsFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const truncated = text.trim() === '' ? 'it is empty' : `${(error as Error).message}; is it truncated?`;
    throw new ResultsFileError(file, `is not valid JSON (${truncated})`);
  }
  return checkResultsFile(data, file);
}

/** The file's text: the object as indented JSON, ending in a newline. */
export function resultsText(results: ResultsFile): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}
