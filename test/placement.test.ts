import { describe, expect, it } from 'vitest';
import { runTearing } from 'tearlab';
import { binding } from './helpers/package.js';

const allowed: number[] | null = binding.allowedCpus();
const LINUX = process.platform === 'linux';

describe('placement', () => {
  it.runIf(LINUX)('knows the CPUs this process may use', () => {
    expect(allowed).not.toBeNull();
    expect(allowed!.length).toBeGreaterThan(0);
    expect(allowed).toEqual([...allowed!].sort((a, b) => a - b));
  });

  it.runIf(LINUX)('pins every worker to one allowed CPU, as sched_getcpu observes at its start and end', async () => {
    const cpu = allowed!.at(-1)!;
    const result = await runTearing({ mode: 'unlocked', size: 4096, writers: 1, readers: 2, iters: 20_000, placement: `cpus:${cpu}` });
    expect(result.placement.requested).toBe(`cpus:${cpu}`);
    expect(result.placement.pinned).toBe(true);
    expect(result.placement.reason).toBeNull();
    expect(result.placement.workers).toHaveLength(3);
    for (const worker of result.placement.workers) {
      expect(worker).toMatchObject({ cpu, pinError: null, cpuAtStart: cpu, cpuAtEnd: cpu });
    }
  });

  it.runIf(LINUX)('same-cpu puts every worker on the first allowed CPU', async () => {
    const result = await runTearing({ mode: 'global-lock', size: 64, iters: 5_000, placement: 'same-cpu' });
    expect(result.placement.workers.map((w) => [w.cpuAtStart, w.cpuAtEnd])).toEqual(Array(3).fill([allowed![0], allowed![0]]));
  });

  it('a CPU outside the allowed set runs unpinned, and says why', async () => {
    const outside = [1023, 1022].find((cpu) => !(allowed ?? []).includes(cpu))!;
    const result = await runTearing({ mode: 'unlocked', size: 64, iters: 2_000, placement: `cpus:${outside}` });
    expect(result.snapshots).toBe(2_000);
    expect(result.placement.pinned).toBe(false);
    expect(result.placement.reason).toMatch(LINUX ? new RegExp(`CPU ${outside} is not one this process may use`) : /not supported/);
    expect(result.placement.workers.every((w) => w.cpu === null)).toBe(true);
  });

  it('spread with fewer CPUs than workers runs unpinned, and says why', async () => {
    const workers = (allowed?.length ?? 1) + 1;
    const result = await runTearing({ mode: 'unlocked', size: 64, iters: 2_000, writers: workers - 1, readers: 1, placement: 'spread' });
    expect(result.placement.pinned).toBe(false);
    expect(result.placement.reason).toMatch(LINUX ? new RegExp(`spread needs ${workers} CPUs`) : /not supported/);
  });

  it.runIf(LINUX)('native runs are pinned the same way', async () => {
    const cpu = allowed![0];
    const result = await runTearing({ mode: 'unlocked', size: 64, writers: 1, readers: 1, iters: 5_000, placement: `cpus:${cpu}`, calibrate: true, calibrationPairs: 3 });
    expect(result.calibration!.native).toHaveLength(3);
    for (const run of result.calibration!.native) {
      expect(run.placement.pinned).toBe(true);
      expect(run.placement.workers.map((w) => [w.role, w.cpuAtStart, w.cpuAtEnd])).toEqual([
        ['writer', cpu, cpu],
        ['reader', cpu, cpu],
      ]);
    }
  });
});
