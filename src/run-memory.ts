// The memory of one run, allocated in the same order and sizes whether JavaScript workers or native
// threads will use it: the mode's shared regions, every worker's private buffers, and the control block.
// Where these land relative to each other changed how often a 64-byte buffer tore (at 64 B, 1 writer +
// 1 reader: a median of 1.1M torn/s for JavaScript workers against 4.1M for native threads over 30 runs
// each, when the two sides allocated them in different orders), so a calibration compares like with like.
import { createControl, type Control } from './layout.js';
import { strategyFor, type ModeName } from './modes/index.js';
import type { SharedRegions } from './modes/strategy.js';
import { INITIAL_FILL } from './patterns.js';
import { createWorkspace, type Workspace } from './workspace.js';

export interface RunMemory {
  regions: SharedRegions;
  workspace: Workspace;
  control: Control;
}

export function allocateRun(mode: ModeName, size: number, offset: number, writers: number, readers: number): RunMemory {
  const regions = strategyFor(mode).allocate(size, writers, readers, INITIAL_FILL, offset);
  const workspace = createWorkspace(size, writers, readers);
  const control = createControl(readers);
  return { regions, workspace, control };
}
