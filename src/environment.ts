// The fingerprint of the machine a result came from, so results from many
// machines can be put side by side.
import os from 'node:os';
import { binding } from './native.js';

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
  addon: { compiler: string; napiVersion: number };
}

interface ReportHeader {
  glibcVersionRuntime?: string;
}

function libc(): string | null {
  if (process.platform !== 'linux') return null;
  const header = (process.report?.getReport() as { header?: ReportHeader } | undefined)?.header;
  return header?.glibcVersionRuntime ? `glibc ${header.glibcVersionRuntime}` : 'musl or other';
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
    addon: { compiler: binding.build.compiler, napiVersion: binding.build.napiVersion },
  };
  return cached;
}
