// Every snapshot is one outcome, counted where it is classified; torn ones are dissected on a sample.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runTearing } from 'tearlab';
import { addAnatomies, anatomyOf, createTally, outcomesOf, sampleShare } from '../dist/src/outcome-tally.js';

const require = createRequire(import.meta.url);
const binding = require('node-gyp-build')(new URL('..', import.meta.url).pathname);
const { batchModes: MODES, layout } = binding;
const TALLY = layout.outcomeTally;
const A = 0x41;
const B = 0x42;
const intactTable = () => {
  const table = new Uint8Array(256);
  table[0] = table[A] = table[B] = 1;
  return table;
};

/** Snapshots `count` times the unchanging shared `data` through the unlocked batch loop into a fresh tally. */
function snapshotInto(data: Uint8Array, count: number, { sample = 1000, offset = 0 } = {}) {
  const shared = new Uint8Array(new SharedArrayBuffer(data.length));
  shared.set(data);
  const tally = createTally(sample, offset);
  const outcome = new Float64Array(layout.batchOutcome.fields);
  const snapshot = new Uint8Array(data.length);
  binding.snapshotBatch(MODES.unlocked, new Int32Array(new SharedArrayBuffer(0)), shared, snapshot, intactTable(), count, Int32Array.of(0), outcome, tally);
  return { tally, torn: outcome[layout.batchOutcome.torn] };
}

describe('the outcome tally', () => {
  it('counts intact snapshots by pattern, and the untouched buffer as intact:initial', () => {
    expect(outcomesOf(snapshotInto(new Uint8Array(64), 5).tally, [A, B])).toEqual({
      'intact:A': 0, 'intact:B': 0, 'intact:initial': 5, 'torn:2-segments': 0, 'torn:3+-segments': 0,
    });
    expect(outcomesOf(snapshotInto(new Uint8Array(64).fill(B), 3).tally, [A, B])['intact:B']).toBe(3);
  });

  it('tells two segments from three or more, and dissects torn snapshots with known boundaries', () => {
    const two = new Uint8Array(8192).fill(A);
    two.fill(B, 4100);
    const { tally, torn } = snapshotInto(two, 2);
    expect(torn).toBe(2);
    expect(outcomesOf(tally, [A, B])).toMatchObject({ 'torn:2-segments': 2, 'torn:3+-segments': 0 });
    const anatomy = anatomyOf(tally);
    expect(anatomy).toMatchObject({ sampleLimit: 1000, sampled: 2, boundaries: 2, unrecorded: 0, boundaryMod4096: [[4, 2]] });
    expect(anatomy.boundaryMod16[4]).toBe(2);
    expect(anatomy.boundaryMod64[4]).toBe(2);
    // Segments of 4100 and 4092 bytes: both from 2^11 to 2^12 - 1, then 2^12 up: buckets 11 and 12.
    expect(anatomy.segmentLengthLog2).toEqual([...new Array(11).fill(0), 2, 2]);
    expect(anatomy.shortestSegmentLog2).toEqual([...new Array(11).fill(0), 2]);

    const three = new Uint8Array(256).fill(A);
    three.fill(B, 64, 128);
    const dissected = snapshotInto(three, 1, { offset: 60 });
    expect(outcomesOf(dissected.tally, [A, B])).toMatchObject({ 'torn:2-segments': 0, 'torn:3+-segments': 1 });
    // Counted from the page: the data starts 60 bytes in, so boundaries at 64 and 128 sit at 124 and 188.
    expect(anatomyOf(dissected.tally).boundaryMod4096).toEqual([[124, 1], [188, 1]]);
    expect(anatomyOf(dissected.tally).shortestSegmentLog2).toEqual([0, 0, 0, 0, 0, 0, 1]);
    // Segments of 64, 64 and 128 bytes.
    expect(anatomyOf(dissected.tally).segmentLengthLog2).toEqual([0, 0, 0, 0, 0, 0, 2, 1]);
  });

  it('counts a snapshot mixing the initial fill and a pattern as torn: a first write half done', () => {
    const half = new Uint8Array(128);
    half.fill(A, 0, 64);
    expect(outcomesOf(snapshotInto(half, 1).tally, [A, B])['torn:2-segments']).toBe(1);
  });

  it('dissects no more than its sample, and still counts every outcome', () => {
    const torn = new Uint8Array(64).fill(A);
    torn[10] = B;
    const { tally } = snapshotInto(torn, 7, { sample: 3 });
    expect(anatomyOf(tally).sampled).toBe(3);
    expect(outcomesOf(tally, [A, B])['torn:3+-segments']).toBe(7);
    const none = snapshotInto(torn, 4, { sample: 0 }).tally;
    expect(anatomyOf(none)).toMatchObject({ sampled: 0, boundaries: 0, boundaryMod4096: [] });
    expect(outcomesOf(none, [A, B])['torn:3+-segments']).toBe(4);
  });

  it('tallies one torn snapshot at a time for loops that copy one call at a time', () => {
    const tally = createTally(10, 0);
    const torn = new Uint8Array(100).fill(A);
    torn.fill(B, 50);
    binding.tallyTorn(tally, torn);
    expect(outcomesOf(tally, [A, B])['torn:2-segments']).toBe(1);
    expect(anatomyOf(tally).boundaryMod64[50]).toBe(1);
    const bad = createTally(10, 0);
    bad[TALLY.boundaryBase] = 4096;
    expect(() => binding.tallyTorn(bad, torn)).toThrow(RangeError);
    expect(() => binding.tallyTorn(new Float64Array(3), torn)).toThrow(RangeError);
    expect(() => binding.tallyTorn('tally', torn)).toThrow(TypeError);
  });

  it('shares a run\'s sample among readers, and adds anatomies up', () => {
    expect([0, 1, 2].map((i) => sampleShare(1000, 3, i))).toEqual([334, 333, 333]);
    const one = snapshotInto(new Uint8Array(64).fill(A).fill(B, 32), 2).tally;
    const sum = addAnatomies([anatomyOf(one), anatomyOf(one)]);
    expect(sum).toMatchObject({ sampled: 4, boundaries: 4, boundaryMod4096: [[32, 4]] });
  });
});

describe('a run\'s outcomes', () => {
  for (const [what, options] of [
    ['in batches', { mode: 'unlocked', batch: 'auto' }],
    ['one call per copy', { mode: 'unlocked', batch: 1 }],
    ['in a JavaScript loop (js-set)', { mode: 'js-set' }],
    ['under a fix', { mode: 'seqlock' }],
  ] as const) {
    it(`add up to the snapshots, and the torn ones to torn: ${what}`, async () => {
      const result = await runTearing({ ...options, size: 4096, writers: 1, readers: 2, iters: 20_000, anatomySample: 50 });
      const counts = Object.values(result.outcomes);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(result.snapshots);
      const torn = Object.entries(result.outcomes).filter(([name]) => name.startsWith('torn:')).reduce((sum, [, count]) => sum + count, 0);
      expect(torn).toBe(result.torn);
      expect(Object.keys(result.outcomes)).toEqual(['intact:A', 'intact:B', 'intact:initial', 'torn:2-segments', 'torn:3+-segments']);
      expect(result.anatomy.sampled).toBe(Math.min(result.torn, result.anatomy.sampled));
      expect(result.anatomy.sampled).toBeLessThanOrEqual(50);
      expect(result.anatomy.sampleLimit).toBe(50);
    });
  }

  it('refuses a bad anatomySample', async () => {
    await expect(runTearing({ anatomySample: -1 })).rejects.toThrow(/^options\.anatomySample must be an integer from 0 to 1000000000/);
    await expect(runTearing({ anatomySample: 'all' as unknown as number })).rejects.toThrow(TypeError);
  });
});
