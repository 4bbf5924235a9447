// The offset option: the shared data starts that many bytes into a page, so copies straddle cache lines and pages.
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { MODE_NAMES, runTearing, STRATEGIES, type ModeName } from 'tearlab';
import { allocateRun } from '../dist/src/run-memory.js';
import { dataView, MAX_OFFSET } from '../dist/src/modes/strategy.js';
import { privateBuffer, PRIVATE_PAGE_OFFSET, workspaceBuffers } from '../dist/src/workspace.js';
import { binding } from './helpers/package.js';

const PAGE = 4096;
const SLOT_ALIGNMENT = 128;
/** 2 writers + 1 reader + the published slot. */
const SLOTS = 4;
const OFFSETS = [0, 1, 15, 63, 64, 127, 128, 200, 4064, MAX_OFFSET];
const TEAR_BUDGET_MS = 30_000;
const FILL = 0x41;

/** The view's start address modulo `alignment` (alignmentOffset gives the distance to the next boundary). */
function addressModulo(view: Uint8Array, alignment: number): number {
  return (alignment - binding.alignmentOffset(view, alignment)) % alignment;
}

describe('the offset of the shared data', () => {
  it('goes up to one byte short of a page', () => {
    expect(MAX_OFFSET).toBe(PAGE - 1);
  });

  for (const strategy of STRATEGIES.filter((s) => s.name !== 'double-buffer')) {
    it(`${strategy.name}: the data starts the asked number of bytes into a page, filled, and nothing more`, () => {
      for (const offset of OFFSETS) {
        for (const size of [1, 64, 100, 4096]) {
          const regions = strategy.allocate(size, 2, 1, FILL, offset);
          const data = dataView(regions);
          expect(addressModulo(data, PAGE), `size ${size} offset ${offset}`).toBe(offset);
          expect(data.length).toBe(size);
          expect(data.every((byte) => byte === FILL)).toBe(true);
        }
      }
    });
  }

  it('double-buffer: every slot starts offset % 128 into a 128-byte block, slot 0 offset into its page, and no two slots share a block', () => {
    for (const offset of OFFSETS) {
      for (const size of [1, 64, 100, 128, 4096]) {
        const what = `size ${size} offset ${offset}`;
        const regions = STRATEGIES.find((s) => s.name === 'double-buffer')!.allocate(size, 2, 1, FILL, offset);
        const slots = dataView(regions);
        const stride = regions.dataBytes / SLOTS;
        const leadIn = offset % SLOT_ALIGNMENT;
        expect(stride % SLOT_ALIGNMENT, what).toBe(0);
        // No whole block to spare in a stride.
        expect(leadIn + size, what).toBeGreaterThan(stride - SLOT_ALIGNMENT);
        expect(addressModulo(slots, PAGE), what).toBe(offset);
        for (let slot = 0; slot < SLOTS; slot++) {
          const start = slots.subarray(slot * stride);
          expect(addressModulo(start, SLOT_ALIGNMENT), `${what} slot ${slot}`).toBe(leadIn);
          // The slot's last byte is in a block before the one the next slot starts in.
          const lastByteBlock = Math.floor((addressModulo(start, PAGE) + size - 1) / SLOT_ALIGNMENT);
          const nextBlock = Math.floor((addressModulo(start, PAGE) + stride) / SLOT_ALIGNMENT);
          expect(lastByteBlock, `${what} slot ${slot}`).toBeLessThan(nextBlock);
        }
        expect(slots.every((byte) => byte === FILL)).toBe(true);
      }
    }
  });

  it('double-buffer: the addon writes and reads whole slots where the layout puts them', () => {
    for (const offset of [0, 63, 200]) {
      const size = 100;
      const regions = STRATEGIES.find((s) => s.name === 'double-buffer')!.allocate(size, 2, 1, FILL, offset);
      const slots = dataView(regions);
      const state = new Int32Array(regions.sync);
      const stride = regions.dataBytes / SLOTS;
      // Slot 0 is published at first, so the first write claims slot 1.
      binding.doubleBufferWrite(state, slots, new Uint8Array(size).fill(0x42));
      expect(state[binding.layout.doubleBufferPublishedSlot]).toBe(1);
      const written = slots.reduce<number[]>((at, byte, index) => (byte === 0x42 ? [...at, index] : at), []);
      expect(written, `offset ${offset}`).toEqual(Array.from({ length: size }, (_, i) => stride + i));
      const snapshot = new Uint8Array(size);
      expect(binding.doubleBufferSnapshot(state, slots, snapshot)).toBe(0x42);
    }
  });

  it('is where every run, on JavaScript workers or native threads, puts its data; the private buffers stay half a page in', () => {
    for (const mode of MODE_NAMES) {
      for (const offset of [0, 63, MAX_OFFSET]) {
        const { regions, workspace } = allocateRun(mode, 64, offset, 2, 2);
        expect(addressModulo(dataView(regions), PAGE), `${mode} offset ${offset}`).toBe(offset);
        for (let index = 0; index < workspaceBuffers(2, 2); index++) {
          expect(addressModulo(privateBuffer(workspace, index), PAGE)).toBe(PRIVATE_PAGE_OFFSET);
        }
      }
    }
  });

  it('is recorded in the result, and refused with a clear error when it is not an offset into a page', async () => {
    const result = await runTearing({ mode: 'lock', size: 64, offset: 63, iters: 200 });
    expect(result).toMatchObject({ offset: 63, size: 64, torn: 0, snapshots: 200 });
    expect((await runTearing({ mode: 'lock', size: 64, iters: 10 })).offset).toBe(0);
    expect((await runTearing({ mode: 'js-set', size: 8, offset: MAX_OFFSET, iters: 10 })).offset).toBe(MAX_OFFSET);
    await expect(runTearing({ offset: '1' as unknown as number })).rejects.toThrow(new TypeError('options.offset must be a number, got "1"'));
    for (const bad of [-1, 4096, 1.5, NaN, Infinity]) {
      await expect(runTearing({ offset: bad })).rejects.toThrow(RangeError);
      await expect(runTearing({ offset: bad })).rejects.toThrow(/^options\.offset must be an integer from 0 to 4095, got /);
    }
  });

  it('carries over to the native runs of a calibration', async () => {
    const result = await runTearing({ mode: 'seqlock', size: 64, offset: 63, iters: 1000, calibrate: true, calibrationPairs: 3 });
    expect(result.offset).toBe(63);
    expect(result.calibration?.native).toHaveLength(3);
    for (const run of result.calibration!.native) expect(run).toMatchObject({ snapshots: 1000, torn: 0 });
  });

  it.runIf(os.availableParallelism() >= 2)('a 64-byte buffer straddling two cache lines tears unlocked, and never under a fix', async () => {
    const deadline = Date.now() + TEAR_BUDGET_MS;
    let torn = 0;
    while (torn === 0 && Date.now() < deadline) {
      torn += (await runTearing({ mode: 'unlocked', size: 64, offset: 63, writers: 1, readers: 1, iters: 200_000 })).torn;
    }
    expect(torn).toBeGreaterThan(0);
    for (const mode of ['lock', 'seqlock', 'double-buffer', 'global-lock'] as ModeName[]) {
      const result = await runTearing({ mode, size: 64, offset: 63, writers: 2, readers: 2, slowReader: true, iters: 50_000 });
      expect(result.torn, mode).toBe(0);
    }
  });
});
