// The fingerprint of the machine a result came from, so results from many
// machines can be put side by side.
import os from 'node:os';
import path from 'node:path';
import { type CacheFact, type CgroupQuota, type CoreFacts, readCaches, readCgroupQuota, readCopyFlags, readCores, readGovernor } from './cpu-facts.js';
import { binding, bindingPath } from './native.js';

export interface Environment {
  hostname: string;
  cpuModel: string;
  logicalCores: number;
  cpuMHz: number;
  totalMemoryBytes: number;
  platform: string;
  arch: string;
  osRelease: string;
  osVersion: string;
  libc: string | null;
  node: string;
  v8: string;
  napi: string;
  addon: { compiler: string; flags: string[]; napiVersion: number; source: 'build' | 'prebuild' | 'unknown'; path: string };
  /** From here on, null means unknown (not readable on this machine), never a guess. */
  cores: CoreFacts | null;
  caches: CacheFact[] | null;
  /** The CPU flags that change copy behaviour (sse2, avx, avx2, avx512f, erms, fsrm; asimd, sve, sve2). */
  cpuFlags: string[] | null;
  cpuGovernor: string | null;
  /** The CPUs this process may run on (taskset, container cpusets). */
  allowedCpus: number[] | null;
  cgroupCpuQuota: CgroupQuota | null;
}

interface ReportHeader {
  glibcVersionRuntime?: string;
}

function libc(): string | null {
  if (process.platform !== 'linux') return null;
  const header = (process.report?.getReport() as { header?: ReportHeader } | undefined)?.header;
  return header?.glibcVersionRuntime ? `glibc ${header.glibcVersionRuntime}` : 'musl or other';
}

function addonSource(file: string): 'build' | 'prebuild' | 'unknown' {
  const parts = file.split(path.sep);
  if (parts.includes('prebuilds')) return 'prebuild';
  return parts.includes('build') ? 'build' : 'unknown';
}

let cached: Environment | undefined;

/** This machine's fingerprint (computed once per process). */
export function environment(): Environment {
  if (cached) return cached;
  const cpus = os.cpus();
  cached = {
    hostname: os.hostname(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    logicalCores: os.availableParallelism(),
    cpuMHz: cpus[0]?.speed ?? 0,
    totalMemoryBytes: os.totalmem(),
    platform: process.platform,
    arch: process.arch,
    osRelease: os.release(),
    osVersion: os.version(),
    libc: libc(),
    node: process.version,
    v8: process.versions.v8,
    napi: process.versions.napi ?? 'unknown',
    addon: { compiler: binding.build.compiler, flags: [...binding.build.flags], napiVersion: binding.build.napiVersion, source: addonSource(bindingPath), path: bindingPath },
    cores: readCores(),
    caches: readCaches(),
    cpuFlags: readCopyFlags(),
    cpuGovernor: readGovernor(),
    allowedCpus: binding.allowedCpus(),
    cgroupCpuQuota: readCgroupQuota(),
  };
  return cached;
}
