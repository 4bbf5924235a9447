// tearlab bench [--quick] [--trials N] [--out DIR] (also npm run bench): the
// tearing matrix, calibration against native threads, the cost of every mode
// under contention and uncontended, the cost of single calls, a summary, and
// the results file.
import { performance } from 'node:perf_hooks';
import { MAX_OFFSET } from '../src/modes/strategy.js';
import { MAX_SIZE } from '../src/options.js';
import { parseCount, parseFlags, UsageError } from '../src/parse.js';
import { parseSweep } from '../src/sweep.js';
import { environment } from '../src/index.js';
import { formatEnvironment } from '../src/format.js';
import { catchInterruptions, SIGNAL_EXIT_CODES } from '../src/interrupt.js';
import { progressLine } from '../src/progress.js';
import { TEARLAB_VERSION } from '../src/package-files.js';
import { failureRecord } from '../src/error-text.js';
import type { Cell } from '../src/results.js';
import { SCHEMA_VERSION, type ResultsFile, type RunFailure } from '../src/results-file.js';
import type { ScenarioResult } from '../src/scenarios/run-scenario.js';
import { writeReport } from '../src/report/report-page.js';
import { MAX_TRIALS } from '../src/trials.js';
import { CALIBRATION_PLACEMENT, type CalibrationRow, calibrationSteps, runCalibration } from './calibration.js';
import { type CallCosts, runCallCosts } from './call-costs.js';
import { computeChecks } from './checks.js';
import { type ModeCostRow, runModeCosts } from './mode-costs.js';
import { runScenarios, scenariosTable } from './scenarios.js';
import { formatBytes, FULL_PLAN, QUICK_PLAN, type BenchPlan } from './plan.js';
import { prepareResultsDirectory, writeResults } from './report.js';
import { anatomyTable, calibrationTable, callTable, checksTable, costMatrixTable, summaryTable, tearingMatrixTable, tornGrid } from './summary.js';
import { runTearingMatrix, tearingSteps } from './tearing-matrix.js';

const USAGE = `Usage: tearlab bench [--quick] [--trials N] [--size SIZES] [--offset OFFSETS] [--out DIR]
       (in this repository: npm run bench [-- --quick])
  --quick     every mode at 64 B and 128 KiB with short runs (about 30 s on 2 cores) instead of the full matrix (about 160 s)
  --trials N  trials of every cell, each in fresh workers (default 6, the fewest that give a 95% interval on a median)
  --size SIZES      the tearing matrix's sizes instead of the plan's (64,4KiB,1MiB or 8..4MiB*2)
  --offset OFFSETS  where in a page the matrix's shared data starts (default 0; 0,1,63 or 0..256+64)
  --out DIR   where the results file goes (default: results)`;

interface BenchArgs {
  plan: BenchPlan;
  out: string;
}

/** The bench's arguments; every mistake in them is a UsageError. */
export function parseBenchArgs(args: string[]): BenchArgs | 'help' {
  const { values } = parseFlags({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean' },
      trials: { type: 'string' },
      size: { type: 'string' },
      offset: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (values.out === '') throw new UsageError('--out must name a directory');
  const plan = values.quick ? QUICK_PLAN : FULL_PLAN;
  const trials = values.trials === undefined ? plan.trials : parseCount(values.trials, '--trials', 1, MAX_TRIALS);
  const sizes = values.size === undefined ? plan.sizes : parseSweep(values.size, '--size', { min: 1, max: MAX_SIZE });
  const offsets = values.offset === undefined ? plan.offsets : parseSweep(values.offset, '--offset', { min: 0, max: MAX_OFFSET });
  return { plan: { ...plan, trials, sizes, offsets }, out: values.out ?? 'results' };
}

/**
 * Runs the bench and writes its results file. When `signal` aborts, or a run fails, prints and writes what was
 * measured, marked partial (with the failure recorded), then throws the failure.
 */
async function bench({ plan, out }: BenchArgs, signal: AbortSignal): Promise<void> {
  const start = performance.now();
  const startedAt = new Date().toISOString();
  const env = environment();
  console.log(formatEnvironment(env));
  const offsets = plan.offsets.length === 1 && plan.offsets[0] === 0 ? '' : `, offsets ${plan.offsets.join(', ')}`;
  console.log(
    `Bench: ${plan.name} plan, ${plan.modes.length} modes, sizes ${plan.sizes.map(formatBytes).join(', ')}${offsets}; ` +
      `${plan.trials} trials x ${plan.runMs} ms per mode, size and layout\n`,
  );

  const rounds = plan.callRounds;
  const matrixSteps = tearingSteps(plan);
  const beforeCosts = matrixSteps + calibrationSteps(plan);
  const steps = beforeCosts + rounds + 1;
  const progress = progressLine('bench');
  // Each part is filled as it is measured, so that a failure keeps whatever finished before it.
  const tearing: Cell[] = [];
  const calibration: CalibrationRow[] = [];
  let modeCosts: ModeCostRow[] = [];
  let calls: CallCosts | null = null;
  const scenarios: ScenarioResult[] = [];
  let stage = 'tearing matrix';
  let failure: { error: unknown; record: RunFailure } | null = null;
  try {
    await runTearingMatrix(plan, signal, (done, _total, detail) => progress.update(done, steps, detail), tearing);
    stage = 'calibration';
    await runCalibration(plan, signal, (done, _total, detail) => progress.update(matrixSteps + done, steps, detail), calibration);
    progress.update(beforeCosts, steps, 'uncontended cost per mode');
    stage = 'uncontended cost per mode';
    if (!signal.aborted) modeCosts = await runModeCosts(plan);
    stage = 'call costs';
    if (!signal.aborted) {
      calls = await runCallCosts(plan, rounds, (round) => progress.update(beforeCosts + 1 + round, steps, `call costs, round ${round + 1}`));
    }
    progress.update(steps, steps, 'the other races');
    stage = 'the other races';
    if (!signal.aborted) await runScenarios(plan, signal, scenarios);
  } catch (error) {
    failure = { error, record: failureRecord(stage, error) };
  }
  progress.end();
  // The call costs come last of what the checks and the cost tables need: with them, all of that finished.
  const complete = calls !== null && !signal.aborted && failure === null;
  const checks = calls !== null ? computeChecks(plan, calls, tearing, calibration) : [];

  const elapsedMs = performance.now() - start;
  const results: ResultsFile = {
    schemaVersion: SCHEMA_VERSION,
    tool: 'tearlab',
    version: TEARLAB_VERSION,
    command: 'bench',
    startedAt,
    elapsedMs,
    partial: !complete,
    trials: plan.trials,
    runMs: plan.runMs,
    environment: env,
    cells: tearing,
    bench: { plan, calibration, modeCosts, calls: calls?.timings ?? [], checks },
    scenarios,
    ...(failure === null ? {} : { failure: failure.record }),
  };
  // Written before anything is printed, so that a table that cannot be printed loses nothing.
  const file = await writeResults(out, results);

  console.log(
    `Tearing matrix: every mode, size and layout, ${plan.trials} trials of ${plan.runMs} ms each; ` +
      `torn fractions pooled over the trials (Wilson interval), torn/s the trials' median${plan.perCallVariants ? '; the addon modes in batches, then one call per copy' : ''}`,
  );
  console.log(tearingMatrixTable(plan, tearing));
  console.log('\nTear anatomy: where the torn snapshots changed pattern, as offsets from the page (a sample of each cell, in batches)');
  console.log(anatomyTable(tearing));
  if (calls !== null) {
    console.log('\nCost matrix: median rates under the Python demo\'s contention (2 writers + 1 reader), and one copy with nobody else running');
    console.log(costMatrixTable(plan, tearing, modeCosts));
    console.log(
      `\nCalibration: JavaScript-driven runs against native threads, median of ${plan.calibrationPairs} alternating pairs of ${plan.calibrationRunMs} ms runs, ` +
        `--placement ${CALIBRATION_PLACEMENT}`,
    );
    console.log(calibrationTable(calibration));
    console.log('\nSingle calls in one thread (median per call)');
    console.log(callTable(calls.timings));
  }
  if (scenarios.length > 0) {
    console.log(`\nThe other races (tearlab run --scenario), ${plan.scenarioIters} rounds per writing worker: a fix (global-lock, lock, publish, atomic) must count 0`);
    console.log(scenariosTable(scenarios));
  }
  console.log('\nSummary: the fraction of snapshots torn ("0": not one)');
  console.log(tornGrid(plan, tearing));
  if (calls !== null) {
    console.log(summaryTable(plan, tearing, modeCosts));
    console.log(checksTable(checks));
  }

  console.log(`\n${complete ? 'Full results' : 'Partial results'}: ${file} (${(elapsedMs / 1000).toFixed(0)} s)`);
  const report = file.replace(/\.json$/, '.html');
  await writeReport([{ label: 'A', file, results }], report);
  console.log(`Report: ${report} (charts; tearlab report FILE... puts several machines side by side)`);
  if (failure !== null) {
    console.error(`tearlab bench: a run failed during the ${stage}; the results above and in ${file} are partial`);
    throw failure.error;
  }
}

/** Runs the bench with command-line `argv` and returns the exit code. */
export async function benchMain(argv: string[]): Promise<number> {
  let args: BenchArgs | 'help';
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`tearlab bench: ${error.message}`);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  try {
    await prepareResultsDirectory(args.out);
  } catch (error) {
    console.error(`tearlab bench: --out cannot be used: ${(error as Error).message}`);
    return 2;
  }
  const interruption = catchInterruptions('tearlab bench');
  try {
    await bench(args, interruption.signal);
  } finally {
    interruption.dispose();
  }
  return interruption.received === null ? 0 : SIGNAL_EXIT_CODES[interruption.received];
}

