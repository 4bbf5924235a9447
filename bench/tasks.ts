// Timing with tinybench. Each task runs its operation `reps` times per sample,
// so that a sample of a fast call is not mostly timer overhead; the median
// sample divided by reps is the cost of one operation.
import { Bench } from 'tinybench';

export interface TimedOperation {
  readonly name: string;
  /** Bytes one operation copies or reads (0 for a call that moves none). */
  readonly bytes: number;
  readonly reps: number;
  readonly run: () => void;
}

export interface Timing {
  name: string;
  bytes: number;
  /** Median nanoseconds per operation. */
  nsPerOp: number;
  opsPerSecond: number;
  /** Bytes per nanosecond = GB/s; 0 for calls that move no bytes. */
  GBps: number;
  samples: number;
}

const BYTES_PER_SAMPLE = 256 * 1024;
const MAX_REPS = 4096;

/** Enough repetitions that one sample moves about 256 KiB (at least 1, at most 4096). */
export function repsFor(bytes: number): number {
  return Math.max(1, Math.min(MAX_REPS, Math.round(BYTES_PER_SAMPLE / Math.max(bytes, 1))));
}

type Repeater = (operation: () => void, reps: number) => () => void;

/**
 * A loop that calls `operation` `reps` times. Each loop is compiled from its own source so that V8 keeps
 * separate type feedback for it: closures of one function literal share feedback, and a loop shared by
 * every task would call a megamorphic target and time the dispatch instead of the operation.
 */
export function repeat(reps: number, operation: () => void): () => void {
  const makeLoop = new Function('operation', 'reps', 'return () => { for (let rep = 0; rep < reps; rep++) operation(); };') as Repeater;
  return makeLoop(operation, reps);
}

export async function timeOperations(operations: readonly TimedOperation[], taskMs: number, warmupMs: number): Promise<Timing[]> {
  const bench = new Bench({ time: taskMs, warmupTime: warmupMs, iterations: 16, throws: true });
  for (const operation of operations) bench.add(operation.name, operation.run);
  await bench.run();
  return operations.map((operation, index) => {
    const result = bench.tasks[index].result;
    if (result.state !== 'completed') throw new Error(`tinybench task ${operation.name} ended ${result.state}`);
    const nsPerOp = (result.latency.p50 * 1e6) / operation.reps;
    return {
      name: operation.name,
      bytes: operation.bytes,
      nsPerOp,
      opsPerSecond: 1e9 / nsPerOp,
      GBps: operation.bytes / nsPerOp,
      samples: result.latency.samplesCount,
    };
  });
}
