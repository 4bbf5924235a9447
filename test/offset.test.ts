// --offset: the shared data starts that many bytes into a page, so copies straddle cache lines and pages.
import os from 'node:os';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runTearing, STRATEGIES, type ModeName } from 'tearlab';

const require = createRequire(import.meta.url);
const binding = require('node-gyp-build')(new URL('..', import.meta.url).pathname);
const PAGE = 4096;
const SLOT_ALIGNMENT = 128;
const TEAR_BUDGET_MS = 30_000;

describe('the offset of the shared data', () => {
  for (const strategy of STRATEGIES) {
    it(`${strategy.name}: the data starts the asked number of bytes into a page`, () => {
      for (const offset of [0, 1, 63, 64, 4095]) {
        const regions = strategy.allocate(100, 2, 1, 0x41, offset);
        const data = new Uint8Array(regions.data, regions.dataOffset, regions.dataBytes);
        // alignmentOffset gives the distance to the next page boundary.
        expect(binding.alignmentOffset(data, PAGE), `offset ${offset}`).toBe((PAGE - offset) % PAGE);
        expect(data.every((byte) => byte === 0x41)).toBe(true);
        if (strategy.name === 'double-buffer') {
          const stride = Math.ceil(100 / SLOT_ALIGNMENT) * SLOT_ALIGNMENT;
          for (let slot = 0; slot < 4; slot++) {
            expect(binding.alignmentOffset(data.subarray(slot * stride), SLOT_ALIGNMENT)).toBe((SLOT_ALIGNMENT - (offset % SLOT_ALIGNMENT)) % SLOT_ALIGNMENT);
          }
        }
      }
    });
  }

  it('is recorded in the result, and refused with a clear error when it is not an offset into a page', async () => {
    const result = await runTearing({ mode: 'lock', size: 64, offset: 63, iters: 200 });
    expect(result).toMatchObject({ offset: 63, size: 64, torn: 0, snapshots: 200 });
    expect((await runTearing({ mode: 'lock', size: 64, iters: 10 })).offset).toBe(0);
    await expect(runTearing({ offset: '1' as unknown as number })).rejects.toThrow(new TypeError('options.offset must be a number, got "1"'));
    for (const bad of [-1, 4096, 1.5, NaN]) {
      await expect(runTearing({ offset: bad })).rejects.toThrow(/^options\.offset must be an integer from 0 to 4095, got /);
    }
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
