// How each mode grades what its snapshots showed, as jcstress grades outcomes: an intact snapshot is
// always ACCEPTABLE; a torn one is INTERESTING where tearing is the point (no lock at all) and FORBIDDEN
// where the mode promises whole snapshots (the global lock and every fix). The grading is this table.
import type { ModeName } from './modes/index.js';
import type { TearingResult } from './results.js';

export type Grade = 'ACCEPTABLE' | 'INTERESTING' | 'FORBIDDEN';

export const TORN_GRADE: Readonly<Record<ModeName, Grade>> = {
  'global-lock': 'FORBIDDEN',
  unlocked: 'INTERESTING',
  'js-set': 'INTERESTING',
  lock: 'FORBIDDEN',
  'js-lock': 'FORBIDDEN',
  'double-buffer': 'FORBIDDEN',
  seqlock: 'FORBIDDEN',
};

/** True when the run saw an outcome its mode forbids: a torn snapshot under a lock or a fix. */
export function sawForbidden(result: Pick<TearingResult, 'mode' | 'torn'>): boolean {
  return result.torn > 0 && TORN_GRADE[result.mode] === 'FORBIDDEN';
}

/** litmus7's verdict line: `Observation <mode> Never|Sometimes|Always <torn> <intact>`. */
export function observationLine(result: Pick<TearingResult, 'mode' | 'torn' | 'snapshots'>): string {
  const intact = result.snapshots - result.torn;
  const how = result.torn === 0 ? 'Never' : intact === 0 ? 'Always' : 'Sometimes';
  return `Observation ${result.mode} ${how} ${result.torn} ${intact}`;
}
