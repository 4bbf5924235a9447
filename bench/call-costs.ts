// The cost of single addon calls, uncontended, in the main thread: the empty
// call (the floor), memcpy per mode, the same copy looped inside the addon
// with no JavaScript crossing, and classification against copying. The whole
// suite runs `rounds` times so paired figures alternate; each figure is the
// median over rounds.
import { classify, memcpy, type CopyMode } from '../src/index.js';
import { binding } from '../src/native.js';
import { formatBytes, type BenchPlan } from './plan.js';
import { repeat, repsFor, timeOperations, type TimedOperation, type Timing } from './tasks.js';
import { median } from '../src/stats.js';

const NOOP_REPS = 1000;
const CLASSIFY_SIZE = 128 * 1024;
const BENCHED_MODES: CopyMode[] = ['unlocked', 'global-lock'];

export const EMPTY_CALL = 'empty addon call';
export const memcpyName = (mode: CopyMode, bytes: number) => `memcpy ${mode} ${formatBytes(bytes)}`;
export const nativeLoopName = (bytes: number) => `memcpy looped in the addon ${formatBytes(bytes)}`;
export const CLASSIFY_NATIVE = `classify ${formatBytes(CLASSIFY_SIZE)} (addon)`;
export const CLASSIFY_JS_LOOP = `classify ${formatBytes(CLASSIFY_SIZE)} (JS byte loop)`;
export const COPY_FOR_CLASSIFY = memcpyName('unlocked', CLASSIFY_SIZE);

/** The byte-by-byte check the addon's classifier replaces, to show why it must be native. */
function classifyByteLoop(view: Uint8Array): number {
  const first = view[0];
  for (let i = 1; i < view.length; i++) if (view[i] !== first) return -1;
  return first;
}

function buffers(bytes: number) {
  return { dst: new Uint8Array(new SharedArrayBuffer(bytes)), src: new Uint8Array(bytes).fill(0x41) };
}

function operations(plan: BenchPlan): TimedOperation[] {
  const ops: TimedOperation[] = [{ name: EMPTY_CALL, bytes: 0, reps: NOOP_REPS, run: repeat(NOOP_REPS, () => binding.noop()) }];
  for (const bytes of new Set([...plan.callSizes, ...plan.nativeLoopSizes])) {
    const { dst, src } = buffers(bytes);
    const reps = repsFor(bytes);
    for (const mode of BENCHED_MODES) {
      if (mode === 'global-lock' && !plan.callSizes.includes(bytes)) continue;
      ops.push({ name: memcpyName(mode, bytes), bytes, reps, run: repeat(reps, () => memcpy(dst, src, bytes, mode)) });
    }
    if (plan.nativeLoopSizes.includes(bytes)) {
      ops.push({ name: nativeLoopName(bytes), bytes, reps, run: () => binding.copyLoop(dst, src, bytes, reps) });
    }
  }
  const snapshot = new Uint8Array(CLASSIFY_SIZE).fill(0x41);
  const reps = repsFor(CLASSIFY_SIZE);
  ops.push({ name: CLASSIFY_NATIVE, bytes: CLASSIFY_SIZE, reps, run: repeat(reps, () => classify(snapshot)) });
  ops.push({ name: CLASSIFY_JS_LOOP, bytes: CLASSIFY_SIZE, reps: 1, run: () => classifyByteLoop(snapshot) });
  if (!ops.some((op) => op.name === COPY_FOR_CLASSIFY)) {
    const { dst, src } = buffers(CLASSIFY_SIZE);
    ops.push({ name: COPY_FOR_CLASSIFY, bytes: CLASSIFY_SIZE, reps, run: repeat(reps, () => memcpy(dst, src, CLASSIFY_SIZE)) });
  }
  return ops;
}

export interface CallCosts {
  /** Median over rounds of each operation's median. */
  timings: Timing[];
  /** Every round's timings, for ratios taken within one round. */
  rounds: Timing[][];
}

export async function runCallCosts(plan: BenchPlan, rounds: number, onRound: (round: number) => void): Promise<CallCosts> {
  const ops = operations(plan);
  const all: Timing[][] = [];
  for (let round = 0; round < rounds; round++) {
    onRound(round);
    all.push(await timeOperations(ops, plan.taskMs, plan.warmupMs));
  }
  const timings = ops.map((_, index) => {
    const nsPerOp = median(all.map((round) => round[index].nsPerOp));
    return { ...all[0][index], nsPerOp, opsPerSecond: 1e9 / nsPerOp, GBps: all[0][index].bytes / nsPerOp };
  });
  return { timings, rounds: all };
}

/** a/b in every round, each ratio taken within one round. */
export function pairedRatios(costs: CallCosts, numerator: string, denominator: string): number[] {
  return costs.rounds.map((round) => {
    const find = (name: string) => {
      const timing = round.find((t) => t.name === name);
      if (!timing) throw new Error(`no timing named ${name}`);
      return timing.nsPerOp;
    };
    return find(numerator) / find(denominator);
  });
}
