// Loads the addon (build/Release, else prebuilds/ for this platform) and types it.
// Every module that needs the addon imports it from here, so the main thread
// has loaded it before any worker starts: the global lock then lives as long
// as the process, not as long as one worker.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const loadBinding = require('node-gyp-build') as (dir: string) => unknown;

/** The addon's per-thread event counters (see native/counters.h). */
export interface NativeCounters {
  lockWaits: number;
  retries: number;
  fallbacks: number;
  slotWaits: number;
}

/** Snapshots return the byte that fills the whole snapshot, or NOT_UNIFORM. */
export const NOT_UNIFORM = -1;

export interface Binding {
  copyUnlocked(dst: ArrayBufferView, src: ArrayBufferView, n: number): void;
  copyGlobalLock(dst: ArrayBufferView, src: ArrayBufferView, n: number): void;
  classify(view: ArrayBufferView): number;
  snapshotUnlocked(shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  snapshotGlobalLock(shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  lockedCopy(lock: Int32Array, dst: ArrayBufferView, src: ArrayBufferView): void;
  lockedSnapshot(lock: Int32Array, shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  seqlockWrite(state: Int32Array, shared: ArrayBufferView, src: ArrayBufferView): void;
  seqlockSnapshot(state: Int32Array, shared: ArrayBufferView, snapshot: ArrayBufferView): number;
  doubleBufferWrite(state: Int32Array, slots: ArrayBufferView, src: ArrayBufferView): void;
  doubleBufferSnapshot(state: Int32Array, slots: ArrayBufferView, snapshot: ArrayBufferView): number;
  setReadPace(chunks: number, pauseMicros: number): void;
  takeCounters(): NativeCounters;
  noop(...ignored: unknown[]): void;
  copyLoop(dst: ArrayBufferView, src: ArrayBufferView, n: number, reps: number): void;
  readonly layout: {
    readonly lockWords: number;
    readonly seqlockWords: number;
    readonly doubleBufferPublishedSlot: number;
    readonly doubleBufferFirstPin: number;
    readonly doubleBufferPinStride: number;
  };
  readonly build: { readonly compiler: string; readonly napiVersion: number };
}

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

export const binding = loadBinding(packageRoot) as Binding;
