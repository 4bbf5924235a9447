// The public API: re-exports only.
export { classify, COPY_MODES, memcpy, type CopyMode } from './memcpy.js';
export { runTearing } from './experiment.js';
export { DEFAULTS, type TearingOptions } from './options.js';
export type { TearingResult } from './results.js';
export { environment, type Environment } from './environment.js';
export { MODE_ALIASES, MODE_NAMES, STRATEGIES, type ModeName } from './modes/index.js';
export type { NativeCounters } from './native.js';
