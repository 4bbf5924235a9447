import { describe, expect, it } from 'vitest';
import { parseCount, parseDuration, UsageError } from '../src/parse.js';

describe('parseCount', () => {
  it('reads whole numbers with underscores', () => {
    expect(parseCount('200_000', 'ITERS')).toBe(200_000);
    expect(parseCount(' 42 ', '--size')).toBe(42);
  });
  it('rejects everything else, naming what it parsed', () => {
    for (const bad of ['', '-1', '1.5', '1e3', '_1', '1__0', '0x10', 'abc']) {
      expect(() => parseCount(bad, '--size')).toThrow(UsageError);
      expect(() => parseCount(bad, '--size')).toThrow(/--size/);
    }
    expect(() => parseCount('0', '--writers')).toThrow(/at least 1/);
    expect(() => parseCount('65', '--readers', 1, 64)).toThrow(/at most 64/);
    expect(() => parseCount('9007199254740993', 'ITERS')).toThrow(/too large/);
  });
});

describe('parseDuration', () => {
  it('reads ms, s and m, and a bare number as seconds', () => {
    expect(parseDuration('250ms', '--time')).toBe(250);
    expect(parseDuration('1.5s', '--time')).toBe(1500);
    expect(parseDuration('2m', '--time')).toBe(120_000);
    expect(parseDuration('3', '--time')).toBe(3000);
    expect(parseDuration('1_000ms', '--time')).toBe(1000);
  });
  it('rejects the rest', () => {
    for (const bad of ['', '0s', '-1s', '1h', 'soon', '1 s']) expect(() => parseDuration(bad, '--time')).toThrow(/--time/);
  });
});
