import { describe, expect, it } from 'vitest';
import { MODE_NAMES } from 'tearlab';
import { gradeOf, observationLine, OUTCOME_GRADES, sawForbidden, TORN_GRADE } from '../dist/src/outcomes.js';

describe('graded outcomes', () => {
  it('grade a torn snapshot INTERESTING with no lock and FORBIDDEN under the global lock and every fix', () => {
    expect(Object.keys(TORN_GRADE).sort()).toEqual([...MODE_NAMES].sort());
    expect(TORN_GRADE.unlocked).toBe('INTERESTING');
    expect(TORN_GRADE['js-set']).toBe('INTERESTING');
    for (const mode of ['global-lock', 'lock', 'js-lock', 'double-buffer', 'seqlock'] as const) expect(TORN_GRADE[mode]).toBe('FORBIDDEN');
  });

  it('are a table per mode: intact is always ACCEPTABLE, a foreign value always FORBIDDEN', () => {
    expect(Object.keys(OUTCOME_GRADES).sort()).toEqual([...MODE_NAMES].sort());
    for (const mode of MODE_NAMES) {
      expect(gradeOf(mode, 'intact:A')).toBe('ACCEPTABLE');
      expect(gradeOf(mode, 'intact:initial')).toBe('ACCEPTABLE');
      expect(gradeOf(mode, 'torn:2-segments')).toBe(TORN_GRADE[mode]);
      expect(gradeOf(mode, 'torn:3+-segments')).toBe(TORN_GRADE[mode]);
      expect(gradeOf(mode, 'torn:foreign-value')).toBe('FORBIDDEN');
    }
    expect(() => gradeOf('unlocked', 'torn:sideways')).toThrow(RangeError);
  });

  it('flag a fix that tore, and nothing else', () => {
    const torn = { 'intact:A': 5, 'torn:2-segments': 1, 'torn:3+-segments': 0 };
    const whole = { 'intact:A': 5, 'intact:initial': 2, 'torn:2-segments': 0, 'torn:3+-segments': 0 };
    expect(sawForbidden({ mode: 'seqlock', outcomes: torn })).toBe(true);
    expect(sawForbidden({ mode: 'global-lock', outcomes: { 'torn:3+-segments': 3 } })).toBe(true);
    expect(sawForbidden({ mode: 'seqlock', outcomes: whole })).toBe(false);
    expect(sawForbidden({ mode: 'unlocked', outcomes: torn })).toBe(false);
    expect(sawForbidden({ mode: 'unlocked', outcomes: { 'torn:foreign-value': 1 } })).toBe(true);
  });

  it('print litmus7 verdict lines', () => {
    expect(observationLine({ mode: 'lock', torn: 0, snapshots: 500 })).toBe('Observation lock Never 0 500');
    expect(observationLine({ mode: 'unlocked', torn: 7, snapshots: 10 })).toBe('Observation unlocked Sometimes 7 3');
    expect(observationLine({ mode: 'unlocked', torn: 10, snapshots: 10 })).toBe('Observation unlocked Always 10 0');
  });
});
