// The machine fingerprint: CPU facts read from made-up /sys and /proc trees, unknown where missing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environment } from 'tearlab';
import { countCpuList, parseCacheSize, readCaches, readCgroupQuota, readCopyFlags, readCores, readGovernor } from '../dist/src/cpu-facts.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tearlab-sys-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), `${text}\n`);
  }
  return root;
}

const cpu = (n: number, core: number, pack = 0) => ({
  [`sys/devices/system/cpu/cpu${n}/topology/core_id`]: String(core),
  [`sys/devices/system/cpu/cpu${n}/topology/physical_package_id`]: String(pack),
});
const cache = (index: number, level: number, type: string, size: string, shared: string) => ({
  [`sys/devices/system/cpu/cpu0/cache/index${index}/level`]: String(level),
  [`sys/devices/system/cpu/cpu0/cache/index${index}/type`]: type,
  [`sys/devices/system/cpu/cpu0/cache/index${index}/size`]: size,
  [`sys/devices/system/cpu/cpu0/cache/index${index}/coherency_line_size`]: '64',
  [`sys/devices/system/cpu/cpu0/cache/index${index}/shared_cpu_list`]: shared,
});

describe('CPU facts', () => {
  it('counts physical cores and SMT threads from the topology', () => {
    const smt = tree({ ...cpu(0, 0), ...cpu(1, 1), ...cpu(2, 0), ...cpu(3, 1) });
    expect(readCores(smt)).toEqual({ physicalCores: 2, threadsPerCore: 2 });
    const twoSockets = tree({ ...cpu(0, 0, 0), ...cpu(1, 0, 1) });
    expect(readCores(twoSockets)).toEqual({ physicalCores: 2, threadsPerCore: 1 });
    expect(readCores(tree({}))).toBeNull();
  });

  it('reads the caches of CPU 0, with their line size and how many CPUs share them', () => {
    const root = tree({ ...cache(0, 1, 'Data', '48K', '0,8'), ...cache(1, 1, 'Instruction', '32K', '0,8'), ...cache(2, 2, 'Unified', '2048K', '0,8'), ...cache(3, 3, 'Unified', '36M', '0-15') });
    expect(readCaches(root)).toEqual([
      { level: 1, type: 'Data', sizeBytes: 48 * 1024, lineBytes: 64, sharedByCpus: 2 },
      { level: 1, type: 'Instruction', sizeBytes: 32 * 1024, lineBytes: 64, sharedByCpus: 2 },
      { level: 2, type: 'Unified', sizeBytes: 2 * 2 ** 20, lineBytes: 64, sharedByCpus: 2 },
      { level: 3, type: 'Unified', sizeBytes: 36 * 2 ** 20, lineBytes: 64, sharedByCpus: 16 },
    ]);
    expect(readCaches(tree({}))).toBeNull();
    expect(parseCacheSize('1024K')).toBe(2 ** 20);
    expect(parseCacheSize('lots')).toBeNull();
    expect(countCpuList('0-3,6')).toBe(5);
    expect(countCpuList('x')).toBeNull();
  });

  it('keeps only the CPU flags that change copy behaviour, on x86 and on arm', () => {
    const x86 = tree({ 'proc/cpuinfo': 'processor\t: 0\nflags\t\t: fpu sse sse2 ssse3 avx avx2 bmi2 erms fsrm avx512f rdrand\n' });
    expect(readCopyFlags(x86)).toEqual(['avx', 'avx2', 'avx512f', 'erms', 'fsrm', 'sse2']);
    const arm = tree({ 'proc/cpuinfo': 'processor\t: 0\nFeatures\t: fp asimd evtstrm aes sve sve2\n' });
    expect(readCopyFlags(arm)).toEqual(['asimd', 'sve', 'sve2']);
    expect(readCopyFlags(tree({}))).toBeNull();
  });

  it('reads the governor and the cgroup quota, null where the files are missing', () => {
    expect(readGovernor(tree({ 'sys/devices/system/cpu/cpu0/cpufreq/scaling_governor': 'performance' }))).toBe('performance');
    expect(readGovernor(tree({}))).toBeNull();
    expect(readCgroupQuota(tree({ 'sys/fs/cgroup/cpu.max': 'max 100000' }))).toEqual({ quotaCpus: null, raw: 'max 100000' });
    expect(readCgroupQuota(tree({ 'sys/fs/cgroup/cpu.max': '250000 100000' }))).toEqual({ quotaCpus: 2.5, raw: '250000 100000' });
    expect(readCgroupQuota(tree({}))).toBeNull();
  });

  it('are part of this machine\'s fingerprint', () => {
    const env = environment();
    // PREBUILDS_ONLY=1 (the prebuild workflow's test run) must load the prebuild, or that run proves nothing about it.
    if (process.env.PREBUILDS_ONLY) expect(env.addon.source, env.addon.path).toBe('prebuild');
    else expect(['build', 'prebuild', 'unknown']).toContain(env.addon.source);
    expect(env.addon.path).toMatch(/tearlab\.node$/);
    // binding.gyp asks for C++20 at -O3; the target architecture follows the machine's.
    expect(env.addon.flags.slice(0, 2)).toEqual(['C++20', 'optimized']);
    expect(env.addon.flags).toContain({ x64: 'x86-64', arm64: 'aarch64' }[process.arch as string] ?? env.addon.flags[2]);
    if (process.platform === 'linux') {
      expect(env.allowedCpus!.length).toBeGreaterThan(0);
      expect(env.cores!.physicalCores * env.cores!.threadsPerCore).toBeGreaterThanOrEqual(env.allowedCpus!.length);
    }
    for (const cacheFact of env.caches ?? []) expect(cacheFact.sizeBytes).toBeGreaterThan(0);
  });
});
