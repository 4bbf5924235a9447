import { describe, expect, it } from 'vitest';
import { UsageError } from '../dist/src/parse.js';
import { MAX_SWEEP_POINTS, parseBytes, parseSweep } from '../dist/src/sweep.js';

const SIZES = { min: 1, max: 1 << 30 };
const OFFSETS = { min: 0, max: 4095 };

describe('sweeps', () => {
  it('reads amounts in bytes, KiB, MiB and GiB', () => {
    expect(parseBytes('4096', '--size')).toBe(4096);
    expect(parseBytes('4_096', '--size')).toBe(4096);
    expect(parseBytes('64B', '--size')).toBe(64);
    expect(parseBytes('4KiB', '--size')).toBe(4096);
    expect(parseBytes('4 kib', '--size')).toBe(4096);
    expect(parseBytes('1MiB', '--size')).toBe(1 << 20);
    expect(parseBytes('1GiB', '--size')).toBe(1 << 30);
  });

  it('reads lists, geometric and arithmetic ranges, in order, each point once', () => {
    expect(parseSweep('64,4KiB,1MiB', '--size', SIZES)).toEqual([64, 4096, 1 << 20]);
    expect(parseSweep('8..4MiB*2', '--size', SIZES)).toEqual(Array.from({ length: 20 }, (_, i) => 8 * 2 ** i));
    expect(parseSweep('1KiB..4KiB+1KiB', '--size', SIZES)).toEqual([1024, 2048, 3072, 4096]);
    expect(parseSweep('100..1000*3', '--size', SIZES)).toEqual([100, 300, 900]);
    expect(parseSweep('0,1,63,4095', '--offset', OFFSETS)).toEqual([0, 1, 63, 4095]);
    expect(parseSweep('0..64+16', '--offset', OFFSETS)).toEqual([0, 16, 32, 48, 64]);
    expect(parseSweep('64,8..128*2,64', '--size', SIZES)).toEqual([64, 8, 16, 32, 128]);
    expect(parseSweep('10..11*1.01', '--size', SIZES)).toEqual([10, 11]);
  });

  const mistakes: [string, string, RegExp][] = [
    ['--size', '4QiB', /^--size must be sizes in bytes, KiB, MiB or GiB, got '4QiB'$/],
    ['--size', '-4', /^--size must be sizes in bytes, KiB, MiB or GiB, got '-4'$/],
    ['--size', '1.5KiB', /^--size must be sizes in bytes, KiB, MiB or GiB, got '1\.5KiB'$/],
    ['--size', '64,,128', /^--size has an empty item: '64,,128'$/],
    ['--size', '0', /^--size must be from 1 to 1073741824, got '0'$/],
    ['--size', '2GiB', /^--size must be from 1 to 1073741824, got '2GiB'$/],
    ['--size', '99999999999999999999', /^--size is too large: '99999999999999999999'$/],
    ['--size', '4KiB..64*2', /^--size range '4KiB\.\.64\*2' runs backwards$/],
    ['--size', '8..64*1', /^--size range '8\.\.64\*1' needs a factor above 1 \(such as \*2\)$/],
    ['--size', '8..64*x', /^--size range '8\.\.64\*x' needs a factor above 1/],
    ['--offset', '0..64+0', /^--offset range '0\.\.64\+0' needs a step of at least 1 \(such as \+64\)$/],
    ['--offset', '0..64*2', /^--offset range '0\.\.64\*2' cannot multiply from 0$/],
    ['--offset', '4096', /^--offset must be from 0 to 4095, got '4096'$/],
    ['--size', '1..1GiB+1', new RegExp(`^--size range '1\\.\\.1GiB\\+1' has more than ${MAX_SWEEP_POINTS} points$`)],
  ];
  for (const [flag, text, message] of mistakes) {
    it(`refuses ${flag} ${text} with a usage error naming the flag`, () => {
      expect(() => parseSweep(text, flag, flag === '--size' ? SIZES : OFFSETS)).toThrow(UsageError);
      expect(() => parseSweep(text, flag, flag === '--size' ? SIZES : OFFSETS)).toThrow(message);
    });
  }

  it('refuses a list of more than the most points', () => {
    const many = Array.from({ length: MAX_SWEEP_POINTS + 1 }, (_, i) => i + 1).join(',');
    expect(() => parseSweep(many, '--size', SIZES)).toThrow(`--size has more than ${MAX_SWEEP_POINTS} points`);
  });
});
