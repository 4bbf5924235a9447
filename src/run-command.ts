// tearlab run: the Python ctypes tearing experiment of "The GIL Was Your Lock" from the command line, with the
// fixes, trials and intervals, and a results file.
import { performance } from 'node:perf_hooks';
import { type AtomicFile, createAtomicFile } from './atomic-file.js';
import { MAX_BATCH } from './batch-size.js';
import { environment } from './environment.js';
import { failureRecord } from './error-text.js';
import { type ConfigLine, formatCellSummary, formatConfig, formatEnvironment, formatResult } from './format.js';
import { formatAnatomy, formatOutcomes } from './format-outcomes.js';
import { MODE_ALIASES, MODE_NAMES, type ModeName, strategyFor } from './modes/index.js';
import { MAX_OFFSET } from './modes/strategy.js';
import { DEFAULTS, MAX_ANATOMY_SAMPLE, MAX_SIZE, MAX_SWITCH_INTERVAL_MS, MAX_WORKERS_PER_ROLE, MIN_SWITCH_INTERVAL_MS, type TearingOptions } from './options.js';
import { catchInterruptions, SIGNAL_EXIT_CODES } from './interrupt.js';
import { observationLine } from './outcomes.js';
import { parseCount, parseDuration, parseFlags, UsageError } from './parse.js';
import { formatPlacement, NO_PLACEMENT, parsePlacement } from './placement.js';
import { progressLine } from './progress.js';
import type { Cell, TearingResult } from './results.js';
import { TEARLAB_VERSION } from './package-files.js';
import { resultsText, type RunFailure, SCHEMA_VERSION } from './results-file.js';
import { parseSweep } from './sweep.js';
import { alternateTrials, MAX_TRIALS } from './trials.js';

export const RUN_SYNOPSIS = `Usage: tearlab run [--mode M] [--size SIZES] [--offset OFFSETS] [--iters N] [--time DURATION]
                   [--trials N] [--writers N] [--readers N] [--slow-reader] [--batch N|auto]
                   [--placement none|spread|same-cpu|cpus:LIST] [--calibrate] [--anatomy-sample N]
                   [--switch-interval DURATION] [--json FILE]`;

export const RUN_DETAILS = `Without --mode, runs global-lock then unlocked: the two outcomes of the Python ctypes demo side by side.
Modes: ${MODE_NAMES.join(', ')} (aliases: ${Object.entries(MODE_ALIASES)
  .map(([alias, mode]) => `${alias}=${mode}`)
  .join(', ')})
Defaults: --size ${DEFAULTS.size} --offset 0 --iters ${DEFAULTS.iters} --writers ${DEFAULTS.writers} --readers ${DEFAULTS.readers} --trials 1, no time budget.
--size and --offset sweep: a list (64,4KiB,1MiB), a geometric range (8..4MiB*2) or an arithmetic one
(0..256+64), in bytes, KiB, MiB or GiB; --offset starts the shared data that many bytes into a page (0 to
${MAX_OFFSET}), so copies straddle cache lines and pages. Every size runs at every offset.
--trials N runs every mode N times, each in fresh workers, the modes taking turns, and prints each mode's
medians with 95% intervals (6 trials or more) and its torn fraction with a Wilson interval. --time is each
mode's budget, shared among the sweep's points and the trials; --iters is each trial's.
--batch auto (default) copies in batches inside the addon, about 100 µs per call; --batch 1 makes one
addon call per copy, as a JavaScript program calling memcpy itself. --calibrate also runs the same
configuration on native threads (${DEFAULTS.calibrationPairs} alternating pairs) and prints efficiency = JS torn/s / native torn/s.
Every snapshot's outcome is counted (intact:<pattern>, intact:initial, torn:2-segments, torn:3+-segments)
and graded by its mode; --anatomy-sample N (default ${DEFAULTS.anatomySample}, 0 for none) dissects that many torn
snapshots per run: where their pattern boundaries fall, modulo 16, 64 and 4096 bytes from the page.
gil and gil-released run under a GIL like CPython's: a worker waits --switch-interval (default 5ms, as
sys.setswitchinterval; at least 1us) for it, then asks its holder to hand it over at the next addon call.
Numbers may contain underscores (200_000); DURATION takes us, ms, s or m (50us, 500ms, 10s, 2m).
Environment: SIZE, ITERS, and USE_CDLL=1 (meaning --mode unlocked) work as in the Python ctypes demo; flags win.
Exit status: 0, or 1 when a mode that forbids tearing (the global lock, every fix) saw a torn snapshot.`;

const CTYPES_OUTCOMES: ModeName[] = ['global-lock', 'unlocked'];

interface RunCommand extends ConfigLine {
  modes: ModeName[];
  anatomySample: number;
  switchIntervalMs: number;
  json: string | null;
}

/** Runs a parser of the library's options, turning its TypeError or RangeError into a usage error. */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function parseRun(args: string[], env: NodeJS.ProcessEnv): RunCommand | 'help' {
  const { values } = parseFlags({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      mode: { type: 'string' },
      size: { type: 'string' },
      offset: { type: 'string' },
      iters: { type: 'string' },
      time: { type: 'string' },
      trials: { type: 'string' },
      writers: { type: 'string' },
      readers: { type: 'string' },
      'slow-reader': { type: 'boolean' },
      batch: { type: 'string' },
      placement: { type: 'string' },
      calibrate: { type: 'boolean' },
      'anatomy-sample': { type: 'string' },
    'switch-interval': { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const useCdll = env.USE_CDLL === '1';
  const modeFlag = values.mode;
  let modes = CTYPES_OUTCOMES;
  if (modeFlag !== undefined) {
    modes = [usage(() => strategyFor(modeFlag, '--mode')).name];
  } else if (useCdll) {
    modes = ['unlocked'];
  }
  const fromEnv = (name: string) => (env[name] !== undefined && env[name] !== '' ? env[name] : undefined);
  const sizeText = values.size ?? fromEnv('SIZE');
  const itersText = values.iters ?? fromEnv('ITERS');
  return {
    modes,
    sizes: sizeText === undefined ? [DEFAULTS.size] : parseSweep(sizeText, values.size === undefined ? 'SIZE' : '--size', { min: 1, max: MAX_SIZE }),
    offsets: values.offset === undefined ? [DEFAULTS.offset] : parseSweep(values.offset, '--offset', { min: 0, max: MAX_OFFSET }),
    iters: itersText === undefined ? DEFAULTS.iters : parseCount(itersText, values.iters === undefined ? 'ITERS' : '--iters'),
    timeMs: values.time === undefined ? null : parseDuration(values.time, '--time'),
    trials: values.trials === undefined ? 1 : parseCount(values.trials, '--trials', 1, MAX_TRIALS),
    writers: values.writers === undefined ? DEFAULTS.writers : parseCount(values.writers, '--writers', 1, MAX_WORKERS_PER_ROLE),
    readers: values.readers === undefined ? DEFAULTS.readers : parseCount(values.readers, '--readers', 1, MAX_WORKERS_PER_ROLE),
    slowReader: values['slow-reader'] ?? false,
    batch: values.batch === undefined || values.batch === 'auto' ? 'auto' : parseCount(values.batch, '--batch (a number or auto)', 1, MAX_BATCH),
    placement: values.placement === undefined ? NO_PLACEMENT : usage(() => parsePlacement(values.placement, '--placement')),
    calibrate: values.calibrate ?? false,
    anatomySample: values['anatomy-sample'] === undefined ? DEFAULTS.anatomySample : parseCount(values['anatomy-sample'], '--anatomy-sample', 0, MAX_ANATOMY_SAMPLE),
    switchIntervalMs: values['switch-interval'] === undefined ? DEFAULTS.switchIntervalMs : parseSwitchInterval(values['switch-interval']),
    json: values.json ?? null,
    useCdll,
  };
}

/** --switch-interval: a duration up to MAX_SWITCH_INTERVAL_MS (shorter than 1us counts as 1us, as in CPython). */
export function parseSwitchInterval(text: string): number {
  const ms = parseDuration(text, '--switch-interval');
  if (ms > MAX_SWITCH_INTERVAL_MS) throw new UsageError(`--switch-interval must be at most ${MAX_SWITCH_INTERVAL_MS} ms, got '${text}'`);
  return Math.max(ms, MIN_SWITCH_INTERVAL_MS);
}

/** Prepares the --json file before the runs, so a bad path fails in a second rather than after a long run. */
export async function prepareJson(file: string | null): Promise<AtomicFile | null> {
  if (file === null) return null;
  try {
    return await createAtomicFile(file);
  } catch (error) {
    throw new UsageError(`--json cannot write ${file}: ${(error as Error).message}`);
  }
}

/** The sweep's points: every size at every offset. */
function points(command: RunCommand): { size: number; offset: number }[] {
  return command.sizes.flatMap((size) => command.offsets.map((offset) => ({ size, offset })));
}

/** Each run's time budget: the mode's --time shared among the sweep's points and the trials. */
function runMs(command: RunCommand): number | null {
  return command.timeMs === null ? null : command.timeMs / (points(command).length * command.trials);
}

/** The modes at one point of the sweep. */
function configurations(command: RunCommand, size: number, offset: number, signal: AbortSignal): TearingOptions[] {
  const timeMs = runMs(command) ?? undefined;
  return command.modes.map((mode) => ({
    signal,
    mode,
    size,
    offset,
    iters: command.iters,
    timeMs,
    writers: command.writers,
    readers: command.readers,
    slowReader: command.slowReader,
    batch: command.batch,
    placement: formatPlacement(command.placement),
    calibrate: command.calibrate,
    anatomySample: command.anatomySample,
    switchIntervalMs: command.switchIntervalMs,
  }));
}

/** The outcomes by name with their grades, the tear anatomy of the sample, and litmus7's verdict line. */
function printOutcomes(result: Pick<TearingResult, 'mode' | 'outcomes' | 'anatomy' | 'torn' | 'snapshots'>): void {
  console.log(formatOutcomes(result));
  for (const line of formatAnatomy(result)) console.log(line);
  console.log(observationLine(result));
}

function printSummary(cells: readonly Cell[]): void {
  console.log('Summary of the trials (95% intervals):');
  for (const cell of cells) {
    const { summary } = cell;
    console.log(formatCellSummary(cell));
    printOutcomes({ ...summary, mode: cell.mode });
  }
}

/**
 * Runs the modes at every point of the sweep, printing each run as it ends and adding each point's cells to
 * `cells` as it ends, until done or aborted. A run that fails ends it: the trials finished before it, at its
 * point too, are in `cells`, and its error is thrown with where it happened in `failedAt`.
 */
async function measure(command: RunCommand, signal: AbortSignal, cells: Cell[], failedAt: { stage: string }): Promise<void> {
  const progress = progressLine('tearlab run');
  const total = points(command).length * command.modes.length * command.trials;
  let done = 0;
  try {
    for (const { size, offset } of points(command)) {
      if (signal.aborted) break;
      const modes = configurations(command, size, offset, signal);
      const { cells: atPoint, failure } = await alternateTrials(modes, command.trials, ({ result, trial }) => {
        progress.end();
        console.log(command.trials > 1 ? `${formatResult(result)} trial=${trial + 1}` : formatResult(result));
        if (command.trials === 1) printOutcomes(result);
        progress.update(++done, total, `mode=${result.mode} size=${size} offset=${offset}`);
      });
      progress.end();
      cells.push(...atPoint);
      if (failure !== null) {
        failedAt.stage = `mode=${modes[failure.index].mode} size=${size} offset=${offset} trial=${failure.trial + 1}`;
        throw failure.error;
      }
      if (command.trials > 1) printSummary(atPoint);
    }
  } finally {
    progress.end();
  }
}

/**
 * Runs every mode of the command; 1 when a mode tore where it forbids tearing, 0 otherwise, and 130 or 143 when
 * SIGINT or SIGTERM stopped it (what was measured is printed and written all the same).
 */
export async function runCommand(command: RunCommand): Promise<number> {
  const json = await prepareJson(command.json);
  const interruption = catchInterruptions('tearlab run');
  try {
    const start = performance.now();
    const startedAt = new Date().toISOString();
    const env = environment();
    console.log(formatEnvironment(env));
    console.log(formatConfig(command));
    const cells: Cell[] = [];
    const write = (partial: boolean, failure?: RunFailure) =>
      json?.commit(
        resultsText({
          schemaVersion: SCHEMA_VERSION,
          tool: 'tearlab',
          version: TEARLAB_VERSION,
          command: 'run',
          startedAt,
          elapsedMs: performance.now() - start,
          partial,
          trials: command.trials,
          runMs: runMs(command),
          environment: env,
          cells,
          failure,
        }),
      );
    const failedAt = { stage: 'run' };
    try {
      await measure(command, interruption.signal, cells, failedAt);
    } catch (error) {
      // A run that failed (a worker that threw, or one the watchdog ended) keeps the trials measured before it.
      if (cells.length > 0) await write(true, failureRecord(failedAt.stage, error));
      throw error;
    }
    await write(interruption.received !== null);
    if (interruption.received !== null) {
      console.error(`tearlab run: stopped by ${interruption.received}; the results above${command.json ? ` and in ${command.json}` : ''} are partial`);
      return SIGNAL_EXIT_CODES[interruption.received];
    }
    return cells.some((cell) => cell.summary.forbidden) ? 1 : 0;
  } finally {
    interruption.dispose();
    await json?.discard();
  }
}
