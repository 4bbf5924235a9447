// Every snapshot is one outcome, counted where it is classified; torn ones are dissected on a sample.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTearing } from 'tearlab';
import { addAnatomies, anatomyOf, createTally, outcomesOf, sampleShare } from '../dist/src/outcome-tally.js';
import { binding } from './helpers/package.js';

const { batchModes: MODES, layout } = binding;
const TALLY = layout.outcomeTally;
const MULTICORE = os.availableParallelism() >= 2;
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
    expect(anatomy).toMatchObject({ sampleLimit: 1000, sampled: 2, boundaries: 2, boundaryMod4096: [[4, 2]] });
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

  it('agrees with a byte-by-byte count on random snapshots with 0 to 4 boundaries anywhere, words and blocks alike', () => {
    let seed = 2024;
    const random = (below: number) => Math.floor(((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * below);
    for (let round = 0; round < 300; round++) {
      const size = 1 + random(2100);
      const bytes = new Uint8Array(size).fill(A);
      const cuts = Array.from({ length: random(5) }, () => random(size)).sort((x, y) => x - y);
      cuts.forEach((cut, i) => bytes.fill(i % 2 === 0 ? B : A, cut));
      let boundaries = 0;
      for (let i = 1; i < size; i++) if (bytes[i] !== bytes[i - 1]) boundaries++;
      const expected = boundaries === 0 ? `intact:${String.fromCharCode(bytes[0])}` : boundaries === 1 ? 'torn:2-segments' : 'torn:3+-segments';
      const outcomes = outcomesOf(snapshotInto(bytes, 1, { sample: 0 }).tally, [A, B]);
      expect(Object.entries(outcomes).filter(([, count]) => count > 0), `size ${size}, cuts ${cuts}`).toEqual([[expected, 1]]);
    }
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

  it('dissects every boundary of a snapshot, however many it has', () => {
    // 9,999 boundaries, one after every byte: more than any fixed buffer of offsets would hold.
    const striped = new Uint8Array(10_000).map((_, i) => (i % 2 === 0 ? A : B));
    const anatomy = anatomyOf(snapshotInto(striped, 1).tally);
    expect(anatomy).toMatchObject({ sampled: 1, boundaries: 9_999, segmentLengthLog2: [10_000], shortestSegmentLog2: [1] });
    expect(anatomy.boundaryMod16.reduce((a, b) => a + b, 0)).toBe(9_999);
    expect(anatomy.boundaryMod4096.reduce((sum, [, count]) => sum + count, 0)).toBe(9_999);
    expect(anatomy.boundaryMod4096[0]).toEqual([0, 2]);
  });

  it('counts a snapshot with no boundary that is not intact as torn:foreign-value, and does not dissect it', () => {
    const { tally, torn } = snapshotInto(new Uint8Array(64).fill(0x43), 2);
    expect(torn).toBe(2);
    expect(outcomesOf(tally, [A, B])).toEqual({
      'intact:A': 0, 'intact:B': 0, 'intact:initial': 0, 'torn:2-segments': 0, 'torn:3+-segments': 0, 'torn:foreign-value': 2,
    });
    expect(anatomyOf(tally).sampled).toBe(0);
    const empty = createTally(10, 0);
    binding.tallyTorn(empty, new Uint8Array(0));
    expect(outcomesOf(empty, [A, B])['torn:foreign-value']).toBe(1);
    expect(anatomyOf(empty)).toMatchObject({ sampled: 0, boundaries: 0, segmentLengthLog2: [], shortestSegmentLog2: [] });
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
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

  for (const [what, options, tears] of [
    ['in batches', { mode: 'unlocked', batch: 'auto' }, true],
    ['one call per copy', { mode: 'unlocked', batch: 1 }, true],
    ['in a JavaScript loop (js-set)', { mode: 'js-set' }, true],
    ['under a fix', { mode: 'seqlock' }, false],
  ] as const) {
    // Runs until one tears where tearing can happen (a bounded number of runs), so that the torn counts are not all zero.
    it.runIf(!tears || MULTICORE)(`add up to the snapshots, and the torn ones to torn: ${what}`, async () => {
      const run = () => runTearing({ ...options, size: 4096, writers: 1, readers: 2, iters: 20_000, anatomySample: 50 });
      let result = await run();
      for (let attempt = 0; tears && result.torn === 0 && attempt < 30; attempt++) result = await run();
      if (tears) expect(result.torn).toBeGreaterThan(0);
      expect(sum(Object.values(result.outcomes))).toBe(result.snapshots);
      expect(sum(Object.entries(result.outcomes).filter(([name]) => name.startsWith('torn:')).map(([, count]) => count))).toBe(result.torn);
      expect(Object.keys(result.outcomes)).toEqual(['intact:A', 'intact:B', 'intact:initial', 'torn:2-segments', 'torn:3+-segments']);
      const { anatomy } = result;
      expect(anatomy.sampleLimit).toBe(50);
      expect(anatomy.sampled).toBeLessThanOrEqual(Math.min(50, result.torn));
      // Each reader may dissect 25: whichever tore dissected at least one.
      if (tears) expect(anatomy.sampled).toBeGreaterThan(0);
      // Every dissected snapshot has a shortest segment, and one segment more than it has boundaries.
      expect(sum(anatomy.shortestSegmentLog2)).toBe(anatomy.sampled);
      expect(sum(anatomy.segmentLengthLog2)).toBe(anatomy.boundaries + anatomy.sampled);
      expect(sum(anatomy.boundaryMod16)).toBe(anatomy.boundaries);
      expect(sum(anatomy.boundaryMod64)).toBe(anatomy.boundaries);
      expect(sum(anatomy.boundaryMod4096.map(([, count]) => count))).toBe(anatomy.boundaries);
    });
  }

  it('are all counted with no anatomy sample at all', async () => {
    const result = await runTearing({ mode: 'unlocked', size: 4096, writers: 1, readers: 1, iters: 20_000, anatomySample: 0 });
    expect(sum(Object.values(result.outcomes))).toBe(result.snapshots);
    expect(result.anatomy).toMatchObject({ sampleLimit: 0, sampled: 0, boundaries: 0, boundaryMod4096: [], segmentLengthLog2: [] });
  });

  it('refuses a bad anatomySample, naming it', async () => {
    for (const bad of [-1, 1e9 + 1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(runTearing({ anatomySample: bad })).rejects.toThrow(RangeError);
      await expect(runTearing({ anatomySample: bad })).rejects.toThrow(/^options\.anatomySample must be an integer from 0 to 1000000000/);
    }
    for (const bad of ['all', 10n, {}]) {
      await expect(runTearing({ anatomySample: bad as unknown as number })).rejects.toThrow(TypeError);
      await expect(runTearing({ anatomySample: bad as unknown as number })).rejects.toThrow(/^options\.anatomySample must be a number/);
    }
  });
});
