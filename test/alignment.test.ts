// Where a buffer starts decides how many cache lines it spans, and so how often it tears: every mode's
// shared data starts a page, and every double-buffer slot starts on a 128-byte boundary.
import { describe, expect, it } from 'vitest';
import { STRATEGIES } from 'tearlab';
import { binding } from './helpers/package.js';

const PAGE = 4096;
const SLOT_ALIGNMENT = 128;

describe('shared data alignment', () => {
  it('alignmentOffset finds the first aligned byte of a view', () => {
    const whole = new Uint8Array(new SharedArrayBuffer(300));
    const offset = binding.alignmentOffset(whole, SLOT_ALIGNMENT);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(SLOT_ALIGNMENT);
    expect(binding.alignmentOffset(whole.subarray(offset), SLOT_ALIGNMENT)).toBe(0);
    expect(binding.alignmentOffset(whole.subarray(offset + 1), SLOT_ALIGNMENT)).toBe(SLOT_ALIGNMENT - 1);
    expect(() => binding.alignmentOffset(whole, 48)).toThrow(/"alignment" argument must be a power of two/);
  });

  for (const strategy of STRATEGIES) {
    it(`${strategy.name}: the data starts a page, filled with the first pattern`, () => {
      for (const size of [8, 64, 100, 4096]) {
        const regions = strategy.allocate(size, 2, 1, 0x41);
        const data = new Uint8Array(regions.data, regions.dataOffset, regions.dataBytes);
        expect(binding.alignmentOffset(data, PAGE)).toBe(0);
        expect(data.every((byte) => byte === 0x41)).toBe(true);
        if (strategy.name === 'double-buffer') {
          // 2 writers + 1 reader + 1 published: 4 slots, each on lines of its own.
          expect(regions.dataBytes).toBe(4 * Math.ceil(size / SLOT_ALIGNMENT) * SLOT_ALIGNMENT);
        } else {
          expect(regions.dataBytes).toBe(size);
        }
      }
    });
  }
});
