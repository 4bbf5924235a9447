// The other races of the blog posts behind this project, beside the memcpy tear: a two-field invariant seen
// half-updated (pair), lost updates to a counter (counter) and a length seen odd mid-update (parity). A scenario
// says how its workers share memory and what each of them does under each variant; run-scenario.ts runs it.
//
// Every single load and store of shared memory is an Atomics.load or Atomics.store. On its own each is whole, as
// each bytecode's load or store is in CPython; what races is the sequence of them, which is the point. Plain
// typed-array accesses would race too, but the JIT may then merge, drop or reorder them (a store overwritten
// before any load is dead to it), so the count would measure V8's optimizer instead of the interleaving.
import type { JsMutex } from '../modes/js-mutex.js';

export type ScenarioName = 'pair' | 'counter' | 'parity';

/**
 * unlocked: the racy form; global-lock: every compound step inside one addon call holding the process-wide lock
 * (a ctypes.PyDLL call); gil: the racy form under the GIL of native/gil.h, with a safe point after every load and
 * store (as CPython may switch threads between any two bytecodes); lock: a mutex around every compound step;
 * publish and atomic: the scenario's own fix.
 */
export type VariantName = 'unlocked' | 'global-lock' | 'gil' | 'lock' | 'publish' | 'atomic';

export interface ScenarioOptions {
  scenario: ScenarioName;
  variant: VariantName;
  /** The loop count of each worker (ITERS in the Python scripts). */
  iters: number;
  /** pair: a little CPU work between the two stores (WIDEN=1), of workIters steps (WORK_ITERS). */
  widen: boolean;
  workIters: number;
  /** counter: the workers that increment. */
  workers: number;
  /** gil: the switch interval in milliseconds (process-wide, as sys.setswitchinterval). */
  switchIntervalMs: number;
}

/** What one worker gets: the scenario's shared words, its role and index, and a mutex over the lock word. */
export interface WorkerContext {
  readonly options: ScenarioOptions;
  readonly role: string;
  readonly index: number;
  readonly shared: SharedArrayBuffer;
  readonly mutex: JsMutex;
  /** Whether the workers that write are done (the checkers stop then). */
  readonly writersDone: () => boolean;
  /**
   * Called before each round (a writer's loop, a checker's pass) with the rounds done so far: now and then it
   * publishes them for the watchdog, and it says whether to go on (false once the run is stopped).
   */
  readonly goOn: (rounds: number) => boolean;
  /** Called after every load and store of the racy form: the GIL's safe point under gil, nothing otherwise. */
  readonly safePoint: () => void;
}

/**
 * A worker's report: plain numbers, and for the request ids the ids it was handed. A writing worker reports the
 * `rounds` it finished: fewer than `iters` when the run was stopped.
 */
export type WorkerReport = Record<string, number | Int32Array>;

export interface ScenarioCounts {
  /** The scenario's count of what went wrong: inconsistent pairs, lost updates, odd lengths. */
  readonly count: number;
  /** Every other figure, by the name the output line gives it. */
  readonly figures: Readonly<Record<string, number>>;
}

export interface Scenario {
  readonly name: ScenarioName;
  /** What the count counts, as the output line names it. */
  readonly countName: string;
  /** The figure the count is a share of (passes, expected updates, checks), for comparing runs of different lengths. */
  readonly countOutOf: string;
  readonly variants: readonly VariantName[];
  /** The Python line of the blog post this scenario reproduces. */
  readonly source: string;
  /** Bytes of shared memory the scenario needs (its lock word apart). */
  sharedBytes(options: ScenarioOptions): number;
  /** The roles of its workers, in the order they start: those that write first. */
  roles(options: ScenarioOptions): { role: string; writes: boolean }[];
  work(context: WorkerContext): WorkerReport;
  summarize(options: ScenarioOptions, reports: readonly WorkerReport[], shared: SharedArrayBuffer): ScenarioCounts;
}

/** CPU work that the JIT cannot drop: the "widen the window" loop of the Python scripts. */
export function busyWork(steps: number): number {
  let sum = 0;
  for (let i = 0; i < steps; i++) sum = (sum + i * 31) | 0;
  return sum;
}
