// The addon's batch loops driven directly, one thread, with the shared state set by hand.
import { describe, expect, it } from 'vitest';
import { binding } from './helpers/package.js';

const { batchModes: MODES, layout } = binding;
const OUTCOME = layout.batchOutcome;
const A = 0x41;
const B = 0x42;

const shared = (bytes: number) => new SharedArrayBuffer(bytes);
const noWords = () => new Int32Array(shared(0));
const intactAB = () => {
  const table = new Uint8Array(256);
  table[A] = table[B] = 1;
  return table;
};
const stopWord = (value = 0) => Int32Array.of(value);
const outcomeOf = (outcome: Float64Array) => ({
  done: outcome[OUTCOME.done],
  torn: outcome[OUTCOME.torn],
  firstTorn: outcome[OUTCOME.firstTorn],
  counters: Object.fromEntries(binding.counterNames.map((name: string, i: number) => [name, outcome[OUTCOME.firstCounter + i]])),
});

describe('writeBatch', () => {
  it('alternates the two patterns, starting with the first, and counts its writes', () => {
    const data = new Uint8Array(shared(64));
    const outcome = new Float64Array(OUTCOME.fields);
    const first = new Uint8Array(64).fill(A);
    const second = new Uint8Array(64).fill(B);
    binding.writeBatch(MODES.unlocked, noWords(), data, first, second, 3, stopWord(), outcome);
    expect(outcomeOf(outcome)).toMatchObject({ done: 3, torn: 0, firstTorn: -1 });
    expect(data.every((b) => b === A)).toBe(true);
    binding.writeBatch(MODES['global-lock'], noWords(), data, first, second, 4, stopWord(), outcome);
    expect(outcome[OUTCOME.done]).toBe(4);
    expect(data.every((b) => b === B)).toBe(true);
  });

  it('copies nothing once the stop word is set', () => {
    const data = new Uint8Array(shared(16));
    const outcome = new Float64Array(OUTCOME.fields);
    const pattern = new Uint8Array(16).fill(A);
    binding.writeBatch(MODES.unlocked, noWords(), data, pattern, pattern, 1000, stopWord(1), outcome);
    expect(outcome[OUTCOME.done]).toBe(0);
    expect(data.every((b) => b === 0)).toBe(true);
  });

  it('publishes through the double buffer and leaves no slot owned', () => {
    const { doubleBufferFirstPin: FIRST_PIN, doubleBufferPinStride: STRIDE, doubleBufferPublishedSlot: PUBLISHED } = layout;
    const slots = 3;
    const state = new Int32Array(shared((FIRST_PIN + slots * STRIDE) * 4));
    const data = new Uint8Array(shared(slots * 8));
    const outcome = new Float64Array(OUTCOME.fields);
    const pattern = new Uint8Array(8).fill(A);
    binding.writeBatch(MODES['double-buffer'], state, data, pattern, pattern, 5, stopWord(), outcome);
    expect(outcome[OUTCOME.done]).toBe(5);
    const published = state[PUBLISHED];
    expect(data.subarray(published * 8, published * 8 + 8).every((b) => b === A)).toBe(true);
    expect(Array.from({ length: slots }, (_, slot) => state[FIRST_PIN + slot * STRIDE])).toEqual([0, 0, 0]);
  });

  it('rejects patterns of different lengths, or longer than one copy of the data', () => {
    const outcome = new Float64Array(OUTCOME.fields);
    const data = new Uint8Array(shared(8));
    expect(() => binding.writeBatch(MODES.unlocked, noWords(), data, new Uint8Array(8), new Uint8Array(4), 1, stopWord(), outcome)).toThrow(
      /"second" argument's byteLength \(4\) must equal the first's \(8\)/,
    );
    expect(() => binding.writeBatch(MODES.unlocked, noWords(), data, new Uint8Array(9), new Uint8Array(9), 1, stopWord(), outcome)).toThrow(RangeError);
    expect(() => binding.writeBatch(MODES.lock, noWords(), data, new Uint8Array(8), new Uint8Array(8), 1, stopWord(), outcome)).toThrow(
      /"words" argument must have at least 2 elements/,
    );
    expect(() => binding.writeBatch(99, noWords(), data, new Uint8Array(8), new Uint8Array(8), 1, stopWord(), outcome)).toThrow(/"mode"/);
    expect(() => binding.writeBatch(MODES.unlocked, noWords(), data, new Uint8Array(8), new Uint8Array(8), 1, stopWord(), new Float64Array(2))).toThrow(
      /"outcome"/,
    );
  });
});

describe('snapshotBatch', () => {
  it('counts every snapshot of a torn buffer as torn, from index 0', () => {
    const data = new Uint8Array(shared(128)).fill(A, 0, 64).fill(B, 64);
    const snapshot = new Uint8Array(128);
    const outcome = new Float64Array(OUTCOME.fields);
    binding.snapshotBatch(MODES.unlocked, noWords(), data, snapshot, intactAB(), 7, stopWord(), outcome);
    expect(outcomeOf(outcome)).toMatchObject({ done: 7, torn: 7, firstTorn: 0 });
  });

  it('counts a uniform buffer of a byte no writer writes as torn, and of a pattern as intact', () => {
    const data = new Uint8Array(shared(64)).fill(0x43);
    const snapshot = new Uint8Array(64);
    const outcome = new Float64Array(OUTCOME.fields);
    binding.snapshotBatch(MODES['global-lock'], noWords(), data, snapshot, intactAB(), 3, stopWord(), outcome);
    expect(outcomeOf(outcome)).toMatchObject({ done: 3, torn: 3 });
    data.fill(B);
    binding.snapshotBatch(MODES.seqlock, new Int32Array(shared(layout.seqlockWords * 4)), data, snapshot, intactAB(), 3, stopWord(), outcome);
    expect(outcomeOf(outcome)).toMatchObject({ done: 3, torn: 0, firstTorn: -1 });
    expect(snapshot.every((b) => b === B)).toBe(true);
  });

  it('takes the lock around each snapshot and leaves it free', () => {
    const lock = new Int32Array(shared(layout.lockWords * 4));
    const data = new Uint8Array(shared(32)).fill(A);
    const outcome = new Float64Array(OUTCOME.fields);
    binding.snapshotBatch(MODES.lock, lock, data, new Uint8Array(32), intactAB(), 10, stopWord(), outcome);
    expect(outcomeOf(outcome)).toMatchObject({ done: 10, torn: 0, counters: { lockWaits: 0 } });
    expect([...lock]).toEqual([0, 0]);
  });

  it('throws a RangeError for a double buffer whose published index is not a slot', () => {
    const { doubleBufferFirstPin: FIRST_PIN, doubleBufferPinStride: STRIDE, doubleBufferPublishedSlot: PUBLISHED } = layout;
    const state = new Int32Array(shared((FIRST_PIN + 2 * STRIDE) * 4));
    state[PUBLISHED] = 7;
    const outcome = new Float64Array(OUTCOME.fields);
    expect(() => binding.snapshotBatch(MODES['double-buffer'], state, new Uint8Array(shared(16)), new Uint8Array(8), intactAB(), 1, stopWord(), outcome)).toThrow(
      RangeError,
    );
  });

  it('rejects an intact table shorter than 256 bytes', () => {
    const outcome = new Float64Array(OUTCOME.fields);
    expect(() => binding.snapshotBatch(MODES.unlocked, noWords(), new Uint8Array(8), new Uint8Array(8), new Uint8Array(255), 1, stopWord(), outcome)).toThrow(
      /"intact" argument must hold 256 bytes, got 255/,
    );
  });
});

describe('runNative', () => {
  it('refuses memory that is not a SharedArrayBuffer, which its threads would outlive', () => {
    const args = (data: ArrayBufferView, workspace: Uint8Array) => [
      MODES.unlocked, noWords(), data, 8, Uint8Array.of(A, B), intactAB(), 1, 10, new Int32Array(shared(4)), Int32Array.of(-1, -1), Int32Array.of(1, 0, 0), workspace, 8, 0,
    ];
    expect(() => binding.runNative(...args(new Uint8Array(8), new Uint8Array(shared(24))))).toThrow(/"data" argument must be a view of a SharedArrayBuffer/);
    expect(() => binding.runNative(...args(new Uint8Array(shared(8)), new Uint8Array(24)))).toThrow(/"workspace" argument must be a view of a SharedArrayBuffer/);
    expect(() => binding.runNative(...args(new Uint8Array(shared(8)), new Uint8Array(shared(23))))).toThrow(/"workspace" argument must hold 3 buffers/);
  });

  it('takes exactly iters snapshots over two readers, then stops the writer', async () => {
    const stop = new Int32Array(shared(4));
    const report = await binding.runNative(
      MODES.unlocked, noWords(), new Uint8Array(shared(64)).fill(A), 64, Uint8Array.of(A, B), intactAB(), 2, 10_001, stop,
      Int32Array.of(-1, -1, -1), Int32Array.of(1, 0, 0, 1, 0, 0), new Uint8Array(shared(4 * 128)), 128, 1000,
    );
    expect(report.readers).toHaveLength(2);
    expect(report.writers).toHaveLength(1);
    expect(report.readers[0].count + report.readers[1].count).toBe(10_001);
    expect(Number.isSafeInteger(report.writers[0].count)).toBe(true);
    expect(report.writers[0].wallMs).toBeGreaterThanOrEqual(0);
    expect(stop[0]).toBe(1);
  });
});
