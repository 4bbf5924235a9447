import { describe, expect, it } from 'vitest';
import { alternateTrials, runAlternating, runTrials } from '../dist/src/index.js';
import { medianEstimate, proportionEstimate, summarizeTrials, type Trial } from '../dist/src/results.js';
import { zeroUpperBound } from '../dist/src/stats.js';

describe('trials', () => {
  it('runs a configuration in fresh workers each trial and sums what they saw', async () => {
    const cell = await runTrials({ mode: 'lock', size: 64, iters: 500, trials: 3, writers: 1, readers: 1 });
    expect(cell).toMatchObject({ mode: 'lock', size: 64, layout: '1w+1r', batch: 'auto', placement: 'none', slowReader: false });
    expect(cell.trials).toHaveLength(3);
    expect(cell.trials.every((t) => t.snapshots === 500 && !('environment' in t))).toBe(true);
    expect(cell.summary).toMatchObject({ trials: 3, snapshots: 1500, torn: 0, verdict: 'Never', forbidden: false });
    expect(cell.summary.writes).toBe(cell.trials.reduce((sum, t) => sum + t.writes, 0));
    // Three trials give a median but no 95% interval.
    expect(cell.summary.snapshotsPerSecond.lower).toBeNull();
    expect(cell.summary.tornFraction).toEqual({ count: 0, of: 1500, value: 0, lower: 0, upper: zeroUpperBound(1500) });
  });

  it('lets configurations take turns, reversing the order every other trial', async () => {
    const order: string[] = [];
    const cells = await runAlternating(
      [
        { mode: 'global-lock', size: 64, iters: 200 },
        { mode: 'seqlock', size: 64, iters: 200 },
      ],
      4,
      ({ done, total, index, trial, result }) => {
        expect(total).toBe(8);
        expect(result.mode).toBe(index === 0 ? 'global-lock' : 'seqlock');
        order.push(`${done}:${result.mode}:${trial}`);
      },
    );
    expect(order).toEqual([
      '1:global-lock:0', '2:seqlock:0', '3:seqlock:1', '4:global-lock:1',
      '5:global-lock:2', '6:seqlock:2', '7:seqlock:3', '8:global-lock:3',
    ]);
    expect(cells.map((c) => [c.mode, c.trials.length])).toEqual([['global-lock', 4], ['seqlock', 4]]);
  });

  it('keeps the trials finished before a run that failed, and says which run failed', async () => {
    // Every worker of a 4096-byte run throws as it starts (a test-only fault); the 64-byte runs go first.
    const configurations = [
      { mode: 'lock' as const, size: 64, iters: 200 },
      { mode: 'lock' as const, size: 4096, iters: 200 },
    ];
    process.env.TEARLAB_FAULT = 'worker-throws';
    process.env.TEARLAB_FAULT_SIZE = '4096';
    try {
      const { cells, failure } = await alternateTrials(configurations, 3);
      expect(cells.map((c) => [c.size, c.trials.length])).toEqual([[64, 1]]);
      expect(cells[0].summary.snapshots).toBe(200);
      expect(failure).toMatchObject({ index: 1, trial: 0 });
      expect((failure!.error as Error).message).toMatch(/^tearlab: (writer|reader) \d+ threw: failed on purpose \(TEARLAB_FAULT=worker-throws\)$/);
      await expect(runAlternating(configurations, 3)).rejects.toThrow(/^tearlab: (writer|reader) \d+ threw: failed on purpose/);
    } finally {
      delete process.env.TEARLAB_FAULT;
      delete process.env.TEARLAB_FAULT_SIZE;
    }
    expect((await alternateTrials(configurations, 1)).failure).toBeNull();
  });

  it('refuses a bad trials count or bad options before running anything', async () => {
    await expect(runTrials({ trials: 0 })).rejects.toThrow(new RangeError('options.trials must be an integer from 1 to 1000, got 0'));
    await expect(runTrials({ trials: 1.5 })).rejects.toThrow(RangeError);
    await expect(runTrials({ trials: '3' as unknown as number })).rejects.toThrow(new TypeError('options.trials must be a number, got "3"'));
    await expect(runTrials(null as never)).rejects.toThrow(TypeError);
    await expect(runAlternating([{ size: 64, iters: 10 }, { size: -1 }], 2)).rejects.toThrow(/options\.size/);
    // Bad options are a mistake in the call, not a run that failed.
    await expect(alternateTrials([{ size: 64, iters: 10 }, { size: -1 }], 2)).rejects.toThrow(/options\.size/);
  });
});

describe('a cell summary', () => {
  const trial = (tornPerSecond: number, torn: number, snapshots: number) =>
    ({ mode: 'unlocked', torn, snapshots, writes: 10, tornPerSecond, snapshotsPerSecond: 1, writesPerSecond: 1, outcomes: { 'torn:2-segments': torn } }) as unknown as Trial;

  it('gives the median of six trials the interval from the smallest to the largest (96.9% coverage)', () => {
    expect(medianEstimate([6, 1, 5, 2, 4, 3])).toEqual({ median: 3.5, lower: 1, upper: 6 });
    expect(medianEstimate([1, 2, 3, 4, 5])).toEqual({ median: 3, lower: null, upper: null });
    expect(medianEstimate([NaN, Infinity])).toEqual({ median: null, lower: null, upper: null });
  });

  it('pools the torn fraction over trials with its Wilson interval, and grades the verdict', () => {
    const summary = summarizeTrials([trial(10, 1, 100), trial(30, 3, 100), trial(20, 0, 100)], []);
    expect(summary).toMatchObject({ snapshots: 300, torn: 4, verdict: 'Sometimes', forbidden: false });
    expect(summary.tornFraction).toEqual(proportionEstimate(4, 300));
    expect(summary.tornFraction.value).toBeCloseTo(4 / 300, 12);
    expect(summary.tornFraction.lower).toBeLessThan(4 / 300);
    expect(summary.tornPerSecond.median).toBe(20);
    const fixThatTore = summarizeTrials([{ ...trial(1, 1, 1), mode: 'seqlock', outcomes: { 'torn:2-segments': 1 } }], []);
    expect(fixThatTore).toMatchObject({ verdict: 'Always', forbidden: true });
  });
});
