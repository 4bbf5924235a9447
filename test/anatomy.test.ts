// Tear anatomy on hand-made torn buffers whose boundaries are known.
import { describe, expect, it } from 'vitest';
import { binding } from './helpers/package.js';


/** A buffer of `size` bytes that changes value at each offset in `boundaries`. */
function torn(size: number, boundaries: number[]): Uint8Array {
  const bytes = new Uint8Array(size).fill(0x41);
  boundaries.forEach((offset, index) => bytes.fill(0x42 + (index % 2), offset));
  return bytes;
}

/** The same answer, byte by byte in JavaScript. */
function reference(bytes: Uint8Array) {
  const boundaries: number[] = [];
  for (let i = 1; i < bytes.length; i++) if (bytes[i] !== bytes[i - 1]) boundaries.push(i);
  const edges = [0, ...boundaries, bytes.length];
  const lengths = edges.slice(1).map((end, i) => end - edges[i]);
  return { boundaries, segments: boundaries.length + 1, shortestSegment: Math.min(...lengths) };
}

describe('dissect', () => {
  it('finds boundaries on and beside every word, line and page edge', () => {
    const boundaries = [1, 7, 8, 9, 15, 16, 63, 64, 65, 255, 256, 257, 511, 512, 4095, 4096, 8191];
    const out = new Uint32Array(64);
    expect(binding.dissect(torn(8192, boundaries), out)).toEqual({ segments: 18, shortestSegment: 1, recorded: 17 });
    expect([...out.subarray(0, 17)]).toEqual(boundaries);
  });

  it('gives one segment for an intact buffer, two for a buffer torn once, and the shortest run', () => {
    const out = new Uint32Array(4);
    expect(binding.dissect(new Uint8Array(4096).fill(0x42), out)).toEqual({ segments: 1, shortestSegment: 4096, recorded: 0 });
    expect(binding.dissect(torn(4096, [2048]), out)).toEqual({ segments: 2, shortestSegment: 2048, recorded: 1 });
    expect(out[0]).toBe(2048);
    expect(binding.dissect(torn(100, [97]), out).shortestSegment).toBe(3);
    expect(binding.dissect(new Uint8Array(0), out)).toEqual({ segments: 0, shortestSegment: 0, recorded: 0 });
  });

  it('agrees with a byte-by-byte scan on random tears, and records only as many boundaries as fit', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 200; round++) {
      const size = 1 + Math.floor(random() * 1200);
      const bytes = new Uint8Array(size).map(() => (random() < 0.9 ? 0x41 : 0x42));
      const expected = reference(bytes);
      const out = new Uint32Array(5);
      const result = binding.dissect(bytes, out);
      expect(result).toEqual({ segments: expected.segments, shortestSegment: expected.shortestSegment, recorded: Math.min(5, expected.boundaries.length) });
      expect([...out.subarray(0, result.recorded)]).toEqual(expected.boundaries.slice(0, 5));
    }
  });

  it('honours the view\'s byteOffset and rejects what is not a Uint32Array', () => {
    const bytes = torn(64, [10, 30]);
    const out = new Uint32Array(4);
    expect(binding.dissect(bytes.subarray(5, 40), out)).toEqual({ segments: 3, shortestSegment: 5, recorded: 2 });
    expect([...out.subarray(0, 2)]).toEqual([5, 25]);
    expect(() => binding.dissect(bytes, new Int32Array(4))).toThrow(TypeError);
    expect(() => binding.dissect(bytes, new Int32Array(4))).toThrow(/"boundaries" argument must be a Uint32Array/);
    expect(() => binding.dissect('torn', out)).toThrow(/"view" argument/);
  });
});
