import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTearing } from 'tearlab';

const MULTICORE = os.availableParallelism() >= 2;

describe('calibration against native threads', () => {
  it.runIf(MULTICORE)('measures both sides in 5 pairs by default, nonzero, and reports the ratio of their medians (runs until both sides tear)', async () => {
    const deadline = Date.now() + 60_000;
    let result;
    do {
      // Runs of a fixed 100 ms, not of a snapshot count: a reader can take a small budget before its writer is
      // even scheduled, and every run here must have written.
      result = await runTearing({ mode: 'unlocked', size: 4096, writers: 1, readers: 1, iters: 1e12, timeMs: 100, calibrate: true });
    } while (!(result.calibration!.efficiency! > 0) && Date.now() < deadline);
    const { calibration } = result;
    expect(calibration!.pairs).toBe(5);
    expect(calibration!.nativeMode).toBe('unlocked');
    for (const side of [calibration!.js, calibration!.native]) {
      expect(side).toHaveLength(5);
      for (const run of side) {
        expect(run.snapshots).toBeGreaterThan(0);
        expect(run.writes).toBeGreaterThan(0);
        expect(run.readerWallMs).toBeGreaterThan(0);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[2];
    expect(calibration!.efficiency).toBeGreaterThan(0);
    expect(calibration!.efficiency).toBeCloseTo(
      median(calibration!.js.map((r) => r.tornPerSecond)) / median(calibration!.native.map((r) => r.tornPerSecond)),
      9,
    );
    expect(calibration!.writeEfficiency).toBeCloseTo(
      median(calibration!.js.map((r) => r.writesPerSecond)) / median(calibration!.native.map((r) => r.writesPerSecond)),
      9,
    );
    // The result's own figures are those of the median JavaScript-driven run.
    expect(calibration!.js.map((r) => r.tornPerSecond)).toContain(result.tornPerSecond);
  });

  it('gives no efficiency where the native runs cannot tear, and still a write efficiency', async () => {
    const result = await runTearing({ mode: 'double-buffer', size: 1024, iters: 1e12, timeMs: 100, calibrate: true, calibrationPairs: 4 });
    expect(result.torn).toBe(0);
    expect(result.calibration!.native).toHaveLength(4);
    expect(result.calibration!.native.every((run) => run.torn === 0 && run.snapshots > 0 && run.writes > 0)).toBe(true);
    expect(result.calibration!.efficiency).toBeNull();
    expect(result.calibration!.writeEfficiency).toBeGreaterThan(0);
  });

  it('measures the JavaScript loops against the addon mode they mirror', async () => {
    const result = await runTearing({ mode: 'js-lock', size: 1024, iters: 5_000, calibrate: true, calibrationPairs: 3 });
    expect(result.calibration!.nativeMode).toBe('lock');
    expect(result.torn).toBe(0);
  });
});
