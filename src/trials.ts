// Trials: a configuration run several times, each time in fresh workers, so that a count comes with an
// interval. Configurations compared with each other (the modes of `tearlab run`, the variants of a bench
// cell) take turns, trial by trial, in an order reversed every other trial, so they share the machine's drift.
import { describe } from './describe.js';
import { runTearing } from './experiment.js';
import { resolveOptions, type TearingOptions } from './options.js';
import type { Anatomy } from './outcome-tally.js';
import { formatPlacement } from './placement.js';
import { type Cell, type CellKey, layoutName, summarizeTrials, type TearingResult, type Trial } from './results.js';

export const MAX_TRIALS = 1000;

/** After every run: how many of `total` runs are done, and which configuration (its index) ran which trial. */
export interface RunReport {
  done: number;
  total: number;
  index: number;
  trial: number;
  result: TearingResult;
}

/** A trials count; TypeError or RangeError naming `argument` otherwise. */
export function checkTrials(trials: unknown, argument = 'options.trials'): number {
  if (typeof trials !== 'number') throw new TypeError(`${argument} must be a number, got ${describe(trials)}`);
  if (!Number.isSafeInteger(trials) || trials < 1 || trials > MAX_TRIALS) {
    throw new RangeError(`${argument} must be an integer from 1 to ${MAX_TRIALS}, got ${describe(trials)}`);
  }
  return trials;
}

function cellKey(options: TearingOptions): CellKey {
  const resolved = resolveOptions(options);
  return {
    mode: resolved.mode,
    size: resolved.size,
    offset: resolved.offset,
    writers: resolved.writers,
    readers: resolved.readers,
    layout: layoutName(resolved.writers, resolved.readers),
    slowReader: resolved.slowReader,
    batch: resolved.batch,
    placement: formatPlacement(resolved.placement),
  };
}

function asTrial({ environment: _machine, anatomy: _summarized, ...trial }: TearingResult): Trial {
  return trial;
}

/** A run that failed: which configuration (its index) and trial, and what it threw. */
export interface TrialFailure {
  index: number;
  trial: number;
  error: unknown;
}

/** What runAlternating measured: the cells, and the run that failed, if one did (the cells then hold the trials before it). */
export interface Alternation {
  cells: Cell[];
  failure: TrialFailure | null;
}

/**
 * runAlternating, except that a run that fails ends the alternation without losing the trials finished before
 * it: they are returned with the failure. Options are still checked, and bad ones thrown, before the first run.
 */
export async function alternateTrials(configurations: readonly TearingOptions[], trials: number, onRun?: (report: RunReport) => void): Promise<Alternation> {
  checkTrials(trials, 'trials');
  const keys = configurations.map(cellKey);
  const runs: Trial[][] = configurations.map(() => []);
  const anatomies: Anatomy[][] = configurations.map(() => []);
  const total = configurations.length * trials;
  let done = 0;
  let failure: TrialFailure | null = null;
  const aborted = () => configurations.some((configuration) => configuration.signal?.aborted);
  for (let trial = 0; trial < trials && !aborted() && failure === null; trial++) {
    const order = configurations.map((_, index) => index);
    if (trial % 2 === 1) order.reverse();
    for (const index of order) {
      if (aborted()) break;
      let result: TearingResult;
      try {
        result = await runTearing(configurations[index]);
      } catch (error) {
        failure = { index, trial, error };
        break;
      }
      runs[index].push(asTrial(result));
      anatomies[index].push(result.anatomy);
      onRun?.({ done: ++done, total, index, trial, result });
    }
  }
  // A cell is keyed by what was asked; its trials say what ran (js-set and js-lock always run one copy per call).
  // After an abort or a failure, configurations that never ran have no cell.
  const cells = keys.flatMap((key, index) =>
    runs[index].length === 0 ? [] : [{ ...key, trials: runs[index], summary: summarizeTrials(runs[index], anatomies[index]) }],
  );
  return { cells, failure };
}

/**
 * Runs every configuration `trials` times, taking turns, and returns one cell per configuration in the order
 * given. Every option is checked before the first run. When a configuration's `signal` aborts, the run under
 * way stops (and is kept, `stoppedBy: 'signal'`) and no other starts. A run that fails rejects with its error
 * (alternateTrials keeps the trials finished before it).
 */
export async function runAlternating(configurations: readonly TearingOptions[], trials: number, onRun?: (report: RunReport) => void): Promise<Cell[]> {
  const { cells, failure } = await alternateTrials(configurations, trials, onRun);
  if (failure !== null) throw failure.error;
  return cells;
}

/** Runs one configuration `options.trials` times (default 1) and returns its cell. */
export async function runTrials(options: TearingOptions & { trials?: number } = {}): Promise<Cell> {
  if (typeof options !== 'object' || options === null) throw new TypeError(`options must be an object, got ${describe(options)}`);
  const { trials = 1, ...configuration } = options;
  const [cell] = await runAlternating([configuration], checkTrials(trials));
  return cell;
}
