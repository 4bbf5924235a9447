// Property-based tests (fast-check): generated calls of every kind, about 14,000 per run (the addon's own fuzz
// run, test/binding-fuzz.test.ts, makes 20,000 more). Each call either works exactly or throws a TypeError or
// RangeError naming its argument; guard bytes around every destination prove that no write lands outside it. A failure prints fast-check's seed and path, so it replays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, memcpy } from 'tearlab';
import { resolveOptions } from '../dist/src/options.js';
import { UsageError } from '../dist/src/parse.js';
import { parseRun } from '../dist/src/run-command.js';
import { parseCompareArgs } from '../dist/src/compare-command.js';
import { parseReportArgs } from '../dist/src/report/report-command.js';
import { parseBenchArgs } from '../dist/bench/main.js';
import { checkResultsFile, ResultsFileError } from '../dist/src/results-file.js';

const GUARD = 0xee;
const GUARD_BYTES = 16;
const VIEW_TYPES = [Uint8Array, Int8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView];

interface GuardedView {
  view: ArrayBufferView;
  /** The whole buffer, guards included, as bytes. */
  whole: Uint8Array;
  start: number;
}

/** A view of any type over an ArrayBuffer or a SharedArrayBuffer, with guard bytes on both sides. */
const guardedView = fc
  .record({
    type: fc.constantFrom(...VIEW_TYPES),
    elements: fc.integer({ min: 0, max: 40 }),
    shared: fc.boolean(),
    detached: fc.integer({ min: 0, max: 9 }).map((roll) => roll === 0),
    fill: fc.integer({ min: 0, max: 255 }),
  })
  .map(({ type, elements, shared, detached, fill }): GuardedView => {
    const width = type === DataView ? 1 : (type as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    const bytes = elements * width;
    const buffer = shared ? new SharedArrayBuffer(bytes + 2 * GUARD_BYTES) : new ArrayBuffer(bytes + 2 * GUARD_BYTES);
    const whole = new Uint8Array(buffer).fill(GUARD);
    whole.fill(fill, GUARD_BYTES, GUARD_BYTES + bytes);
    const view = type === DataView ? new DataView(buffer, GUARD_BYTES, bytes) : new (type as Uint8ArrayConstructor)(buffer, GUARD_BYTES, elements);
    // A detached buffer's views have no bytes at all.
    if (detached && !shared) structuredClone(buffer, { transfer: [buffer as ArrayBuffer] });
    const description = `${type.name} of ${elements} over ${shared ? 'a SharedArrayBuffer' : 'an ArrayBuffer'}${detached && !shared ? ' (detached)' : ''}, filled with ${fill}`;
    return { view, whole, start: GUARD_BYTES, [fc.toStringMethod]: () => description } as GuardedView;
  });

/** Anything at all, from the values that break naive checks. */
const anything = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53, 2 ** 64, Number.MAX_SAFE_INTEGER, -1, 1.5),
  fc.bigInt(),
  fc.string(),
  fc.boolean(),
  fc.constantFrom(null, undefined, {}, [], () => 0, Symbol('s')),
  fc.constant(throwingGetters()),
);

/** An object whose every property read throws (fast-check may still ask it how to print itself). */
function throwingGetters(): object {
  return new Proxy(
    {},
    {
      get(_, key) {
        if (key === fc.toStringMethod) return () => 'an object whose getters throw';
        if (typeof key === 'symbol') return undefined;
        throw new Error(`a throwing getter (${key})`);
      },
    },
  );
}

const count = fc.oneof(fc.integer({ min: 0, max: 400 }), anything);

/** A copy of some bytes; none when their buffer was detached. */
function copyOf(bytes: Uint8Array): Uint8Array {
  return bytes.byteLength === 0 ? new Uint8Array(0) : Uint8Array.from(bytes);
}

/** A view's bytes; none for a view of a detached buffer. */
function bytesOf(view: ArrayBufferView): Uint8Array {
  try {
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  } catch {
    return new Uint8Array(0);
  }
}

describe('properties', () => {
  it('memcpy copies exactly n bytes or throws TypeError/RangeError naming its argument, and never writes outside dst', () => {
    fc.assert(
      fc.property(guardedView, guardedView, count, fc.oneof(fc.constantFrom('unlocked', 'global-lock', 'cdll', 'pydll'), anything), (dst, src, n, mode) => {
        const before = copyOf(dst.whole);
        const expected = copyOf(bytesOf(src.view));
        let result: unknown;
        try {
          result = memcpy(dst.view, src.view, n as number, mode as 'unlocked');
        } catch (error) {
          expect(error instanceof TypeError || error instanceof RangeError, String(error)).toBe(true);
          expect((error as Error).message).toMatch(/"(dst|src|n|mode)" argument/);
          expect(copyOf(dst.whole)).toEqual(before);
          return;
        }
        expect(result).toBe(dst.view);
        const length = n as number;
        const after = Uint8Array.from(before);
        if (length > 0) after.set(expected.subarray(0, length), dst.start);
        expect(copyOf(dst.whole)).toEqual(after);
      }),
      { numRuns: 5000 },
    );
  });

  it('classify gives the byte that fills a view or -1, and a TypeError for anything else', () => {
    fc.assert(
      fc.property(fc.oneof(guardedView.map((g) => g.view), anything), fc.boolean(), (view, uniform) => {
        if (ArrayBuffer.isView(view) && uniform) bytesOf(view).fill(0x2a);
        let result: number;
        try {
          result = classify(view as ArrayBufferView);
        } catch (error) {
          expect(ArrayBuffer.isView(view)).toBe(false);
          expect(error).toBeInstanceOf(TypeError);
          expect((error as Error).message).toMatch(/"view" argument/);
          return;
        }
        const bytes = bytesOf(view as ArrayBufferView);
        const reference = bytes.length > 0 && bytes.every((b) => b === bytes[0]) ? bytes[0] : -1;
        expect(result).toBe(reference);
      }),
      { numRuns: 2000 },
    );
  });

  const optionKeys = ['mode', 'size', 'offset', 'iters', 'timeMs', 'writers', 'readers', 'slowReader', 'batch', 'placement', 'calibrate', 'calibrationPairs', 'anatomySample', 'switchIntervalMs', 'onProgress', 'signal', 'time', 'writer'];

  it('runTearing options either resolve or throw TypeError/RangeError naming the option', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...optionKeys), fc.oneof(anything, fc.constantFrom('unlocked', 'lock', 'auto', 'spread', 'cpus:0', 1, 64, 4096))), (options) => {
        try {
          resolveOptions(options as never);
        } catch (error) {
          expect(error instanceof TypeError || error instanceof RangeError, String(error)).toBe(true);
          expect((error as Error).message).toMatch(/^options(\.\w+)? /);
        }
      }),
      { numRuns: 2000 },
    );
  });

  const flagValues = fc.oneof(fc.string(), fc.constantFrom('64', '4KiB', '8..4MiB*2', '0..64+16', '1e3', '-5', '500ms', '2m', 'auto', 'spread', 'cpus:0,1', 'lock', '99999999999999999999', 'a.json', ''));
  const commands: [string, string[], (args: string[]) => unknown][] = [
    ['tearlab run', ['--mode', '--size', '--offset', '--iters', '--time', '--trials', '--writers', '--readers', '--slow-reader', '--batch', '--placement', '--calibrate', '--anatomy-sample', '--switch-interval', '--json', '-h'], (args) => parseRun(args, {})],
    ['tearlab bench', ['--quick', '--trials', '--size', '--offset', '--out', '-h'], parseBenchArgs],
    ['tearlab compare', ['--markdown', '--json', '-h'], parseCompareArgs],
    ['tearlab report', ['--out', '-h'], parseReportArgs],
  ];

  it.each(commands)("%s's arguments either parse or give a usage error: one line, never another error", (_, flags, parse) => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...flags, '--bogus', 'extra', '--'), flagValues), { maxLength: 8 }), (args) => {
        try {
          parse(args);
        } catch (error) {
          expect(error, String((error as Error).stack)).toBeInstanceOf(UsageError);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a results file with any field changed is read, or refused with a ResultsFileError naming the file', () => {
    const valid = {
      schemaVersion: '1.0', tool: 'tearlab', version: '0.1.0', command: 'run', startedAt: 'now', elapsedMs: 1, partial: false, trials: 1, runMs: null,
      environment: {}, cells: [],
    };
    const paths = ['schemaVersion', 'tool', 'command', 'elapsedMs', 'partial', 'trials', 'runMs', 'environment', 'cells'];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(anything, fc.constantFrom('2.0', '1.9', 'bench', [])), fc.boolean(), (key, value, remove) => {
        const data: Record<string, unknown> = structuredCloneSafe(valid);
        if (remove) delete data[key];
        else data[key] = value;
        try {
          checkResultsFile(data, 'mutated.json');
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(ResultsFileError);
          expect((error as Error).message).toMatch(/^mutated\.json: /);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

function structuredCloneSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
