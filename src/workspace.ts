// Every worker's private buffers (a writer's two patterns, a reader's snapshot) in one SharedArrayBuffer
// that the main thread allocates for a run, so JavaScript workers and the native threads of a calibration
// copy from and into memory allocated the same way. Each buffer starts PRIVATE_PAGE_OFFSET bytes into a
// page of its own; src/modes/strategy.ts says why the layout is fixed.
import { alignedData, DATA_ALIGNMENT } from './modes/strategy.js';

export const PRIVATE_PAGE_OFFSET = 2048;

export interface Workspace {
  readonly buffer: SharedArrayBuffer;
  /** Where the first private buffer starts. */
  readonly offset: number;
  /** From one private buffer to the next: whole pages. */
  readonly stride: number;
  readonly size: number;
}

/** Buffers 2w and 2w + 1 are writer w's patterns; buffer 2 * writers + r is reader r's snapshot. */
export function workspaceBuffers(writers: number, readers: number): number {
  return 2 * writers + readers;
}

export function createWorkspace(size: number, writers: number, readers: number): Workspace {
  const stride = Math.ceil((PRIVATE_PAGE_OFFSET + size) / DATA_ALIGNMENT) * DATA_ALIGNMENT;
  const { data, dataOffset } = alignedData(workspaceBuffers(writers, readers) * stride);
  return { buffer: data, offset: dataOffset + PRIVATE_PAGE_OFFSET, stride, size };
}

/** Private buffer `index` (see workspaceBuffers). */
export function privateBuffer(workspace: Workspace, index: number): Uint8Array {
  return new Uint8Array(workspace.buffer, workspace.offset + index * workspace.stride, workspace.size);
}

/** Every private buffer, from the first one's start: what the addon's native threads are given. */
export function workspaceView(workspace: Workspace): Uint8Array {
  return new Uint8Array(workspace.buffer, workspace.offset);
}

export const writerBuffers = (index: number): [number, number] => [2 * index, 2 * index + 1];
export const readerBuffer = (writers: number, index: number): number => 2 * writers + index;
