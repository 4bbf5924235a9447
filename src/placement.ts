// Thread placement: which CPU each worker is pinned to. A request is planned
// against the CPUs this process may use (taskset and container cpusets are
// honoured); what cannot be honoured runs unpinned and says why.
import { describe } from './describe.js';

export type PlacementKind = 'none' | 'spread' | 'same-cpu' | 'cpus';

export interface PlacementRequest {
  readonly kind: PlacementKind;
  /** For 'cpus': the CPUs to assign, in order, to writers then readers (cycling when there are more workers). */
  readonly cpus: readonly number[];
}

/** The most CPUs a request may name (the addon's pin limit, glibc's CPU_SETSIZE). */
export const MAX_CPU = 1023;

const CPU_LIST = /^cpus:(\d+(?:,\d+)*)$/;

export const NO_PLACEMENT: PlacementRequest = { kind: 'none', cpus: [] };

/** 'none', 'spread', 'same-cpu' or 'cpus:0,2,...'; TypeError or RangeError naming `argument` otherwise. */
export function parsePlacement(value: unknown, argument = 'options.placement'): PlacementRequest {
  if (typeof value !== 'string') throw new TypeError(`${argument} must be a string, got ${describe(value)}`);
  if (value === 'none' || value === 'spread' || value === 'same-cpu') return { kind: value, cpus: [] };
  const list = CPU_LIST.exec(value);
  if (!list) {
    throw new TypeError(`${argument} must be none, spread, same-cpu or cpus:LIST (such as cpus:0,1), got ${describe(value)}`);
  }
  const cpus = list[1].split(',').map(Number);
  const tooLarge = cpus.find((cpu) => cpu > MAX_CPU);
  if (tooLarge !== undefined) throw new RangeError(`${argument} names CPU ${tooLarge}; CPUs go from 0 to ${MAX_CPU}`);
  return { kind: 'cpus', cpus };
}

export function formatPlacement(request: PlacementRequest): string {
  return request.kind === 'cpus' ? `cpus:${request.cpus.join(',')}` : request.kind;
}

export interface PlacementPlan {
  /** Per worker, writers first: the CPU to pin it to, or null. */
  readonly cpus: readonly (number | null)[];
  /** Why the run goes unpinned although placement was asked for, or null. */
  readonly reason: string | null;
}

function unpinned(workers: number, reason: string | null): PlacementPlan {
  return { cpus: Array<number | null>(workers).fill(null), reason };
}

/** 0-3,6 */
export function formatCpuSet(cpus: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < cpus.length; i++) {
    let j = i;
    while (j + 1 < cpus.length && cpus[j + 1] === cpus[j] + 1) j++;
    ranges.push(j > i ? `${cpus[i]}-${cpus[j]}` : `${cpus[i]}`);
    i = j;
  }
  return ranges.join(',');
}

/**
 * Assigns CPUs to `writers` + `readers` workers from `allowed` (null where the platform cannot pin).
 * spread: a distinct CPU each; same-cpu: all on the first allowed CPU; cpus: the list in order.
 */
export function planPlacement(request: PlacementRequest, allowed: readonly number[] | null, writers: number, readers: number): PlacementPlan {
  const workers = writers + readers;
  if (request.kind === 'none') return unpinned(workers, null);
  if (allowed === null) return unpinned(workers, 'thread pinning is not supported on this platform');
  if (allowed.length === 0) return unpinned(workers, 'the process may run on no CPU it can name');
  switch (request.kind) {
    case 'spread':
      if (allowed.length < workers) {
        return unpinned(workers, `spread needs ${workers} CPUs, this process may use ${allowed.length} (${formatCpuSet(allowed)})`);
      }
      return { cpus: allowed.slice(0, workers), reason: null };
    case 'same-cpu':
      return { cpus: Array<number>(workers).fill(allowed[0]), reason: null };
    case 'cpus': {
      const outside = request.cpus.find((cpu) => !allowed.includes(cpu));
      if (outside !== undefined) {
        return unpinned(workers, `CPU ${outside} is not one this process may use (${formatCpuSet(allowed)})`);
      }
      return { cpus: Array.from({ length: workers }, (_, worker) => request.cpus[worker % request.cpus.length]), reason: null };
    }
  }
}

/** Where one worker was asked to run and where it ran. */
export interface WorkerPlacement {
  role: 'writer' | 'reader';
  index: number;
  /** The CPU it was pinned to, or null when it was not pinned. */
  cpu: number | null;
  /** Why pinning it failed, or null. */
  pinError: string | null;
  /** sched_getcpu when it started and when it ended (-1 where unknown). */
  cpuAtStart: number;
  cpuAtEnd: number;
}

export interface PlacementResult {
  requested: string;
  /** Every worker was pinned as asked. */
  pinned: boolean;
  /** Why not, when placement was asked for and not (wholly) honoured. */
  reason: string | null;
  workers: WorkerPlacement[];
}

export function placementResult(request: PlacementRequest, plan: PlacementPlan, workers: WorkerPlacement[]): PlacementResult {
  const failed = workers.find((w) => w.pinError !== null);
  const pinned = request.kind !== 'none' && plan.reason === null && failed === undefined;
  return {
    requested: formatPlacement(request),
    pinned,
    reason: plan.reason ?? (failed ? `${failed.role} ${failed.index}: ${failed.pinError}; it ran unpinned` : null),
    workers,
  };
}
