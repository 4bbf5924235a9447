// Sweep lists and ranges of sizes and offsets: every form the parser accepts, and every mistake it refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_OFFSET } from '../dist/src/modes/strategy.js';
import { MAX_SIZE } from '../dist/src/options.js';
import { UsageError } from '../dist/src/parse.js';
import { MAX_SWEEP_POINTS, parseOffsetList, parseSize, parseSizeList, parseSweep } from '../dist/src/sweep.js';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** Expects `parse` to throw a one-line UsageError whose message is exactly `message`. */
function expectUsageError(parse: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    parse();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(UsageError);
  expect((thrown as Error).message).toBe(message);
  expect((thrown as Error).message).not.toContain('\n');
}

describe('parseSize', () => {
  it('reads bytes, B, KiB, MiB and GiB, in any case, with underscores and spaces', () => {
    const cases: [string, number][] = [
      ['1', 1],
      ['4096', 4096],
      ['200_000', 200_000],
      ['1_048_576', MiB],
      ['64B', 64],
      ['64b', 64],
      ['64 B', 64],
      ['4KiB', 4 * KiB],
      ['4kib', 4 * KiB],
      ['4 KIB', 4 * KiB],
      ['1MiB', MiB],
      ['3mib', 3 * MiB],
      ['1GiB', GiB],
      ['  8KiB  ', 8 * KiB],
      ['0_001KiB', KiB],
    ];
    for (const [text, bytes] of cases) expect(parseSize(text, '--size'), text).toBe(bytes);
    expect(parseSize(`${MAX_SIZE}`, '--size')).toBe(MAX_SIZE);
  });

  it('refuses what is not one size from 1 byte to MAX_SIZE, naming the flag and the text', () => {
    const unit = 'must be a size in bytes, KiB, MiB or GiB, got';
    const mistakes: [string, string][] = [
      ['4QiB', `--size ${unit} '4QiB'`],
      ['4KB', `--size ${unit} '4KB'`],
      ['4K', `--size ${unit} '4K'`],
      ['4kiB4', `--size ${unit} '4kiB4'`],
      ['KiB', `--size ${unit} 'KiB'`],
      ['1.5KiB', `--size ${unit} '1.5KiB'`],
      ['-4', `--size ${unit} '-4'`],
      ['+4', `--size ${unit} '+4'`],
      ['1e3', `--size ${unit} '1e3'`],
      ['0x10', `--size ${unit} '0x10'`],
      ['_1', `--size ${unit} '_1'`],
      ['1__0', `--size ${unit} '1__0'`],
      ['1_', `--size ${unit} '1_'`],
      ['', `--size ${unit} ''`],
      ['8..64*2', `--size ${unit} '8..64*2'`],
      ['64,128', `--size ${unit} '64,128'`],
      ['0', "--size must be from 1 to 1073741824, got '0'"],
      ['0KiB', "--size must be from 1 to 1073741824, got '0KiB'"],
      ['2GiB', "--size must be from 1 to 1073741824, got '2GiB'"],
      [`${MAX_SIZE + 1}`, `--size must be from 1 to 1073741824, got '${MAX_SIZE + 1}'`],
      ['99999999999999999999', "--size is too large: '99999999999999999999'"],
      ['9_000_000GiB', "--size is too large: '9_000_000GiB'"],
    ];
    for (const [text, message] of mistakes) expectUsageError(() => parseSize(text, '--size'), message);
  });
});

describe('parseSizeList', () => {
  it('reads a list in the order given', () => {
    expect(parseSizeList('64,4KiB,1MiB', '--size')).toEqual([64, 4 * KiB, MiB]);
    expect(parseSizeList('1MiB, 64 ,4KiB', '--size')).toEqual([MiB, 64, 4 * KiB]);
    expect(parseSizeList('128', '--size')).toEqual([128]);
  });

  it('keeps each point once, where it first came', () => {
    expect(parseSizeList('64,4KiB,64,4096,65536B', '--size')).toEqual([64, 4 * KiB, 64 * KiB]);
    expect(parseSizeList('64,8..128*2,64', '--size')).toEqual([64, 8, 16, 32, 128]);
    expect(parseSizeList('1KiB..4KiB+1KiB,512..2KiB+512', '--size')).toEqual([KiB, 2 * KiB, 3 * KiB, 4 * KiB, 512, 1536]);
  });

  it('expands geometric ranges, the end included when a point reaches it', () => {
    expect(parseSizeList('8..4MiB*2', '--size')).toEqual(Array.from({ length: 20 }, (_, i) => 8 * 2 ** i));
    expect(parseSizeList('1..1GiB*2', '--size')).toEqual(Array.from({ length: 31 }, (_, i) => 2 ** i));
    expect(parseSizeList('100..1000*3', '--size')).toEqual([100, 300, 900]);
    expect(parseSizeList('64..64*2', '--size')).toEqual([64]);
    expect(parseSizeList('1KiB .. 1MiB * 4', '--size')).toEqual([KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, MiB]);
  });

  it('rounds points of a fractional factor, and moves on by at least a byte', () => {
    expect(parseSizeList('8..64*1.5', '--size')).toEqual([8, 12, 18, 27, 41, 62]);
    expect(parseSizeList('10..13*1.01', '--size')).toEqual([10, 11, 12, 13]);
  });

  it('expands arithmetic ranges with steps in any unit', () => {
    expect(parseSizeList('1KiB..8KiB+1KiB', '--size')).toEqual(Array.from({ length: 8 }, (_, i) => (i + 1) * KiB));
    expect(parseSizeList('1..5+1', '--size')).toEqual([1, 2, 3, 4, 5]);
    expect(parseSizeList('100..1000+300', '--size')).toEqual([100, 400, 700, 1000]);
    expect(parseSizeList('100..999+300', '--size')).toEqual([100, 400, 700]);
    expect(parseSizeList('64..64+1', '--size')).toEqual([64]);
    expect(parseSizeList('1..8+1GiB', '--size')).toEqual([1]);
    expect(parseSizeList('1MiB..3MiB+1_048_576', '--size')).toEqual([MiB, 2 * MiB, 3 * MiB]);
  });

  it('takes exactly MAX_SWEEP_POINTS points, from one range or from many items', () => {
    expect(parseSizeList(`1..${MAX_SWEEP_POINTS}+1`, '--size')).toHaveLength(MAX_SWEEP_POINTS);
    const items = Array.from({ length: MAX_SWEEP_POINTS }, (_, i) => `${i + 1}`).join(',');
    expect(parseSizeList(items, '--size')).toHaveLength(MAX_SWEEP_POINTS);
    // Repeated points are not counted twice: a range given a hundred times is still its own points.
    const repeated = Array.from({ length: 100 }, () => `1..${MAX_SWEEP_POINTS}+1`).join(',');
    expect(parseSizeList(repeated, '--size')).toEqual(Array.from({ length: MAX_SWEEP_POINTS }, (_, i) => i + 1));
  });

  it('gives back every size of a list written in random units, each once, in order', () => {
    const units: [string, number][] = [['', 1], ['B', 1], ['KiB', KiB], ['MiB', MiB], ['GiB', GiB]];
    const written = fc.tuple(fc.constantFrom(...units), fc.integer({ min: 1, max: 1024 })).filter(([[, unit], count]) => count * unit <= MAX_SIZE);
    fc.assert(
      fc.property(fc.array(written, { minLength: 1, maxLength: 20 }), (pieces) => {
        const text = pieces.map(([[unit], count]) => `${count}${unit}`).join(',');
        const expected = [...new Set(pieces.map(([[, unit], count]) => count * unit))];
        expect(parseSizeList(text, '--size')).toEqual(expected);
      }),
    );
  });

  const mistakes: [string, string][] = [
    ['4QiB', "--size must be sizes in bytes, KiB, MiB or GiB, got '4QiB'"],
    ['64,4QiB,128', "--size must be sizes in bytes, KiB, MiB or GiB, got '4QiB'"],
    ['-4', "--size must be sizes in bytes, KiB, MiB or GiB, got '-4'"],
    ['1.5KiB', "--size must be sizes in bytes, KiB, MiB or GiB, got '1.5KiB'"],
    ['64;128', "--size must be sizes in bytes, KiB, MiB or GiB, got '64;128'"],
    ['', "--size has an empty item: ''"],
    ['  ', "--size has an empty item: '  '"],
    ['64,,128', "--size has an empty item: '64,,128'"],
    [',64', "--size has an empty item: ',64'"],
    ['64,', "--size has an empty item: '64,'"],
    ['64, ,128', "--size has an empty item: '64, ,128'"],
    ['0', "--size must be from 1 to 1073741824, got '0'"],
    ['2GiB', "--size must be from 1 to 1073741824, got '2GiB'"],
    ['0..64+8', "--size must be from 1 to 1073741824, got '0'"],
    ['1GiB..2GiB*2', "--size must be from 1 to 1073741824, got '2GiB'"],
    ['99999999999999999999', "--size is too large: '99999999999999999999'"],
    ['8..64', "--size range '8..64' needs a factor (such as *2) or a step (such as +64) after its end"],
    ['..64*2', "--size must be sizes in bytes, KiB, MiB or GiB, got ''"],
    ['8..*2', "--size must be sizes in bytes, KiB, MiB or GiB, got ''"],
    ['8..16..64*2', "--size must be sizes in bytes, KiB, MiB or GiB, got '16..64'"],
    ['8..64*2*2', "--size range '8..64*2*2' needs a factor above 1 (such as *2)"],
    ['4KiB..64*2', "--size range '4KiB..64*2' runs backwards"],
    ['4KiB..64+1', "--size range '4KiB..64+1' runs backwards"],
    ['8..64*1', "--size range '8..64*1' needs a factor above 1 (such as *2)"],
    ['8..64*1.0', "--size range '8..64*1.0' needs a factor above 1 (such as *2)"],
    ['8..64*0.5', "--size range '8..64*0.5' needs a factor above 1 (such as *2)"],
    ['8..64*0', "--size range '8..64*0' needs a factor above 1 (such as *2)"],
    ['8..64*', "--size range '8..64*' needs a factor above 1 (such as *2)"],
    ['8..64*x', "--size range '8..64*x' needs a factor above 1 (such as *2)"],
    ['8..64*-2', "--size range '8..64*-2' needs a factor above 1 (such as *2)"],
    ['8..64*0x2', "--size range '8..64*0x2' needs a factor above 1 (such as *2)"],
    ['8..64*1e1', "--size range '8..64*1e1' needs a factor above 1 (such as *2)"],
    ['8..64*2KiB', "--size range '8..64*2KiB' needs a factor above 1 (such as *2)"],
    ['8..64+0', "--size range '8..64+0' needs a step of at least 1 (such as +64)"],
    ['8..64+0KiB', "--size range '8..64+0KiB' needs a step of at least 1 (such as +64)"],
    ['8..64+-8', "--size must be a step in bytes, KiB, MiB or GiB, got '-8'"],
    ['8..64+', "--size must be a step in bytes, KiB, MiB or GiB, got ''"],
    ['8..64+1.5', "--size must be a step in bytes, KiB, MiB or GiB, got '1.5'"],
    [`1..1GiB+1`, `--size range '1..1GiB+1' has more than ${MAX_SWEEP_POINTS} points`],
    [`1..${MAX_SWEEP_POINTS + 1}+1`, `--size range '1..${MAX_SWEEP_POINTS + 1}+1' has more than ${MAX_SWEEP_POINTS} points`],
    ['1..1GiB*1.000001', `--size range '1..1GiB*1.000001' has more than ${MAX_SWEEP_POINTS} points`],
    [`1..${MAX_SWEEP_POINTS}+1,4KiB`, `--size has more than ${MAX_SWEEP_POINTS} points`],
  ];
  for (const [text, message] of mistakes) {
    it(`refuses '${text}' with one line naming the flag and the bad piece`, () => {
      expectUsageError(() => parseSizeList(text, '--size'), message);
    });
  }

  it('refuses a list of more than MAX_SWEEP_POINTS distinct points', () => {
    const many = Array.from({ length: MAX_SWEEP_POINTS + 1 }, (_, i) => i + 1).join(',');
    expectUsageError(() => parseSizeList(many, '--size'), `--size has more than ${MAX_SWEEP_POINTS} points`);
  });

  it('names the flag it was given', () => {
    expectUsageError(() => parseSizeList('big', 'SIZE'), "SIZE must be sizes in bytes, KiB, MiB or GiB, got 'big'");
  });
});

describe('parseOffsetList', () => {
  it('reads offsets from 0 to MAX_OFFSET, lists and ranges alike', () => {
    expect(MAX_OFFSET).toBe(4095);
    expect(parseOffsetList('0,1,63,4095', '--offset')).toEqual([0, 1, 63, 4095]);
    expect(parseOffsetList('0..64+16', '--offset')).toEqual([0, 16, 32, 48, 64]);
    expect(parseOffsetList('0..3KiB+1KiB', '--offset')).toEqual([0, KiB, 2 * KiB, 3 * KiB]);
    expect(parseOffsetList('1..4095*4', '--offset')).toEqual([1, 4, 16, 64, 256, 1024]);
    expect(parseOffsetList('0', '--offset')).toEqual([0]);
    expect(parseOffsetList('0B,2KiB,0', '--offset')).toEqual([0, 2 * KiB]);
    expect(parseOffsetList('0..4095+5', '--offset')).toHaveLength(820);
  });

  const mistakes: [string, string][] = [
    ['4096', "--offset must be from 0 to 4095, got '4096'"],
    ['4KiB', "--offset must be from 0 to 4095, got '4KiB'"],
    ['0..4096+64', "--offset must be from 0 to 4095, got '4096'"],
    ['x', "--offset must be offsets in bytes, KiB, MiB or GiB, got 'x'"],
    ['-1', "--offset must be offsets in bytes, KiB, MiB or GiB, got '-1'"],
    ['0..64*2', "--offset range '0..64*2' cannot multiply from 0"],
    ['0..64+0', "--offset range '0..64+0' needs a step of at least 1 (such as +64)"],
    ['64..0+1', "--offset range '64..0+1' runs backwards"],
    ['0..4095+1', `--offset range '0..4095+1' has more than ${MAX_SWEEP_POINTS} points`],
    ['0,,1', "--offset has an empty item: '0,,1'"],
  ];
  for (const [text, message] of mistakes) {
    it(`refuses '${text}' with one line naming the flag and the bad piece`, () => {
      expectUsageError(() => parseOffsetList(text, '--offset'), message);
    });
  }
});

describe('parseSweep', () => {
  it('sweeps within the limits it is given, calling the values sizes unless told otherwise', () => {
    expect(parseSweep('2..16*2', '--n', { min: 2, max: 16 })).toEqual([2, 4, 8, 16]);
    expectUsageError(() => parseSweep('1', '--n', { min: 2, max: 16 }), "--n must be from 2 to 16, got '1'");
    expectUsageError(() => parseSweep('2..32*2', '--n', { min: 2, max: 16 }), "--n must be from 2 to 16, got '32'");
    expectUsageError(() => parseSweep('x', '--n', { min: 2, max: 16 }), "--n must be sizes in bytes, KiB, MiB or GiB, got 'x'");
    expectUsageError(() => parseSweep('x', '--n', { min: 2, max: 16, noun: 'widths' }), "--n must be widths in bytes, KiB, MiB or GiB, got 'x'");
  });
});
