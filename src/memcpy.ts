// The public copy: the Python demo's memcpy through ctypes.PyDLL ('global-lock') or
// ctypes.CDLL ('unlocked').
import { describe } from './describe.js';
import { binding } from './native.js';

/** 'global-lock' (alias 'pydll') holds one process-wide mutex for the whole copy; 'unlocked' (alias 'cdll') holds none. */
export type CopyMode = 'unlocked' | 'cdll' | 'global-lock' | 'pydll';

export const COPY_MODES: readonly CopyMode[] = ['unlocked', 'cdll', 'global-lock', 'pydll'];

/**
 * Copies the first `n` bytes of `src` into `dst` (memmove semantics: overlapping views are fine).
 * Each view's byteOffset is honoured. Returns `dst`.
 * @throws TypeError when dst or src is not an ArrayBufferView, n is not a number, or mode is unknown.
 * @throws RangeError when n is not a non-negative safe integer or exceeds either byteLength.
 */
export function memcpy<T extends ArrayBufferView>(dst: T, src: ArrayBufferView, n: number, mode: CopyMode = 'unlocked'): T {
  // A switch on interned strings is the cheapest dispatch V8 offers: this is the per-call path.
  switch (mode) {
    case 'unlocked':
    case 'cdll':
      binding.copyUnlocked(dst, src, n);
      return dst;
    case 'global-lock':
    case 'pydll':
      binding.copyGlobalLock(dst, src, n);
      return dst;
    default:
      throw new TypeError(`The "mode" argument must be one of ${COPY_MODES.map((m) => `'${m}'`).join(', ')}, got ${describe(mode)}`);
  }
}

/** The byte value that fills every byte of `view`, or -1 when the bytes differ (or the view is empty). */
export function classify(view: ArrayBufferView): number {
  return binding.classify(view);
}
