import { describe, expect, it } from 'vitest';
import { MODE_NAMES } from 'tearlab';
import { observationLine, sawForbidden, TORN_GRADE } from '../dist/src/outcomes.js';

describe('graded outcomes', () => {
  it('grade a torn snapshot INTERESTING with no lock and FORBIDDEN under the global lock and every fix', () => {
    expect(Object.keys(TORN_GRADE).sort()).toEqual([...MODE_NAMES].sort());
    expect(TORN_GRADE.unlocked).toBe('INTERESTING');
    expect(TORN_GRADE['js-set']).toBe('INTERESTING');
    for (const mode of ['global-lock', 'lock', 'js-lock', 'double-buffer', 'seqlock'] as const) expect(TORN_GRADE[mode]).toBe('FORBIDDEN');
  });

  it('flag a fix that tore, and nothing else', () => {
    expect(sawForbidden({ mode: 'seqlock', torn: 1 })).toBe(true);
    expect(sawForbidden({ mode: 'global-lock', torn: 3 })).toBe(true);
    expect(sawForbidden({ mode: 'seqlock', torn: 0 })).toBe(false);
    expect(sawForbidden({ mode: 'unlocked', torn: 1000 })).toBe(false);
  });

  it('print litmus7 verdict lines', () => {
    expect(observationLine({ mode: 'lock', torn: 0, snapshots: 500 })).toBe('Observation lock Never 0 500');
    expect(observationLine({ mode: 'unlocked', torn: 7, snapshots: 10 })).toBe('Observation unlocked Sometimes 7 3');
    expect(observationLine({ mode: 'unlocked', torn: 10, snapshots: 10 })).toBe('Observation unlocked Always 10 0');
  });
});
