// The experiment's text output: the environment block, the Config line and
// one line per result, as in the Python ctypes demo.
import type { BatchSetting } from './batch-size.js';
import type { Environment } from './environment.js';
import type { NativeCounters } from './native.js';
import { strategyFor } from './modes/index.js';
import { formatCpuSet, formatPlacement, type PlacementRequest, type PlacementResult } from './placement.js';
import { formatBytes, formatCount, formatMedian, formatProportion } from './format-estimates.js';
import type { Cell, TearingResult } from './results.js';
import { median } from './stats.js';

/** lockWaits -> lock_waits: the output line's keys are snake_case. */
function counterKey(name: keyof NativeCounters): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function formatCores(env: Environment): string {
  return env.cores ? `${env.cores.physicalCores} physical x ${env.cores.threadsPerCore} thread${env.cores.threadsPerCore === 1 ? '' : 's'}` : 'unknown';
}

/** L1d 32 KiB/64 B, L2 1 MiB, L3 32 MiB */
function formatCaches(env: Environment): string {
  if (!env.caches) return 'unknown';
  const size = (bytes: number) => (bytes >= 2 ** 20 ? `${bytes / 2 ** 20} MiB` : `${bytes / 1024} KiB`);
  return env.caches
    .filter((cache) => cache.type !== 'Instruction')
    .map((cache) => `L${cache.level}${cache.type === 'Data' ? 'd' : ''} ${size(cache.sizeBytes)}${cache.level === 1 && cache.lineBytes ? `/${cache.lineBytes} B` : ''}`)
    .join(', ');
}

function formatQuota(env: Environment): string {
  if (!env.cgroupCpuQuota) return 'unknown';
  return env.cgroupCpuQuota.quotaCpus === null ? 'none' : `${env.cgroupCpuQuota.quotaCpus} CPUs`;
}

export function formatEnvironment(env: Environment): string {
  const gib = (env.totalMemoryBytes / 2 ** 30).toFixed(1);
  return [
    '=== environment ===',
    `CPU: ${env.cpuModel}, ${env.logicalCores} logical cores${env.cpuMHz ? ` @ ${env.cpuMHz} MHz` : ''}, ${gib} GiB`,
    `OS: ${env.platform} ${env.osRelease} (${env.osVersion}), arch ${env.arch}${env.libc ? `, ${env.libc}` : ''}`,
    `Node: ${env.node}, V8 ${env.v8}, N-API ${env.napi}; addon: N-API ${env.addon.napiVersion}, ${env.addon.compiler} (${env.addon.flags.join(' ')})`,
    `Cores: ${formatCores(env)}; caches ${formatCaches(env)}; flags ${env.cpuFlags?.join(' ') || 'unknown'}`,
    `Allowed CPUs: ${env.allowedCpus ? formatCpuSet(env.allowedCpus) : 'unknown'}; cgroup quota ${formatQuota(env)}; governor ${env.cpuGovernor ?? 'unknown'}; addon from ${env.addon.source}`,
    `Host: ${env.hostname}`,
    '===================',
  ].join('\n');
}

export interface ConfigLine {
  sizes: number[];
  offsets: number[];
  iters: number;
  timeMs: number | null;
  trials: number;
  writers: number;
  readers: number;
  slowReader: boolean;
  batch: BatchSetting;
  placement: PlacementRequest;
  calibrate: boolean;
  useCdll: boolean;
}

export function formatConfig(config: ConfigLine): string {
  const time = config.timeMs === null ? 'none' : `${config.timeMs}ms`;
  return (
    `Config: SIZE=${config.sizes.join(',')} bytes, OFFSET=${config.offsets.join(',')}, ITERS=${config.iters}, TIME=${time}, TRIALS=${config.trials}, WRITERS=${config.writers}, ` +
    `READERS=${config.readers}, SLOW_READER=${config.slowReader}, BATCH=${config.batch}, ` +
    `PLACEMENT=${formatPlacement(config.placement)}, CALIBRATE=${config.calibrate}, USE_CDLL=${config.useCdll}`
  );
}

function round(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/** Where each worker ran: w0:0,r0:1 (start>end when it moved). */
function ranOn(placement: PlacementResult): string {
  return placement.workers
    .map((w) => `${w.role[0]}${w.index}:${w.cpuAtStart}${w.cpuAtEnd !== w.cpuAtStart ? `>${w.cpuAtEnd}` : ''}`)
    .join(',');
}

function formatRatio(ratio: number | null): string {
  return ratio === null ? 'n/a' : round(ratio, 3);
}

/** A value with spaces is quoted, so every pair stays one token. */
function formatValue(value: string | number): string | number {
  return typeof value === 'string' && /\s/.test(value) ? JSON.stringify(value) : value;
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
    ['batch', result.batch],
    ['size', result.size],
    ['offset', result.offset],
  ];
  for (const counter of strategyFor(result.mode).counters) {
    pairs.push([counterKey(counter), result.counters[counter]]);
  }
  if (result.switchIntervalMs !== null) {
    pairs.push(['switches_per_s', round(result.counters.gilSwitches / (result.elapsedMs / 1000), 1)], ['switch_interval_ms', result.switchIntervalMs]);
  }
  const { placement, calibration } = result;
  if (placement.requested !== 'none') {
    pairs.push(['placement', placement.requested], ['pinned', placement.pinned ? 'yes' : 'no'], ['ran_on', ranOn(placement)]);
    if (placement.reason !== null) pairs.push(['placement_note', placement.reason]);
  }
  if (calibration) {
    pairs.push(
      ['efficiency', formatRatio(calibration.efficiency)],
      ['write_efficiency', formatRatio(calibration.writeEfficiency)],
      ['native_torn_per_s', round(median(calibration.native.map((r) => r.tornPerSecond)), 1)],
      ['native_writes_per_s', round(median(calibration.native.map((r) => r.writesPerSecond)), 1)],
      ['pairs', calibration.pairs],
    );
    if (calibration.nativeMode !== result.mode) pairs.push(['native_mode', calibration.nativeMode]);
  }
  return pairs.map(([key, value]) => `${key}=${formatValue(value)}`).join(' ');
}

/** A cell's trials in one line: the pooled torn fraction and the median rates, each with its 95% interval. */
export function formatCellSummary(cell: Cell): string {
  const { summary } = cell;
  const torn = summary.torn === 0 ? formatProportion(summary.tornFraction) : `${formatProportion(summary.tornFraction)} of ${formatCount(summary.snapshots)}`;
  return (
    `${cell.mode} ${formatBytes(cell.size)}${cell.offset === 0 ? '' : ` at offset ${cell.offset}`}: ${summary.trials} trials; torn ${torn}; torn/s ${formatMedian(summary.tornPerSecond)}; ` +
    `snapshots/s ${formatMedian(summary.snapshotsPerSecond)}; writes/s ${formatMedian(summary.writesPerSecond)}`
  );
}
