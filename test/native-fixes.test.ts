// The fixes' native primitives driven directly, one thread, with the shared state set by hand.
import { describe, expect, it } from 'vitest';
import { binding } from './helpers/package.js';


const SLOT_BYTES = 16;
const SLOTS = 4;
const { doubleBufferFirstPin: FIRST_PIN, doubleBufferPinStride: PIN_STRIDE, doubleBufferPublishedSlot: PUBLISHED } = binding.layout;
const pinWord = (slot: number) => FIRST_PIN + slot * PIN_STRIDE;

function doubleBuffer() {
  const state = new Int32Array(new SharedArrayBuffer((FIRST_PIN + SLOTS * PIN_STRIDE) * 4));
  const pins = () => Array.from({ length: SLOTS }, (_, slot) => state[pinWord(slot)]);
  const slots = new Uint8Array(new SharedArrayBuffer(SLOTS * SLOT_BYTES));
  for (let slot = 0; slot < SLOTS; slot++) slots.fill(slot, slot * SLOT_BYTES, (slot + 1) * SLOT_BYTES);
  const slot = (index: number) => slots.subarray(index * SLOT_BYTES, (index + 1) * SLOT_BYTES);
  return { state, slots, slot, pins };
}

describe('double buffer', () => {
  it('gives every pin 128 bytes of its own (a cache line on Apple M-series), the published index too', () => {
    expect(PIN_STRIDE * Int32Array.BYTES_PER_ELEMENT).toBe(128);
    expect(FIRST_PIN * Int32Array.BYTES_PER_ELEMENT).toBe(128);
    expect(PUBLISHED).toBe(0);
  });

  it('a writer never overwrites a pinned slot or the published one', () => {
    const { state, slots, slot, pins } = doubleBuffer();
    state[pinWord(2)] = 1; // a reader is copying slot 2
    const pattern = new Uint8Array(SLOT_BYTES).fill(0xaa);
    const published = new Set<number>();
    for (let write = 0; write < 20; write++) {
      const before = state[PUBLISHED];
      binding.doubleBufferWrite(state, slots, pattern);
      expect(state[PUBLISHED]).not.toBe(before);
      published.add(state[PUBLISHED]);
    }
    expect(published.has(2)).toBe(false);
    expect(published.size).toBeGreaterThanOrEqual(2);
    expect(slot(2).every((b: number) => b === 2)).toBe(true);
    expect(pins()).toEqual([0, 0, 1, 0]);
  });

  it('a reader copies the published slot and leaves no pin behind', () => {
    const { state, slots, pins } = doubleBuffer();
    state[PUBLISHED] = 3;
    const snapshot = new Uint8Array(SLOT_BYTES);
    expect(binding.doubleBufferSnapshot(state, slots, snapshot)).toBe(3);
    expect(snapshot.every((b) => b === 3)).toBe(true);
    expect(pins()).toEqual([0, 0, 0, 0]);
  });

  it('rejects a published index outside the slots instead of reading out of bounds', () => {
    const { state, slots } = doubleBuffer();
    state[PUBLISHED] = 99;
    expect(() => binding.doubleBufferSnapshot(state, slots, new Uint8Array(SLOT_BYTES))).toThrow(RangeError);
    state[PUBLISHED] = -1;
    expect(() => binding.doubleBufferSnapshot(state, slots, new Uint8Array(SLOT_BYTES))).toThrow(/published slot/);
  });

  it('rejects a source larger than a slot and state that is not an Int32Array', () => {
    const { state, slots } = doubleBuffer();
    expect(() => binding.doubleBufferWrite(state, slots, new Uint8Array(SLOT_BYTES + 1))).toThrow(RangeError);
    expect(() => binding.doubleBufferWrite(new Uint32Array(5), slots, new Uint8Array(1))).toThrow(/"state".*Int32Array/);
    expect(() => binding.doubleBufferWrite(new Int32Array(FIRST_PIN), slots, new Uint8Array(1))).toThrow(/"state".*at least/);
  });
});

describe('seqlock', () => {
  it('a write leaves the sequence even and advanced by two, and a reader then copies without retrying', () => {
    const state = new Int32Array(new SharedArrayBuffer(binding.layout.seqlockWords * 4));
    const shared = new Uint8Array(new SharedArrayBuffer(64));
    binding.seqlockWrite(state, shared, new Uint8Array(64).fill(7));
    expect(state[0]).toBe(2);
    expect(state[1]).toBe(0);
    binding.takeCounters();
    const snapshot = new Uint8Array(64);
    expect(binding.seqlockSnapshot(state, shared, snapshot)).toBe(7);
    expect(binding.takeCounters()).toEqual({ lockWaits: 0, retries: 0, fallbacks: 0, slotWaits: 0, gilSwitches: 0, gilDropRequests: 0, gilForcedSwitches: 0 });
  });

  it('a reader that sees a write in progress retries, then falls back to the writers lock', () => {
    const state = new Int32Array(new SharedArrayBuffer(binding.layout.seqlockWords * 4));
    const shared = new Uint8Array(new SharedArrayBuffer(64)).fill(5);
    state[0] = 1; // odd: a writer is mid-copy (but holds no lock, so the fallback can take it)
    binding.takeCounters();
    expect(binding.seqlockSnapshot(state, shared, new Uint8Array(64))).toBe(5);
    const counters = binding.takeCounters();
    expect(counters.retries).toBeGreaterThan(0);
    expect(counters.fallbacks).toBe(1);
    expect(state[1]).toBe(0);
  });
});

describe('shared lock', () => {
  const newLock = () => new Int32Array(new SharedArrayBuffer(binding.layout.lockWords * 4));

  it('copies under the lock and leaves it unlocked', () => {
    const lock = newLock();
    const dst = new Uint8Array(8);
    binding.lockedCopy(lock, dst, new Uint8Array(8).fill(9));
    expect(dst.every((b) => b === 9)).toBe(true);
    expect([...lock]).toEqual([0, 0]);
    expect(binding.lockedSnapshot(lock, dst, new Uint8Array(8))).toBe(9);
    expect([...lock]).toEqual([0, 0]);
  });

  it('rejects bad arguments without touching memory', () => {
    const lock = newLock();
    expect(() => binding.lockedCopy(new Int32Array(1), new Uint8Array(4), new Uint8Array(4))).toThrow(/"lock".*at least 2/);
    expect(() => binding.lockedCopy(lock, new Uint8Array(4), new Uint8Array(5))).toThrow(/"src"/);
    expect(() => binding.lockedSnapshot(lock, new Uint8Array(4), new Uint8Array(5))).toThrow(/"snapshot"/);
    expect(() => binding.lockedCopy({}, new Uint8Array(4), new Uint8Array(4))).toThrow(TypeError);
  });
});

describe('read pace', () => {
  it('rejects zero chunks and out-of-range pauses and rests', () => {
    expect(() => binding.setReadPace(0, 0, 0)).toThrow(/"chunks"/);
    expect(() => binding.setReadPace(1, -1, 0)).toThrow(/"pauseMicros"/);
    expect(() => binding.setReadPace(1, 'x', 0)).toThrow(TypeError);
    expect(() => binding.setReadPace(1, 0, 2e6)).toThrow(/"restMicros"/);
    expect(() => binding.setReadPace(1, 0)).toThrow(TypeError);
  });
});
