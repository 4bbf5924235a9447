// Loads the addon (build/Release, else prebuilds/ for this platform) and types it.
// Every module that needs the addon imports it from here, so the main thread
// has loaded it before any worker starts: the global lock then lives as long
// as the process, not as long as one worker.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const loadBinding = require('node-gyp-build') as ((dir: string) => unknown) & { resolve(dir: string): string };

/** The addon's per-thread event counters (see native/counters.h). */
export interface NativeCounters {
  lockWaits: number;
  retries: number;
  fallbacks: number;
  slotWaits: number;
  /** Under the GIL (modes gil, gil-released): takes of it that another thread held last, waits that asked its holder to drop it, and drops on request that waited for another thread to take it. */
  gilSwitches: number;
  gilDropRequests: number;
  gilForcedSwitches: number;
}

/** What one native thread of runNative counted. */
export interface NativeThreadReport {
  /** Writes or snapshots. */
  count: number;
  torn: number;
  /** The thread-local index of its first torn snapshot, or -1. */
  firstTorn: number;
  wallMs: number;
  counters: NativeCounters;
  pinError: string | null;
  cpuAtStart: number;
  cpuAtEnd: number;
}

export interface NativeRunReport {
  elapsedMs: number;
  writers: NativeThreadReport[];
  readers: NativeThreadReport[];
}

/** Snapshots return the byte that fills the whole snapshot, or NOT_UNIFORM. */
export const NOT_UNIFORM = -1;

export interface Binding {
  copyUnlocked(dst: ArrayBufferView, src: ArrayBufferView, n: number): void;
  copyGlobalLock(dst: ArrayBufferView, src: ArrayBufferView, n: number): void;
  classify(view: ArrayBufferView): number;
  snapshotUnlocked(shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  snapshotGlobalLock(shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  /** The copy under the GIL (native/gil.h): holding it (PyDLL), or dropping it around the copy (CDLL in a GIL build). */
  copyGil(dst: ArrayBufferView, src: ArrayBufferView, n: number): void;
  copyGilReleased(dst: ArrayBufferView, src: ArrayBufferView, n: number): void;
  snapshotGil(shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  snapshotGilReleased(shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  /** The calling thread takes or drops the GIL; whether it did anything. */
  gilTake(): boolean;
  gilDrop(): boolean;
  /** A safe point: hands the GIL over if this thread holds it and another asked for it. */
  gilSafePoint(): void;
  /** The scenarios' compound steps, each inside one call holding the global lock (native/scenario_steps.h). */
  globalPairStore(words: Int32Array, x: number, y: number): void;
  globalPairLoad(words: Int32Array, out: Int32Array): void;
  globalAddSteps(words: Int32Array, index: number, delta: number, steps: number): number;
  globalLoad(words: Int32Array, index: number): number;
  /** The GIL's switch interval for the whole process, in microseconds (0 counts as 1, as CPython clamps it). */
  setSwitchInterval(micros: number): void;
  lockedCopy(lock: Int32Array, dst: ArrayBufferView, src: ArrayBufferView): void;
  lockedSnapshot(lock: Int32Array, shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  seqlockWrite(state: Int32Array, shared: ArrayBufferView, src: ArrayBufferView): void;
  seqlockSnapshot(state: Int32Array, shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  doubleBufferWrite(state: Int32Array, slots: ArrayBufferView, src: ArrayBufferView): void;
  doubleBufferSnapshot(state: Int32Array, slots: ArrayBufferView, snapshot: ArrayBufferView): number;
  writeBatch(
    mode: number,
    words: Int32Array,
    data: ArrayBufferView,
    first: ArrayBufferView,
    second: ArrayBufferView,
    count: number,
    stop: Int32Array,
    outcome: Float64Array,
  ): void;
  snapshotBatch(
    mode: number,
    words: Int32Array,
    data: ArrayBufferView,
    snapshot: ArrayBufferView,
    intact: Uint8Array,
    count: number,
    stop: Int32Array,
    outcome: Float64Array,
    tally?: Float64Array,
  ): void;
  /** Counts a torn snapshot's segments in `tally` (layout.outcomeTally), and its anatomy while the sample is not full. */
  tallyTorn(tally: Float64Array, snapshot: ArrayBufferView): void;
  runNative(
    mode: number,
    words: Int32Array,
    data: ArrayBufferView,
    size: number,
    patterns: Uint8Array,
    intact: Uint8Array,
    readers: number,
    iters: number,
    stop: Int32Array,
    cpus: Int32Array,
    paces: Int32Array,
    workspace: Uint8Array,
    stride: number,
    anatomySample: number,
  ): Promise<NativeRunReport>;
  alignmentOffset(view: ArrayBufferView, alignment: number): number;
  allowedCpus(): number[] | null;
  pinThread(cpu: number): string | null;
  currentCpu(): number;
  setReadPace(chunks: number, pauseMicros: number, restMicros: number): void;
  takeCounters(): NativeCounters;
  noop(...ignored: unknown[]): void;
  copyLoop(dst: ArrayBufferView, src: ArrayBufferView, n: number, reps: number): void;
  readonly layout: {
    readonly lockWords: number;
    readonly seqlockWords: number;
    readonly doubleBufferPublishedSlot: number;
    readonly doubleBufferFirstPin: number;
    readonly doubleBufferPinStride: number;
    /** Where writeBatch and snapshotBatch put what they counted, in their Float64Array outcome. */
    readonly batchOutcome: {
      readonly done: number;
      readonly torn: number;
      readonly firstTorn: number;
      readonly firstCounter: number;
      readonly fields: number;
    };
    /** Where a reader's outcomes and tear anatomy are counted, in a Float64Array it keeps across calls. */
    readonly outcomeTally: {
      readonly fields: number;
      /** 256 counts: intact snapshots by the byte that fills them. */
      readonly intactByByte: number;
      readonly tornTwoSegments: number;
      readonly tornThreeOrMoreSegments: number;
      readonly tornOneForeignValue: number;
      /** Set by the reader: how many torn snapshots it may dissect, and how far into its page the shared data starts. */
      readonly anatomySampleLimit: number;
      readonly boundaryBase: number;
      readonly anatomySampled: number;
      /** Boundaries counted in the histograms: every one of every dissected snapshot. */
      readonly anatomyBoundaries: number;
      /** 16, 64 and 4096 counts of boundary offsets modulo 16, 64 and 4096. */
      readonly boundaryMod16: number;
      readonly boundaryMod64: number;
      readonly boundaryMod4096: number;
      /** log2Buckets counts each: bucket k holds lengths from 2^k to 2^(k+1) - 1. */
      readonly segmentLengthLog2: number;
      readonly shortestSegmentLog2: number;
      readonly log2Buckets: number;
    };
  };
  /** The ids of the modes that have batch loops in the addon. */
  readonly batchModes: Readonly<Record<string, number>>;
  /** The counters' names, in the order batch outcomes hold them. */
  readonly counterNames: readonly (keyof NativeCounters)[];
  readonly build: { readonly compiler: string; readonly flags: readonly string[]; readonly napiVersion: number };
}

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export const binding = loadBinding(packageRoot) as Binding;

/** The file the addon was loaded from: build/Release (compiled here) or prebuilds/ (a prebuild). */
export const bindingPath = loadBinding.resolve(packageRoot);
