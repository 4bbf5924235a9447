// The experiment's options: defaults as in the Python ctypes demo, and checks that
// name the option they reject.
import { type BatchSetting, MAX_BATCH } from './batch-size.js';
import { describe } from './describe.js';
import { type ModeName, strategyFor } from './modes/index.js';
import { MAX_OFFSET, type ReadPace } from './modes/strategy.js';
import { DEFAULT_ANATOMY_SAMPLE } from './outcome-tally.js';
import { NO_PLACEMENT, parsePlacement, type PlacementRequest } from './placement.js';

export interface TearingOptions {
  /** A mode name or alias (default 'unlocked'). */
  mode?: ModeName | 'pydll' | 'cdll';
  /** Bytes in the shared buffer and in every snapshot (default 131072, the demo's SIZE). */
  size?: number;
  /** Where the shared data starts: this many bytes after a page boundary (default 0, at most 4095). */
  offset?: number;
  /** Reader snapshots in all, shared among the readers (default 200000, the demo's ITERS). */
  iters?: number;
  /** Time budget in milliseconds; the run stops at whichever of iters and time comes first (default: none). */
  timeMs?: number;
  /** Writer workers (default 2); one writer alternates two patterns. */
  writers?: number;
  /** Reader workers (default 1). */
  readers?: number;
  /** Makes reader 0 copy in pieces with pauses, holding whatever its mode holds (default false). */
  slowReader?: boolean;
  /**
   * Copies per addon call: 'auto' (default) sizes batches so one call lasts about 100 µs; 1 is one call per
   * copy, as a JavaScript program calling memcpy itself. js-set and js-lock always run one copy per call.
   */
  batch?: BatchSetting;
  /** 'none' (default), 'spread', 'same-cpu' or 'cpus:0,1,...': which CPU each worker is pinned to. */
  placement?: string;
  /** Also runs the same configuration on native threads, alternating, and reports the efficiency (default false). */
  calibrate?: boolean;
  /** Pairs of JavaScript-driven and native runs when calibrating (default 5, at least 3). */
  calibrationPairs?: number;
  /** Torn snapshots whose anatomy is taken, at most, per run (default 1000; 0 for none). Outcomes are counted for all. */
  anatomySample?: number;
  /**
   * Modes gil and gil-released: how long a worker waits for the GIL before it asks the holder to drop it, in
   * milliseconds, as Python's sys.setswitchinterval sets it (default 5; shorter than 1 µs counts as 1 µs, as
   * CPython clamps it). Process-wide, like Python's.
   */
  switchIntervalMs?: number;
  /** Called about ten times a second with the snapshots taken so far and the iters target. */
  onProgress?: (snapshots: number, iters: number) => void;
  /** Stops the run when aborted: it resolves with what was measured, `stoppedBy: 'signal'`. */
  signal?: AbortSignal;
}

export interface ResolvedOptions {
  readonly mode: ModeName;
  readonly size: number;
  readonly offset: number;
  readonly iters: number;
  readonly timeMs: number | null;
  readonly writers: number;
  readonly readers: number;
  readonly slowReader: boolean;
  readonly batch: BatchSetting;
  readonly placement: PlacementRequest;
  readonly calibrate: boolean;
  readonly calibrationPairs: number;
  readonly anatomySample: number;
  readonly switchIntervalMs: number;
  readonly onProgress: ((snapshots: number, iters: number) => void) | null;
  readonly signal: AbortSignal | null;
}

export const DEFAULTS = {
  mode: 'unlocked',
  size: 131_072,
  offset: 0,
  iters: 200_000,
  writers: 2,
  readers: 1,
  calibrationPairs: 5,
  anatomySample: DEFAULT_ANATOMY_SAMPLE,
  switchIntervalMs: 5,
} as const;

/** The shortest switch interval (CPython's 1 µs) and the longest (1,000 s). */
export const MIN_SWITCH_INTERVAL_MS = 0.001;
export const MAX_SWITCH_INTERVAL_MS = 1_000_000;

export const MAX_ANATOMY_SAMPLE = 1e9;

export const MAX_SIZE = 1 << 30;
/** The longest time budget: Node's timers fire at once for longer delays (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIME_MS = 2 ** 31 - 1;
export const MIN_CALIBRATION_PAIRS = 3;
export const MAX_WORKERS_PER_ROLE = 64;

/** A slow reader copies in pieces with pauses between them, then rests. */
export const SLOW_READ_PACE: ReadPace = { chunks: 8, pauseMicros: 50, restMicros: 1000 };
export const NORMAL_READ_PACE: ReadPace = { chunks: 1, pauseMicros: 0, restMicros: 0 };

/** How reader `index` copies: reader 0 is the slow one when slowReader is set. */
export function readerPace(options: ResolvedOptions, index: number): ReadPace {
  return options.slowReader && index === 0 ? SLOW_READ_PACE : NORMAL_READ_PACE;
}

function integerOption(
  options: TearingOptions,
  key: 'size' | 'offset' | 'iters' | 'writers' | 'readers' | 'calibrationPairs' | 'anatomySample',
  min: number,
  max: number,
): number {
  const value = options[key] ?? DEFAULTS[key];
  if (typeof value !== 'number') throw new TypeError(`options.${key} must be a number, got ${describe(value)}`);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new RangeError(`options.${key} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

function batchOption(batch: unknown): BatchSetting {
  if (batch === undefined || batch === 'auto') return 'auto';
  if (typeof batch !== 'number') throw new TypeError(`options.batch must be 'auto' or a number, got ${describe(batch)}`);
  if (!Number.isSafeInteger(batch) || batch < 1 || batch > MAX_BATCH) {
    throw new RangeError(`options.batch must be 'auto' or an integer from 1 to ${MAX_BATCH}, got ${describe(batch)}`);
  }
  return batch;
}

/** Every option runTearing knows: any other key is a mistake (a misspelling, or `time` for `timeMs`). */
const KNOWN_OPTIONS: ReadonlySet<string> = new Set<keyof TearingOptions>([
  'mode', 'size', 'offset', 'iters', 'timeMs', 'writers', 'readers', 'slowReader', 'batch', 'placement',
  'calibrate', 'calibrationPairs', 'anatomySample', 'switchIntervalMs', 'onProgress', 'signal',
]);

/** The switch interval in milliseconds, clamped up to 1 µs as CPython clamps it. */
export function switchIntervalOption(value: unknown): number {
  if (value === undefined) return DEFAULTS.switchIntervalMs;
  if (typeof value !== 'number') throw new TypeError(`options.switchIntervalMs must be a number, got ${describe(value)}`);
  if (!(value > 0) || !(value <= MAX_SWITCH_INTERVAL_MS)) {
    throw new RangeError(`options.switchIntervalMs must be more than 0 and at most ${MAX_SWITCH_INTERVAL_MS} milliseconds, got ${describe(value)}`);
  }
  return Math.max(value, MIN_SWITCH_INTERVAL_MS);
}

export function resolveOptions(options: TearingOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describe(options)}`);
  }
  const unknown = Object.keys(options).find((key) => !KNOWN_OPTIONS.has(key));
  if (unknown !== undefined) {
    throw new TypeError(`options.${unknown} is not an option (options are ${[...KNOWN_OPTIONS].join(', ')})`);
  }
  const mode = strategyFor(options.mode ?? DEFAULTS.mode, 'options.mode').name;
  const { timeMs, slowReader, calibrate, onProgress, signal } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
  if (timeMs !== undefined) {
    if (typeof timeMs !== 'number') throw new TypeError(`options.timeMs must be a number, got ${describe(timeMs)}`);
    if (!(timeMs > 0) || !(timeMs <= MAX_TIME_MS)) {
      throw new RangeError(`options.timeMs must be more than 0 and at most ${MAX_TIME_MS} milliseconds, got ${describe(timeMs)}`);
    }
  }
  if (slowReader !== undefined && typeof slowReader !== 'boolean') {
    throw new TypeError(`options.slowReader must be a boolean, got ${describe(slowReader)}`);
  }
  if (calibrate !== undefined && typeof calibrate !== 'boolean') {
    throw new TypeError(`options.calibrate must be a boolean, got ${describe(calibrate)}`);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TypeError(`options.onProgress must be a function, got ${describe(onProgress)}`);
  }
  return {
    mode,
    size: integerOption(options, 'size', 1, MAX_SIZE),
    offset: integerOption(options, 'offset', 0, MAX_OFFSET),
    iters: integerOption(options, 'iters', 1, Number.MAX_SAFE_INTEGER),
    timeMs: timeMs ?? null,
    writers: integerOption(options, 'writers', 1, MAX_WORKERS_PER_ROLE),
    readers: integerOption(options, 'readers', 1, MAX_WORKERS_PER_ROLE),
    slowReader: slowReader ?? false,
    batch: batchOption(options.batch),
    placement: options.placement === undefined ? NO_PLACEMENT : parsePlacement(options.placement),
    calibrate: calibrate ?? false,
    calibrationPairs: integerOption(options, 'calibrationPairs', MIN_CALIBRATION_PAIRS, 1000),
    anatomySample: integerOption(options, 'anatomySample', 0, MAX_ANATOMY_SAMPLE),
    switchIntervalMs: switchIntervalOption(options.switchIntervalMs),
    onProgress: onProgress ?? null,
    signal: signal ?? null,
  };
}
