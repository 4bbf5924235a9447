// The Python demo's two copies as strategies: one shared buffer, and an addon call
// that copies into it (writers) or snapshots it (readers).
import type { NativeCounters } from '../native.js';
import { dataView, singleBuffer, type ModeName, type Strategy } from './strategy.js';

interface OneBufferCopy {
  name: ModeName;
  summary: string;
  counters: readonly (keyof NativeCounters)[];
  copy: (dst: Uint8Array, src: Uint8Array, n: number) => void;
  snapshot: (shared: Uint8Array, snapshot: Uint8Array) => number;
}

export function oneBufferCopy({ name, summary, counters, copy, snapshot }: OneBufferCopy): Strategy {
  return {
    name,
    summary,
    counters,
    allocate: (size, _writers, _readers, fill, offset) => singleBuffer(size, 0, fill, offset),
    createWriter({ regions, size }) {
      const shared = dataView(regions);
      return (pattern) => copy(shared, pattern, size);
    },
    createReader({ regions }) {
      const shared = dataView(regions);
      return (into) => snapshot(shared, into);
    },
  };
}
