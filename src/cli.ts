#!/usr/bin/env node
// tearlab run: the Python ctypes tearing demo of "The GIL Was Your Lock" from the
// command line, with the fixes; tearlab bench: the whole benchmark.
import { parseArgs } from 'node:util';
import { type AtomicFile, createAtomicFile } from './atomic-file.js';
import { environment } from './environment.js';
import { runTearing } from './experiment.js';
import { type ConfigLine, formatConfig, formatEnvironment, formatResult } from './format.js';
import { MODE_ALIASES, MODE_NAMES, type ModeName, strategyFor } from './modes/index.js';
import { MAX_BATCH } from './batch-size.js';
import { DEFAULTS, MAX_SIZE, MAX_WORKERS_PER_ROLE } from './options.js';
import { formatPlacement, NO_PLACEMENT, parsePlacement } from './placement.js';
import { parseCount, parseDuration, UsageError } from './parse.js';
import { observationLine, sawForbidden } from './outcomes.js';
import { progressLine } from './progress.js';
import type { TearingResult } from './results.js';

const USAGE = `Usage: tearlab run [--mode M] [--size BYTES] [--iters N] [--time DURATION]
                   [--writers N] [--readers N] [--slow-reader] [--batch N|auto]
                   [--placement none|spread|same-cpu|cpus:LIST] [--calibrate] [--json FILE]
       tearlab bench [--quick] [--out DIR]     (tearlab bench --help says more)

Without --mode, runs global-lock then unlocked: the two outcomes of the Python ctypes demo side by side.
Modes: ${MODE_NAMES.join(', ')} (aliases: ${Object.entries(MODE_ALIASES)
  .map(([alias, mode]) => `${alias}=${mode}`)
  .join(', ')})
Defaults: --size ${DEFAULTS.size} --iters ${DEFAULTS.iters} --writers ${DEFAULTS.writers} --readers ${DEFAULTS.readers}, no time budget.
--batch auto (default) copies in batches inside the addon, about 100 µs per call; --batch 1 makes one
addon call per copy, as a JavaScript program calling memcpy itself. --calibrate also runs the same
configuration on native threads (${DEFAULTS.calibrationPairs} alternating pairs) and prints efficiency = JS torn/s / native torn/s.
Numbers may contain underscores (200_000); DURATION takes ms, s or m (500ms, 10s, 2m).
Environment: SIZE, ITERS, and USE_CDLL=1 (meaning --mode unlocked) work as in the Python ctypes demo; flags win.`;

const CTYPES_OUTCOMES: ModeName[] = ['global-lock', 'unlocked'];

interface RunCommand extends ConfigLine {
  modes: ModeName[];
  json: string | null;
}

/** node:util's parseArgs errors, in one line; "--iters -5" would otherwise read as a missing value. */
function describeParseError(error: Error & { code?: string }, args: string[]): string {
  const dashed = /Option '(--[\w-]+)' argument is ambiguous/.exec(error.message);
  if (dashed) {
    const value = args[args.indexOf(dashed[1]) + 1];
    return `${dashed[1]} must not be negative or start with '-', got '${value}'`;
  }
  return error.message.split('\n')[0];
}

/** Runs a parser of the library's options, turning its TypeError or RangeError into a usage error. */
function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseRun(args: string[], env: NodeJS.ProcessEnv): RunCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        mode: { type: 'string' },
        size: { type: 'string' },
        iters: { type: 'string' },
        time: { type: 'string' },
        writers: { type: 'string' },
        readers: { type: 'string' },
        'slow-reader': { type: 'boolean' },
        batch: { type: 'string' },
        placement: { type: 'string' },
        calibrate: { type: 'boolean' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(describeParseError(error as Error & { code?: string }, args));
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const useCdll = env.USE_CDLL === '1';
  const modeFlag = values.mode;
  let modes = CTYPES_OUTCOMES;
  if (modeFlag !== undefined) {
    modes = [usage(() => strategyFor(modeFlag, '--mode')).name];
  } else if (useCdll) {
    modes = ['unlocked'];
  }
  const count = (flag: string | undefined, envName: string, fallback: number, what: string, max?: number) => {
    if (flag !== undefined) return parseCount(flag, what, 1, max);
    const fromEnv = env[envName];
    return fromEnv !== undefined && fromEnv !== '' ? parseCount(fromEnv, envName, 1, max) : fallback;
  };
  return {
    modes,
    size: count(values.size, 'SIZE', DEFAULTS.size, '--size', MAX_SIZE),
    iters: count(values.iters, 'ITERS', DEFAULTS.iters, '--iters'),
    timeMs: values.time === undefined ? null : parseDuration(values.time, '--time'),
    writers: values.writers === undefined ? DEFAULTS.writers : parseCount(values.writers, '--writers', 1, MAX_WORKERS_PER_ROLE),
    readers: values.readers === undefined ? DEFAULTS.readers : parseCount(values.readers, '--readers', 1, MAX_WORKERS_PER_ROLE),
    slowReader: values['slow-reader'] ?? false,
    batch: values.batch === undefined || values.batch === 'auto' ? 'auto' : parseCount(values.batch, '--batch (a number or auto)', 1, MAX_BATCH),
    placement: values.placement === undefined ? NO_PLACEMENT : usage(() => parsePlacement(values.placement, '--placement')),
    calibrate: values.calibrate ?? false,
    json: values.json ?? null,
    useCdll,
  };
}

/** Prepares the --json file before the runs, so a bad path fails in a second rather than after a long run. */
async function prepareJson(file: string | null): Promise<AtomicFile | null> {
  if (file === null) return null;
  try {
    return await createAtomicFile(file);
  } catch (error) {
    throw new UsageError(`--json cannot write ${file}: ${(error as Error).message}`);
  }
}

async function runMode(mode: ModeName, command: RunCommand): Promise<TearingResult> {
  const progress = progressLine(`mode=${mode}`);
  try {
    return await runTearing({
      mode,
      size: command.size,
      iters: command.iters,
      timeMs: command.timeMs ?? undefined,
      writers: command.writers,
      readers: command.readers,
      slowReader: command.slowReader,
      batch: command.batch,
      placement: formatPlacement(command.placement),
      calibrate: command.calibrate,
      onProgress: (done, total) => progress.update(done, total),
    });
  } finally {
    progress.end();
  }
}

/** Runs every mode of the command; 1 when a mode tore where it forbids tearing, 0 otherwise. */
async function run(command: RunCommand): Promise<number> {
  const json = await prepareJson(command.json);
  try {
    console.log(formatEnvironment(environment()));
    console.log(formatConfig(command));
    const results: TearingResult[] = [];
    for (const mode of command.modes) {
      const result = await runMode(mode, command);
      results.push(result);
      console.log(formatResult(result));
      console.log(observationLine(result));
    }
    await json?.commit(`${JSON.stringify(results, null, 2)}\n`);
    return results.some(sawForbidden) ? 1 : 0;
  } finally {
    await json?.discard();
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      console.error(USAGE);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      console.log(USAGE);
      return 0;
    }
    if (command === 'bench') return await (await import('../bench/main.js')).benchMain(rest);
    if (command !== 'run') throw new UsageError(`unknown command '${command}' (try: tearlab run --help)`);
    const parsed = parseRun(rest, env);
    if (parsed === 'help') {
      console.log(USAGE);
      return 0;
    }
    return await run(parsed);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError || error instanceof TypeError) {
      console.error(`tearlab: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

// Output piped into a reader that stops early (| head) ends the run quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await main(process.argv.slice(2), process.env);
