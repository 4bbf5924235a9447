// A writer or reader worker: pins itself if asked, waits at the start barrier,
// then writes or snapshots until told to stop, either one copy per call (its
// mode's loop body in JavaScript) or in batches inside the addon.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { arriveAndWait } from './barrier.js';
import { BatchSizer } from './batch-size.js';
import { addCounters, zeroCounters } from './counters.js';
import { BROKEN_FIX, enactFault, throwIfAsked } from './fault.js';
import { CLAIMED, controlViews, FIRST_PROGRESS, READERS_DONE, STOP } from './layout.js';
import { strategyFor } from './modes/index.js';
import { dataView, type StrategyContext } from './modes/strategy.js';
import { binding, NOT_UNIFORM, type NativeCounters } from './native.js';
import { createTally } from './outcome-tally.js';
import { intactTable, writerPatterns } from './patterns.js';
import type { ReaderReport, WorkerTask, WriterReport } from './worker-protocol.js';
import { privateBuffer, readerBuffer, writerBuffers } from './workspace.js';

const task = workerData as WorkerTask;
throwIfAsked(task.size);
const { words: control, counters: claims } = controlViews(task.control, task.readers);
const stopWord = control.subarray(STOP, STOP + 1);
/** The mode the copies run: the task's, unless a test broke every fix on purpose (src/fault.ts). */
const copyMode = BROKEN_FIX ? 'unlocked' : task.mode;
const strategy = strategyFor(copyMode);
// Under the GIL a worker holds it while it runs, as a Python thread does, and drops it whenever it waits.
const underGil = strategy.runsUnderGil === true;
if (underGil) binding.gilTake();

/** The start barrier, waited at without the GIL. */
function startTogether(): void {
  if (underGil) binding.gilDrop();
  arriveAndWait(control, parties);
  if (underGil) binding.gilTake();
}
const context: StrategyContext = { regions: task.regions, size: task.size, pace: task.pace, counters: zeroCounters() };
const parties = task.writers + task.readers;
/** The addon's id for this mode's batch loops, or undefined when the mode runs one copy per call. */
const batchMode = task.batch === 1 ? undefined : binding.batchModes[copyMode];
/** Snapshots a per-call reader claims at a time: few enough that readers end together, many enough to keep the claims cheap. */
const CLAIM_PER_CALL = 64;
const OUTCOME = binding.layout.batchOutcome;
const TALLY = binding.layout.outcomeTally;
const outcome = new Float64Array(OUTCOME.fields);
const words = new Int32Array(task.regions.sync);
const data = dataView(task.regions);

const pinError = task.cpu === null ? null : binding.pinThread(task.cpu);

/** Adds the counters of the last batch outcome into `total`. */
function addOutcomeCounters(total: NativeCounters): void {
  binding.counterNames.forEach((name, index) => (total[name] += outcome[OUTCOME.firstCounter + index]));
}

function stopped(): boolean {
  return Atomics.load(control, STOP) !== 0;
}

function runWriter(): WriterReport {
  const [firstByte, secondByte = firstByte] = writerPatterns(task.writers, task.index);
  let [first, second] = writerBuffers(task.index).map((index) => privateBuffer(task.workspace, index));
  first.fill(firstByte);
  second.fill(secondByte);
  const write = strategy.createWriter(context);
  const sizer = new BatchSizer(task.batch);
  enactFault('writer', task.index, task.size, 'before-barrier');
  startTogether();
  enactFault('writer', task.index, task.size, 'racing');
  const cpuAtStart = binding.currentCpu();
  const start = performance.now();
  let writes = 0;
  let calls = 0;
  if (batchMode === undefined) {
    while (!stopped()) {
      write(first);
      write(second);
      writes += 2;
    }
    calls = writes;
  } else {
    while (!stopped()) {
      const before = performance.now();
      binding.writeBatch(batchMode, words, data, first, second, sizer.next, stopWord, outcome);
      const done = outcome[OUTCOME.done];
      sizer.record(done, performance.now() - before);
      addOutcomeCounters(context.counters);
      writes += done;
      calls++;
      // An odd batch ends on `first`: the next one starts with `second`, so the patterns keep alternating.
      if (done % 2 === 1) [first, second] = [second, first];
    }
  }
  const wallMs = performance.now() - start;
  return {
    role: 'writer',
    writes,
    wallMs,
    calls,
    counters: addCounters(context.counters, binding.takeCounters()),
    placement: { pinError, cpuAtStart, cpuAtEnd: binding.currentCpu() },
  };
}

/**
 * Claims up to `count` more snapshots from the run's iters and returns how many it got (0 when none are left).
 * Readers share the iters this way so a slow reader takes fewer, and the run still ends after exactly iters.
 */
function claimSnapshots(count: number): number {
  const before = Number(Atomics.add(claims, CLAIMED, BigInt(count)));
  return Math.max(0, Math.min(count, task.iters - before));
}

interface ReaderTally {
  taken: number;
  torn: number;
  firstTornAt: number;
  calls: number;
  /** Every snapshot's outcome and the anatomy of a sample of torn ones (layout.outcomeTally). */
  outcomes: Float64Array;
}

function readPerCall(tally: ReaderTally, progressWord: number): void {
  const snapshotOnce = strategy.createReader(context);
  const intact = intactTable(task.writers);
  const snapshot = privateBuffer(task.workspace, readerBuffer(task.writers, task.index));
  const restMs = task.pace.restMicros / 1000;
  const sleeper = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  for (let claimed = claimSnapshots(CLAIM_PER_CALL); claimed > 0; claimed = claimSnapshots(CLAIM_PER_CALL)) {
    for (const end = tally.taken + claimed; tally.taken < end && !stopped(); tally.taken++) {
      const byte = snapshotOnce(snapshot);
      if (byte === NOT_UNIFORM || intact[byte] === 0) {
        if (tally.torn === 0) tally.firstTornAt = tally.taken;
        tally.torn++;
        binding.tallyTorn(tally.outcomes, snapshot);
      } else {
        tally.outcomes[TALLY.intactByByte + byte]++;
      }
      if (restMs > 0) Atomics.wait(sleeper, 0, 0, restMs);
    }
    Atomics.store(control, progressWord, tally.taken);
    if (stopped()) break;
  }
  tally.calls = tally.taken;
}

function readInBatches(mode: number, tally: ReaderTally, progressWord: number): void {
  const intact = intactTable(task.writers);
  const snapshot = privateBuffer(task.workspace, readerBuffer(task.writers, task.index));
  const sizer = new BatchSizer(task.batch);
  for (let claimed = claimSnapshots(sizer.next); claimed > 0; claimed = claimSnapshots(sizer.next)) {
    const before = performance.now();
    binding.snapshotBatch(mode, words, data, snapshot, intact, claimed, stopWord, outcome, tally.outcomes);
    const done = outcome[OUTCOME.done];
    sizer.record(done, performance.now() - before);
    if (tally.torn === 0 && outcome[OUTCOME.torn] > 0) tally.firstTornAt = tally.taken + outcome[OUTCOME.firstTorn];
    tally.torn += outcome[OUTCOME.torn];
    tally.taken += done;
    tally.calls++;
    addOutcomeCounters(context.counters);
    Atomics.store(control, progressWord, tally.taken);
    if (done < claimed) break;
  }
}

function runReader(): ReaderReport {
  binding.setReadPace(task.pace.chunks, task.pace.pauseMicros, task.pace.restMicros);
  const progressWord = FIRST_PROGRESS + task.index;
  const tally: ReaderTally = { taken: 0, torn: 0, firstTornAt: -1, calls: 0, outcomes: createTally(task.anatomySample, task.offset) };
  enactFault('reader', task.index, task.size, 'before-barrier');
  startTogether();
  enactFault('reader', task.index, task.size, 'racing');
  const cpuAtStart = binding.currentCpu();
  const start = performance.now();
  if (batchMode === undefined) readPerCall(tally, progressWord);
  else readInBatches(batchMode, tally, progressWord);
  const wallMs = performance.now() - start;
  Atomics.store(control, progressWord, tally.taken);
  if (Atomics.add(control, READERS_DONE, 1) + 1 === task.readers) Atomics.store(control, STOP, 1);
  return {
    role: 'reader',
    snapshots: tally.taken,
    torn: tally.torn,
    firstTornAt: tally.torn === 0 ? null : tally.firstTornAt,
    outcomes: tally.outcomes,
    wallMs,
    calls: tally.calls,
    counters: addCounters(context.counters, binding.takeCounters()),
    placement: { pinError, cpuAtStart, cpuAtEnd: binding.currentCpu() },
  };
}

const report = task.role === 'writer' ? runWriter() : runReader();
if (underGil) binding.gilDrop();
parentPort?.postMessage(report);
