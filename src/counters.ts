import type { NativeCounters } from './native.js';

export function zeroCounters(): NativeCounters {
  return { lockWaits: 0, retries: 0, fallbacks: 0, slotWaits: 0 };
}

/** Adds `more` into `total` and returns `total`. */
export function addCounters(total: NativeCounters, more: NativeCounters): NativeCounters {
  total.lockWaits += more.lockWaits;
  total.retries += more.retries;
  total.fallbacks += more.fallbacks;
  total.slotWaits += more.slotWaits;
  return total;
}
