// How each mode grades what its snapshots showed, as jcstress grades outcomes: an intact snapshot is always
// ACCEPTABLE; a torn one is INTERESTING where tearing is the point (no lock at all) and FORBIDDEN where the mode
// promises whole snapshots (the global lock and every fix). The grading is the tables below.
import type { ModeName } from './modes/index.js';
import { TORN_FOREIGN_VALUE, TORN_THREE_OR_MORE, TORN_TWO_SEGMENTS } from './outcome-tally.js';
import type { TearingResult } from './results.js';

export type Grade = 'ACCEPTABLE' | 'INTERESTING' | 'FORBIDDEN';

/** The kinds of outcome a mode grades: every intact:<pattern> is one kind. */
export type OutcomeKind = 'intact' | typeof TORN_TWO_SEGMENTS | typeof TORN_THREE_OR_MORE | typeof TORN_FOREIGN_VALUE;

const TEARING_IS_THE_POINT: Readonly<Record<OutcomeKind, Grade>> = {
  intact: 'ACCEPTABLE',
  [TORN_TWO_SEGMENTS]: 'INTERESTING',
  [TORN_THREE_OR_MORE]: 'INTERESTING',
  [TORN_FOREIGN_VALUE]: 'FORBIDDEN',
};

const WHOLE_SNAPSHOTS_PROMISED: Readonly<Record<OutcomeKind, Grade>> = {
  intact: 'ACCEPTABLE',
  [TORN_TWO_SEGMENTS]: 'FORBIDDEN',
  [TORN_THREE_OR_MORE]: 'FORBIDDEN',
  [TORN_FOREIGN_VALUE]: 'FORBIDDEN',
};

export const OUTCOME_GRADES: Readonly<Record<ModeName, Readonly<Record<OutcomeKind, Grade>>>> = {
  'global-lock': WHOLE_SNAPSHOTS_PROMISED,
  unlocked: TEARING_IS_THE_POINT,
  gil: WHOLE_SNAPSHOTS_PROMISED,
  'gil-released': TEARING_IS_THE_POINT,
  'js-set': TEARING_IS_THE_POINT,
  lock: WHOLE_SNAPSHOTS_PROMISED,
  'js-lock': WHOLE_SNAPSHOTS_PROMISED,
  'double-buffer': WHOLE_SNAPSHOTS_PROMISED,
  seqlock: WHOLE_SNAPSHOTS_PROMISED,
};

/** How `mode` grades a torn snapshot of two or more segments. */
export const TORN_GRADE: Readonly<Record<ModeName, Grade>> = Object.fromEntries(
  Object.entries(OUTCOME_GRADES).map(([mode, grades]) => [mode, grades[TORN_TWO_SEGMENTS]]),
) as Record<ModeName, Grade>;

/** How `mode` grades the outcome named `outcome` (intact:A, torn:2-segments, ...). */
export function gradeOf(mode: ModeName, outcome: string): Grade {
  const kind = (outcome.startsWith('intact:') ? 'intact' : outcome) as OutcomeKind;
  const grade = OUTCOME_GRADES[mode][kind];
  if (grade === undefined) throw new RangeError(`no grade for the outcome ${outcome}`);
  return grade;
}

/** True when the run saw an outcome its mode forbids: a torn snapshot under a lock or a fix. */
export function sawForbidden(result: Pick<TearingResult, 'mode' | 'outcomes'>): boolean {
  return Object.entries(result.outcomes).some(([outcome, count]) => count > 0 && gradeOf(result.mode, outcome) === 'FORBIDDEN');
}

/** litmus7's verdict line: `Observation <mode> Never|Sometimes|Always <torn> <intact>`. */
export function observationLine(result: Pick<TearingResult, 'mode' | 'torn' | 'snapshots'>): string {
  const intact = result.snapshots - result.torn;
  const how = result.torn === 0 ? 'Never' : intact === 0 ? 'Always' : 'Sometimes';
  return `Observation ${result.mode} ${how} ${result.torn} ${intact}`;
}
