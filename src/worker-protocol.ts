// What the main thread tells a worker, and what the worker reports back.
import type { ModeName, ReadPace, SharedRegions } from './modes/strategy.js';
import type { NativeCounters } from './native.js';

export interface WorkerTask {
  role: 'writer' | 'reader';
  /** The worker's index among those of its role. */
  index: number;
  mode: ModeName;
  size: number;
  writers: number;
  readers: number;
  regions: SharedRegions;
  control: SharedArrayBuffer;
  /** Snapshots to take in all, by all readers together. */
  iters: number;
  pace: ReadPace;
}

export interface ReaderReport {
  role: 'reader';
  snapshots: number;
  torn: number;
  firstTornAt: number | null;
  wallMs: number;
  counters: NativeCounters;
}

export interface WriterReport {
  role: 'writer';
  writes: number;
  counters: NativeCounters;
}

export type WorkerReport = ReaderReport | WriterReport;
