// Facts about the machine's CPUs that change how copies tear, read from Linux's /sys and /proc. Every
// reader takes the file-system root (so tests can hand it a made-up tree) and answers null for what it
// cannot read: unknown, never guessed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface CacheFact {
  level: number;
  type: string;
  sizeBytes: number;
  lineBytes: number | null;
  /** How many logical CPUs share this cache. */
  sharedByCpus: number | null;
}

export interface CoreFacts {
  physicalCores: number;
  threadsPerCore: number;
}

export interface CgroupQuota {
  /** CPUs' worth of time per period; null when the quota is "max" (none). */
  quotaCpus: number | null;
  raw: string;
}

/** The flags that change copy behaviour: vector widths and fast string moves (x86), vector units (arm). */
const COPY_FLAGS = ['sse2', 'avx', 'avx2', 'avx512f', 'erms', 'fsrm', 'asimd', 'sve', 'sve2'];

function readText(root: string, file: string): string | null {
  try {
    return readFileSync(path.join(root, file), 'utf8').trim();
  } catch {
    return null;
  }
}

function listDirectory(root: string, directory: string): string[] {
  try {
    return readdirSync(path.join(root, directory));
  } catch {
    return [];
  }
}

/** "0-3,6" -> 5 */
export function countCpuList(list: string): number | null {
  let count = 0;
  for (const part of list.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!match) return null;
    count += match[2] === undefined ? 1 : Number(match[2]) - Number(match[1]) + 1;
  }
  return count;
}

/** "32K" -> 32768, "1024K" -> 1048576, "8M" -> 8388608 */
export function parseCacheSize(text: string): number | null {
  const match = /^(\d+)([KMG]?)$/.exec(text.trim());
  if (!match) return null;
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2] as '' | 'K' | 'M' | 'G'];
  return Number(match[1]) * unit;
}

const CPU_DIRECTORY = 'sys/devices/system/cpu';

export function readCaches(root = '/'): CacheFact[] | null {
  const cacheDirectory = path.join(CPU_DIRECTORY, 'cpu0', 'cache');
  const caches: CacheFact[] = [];
  for (const index of listDirectory(root, cacheDirectory).filter((name) => /^index\d+$/.test(name)).sort()) {
    const field = (name: string) => readText(root, path.join(cacheDirectory, index, name));
    const level = Number(field('level'));
    const type = field('type');
    const sizeBytes = parseCacheSize(field('size') ?? '');
    if (!Number.isInteger(level) || type === null || sizeBytes === null) continue;
    const line = Number(field('coherency_line_size'));
    const shared = field('shared_cpu_list');
    caches.push({
      level,
      type,
      sizeBytes,
      lineBytes: Number.isInteger(line) && line > 0 ? line : null,
      sharedByCpus: shared === null ? null : countCpuList(shared),
    });
  }
  return caches.length > 0 ? caches : null;
}

/** Distinct (package, core) pairs are physical cores; logical CPUs per core is SMT. */
export function readCores(root = '/'): CoreFacts | null {
  const cpus = listDirectory(root, CPU_DIRECTORY).filter((name) => /^cpu\d+$/.test(name));
  const cores = new Set<string>();
  for (const cpu of cpus) {
    const core = readText(root, path.join(CPU_DIRECTORY, cpu, 'topology', 'core_id'));
    const pack = readText(root, path.join(CPU_DIRECTORY, cpu, 'topology', 'physical_package_id'));
    if (core === null || pack === null) return null;
    cores.add(`${pack}:${core}`);
  }
  if (cores.size === 0) return null;
  return { physicalCores: cores.size, threadsPerCore: Math.round(cpus.length / cores.size) };
}

export function readCopyFlags(root = '/'): string[] | null {
  const cpuinfo = readText(root, 'proc/cpuinfo');
  if (cpuinfo === null) return null;
  const line = /^(?:flags|Features)\s*:(.*)$/m.exec(cpuinfo);
  if (!line) return null;
  const present = new Set(line[1].trim().split(/\s+/));
  return COPY_FLAGS.filter((flag) => present.has(flag)).sort();
}

export function readGovernor(root = '/'): string | null {
  return readText(root, path.join(CPU_DIRECTORY, 'cpu0', 'cpufreq', 'scaling_governor'));
}

/** cgroup v2's cpu.max: "max 100000" (no quota) or "200000 100000" (2 CPUs' worth). */
export function readCgroupQuota(root = '/'): CgroupQuota | null {
  const raw = readText(root, 'sys/fs/cgroup/cpu.max');
  if (raw === null) return null;
  const [quota, period] = raw.split(/\s+/);
  if (quota === 'max') return { quotaCpus: null, raw };
  const cpus = Number(quota) / Number(period);
  return Number.isFinite(cpus) && cpus > 0 ? { quotaCpus: cpus, raw } : null;
}
