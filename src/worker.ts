// A writer or reader worker: builds its mode's loop body, waits at the start
// barrier, then writes or snapshots until told to stop.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { arriveAndWait } from './barrier.js';
import { addCounters, zeroCounters } from './counters.js';
import { CLAIMED, controlViews, FIRST_PROGRESS, PROGRESS_INTERVAL, READERS_DONE, STOP } from './layout.js';
import { strategyFor } from './modes/index.js';
import type { StrategyContext } from './modes/strategy.js';
import { binding, NOT_UNIFORM } from './native.js';
import { intactTable, writerPatterns } from './patterns.js';
import type { ReaderReport, WorkerTask, WriterReport } from './worker-protocol.js';

const task = workerData as WorkerTask;
const { words: control, counters: claims } = controlViews(task.control, task.readers);
const strategy = strategyFor(task.mode);
const context: StrategyContext = { regions: task.regions, size: task.size, pace: task.pace, counters: zeroCounters() };
const parties = task.writers + task.readers;
/** Snapshots a reader claims at a time: few enough that readers end together, many enough to keep the claims cheap. */
const CLAIM_BATCH = 64;

function runWriter(): WriterReport {
  const write = strategy.createWriter(context);
  const patterns = writerPatterns(task.writers, task.index).map((byte) => new Uint8Array(task.size).fill(byte));
  const [first, second = first] = patterns;
  arriveAndWait(control, parties);
  let writes = 0;
  while (Atomics.load(control, STOP) === 0) {
    write(first);
    write(second);
    writes += 2;
  }
  return { role: 'writer', writes, counters: addCounters(context.counters, binding.takeCounters()) };
}

/**
 * Claims up to `batch` more snapshots from the run's iters and returns how many it got (0 when none are left).
 * Readers share the iters this way so a slow reader takes fewer, and the run still ends after exactly iters.
 */
function claimSnapshots(batch: number): number {
  const before = Number(Atomics.add(claims, CLAIMED, BigInt(batch)));
  return Math.max(0, Math.min(batch, task.iters - before));
}

function runReader(): ReaderReport {
  binding.setReadPace(task.pace.chunks, task.pace.pauseMicros);
  const snapshotOnce = strategy.createReader(context);
  const intact = intactTable(task.writers);
  const snapshot = new Uint8Array(task.size);
  const progressWord = FIRST_PROGRESS + task.index;
  let torn = 0;
  let firstTornAt = -1;
  arriveAndWait(control, parties);
  const start = performance.now();
  const slow = task.pace.pauseMicros > 0 || task.pace.restMicros > 0;
  const batch = slow ? 1 : CLAIM_BATCH;
  const restMs = task.pace.restMicros / 1000;
  const sleeper = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  let taken = 0;
  for (let claimed = claimSnapshots(batch); claimed > 0; claimed = claimSnapshots(batch)) {
    for (const end = taken + claimed; taken < end && Atomics.load(control, STOP) === 0; taken++) {
      const byte = snapshotOnce(snapshot);
      if (byte === NOT_UNIFORM || intact[byte] === 0) {
        if (torn === 0) firstTornAt = taken;
        torn++;
      }
      if ((taken & (PROGRESS_INTERVAL - 1)) === 0) Atomics.store(control, progressWord, taken);
      if (restMs > 0) Atomics.wait(sleeper, 0, 0, restMs);
    }
    if (Atomics.load(control, STOP) !== 0) break;
  }
  const wallMs = performance.now() - start;
  Atomics.store(control, progressWord, taken);
  if (Atomics.add(control, READERS_DONE, 1) + 1 === task.readers) Atomics.store(control, STOP, 1);
  return {
    role: 'reader',
    snapshots: taken,
    torn,
    firstTornAt: torn === 0 ? null : firstTornAt,
    wallMs,
    counters: addCounters(context.counters, binding.takeCounters()),
  };
}

parentPort?.postMessage(task.role === 'writer' ? runWriter() : runReader());
