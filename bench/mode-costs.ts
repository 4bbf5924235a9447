// The uncontended cost of one write and one snapshot per mode and size, in the
// main thread with nobody else touching the buffer: what the fix costs when it
// is not even needed.
import { STRATEGIES, type ModeName } from '../src/index.js';
import { zeroCounters } from '../src/counters.js';
import { NORMAL_READ_PACE } from '../src/options.js';
import { FIRST_PATTERN } from '../src/patterns.js';
import { formatBytes, type BenchPlan } from './plan.js';
import { repeat, repsFor, timeOperations, type TimedOperation } from './tasks.js';

export interface ModeCostRow {
  mode: ModeName;
  size: number;
  writeNs: number;
  snapshotNs: number;
  writeGBps: number;
  snapshotGBps: number;
}

export async function runModeCosts(plan: BenchPlan): Promise<ModeCostRow[]> {
  const ops: TimedOperation[] = [];
  const keys: { mode: ModeName; size: number }[] = [];
  for (const strategy of STRATEGIES.filter((s) => plan.modes.includes(s.name))) {
    for (const size of plan.sizes) {
      const context = {
        regions: strategy.allocate(size, 1, 1, FIRST_PATTERN),
        size,
        pace: NORMAL_READ_PACE,
        counters: zeroCounters(),
      };
      const write = strategy.createWriter(context);
      const snapshotOnce = strategy.createReader(context);
      const pattern = new Uint8Array(size).fill(FIRST_PATTERN + 1);
      const snapshot = new Uint8Array(size);
      const reps = repsFor(size);
      const label = `${strategy.name} ${formatBytes(size)}`;
      ops.push({ name: `${label} write`, bytes: size, reps, run: repeat(reps, () => write(pattern)) });
      ops.push({ name: `${label} snapshot`, bytes: size, reps, run: repeat(reps, () => snapshotOnce(snapshot)) });
      keys.push({ mode: strategy.name, size });
    }
  }
  const timings = await timeOperations(ops, plan.taskMs, plan.warmupMs);
  return keys.map(({ mode, size }, index) => {
    const write = timings[2 * index];
    const snapshot = timings[2 * index + 1];
    return { mode, size, writeNs: write.nsPerOp, snapshotNs: snapshot.nsPerOp, writeGBps: write.GBps, snapshotGBps: snapshot.GBps };
  });
}
