// What the main thread tells a worker, and what the worker reports back.
import type { BatchSetting } from './batch-size.js';
import type { ModeName, ReadPace, SharedRegions } from './modes/strategy.js';
import type { NativeCounters } from './native.js';
import type { Workspace } from './workspace.js';

export interface WorkerTask {
  role: 'writer' | 'reader';
  /** The worker's index among those of its role. */
  index: number;
  mode: ModeName;
  size: number;
  /** How far into its page the shared data starts. */
  offset: number;
  writers: number;
  readers: number;
  regions: SharedRegions;
  workspace: Workspace;
  control: SharedArrayBuffer;
  /** Snapshots to take in all, by all readers together. */
  iters: number;
  pace: ReadPace;
  batch: BatchSetting;
  /** The CPU to pin this worker's thread to, or null. */
  cpu: number | null;
  /** Torn snapshots a reader may dissect (its share of the run's sample). */
  anatomySample: number;
}

/** Where the worker ran: what pinning said, and sched_getcpu at its start and end. */
export interface PlacementReport {
  pinError: string | null;
  cpuAtStart: number;
  cpuAtEnd: number;
}

interface CommonReport {
  /** From the start barrier until the worker stopped. */
  wallMs: number;
  /** Calls of its loop body: one per copy, or one per batch. */
  calls: number;
  counters: NativeCounters;
  placement: PlacementReport;
}

export interface ReaderReport extends CommonReport {
  role: 'reader';
  snapshots: number;
  torn: number;
  firstTornAt: number | null;
  /** Its outcome tally (layout.outcomeTally). */
  outcomes: Float64Array;
}

export interface WriterReport extends CommonReport {
  role: 'writer';
  writes: number;
}

export type WorkerReport = ReaderReport | WriterReport;
