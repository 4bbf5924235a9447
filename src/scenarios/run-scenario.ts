// Runs a scenario: its workers start together on worker threads over fresh shared memory, and its counts come
// back with the time it took. An abort stops the workers through the control block, and the counts are those of
// the rounds done; the watchdog of the tearing runs (src/watchdog.ts) ends a run that hangs.
import { performance } from 'node:perf_hooks';
import { open } from '../barrier.js';
import { describe } from '../describe.js';
import { RELEASED, STOP } from '../layout.js';
import { startWatchdog, watchdogMs } from '../watchdog.js';
import { gatherReports, reportedFlags, startWorker } from '../worker-start.js';
import { binding } from '../native.js';
import { switchIntervalOption } from '../options.js';
import { controlWords, FIRST_WORKER_PROGRESS } from './control.js';
import { SCENARIO_NAMES, SCENARIOS } from './index.js';
import type { ScenarioName, ScenarioOptions, VariantName, WorkerReport } from './scenario.js';
import type { ScenarioWorkerTask } from './scenario-worker.js';

const WORKER_URL = new URL('./scenario-worker.js', import.meta.url);

export const SCENARIO_DEFAULTS = { iters: 1_000_000, widen: false, workIters: 10, workers: 2, switchIntervalMs: 5 } as const;
export const MAX_SCENARIO_ITERS = 100_000_000;
export const MAX_SCENARIO_WORKERS = 64;
export const MAX_WORK_ITERS = 1_000_000;

export interface ScenarioRequest {
  scenario: ScenarioName;
  /** A variant the scenario has (default unlocked). */
  variant?: VariantName;
  iters?: number;
  widen?: boolean;
  workIters?: number;
  workers?: number;
  /** gil: the switch interval in milliseconds (default 5, as sys.setswitchinterval; shorter than 1 µs counts as 1 µs). */
  switchIntervalMs?: number;
  /** Stops the run when aborted: it resolves with the counts of the rounds done, `stoppedBy: 'signal'`. */
  signal?: AbortSignal;
}

export interface ScenarioResult {
  scenario: ScenarioName;
  variant: VariantName;
  /** The scenario's count: inconsistent pairs (pair), lost updates (counter), odd lengths (parity). */
  countName: string;
  count: number;
  figures: Record<string, number>;
  options: ScenarioOptions;
  elapsedMs: number;
  /** 'iters': every writing worker did its `iters` rounds; 'signal': the run was aborted before. */
  stoppedBy: 'iters' | 'signal';
  /** The rounds the writing workers did, all together: 0 when the run was aborted before it started. */
  rounds: number;
}

function integer(value: unknown, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`options.${name} must be a number, got ${describe(value)}`);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`options.${name} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}


/** The request checked and completed; TypeError or RangeError naming the option otherwise. */
export function resolveScenario(request: ScenarioRequest): ScenarioOptions {
  if (typeof request !== 'object' || request === null) throw new TypeError(`options must be an object, got ${describe(request)}`);
  const known = new Set(['scenario', 'variant', 'iters', 'widen', 'workIters', 'workers', 'switchIntervalMs', 'signal']);
  const unknown = Object.keys(request).find((key) => !known.has(key));
  if (unknown !== undefined) throw new TypeError(`options.${unknown} is not an option (options are ${[...known].join(', ')})`);
  if (!SCENARIO_NAMES.includes(request.scenario)) {
    throw new TypeError(`options.scenario must be one of ${SCENARIO_NAMES.map((n) => `'${n}'`).join(', ')}, got ${describe(request.scenario)}`);
  }
  const scenario = SCENARIOS[request.scenario];
  const variant = request.variant ?? 'unlocked';
  if (!scenario.variants.includes(variant)) {
    throw new TypeError(`options.variant must be one of ${scenario.variants.map((v) => `'${v}'`).join(', ')} for ${scenario.name}, got ${describe(variant)}`);
  }
  if (request.widen !== undefined && typeof request.widen !== 'boolean') throw new TypeError(`options.widen must be a boolean, got ${describe(request.widen)}`);
  if (request.signal !== undefined && !(request.signal instanceof AbortSignal)) {
    throw new TypeError(`options.signal must be an AbortSignal, got ${describe(request.signal)}`);
  }
  return {
    scenario: scenario.name,
    variant,
    iters: integer(request.iters, 'iters', SCENARIO_DEFAULTS.iters, 1, MAX_SCENARIO_ITERS),
    widen: request.widen ?? SCENARIO_DEFAULTS.widen,
    workIters: integer(request.workIters, 'workIters', SCENARIO_DEFAULTS.workIters, 0, MAX_WORK_ITERS),
    workers: integer(request.workers, 'workers', SCENARIO_DEFAULTS.workers, 1, MAX_SCENARIO_WORKERS),
    switchIntervalMs: switchIntervalOption(request.switchIntervalMs),
  };
}


/** Runs the scenario once and counts what went wrong. */
export async function runScenario(request: ScenarioRequest): Promise<ScenarioResult> {
  const options = resolveScenario(request);
  const { signal } = request;
  const limitMs = watchdogMs();
  const scenario = SCENARIOS[options.scenario];
  const shared = new SharedArrayBuffer(scenario.sharedBytes(options));
  const roles = scenario.roles(options);
  const words = new Int32Array(new SharedArrayBuffer(controlWords(roles.length) * Int32Array.BYTES_PER_ELEMENT));
  // Process-wide, as sys.setswitchinterval is; only the gil variant waits on it.
  binding.setSwitchInterval(Math.round(options.switchIntervalMs * 1000));
  const writers = roles.filter((r) => r.writes).length;
  const started = performance.now();
  const workers = roles.map(({ role, writes }, index) =>
    startWorker<WorkerReport, ScenarioWorkerTask>(WORKER_URL, { options, role, index, writes, writers, parties: roles.length, shared, control: words.buffer as SharedArrayBuffer }),
  );

  let stoppedAt: number | null = null;
  const stop = () => {
    stoppedAt ??= performance.now();
    Atomics.store(words, STOP, 1);
    open(words);
  };
  signal?.addEventListener('abort', stop, { once: true });
  if (signal?.aborted) stop();
  const names = roles.map(({ role }, index) => `${role} ${index}`);
  const watchdog = startWatchdog({
    names,
    reported: reportedFlags(workers),
    progressNames: names,
    stalled: 'made no progress',
    progress: () => roles.map((_, i) => Atomics.load(words, FIRST_WORKER_PROGRESS + i)),
    stoppedAt: () => stoppedAt,
    opened: () => Atomics.load(words, RELEASED) !== 0,
    stop,
  }, limitMs);
  try {
    const reports = await gatherReports(workers, watchdog.failed, stop);
    const { count, figures } = scenario.summarize(options, reports, shared);
    const writersRounds = reports.filter((_, i) => roles[i].writes).map((report) => report.rounds as number);
    return {
      scenario: options.scenario,
      variant: options.variant,
      countName: scenario.countName,
      count,
      figures: { ...figures },
      options,
      elapsedMs: performance.now() - started,
      stoppedBy: writersRounds.some((rounds) => rounds < options.iters) ? 'signal' : 'iters',
      rounds: writersRounds.reduce((total, rounds) => total + rounds, 0),
    };
  } finally {
    watchdog.dispose();
    signal?.removeEventListener('abort', stop);
  }
}
