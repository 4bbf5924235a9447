// The experiment's text output: the environment block, the Config line and
// one line per result, as in the seed's demo.
import type { Environment } from './environment.js';
import type { NativeCounters } from './native.js';
import { strategyFor } from './modes/index.js';
import type { TearingResult } from './results.js';

const COUNTER_KEYS: Record<keyof NativeCounters, string> = {
  lockWaits: 'lock_waits',
  retries: 'retries',
  fallbacks: 'fallbacks',
  slotWaits: 'slot_waits',
};

export function formatEnvironment(env: Environment): string {
  const gib = (env.totalMemoryBytes / 2 ** 30).toFixed(1);
  return [
    '=== environment ===',
    `CPU: ${env.cpuModel}, ${env.logicalCores} logical cores${env.cpuMHz ? ` @ ${env.cpuMHz} MHz` : ''}, ${gib} GiB`,
    `OS: ${env.platform} ${env.osRelease} (${env.osVersion}), arch ${env.arch}${env.libc ? `, ${env.libc}` : ''}`,
    `Node: ${env.node}, V8 ${env.v8}, N-API ${env.napi}; addon: N-API ${env.addon.napiVersion}, ${env.addon.compiler}`,
    `Host: ${env.hostname}`,
    '===================',
  ].join('\n');
}

export interface ConfigLine {
  size: number;
  iters: number;
  timeMs: number | null;
  writers: number;
  readers: number;
  slowReader: boolean;
  useCdll: boolean;
}

export function formatConfig(config: ConfigLine): string {
  const time = config.timeMs === null ? 'none' : `${config.timeMs}ms`;
  return (
    `Config: SIZE=${config.size} bytes, ITERS=${config.iters}, TIME=${time}, WRITERS=${config.writers}, ` +
    `READERS=${config.readers}, SLOW_READER=${config.slowReader}, USE_CDLL=${config.useCdll}`
  );
}

function round(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/** `mode=<mode> tearing=<N> snapshots=<N> torn_per_s=<X>` and more key=value pairs. */
export function formatResult(result: TearingResult): string {
  const pairs: [string, string | number][] = [
    ['mode', result.mode],
    ['tearing', result.torn],
    ['snapshots', result.snapshots],
    ['torn_per_s', round(result.tornPerSecond, 1)],
    ['torn_fraction', round(result.tornFraction, 6)],
    ['snapshots_per_s', round(result.snapshotsPerSecond, 1)],
    ['writes', result.writes],
    ['first_torn', result.firstTornAt ?? 'none'],
    ['elapsed_s', round(result.elapsedMs / 1000, 3)],
    ['stopped_by', result.stoppedBy],
  ];
  for (const counter of strategyFor(result.mode).counters) {
    pairs.push([COUNTER_KEYS[counter], result.counters[counter]]);
  }
  return pairs.map(([key, value]) => `${key}=${value}`).join(' ');
}
