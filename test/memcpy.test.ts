import { describe, expect, it } from 'vitest';
import { classify, memcpy } from 'tearlab';

function bytes(length: number, shared = false): Uint8Array {
  const buffer = shared ? new SharedArrayBuffer(length) : new ArrayBuffer(length);
  const view = new Uint8Array(buffer);
  for (let i = 0; i < length; i++) view[i] = (i * 7 + 3) & 0xff;
  return view;
}

describe('memcpy copies exactly', () => {
  for (const shared of [true, false]) {
    for (const n of [0, 1, 3, 63, 64, 65, 4097, 131_072]) {
      it(`${n} bytes between ${shared ? 'SharedArrayBuffer' : 'ArrayBuffer'} views`, () => {
        const src = bytes(n + 5, shared);
        const dst = new Uint8Array(shared ? new SharedArrayBuffer(n + 5) : new ArrayBuffer(n + 5)).fill(0xee);
        for (const mode of ['unlocked', 'global-lock', 'pydll', 'cdll'] as const) {
          dst.fill(0xee);
          expect(memcpy(dst, src, n, mode)).toBe(dst);
          expect([...dst.subarray(0, n)]).toEqual([...src.subarray(0, n)]);
          expect([...dst.subarray(n)]).toEqual(Array(5).fill(0xee));
        }
      });
    }
  }

  it('defaults to unlocked and honours subarray offsets on both sides', () => {
    const src = bytes(100);
    const dst = new Uint8Array(new SharedArrayBuffer(100));
    memcpy(dst.subarray(10, 30), src.subarray(50), 17);
    expect([...dst.subarray(10, 27)]).toEqual([...src.subarray(50, 67)]);
    expect(dst.subarray(0, 10).every((b) => b === 0)).toBe(true);
    expect(dst.subarray(27).every((b) => b === 0)).toBe(true);
  });

  it('takes any ArrayBufferView: other typed arrays and DataView', () => {
    const src = new Float64Array([1.5, -2.25, Math.PI]);
    const dst = new Float64Array(3);
    memcpy(dst, src, 24);
    expect([...dst]).toEqual([1.5, -2.25, Math.PI]);

    const words = new Uint32Array([0x11223344, 0x55667788]);
    const view = new DataView(new ArrayBuffer(16), 4, 8);
    memcpy(view, words, 8);
    expect(view.getUint32(0, true)).toBe(0x11223344);
    expect(view.getUint32(4, true)).toBe(0x55667788);
    expect(new Uint8Array(view.buffer, 0, 4).every((b) => b === 0)).toBe(true);

    const back = new Int16Array(4);
    memcpy(back, view, 8, 'global-lock');
    expect(new Uint32Array(back.buffer)[1]).toBe(0x55667788);
  });

  it('has memmove semantics for overlapping views', () => {
    const data = bytes(32);
    const expected = [...data.subarray(0, 16)];
    memcpy(data.subarray(4), data, 16);
    expect([...data.subarray(4, 20)]).toEqual(expected);
    const back = bytes(32);
    const expectedBack = [...back.subarray(4, 20)];
    memcpy(back, back.subarray(4), 16, 'global-lock');
    expect([...back.subarray(0, 16)]).toEqual(expectedBack);
  });
});

describe('memcpy rejects bad input with errors that name the argument', () => {
  const dst = new Uint8Array(8);
  const src = new Uint8Array(new SharedArrayBuffer(16));
  const cases: [string, unknown[], ErrorConstructor, RegExp][] = [
    ['dst not a view', [[1, 2], src, 1], TypeError, /"dst"/],
    ['dst an ArrayBuffer', [new ArrayBuffer(8), src, 1], TypeError, /"dst"/],
    ['src a SharedArrayBuffer', [dst, new SharedArrayBuffer(8), 1], TypeError, /"src"/],
    ['src null', [dst, null, 1], TypeError, /"src"/],
    ['n a string', [dst, src, '4'], TypeError, /"n"/],
    ['n a bigint', [dst, src, 4n], TypeError, /"n"/],
    ['n missing', [dst, src], TypeError, /"n"/],
    ['n negative', [dst, src, -1], RangeError, /"n".*-1/],
    ['n fractional', [dst, src, 1.5], RangeError, /"n"/],
    ['n NaN', [dst, src, NaN], RangeError, /"n"/],
    ['n Infinity', [dst, src, Infinity], RangeError, /"n"/],
    ['n beyond dst', [dst, src, 9], RangeError, /"n".*dst\.byteLength \(8\)/],
    ['n beyond src', [new Uint8Array(32), src, 17], RangeError, /"n".*src\.byteLength \(16\)/],
    ['n beyond a subarray', [dst.subarray(6), src, 3], RangeError, /dst\.byteLength \(2\)/],
    ['unknown mode', [dst, src, 1, 'gil'], TypeError, /"mode".*"gil"/],
    ['mode not a string', [dst, src, 1, 1], TypeError, /"mode"/],
  ];
  for (const [name, args, errorClass, message] of cases) {
    it(name, () => {
      expect(() => (memcpy as (...a: unknown[]) => unknown)(...args)).toThrow(errorClass);
      expect(() => (memcpy as (...a: unknown[]) => unknown)(...args)).toThrow(message);
    });
  }

  it('never writes outside dst when it refuses', () => {
    const whole = new Uint8Array(16).fill(9);
    expect(() => memcpy(whole.subarray(4, 8), src, 5)).toThrow(RangeError);
    expect(whole.every((b) => b === 9)).toBe(true);
  });

  it('treats a detached buffer as length 0', () => {
    const buffer = new ArrayBuffer(8);
    const view = new Uint8Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    expect(view.byteLength).toBe(0);
    expect(() => memcpy(view, src, 1)).toThrow(/dst\.byteLength \(0\)/);
    expect(() => memcpy(dst, view, 1)).toThrow(/src\.byteLength \(0\)/);
    expect(memcpy(view, src, 0)).toBe(view);
  });
});

describe('classify', () => {
  it('returns the byte that fills the view, or -1', () => {
    for (const n of [1, 7, 8, 255, 256, 257, 131_072]) {
      const view = new Uint8Array(n).fill(0x41);
      expect(classify(view)).toBe(0x41);
      view[n - 1] = 0x42;
      expect(classify(view)).toBe(n === 1 ? 0x42 : -1);
      view.fill(0x41);
      view[Math.floor(n / 2)] = 0x42;
      expect(classify(view)).toBe(n === 1 ? 0x42 : -1);
    }
    expect(classify(new Uint8Array(0))).toBe(-1);
    expect(classify(new Uint32Array(4).fill(0x43434343))).toBe(0x43);
  });

  it('throws a TypeError for a non-view', () => {
    expect(() => classify('abc' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
