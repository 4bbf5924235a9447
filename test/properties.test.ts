// Property-based tests (fast-check): generated calls of every kind, about 19,000 per run (the addon's own fuzz
// run, test/binding-fuzz.test.ts, makes 20,000 more). Each call either works exactly or throws a TypeError or
// RangeError naming its argument; guard bytes around every destination prove that no write lands outside it.
// A failure prints fast-check's seed and path, so it replays.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { classify, memcpy } from 'tearlab';
import { resolveOptions } from '../dist/src/options.js';
import { UsageError } from '../dist/src/parse.js';
import { parseRun } from '../dist/src/run-command.js';
import { parseCompareArgs } from '../dist/src/compare-command.js';
import { parseReportArgs } from '../dist/src/report/report-command.js';
import { parseBenchArgs } from '../dist/bench/main.js';
import { checkResultsFile, readResultsFile, ResultsFileError } from '../dist/src/results-file.js';
import { resolveScenario } from '../dist/src/scenarios/run-scenario.js';
import { parseScenarioArgs } from '../dist/src/scenarios/scenario-command.js';

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

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'tearlab-properties-'));
/** A results file of a real run and a real scenario run, in one (schema 1.1: cells and scenarios). */
const realResultsFile = path.join(scratch, 'real.json');
let realResults: Record<string, unknown>;

beforeAll(() => {
  const runFile = path.join(scratch, 'run.json');
  const scenarioFile = path.join(scratch, 'scenario.json');
  execFileSync(process.execPath, [CLI, 'run', '--mode', 'unlocked', '--size', '4KiB', '--writers', '1', '--readers', '1', '--iters', '5000', '--json', runFile], { stdio: 'ignore' });
  // Exit status 1 would mean a fix counted something; the file is written either way.
  execFileSync(process.execPath, [CLI, 'run', '--scenario', 'counter', '--iters', '1000', '--json', scenarioFile], { stdio: 'ignore' });
  realResults = { ...JSON.parse(readFileSync(runFile, 'utf8')), scenarios: JSON.parse(readFileSync(scenarioFile, 'utf8')).scenarios };
  writeFileSync(realResultsFile, `${JSON.stringify(realResults, null, 2)}\n`);
}, 60_000);

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
  const integerKeys = ['size', 'offset', 'iters', 'writers', 'readers', 'calibrationPairs', 'anatomySample'];

  /** Options objects: dictionaries of known and unknown keys, anything that is not an object, and a proxy whose getters throw. */
  const optionsOf = (keys: string[], values: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...keys), values) }, anything);

  /** The option a TypeError or RangeError names: `options` itself, or one of its keys. */
  function expectNamesAnOption(error: unknown, options: unknown, required: string[] = []): void {
    expect(error instanceof TypeError || error instanceof RangeError, String(error)).toBe(true);
    const named = /^options(?:\.(\w+))? /.exec((error as Error).message);
    expect(named, (error as Error).message).not.toBeNull();
    if (named![1] === undefined) expect(typeof options === 'object' && options !== null && !Array.isArray(options)).toBe(false);
    else expect([...Object.keys(options as object), ...required]).toContain(named![1]);
  }

  /** A getter's own error passes through untouched, as it does from Node's own APIs. */
  const isGetterError = (error: unknown) => error instanceof Error && error.message.startsWith('a throwing getter');

  it('runTearing options either resolve to exactly what was asked, or throw TypeError/RangeError naming the option', () => {
    fc.assert(
      fc.property(optionsOf(optionKeys, fc.oneof(anything, fc.constantFrom('unlocked', 'lock', 'auto', 'spread', 'cpus:0', 1, 64, 4096))), (options) => {
        let resolved: Record<string, unknown>;
        try {
          resolved = resolveOptions(options as never) as unknown as Record<string, unknown>;
        } catch (error) {
          if (isGetterError(error)) return;
          expectNamesAnOption(error, options);
          return;
        }
        const asked = (options ?? {}) as Record<string, unknown>;
        for (const key of integerKeys) if (typeof asked[key] === 'number') expect(resolved[key], key).toBe(asked[key]);
        if (typeof asked.timeMs === 'number') expect(resolved.timeMs).toBe(asked.timeMs);
        if (typeof asked.batch === 'number') expect(resolved.batch).toBe(asked.batch);
      }),
      { numRuns: 2000 },
    );
  });

  const scenarioKeys = ['scenario', 'variant', 'iters', 'widen', 'workIters', 'workers', 'switchIntervalMs', 'mode', 'time'];

  it('runScenario options either resolve to exactly what was asked, or throw TypeError/RangeError naming the option', () => {
    const values = fc.oneof(anything, fc.constantFrom('pair', 'counter', 'parity', 'unlocked', 'global-lock', 'gil', 'lock', 'publish', 'atomic', 1, 10, 1000, true));
    fc.assert(
      fc.property(optionsOf(scenarioKeys, values), (options) => {
        let resolved: Record<string, unknown>;
        try {
          resolved = resolveScenario(options as never) as unknown as Record<string, unknown>;
        } catch (error) {
          if (isGetterError(error)) return;
          expectNamesAnOption(error, options, ['scenario']);
          return;
        }
        const asked = options as Record<string, unknown>;
        for (const key of ['scenario', 'variant', 'iters', 'widen', 'workIters', 'workers']) {
          if (asked[key] !== undefined) expect(resolved[key], key).toBe(asked[key]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  const flagValues = fc.oneof(fc.string(), fc.constantFrom('64', '4KiB', '8..4MiB*2', '0..64+16', '1e3', '-5', '500ms', '2m', 'auto', 'spread', 'cpus:0,1', 'lock', '99999999999999999999', 'a.json', ''));
  const commands: [string, string[], (args: string[]) => unknown][] = [
    ['tearlab run', ['--mode', '--size', '--offset', '--iters', '--time', '--trials', '--writers', '--readers', '--slow-reader', '--batch', '--placement', '--calibrate', '--anatomy-sample', '--switch-interval', '--json', '-h'], (args) => parseRun(args, {})],
    ['tearlab run --scenario', ['--scenario', '--mode', '--iters', '--widen', '--work-iters', '--workers', '--switch-interval', '--json', '-h', 'pair', 'counter', 'parity', 'publish', 'atomic', 'gil'], parseScenarioArgs],
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

  it('a real results file with any field anywhere changed or removed is read unchanged, or refused with a ResultsFileError naming the file', () => {
    expect(checkResultsFile(structuredCloneSafe(realResults), 'real.json')).toEqual(realResults);
    const paths = leafPaths(realResults);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(anything, fc.constantFrom('2.0', '1.9', 'bench', [], {})), fc.boolean(), (where, value, remove) => {
        const data = structuredCloneSafe(realResults);
        const parent = where.slice(0, -1).reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, data);
        const key = where[where.length - 1];
        if (remove) delete parent[key];
        else parent[key] = value;
        const original = where.reduce<unknown>((node, step) => (node as Record<string, unknown>)[step], realResults);
        // A top-level field the schema requires, removed or given another JSON type, must be refused (null apart:
        // some fields may be null, as runMs is without a time budget).
        const retyped = value !== null && original !== null && jsonType(value) !== jsonType(original);
        const mustRefuse = where.length === 1 && !['bench', 'scenarios', 'failure'].includes(key) && (remove || retyped);
        try {
          expect(checkResultsFile(data, 'mutated.json')).toBe(data);
          expect(mustRefuse, `${where.join('.')} ${remove ? 'removed' : `set to ${fc.stringify(value)}`} was read`).toBe(false);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(ResultsFileError);
          expect((error as Error).message).toMatch(/^mutated\.json: /);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a results file cut short anywhere is refused as truncated JSON, naming the file', async () => {
    const text = readFileSync(realResultsFile, 'utf8');
    const lastBrace = text.lastIndexOf('}');
    const cut = path.join(scratch, 'cut.json');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: lastBrace }), async (length) => {
        writeFileSync(cut, text.slice(0, length));
        const error = await readResultsFile(cut).then(() => null, (refused: unknown) => refused);
        expect(error).toBeInstanceOf(ResultsFileError);
        expect((error as Error).message).toMatch(length === 0 ? /: is not valid JSON \(it is empty\)$/ : /: is not valid JSON \(.*; is it truncated\?\)$/);
        expect((error as Error).message.startsWith(`${cut}: `)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/** Every path from the top of `value` to a value that is not an object or array (and to every empty one). */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const keys = Object.keys(value);
  if (keys.length === 0) return [prefix];
  return [...(prefix.length > 0 ? [prefix] : []), ...keys.flatMap((key) => leafPaths((value as Record<string, unknown>)[key], [...prefix, key]))];
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function structuredCloneSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
