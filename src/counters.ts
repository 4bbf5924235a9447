// The fixes' event counters, by the names the addon exports (native/counters.h is the one list).
import { binding, type NativeCounters } from './native.js';

export function zeroCounters(): NativeCounters {
  return Object.fromEntries(binding.counterNames.map((name) => [name, 0])) as unknown as NativeCounters;
}

/** Adds `more` into `total` and returns `total`. */
export function addCounters(total: NativeCounters, more: NativeCounters): NativeCounters {
  for (const name of binding.counterNames) total[name] += more[name];
  return total;
}
