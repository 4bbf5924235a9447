// tearlab run --scenario pair|counter|parity [--mode VARIANT] [--iters N] [--widen] [--work-iters N] [--workers N]:
// the blog posts' other races, one line per variant.
import { performance } from 'node:perf_hooks';
import { environment } from '../environment.js';
import { catchInterruptions, SIGNAL_EXIT_CODES } from '../interrupt.js';
import { TEARLAB_VERSION } from '../package-files.js';
import { parseCount, parseFlags, UsageError } from '../parse.js';
import { resultsText, SCHEMA_VERSION } from '../results-file.js';
import { parseSwitchInterval, prepareJson } from '../run-command.js';
import { SCENARIO_NAMES, SCENARIOS } from './index.js';
import { MAX_SCENARIO_ITERS, MAX_SCENARIO_WORKERS, MAX_WORK_ITERS, runScenario, SCENARIO_DEFAULTS, type ScenarioResult } from './run-scenario.js';
import type { ScenarioName, VariantName } from './scenario.js';

export const SCENARIO_USAGE = `Usage: tearlab run --scenario pair|counter|parity [--mode VARIANT] [--iters N] [--widen] [--work-iters N] [--workers N]
                   [--switch-interval DURATION] [--json FILE]
  pair: a mover stores x=1, y=2, x=3, y=4; a checker counts pairs outside (0,0), (1,2), (3,4)   variants: ${SCENARIOS.pair.variants.join(', ')}
  counter: --workers N (default ${SCENARIO_DEFAULTS.workers}) each add 1 and take a request id --iters times   variants: ${SCENARIOS.counter.variants.join(', ')}
  parity: a writer does +1, +1, -1, -1 on a length; a checker counts odd lengths   variants: ${SCENARIOS.parity.variants.join(', ')}
  Without --mode every variant runs. --iters (default ${SCENARIO_DEFAULTS.iters}) is each writing worker's loop count; --widen
  (pair) does --work-iters (default ${SCENARIO_DEFAULTS.workIters}) steps of CPU work between the two stores. gil runs the racy
  form under the GIL with a safe point after every load and store; --switch-interval (default 5ms) as for the gil mode.
  global-lock makes each compound step one addon call holding the process-wide lock (a ctypes.PyDLL call).
  --json FILE writes the runs into a results file (its scenarios part).
  Ctrl-C or SIGTERM stops the run: the variants done, and the one under way (stopped_by=signal) if it had
  started, are printed and written, marked partial.
  Exit status: 0, 1 when a fix (lock, publish, atomic, global-lock) counted anything, 130 or 143 when stopped by SIGINT or SIGTERM.`;

/** The variants that must count nothing: unlocked and gil race by design. */
const FIXES: ReadonlySet<VariantName> = new Set(['global-lock', 'lock', 'publish', 'atomic']);

interface ScenarioCommand {
  scenario: ScenarioName;
  variants: VariantName[];
  iters: number;
  widen: boolean;
  workIters: number;
  workers: number;
  switchIntervalMs: number;
  json: string | null;
}

/** The arguments of a scenario run; every mistake in them is a UsageError. */
export function parseScenarioArgs(args: string[]): ScenarioCommand | 'help' {
  const { values } = parseFlags({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      scenario: { type: 'string' },
      mode: { type: 'string' },
      iters: { type: 'string' },
      widen: { type: 'boolean' },
      'work-iters': { type: 'string' },
      workers: { type: 'string' },
      'switch-interval': { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const name = values.scenario as ScenarioName;
  if (!SCENARIO_NAMES.includes(name)) throw new UsageError(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}, got '${values.scenario}'`);
  const scenario = SCENARIOS[name];
  const mode = values.mode as VariantName | undefined;
  if (mode !== undefined && !scenario.variants.includes(mode)) {
    throw new UsageError(`--mode for --scenario ${name} must be one of ${scenario.variants.join(', ')}, got '${mode}'`);
  }
  return {
    scenario: name,
    variants: mode === undefined ? [...scenario.variants] : [mode],
    iters: values.iters === undefined ? SCENARIO_DEFAULTS.iters : parseCount(values.iters, '--iters', 1, MAX_SCENARIO_ITERS),
    widen: values.widen ?? SCENARIO_DEFAULTS.widen,
    workIters: values['work-iters'] === undefined ? SCENARIO_DEFAULTS.workIters : parseCount(values['work-iters'], '--work-iters', 0, MAX_WORK_ITERS),
    workers: values.workers === undefined ? SCENARIO_DEFAULTS.workers : parseCount(values.workers, '--workers', 1, MAX_SCENARIO_WORKERS),
    switchIntervalMs: values['switch-interval'] === undefined ? SCENARIO_DEFAULTS.switchIntervalMs : parseSwitchInterval(values['switch-interval']),
    json: values.json ?? null,
  };
}

/** `mode=<variant> scenario=<name> <count>=<N>`, the scenario's other figures, and the time taken. */
export function formatScenarioResult(result: ScenarioResult): string {
  const pairs: [string, string | number][] = [
    ['mode', result.variant],
    ['scenario', result.scenario],
    [result.countName, result.count],
    ...Object.entries(result.figures),
    ['iters', result.options.iters],
    ['elapsed_s', (result.elapsedMs / 1000).toFixed(3)],
  ];
  if (result.scenario === 'pair') pairs.push(['widen', result.options.widen ? result.options.workIters : 0]);
  if (result.scenario === 'counter') pairs.push(['workers', result.options.workers]);
  if (result.variant === 'gil') pairs.push(['switch_interval_ms', result.options.switchIntervalMs]);
  if (result.stoppedBy === 'signal') pairs.push(['stopped_by', 'signal']);
  return pairs.map(([key, value]) => `${key}=${value}`).join(' ');
}

/**
 * Runs the command's variants one after another; 1 when a fix counted anything, 0 otherwise, and 130 or 143 when
 * SIGINT or SIGTERM stopped it (the variants done, and the one it stopped, are printed and written all the same).
 */
export async function scenarioMain(args: string[]): Promise<number> {
  const command = parseScenarioArgs(args);
  if (command === 'help') {
    console.log(SCENARIO_USAGE);
    return 0;
  }
  const scenario = SCENARIOS[command.scenario];
  const json = await prepareJson(command.json);
  const interruption = catchInterruptions('tearlab run');
  const startedAt = new Date().toISOString();
  const started = performance.now();
  console.log(`Scenario ${scenario.name}: ${scenario.source}`);
  let fixFailed = false;
  const results: ScenarioResult[] = [];
  const write = (partial: boolean) =>
    json?.commit(
      resultsText({
        schemaVersion: SCHEMA_VERSION,
        tool: 'tearlab',
        version: TEARLAB_VERSION,
        command: 'run',
        startedAt,
        elapsedMs: performance.now() - started,
        partial,
        trials: 1,
        runMs: null,
        environment: environment(),
        cells: [],
        scenarios: results,
      }),
    );
  try {
    const { scenario: name, iters, widen, workIters, workers, switchIntervalMs } = command;
    try {
      for (const variant of command.variants) {
        if (interruption.signal.aborted) break;
        const result = await runScenario({ scenario: name, variant, iters, widen, workIters, workers, switchIntervalMs, signal: interruption.signal });
        // Stopped before its first round, it counted nothing worth keeping.
        if (result.rounds === 0) break;
        results.push(result);
        console.log(formatScenarioResult(result));
        if (FIXES.has(variant) && result.count > 0) fixFailed = true;
      }
    } catch (error) {
      // A variant that failed (a worker that threw, or one the watchdog ended) keeps the variants run before it.
      if (results.length > 0) await write(true);
      throw error;
    }
    await write(interruption.received !== null);
    if (interruption.received !== null) {
      console.error(`tearlab run: stopped by ${interruption.received}; the results above${command.json ? ` and in ${command.json}` : ''} are partial`);
      return SIGNAL_EXIT_CODES[interruption.received];
    }
  } finally {
    interruption.dispose();
    await json?.discard();
  }
  return fixFailed ? 1 : 0;
}
