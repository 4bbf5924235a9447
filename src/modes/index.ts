// Every mode of the experiment, by name and alias.
import { describe } from '../describe.js';
import { doubleBuffer } from './double-buffer.js';
import { gil, gilReleased } from './gil.js';
import { globalLock } from './global-lock.js';
import { jsLock } from './js-lock.js';
import { jsSet } from './js-set.js';
import { lock } from './lock.js';
import { seqlock } from './seqlock.js';
import type { ModeName, Strategy } from './strategy.js';
import { unlocked } from './unlocked.js';

export type { ModeName, Strategy } from './strategy.js';

/** The modes in the order they are run and shown: the Python demo's two outcomes first, the same under a CPython-style GIL, then the fixes. */
export const STRATEGIES: readonly Strategy[] = [globalLock, unlocked, gil, gilReleased, jsSet, lock, jsLock, doubleBuffer, seqlock];

export const MODE_NAMES: readonly ModeName[] = STRATEGIES.map((s) => s.name);

/** The Python demo's names for its two outcomes. */
export const MODE_ALIASES: Readonly<Record<string, ModeName>> = { pydll: 'global-lock', cdll: 'unlocked' };

const byName = new Map<string, Strategy>(STRATEGIES.map((s) => [s.name, s]));

/** The strategy for a mode name or alias; TypeError naming `argument` otherwise. */
export function strategyFor(mode: unknown, argument = 'mode'): Strategy {
  const name = typeof mode === 'string' ? (MODE_ALIASES[mode] ?? mode) : undefined;
  const strategy = name === undefined ? undefined : byName.get(name);
  if (strategy === undefined) {
    const known = [...MODE_NAMES, ...Object.keys(MODE_ALIASES)].map((m) => `'${m}'`).join(', ');
    throw new TypeError(`${argument} must be one of ${known}, got ${describe(mode)}`);
  }
  return strategy;
}
