// tearlab bench [--quick] [--out DIR] (also npm run bench): the tearing
// matrix, calibration against native threads, the cost of every mode under
// contention and uncontended, the cost of single calls, a summary, and the
// full results as JSON.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { environment } from '../src/index.js';
import { formatEnvironment } from '../src/format.js';
import { progressLine } from '../src/progress.js';
import { CALIBRATION_PLACEMENT, calibrationSteps, runCalibration } from './calibration.js';
import { runCallCosts } from './call-costs.js';
import { computeChecks } from './checks.js';
import { runModeCosts } from './mode-costs.js';
import { FULL_PLAN, QUICK_PLAN, type BenchPlan } from './plan.js';
import { prepareResultsDirectory, writeReport } from './report.js';
import { calibrationTable, callTable, checksTable, costMatrixTable, summaryTable, tearingMatrixTable, tornGrid } from './summary.js';
import { runTearingMatrix, tearingSteps } from './tearing-matrix.js';

const USAGE = `Usage: tearlab bench [--quick] [--out DIR]     (in this repository: npm run bench [-- --quick])
  --quick    short runs (about 30 s on 2 cores) instead of the full matrix (about 150 s)
  --out DIR  where the JSON results go (default: results)`;

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

interface BenchArgs {
  plan: BenchPlan;
  out: string;
}

function parseBenchArgs(args: string[]): BenchArgs | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { quick: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  if (values.out === '') throw new Error('--out must name a directory');
  return { plan: values.quick ? QUICK_PLAN : FULL_PLAN, out: values.out ?? 'results' };
}

/** Rounds of the call-cost suite: paired figures alternate across rounds. */
const CALL_ROUNDS = { full: 3, quick: 1 } as const;

async function bench({ plan, out }: BenchArgs): Promise<void> {
  const start = performance.now();
  const startedAt = new Date().toISOString();
  const env = environment();
  console.log(formatEnvironment(env));
  console.log(`Bench: ${plan.name} plan, ${plan.modes.length} modes, ${plan.passes} x ${plan.runMs} ms per mode, size and layout\n`);

  const rounds = CALL_ROUNDS[plan.name];
  const matrixSteps = tearingSteps(plan);
  const beforeCosts = matrixSteps + calibrationSteps(plan);
  const steps = beforeCosts + rounds + 1;
  const progress = progressLine('bench');
  const tearing = await runTearingMatrix(plan, (done, _total, detail) => progress.update(done, steps, detail));
  const calibration = await runCalibration(plan, (done, _total, detail) => progress.update(matrixSteps + done, steps, detail));
  progress.update(beforeCosts, steps, 'uncontended cost per mode');
  const modeCosts = await runModeCosts(plan);
  const calls = await runCallCosts(plan, rounds, (round) => progress.update(beforeCosts + 1 + round, steps, `call costs, round ${round + 1}`));
  progress.end();
  const checks = computeChecks(plan, calls, tearing, calibration);

  console.log(`Tearing matrix: every mode, size and layout, ${plan.passes} x ${plan.runMs} ms each; the addon modes in batches, then one call per copy`);
  console.log(tearingMatrixTable(plan, tearing));
  console.log('\nCost matrix: rates under the Python demo\'s contention (2 writers + 1 reader), and one copy with nobody else running (median)');
  console.log(costMatrixTable(plan, tearing, modeCosts));
  console.log(
    `\nCalibration: JavaScript-driven runs against native threads, median of ${plan.calibrationPairs} alternating pairs of ${plan.calibrationRunMs} ms runs, ` +
      `--placement ${CALIBRATION_PLACEMENT}`,
  );
  console.log(calibrationTable(calibration));
  console.log('\nSingle calls in one thread (median per call)');
  console.log(callTable(calls.timings));
  console.log('\nSummary: the fraction of snapshots torn ("0": not one)');
  console.log(tornGrid(plan, tearing));
  console.log(summaryTable(plan, tearing, modeCosts));
  console.log(checksTable(checks));

  const elapsedMs = performance.now() - start;
  const file = await writeReport(out, {
    tool: 'tearlab',
    version,
    plan,
    startedAt,
    elapsedMs,
    environment: env,
    tearing,
    calibration,
    modeCosts,
    calls: calls.timings,
    checks,
  });
  console.log(`\nFull results: ${file} (${(elapsedMs / 1000).toFixed(0)} s)`);
}

/** Runs the bench with command-line `argv` and returns the exit code. */
export async function benchMain(argv: string[]): Promise<number> {
  let args: BenchArgs | 'help';
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    console.error(`tearlab bench: ${(error as Error).message.split('\n')[0]}`);
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
  await bench(args);
  return 0;
}

