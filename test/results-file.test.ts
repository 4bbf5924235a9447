import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkResultsFile, readResultsFile, ResultsFileError, SCHEMA_PATH, SCHEMA_VERSION } from '../dist/src/results-file.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = path.join(ROOT, 'dist/src/cli.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-results-'));
const good = path.join(dir, 'good.json');
let goodText = '';

beforeAll(() => {
  execFileSync(process.execPath, [CLI, 'run', '--size', '4096', '--iters', '1000', '--trials', '2', '--json', good]);
  goodText = readFileSync(good, 'utf8');
});

function variant(name: string, edit: (data: any) => void): string {
  const data = JSON.parse(goodText);
  edit(data);
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

function compareExit(files: string[]) {
  const run = spawnSync(process.execPath, [CLI, 'compare', ...files], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the results file', () => {
  it('is what tearlab run --json writes, and it passes its own schema', async () => {
    const results = await readResultsFile(good);
    expect(results.schemaVersion).toBe(SCHEMA_VERSION);
    expect(results.cells.map((c) => c.mode)).toEqual(['global-lock', 'unlocked']);
  });

  it('ships a schema generated from the TypeScript types, and up to date with them', () => {
    const fresh = path.join(dir, 'schema.json');
    execFileSync(
      path.join(ROOT, 'node_modules/.bin/ts-json-schema-generator'),
      ['--path', 'src/results-file.ts', '--type', 'ResultsFile', '--tsconfig', 'tsconfig.json', '--no-top-ref', '--additional-properties', '-o', fresh],
      { cwd: ROOT },
    );
    expect(JSON.parse(readFileSync(fresh, 'utf8')), 'schema/results.schema.json is stale: npm run schema').toEqual(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));
  }, 30_000);

  const broken: [string, () => string, RegExp][] = [
    ['a missing file', () => path.join(dir, 'absent.json'), /absent\.json: cannot be read \(ENOENT\)$/],
    ['an empty file', () => (writeFileSync(path.join(dir, 'empty.json'), ''), path.join(dir, 'empty.json')), /empty\.json: is not valid JSON \(it is empty\)$/],
    [
      'a truncated file',
      () => (writeFileSync(path.join(dir, 'cut.json'), goodText.slice(0, goodText.length >> 1)), path.join(dir, 'cut.json')),
      /cut\.json: is not valid JSON \(.*; is it truncated\?\)$/,
    ],
    ['a JSON array', () => (writeFileSync(path.join(dir, 'array.json'), '[]'), path.join(dir, 'array.json')), /array\.json: is not a tearlab results file \(not a JSON object\)$/],
    ['a file without schemaVersion', () => variant('old.json', (d) => delete d.schemaVersion), /old\.json: is not a tearlab results file \(no schemaVersion/],
    ['a newer major version', () => variant('future.json', (d) => (d.schemaVersion = '2.0')), /future\.json: has schema version 2\.0, newer than this tearlab reads \(1\.x\); update tearlab$/],
    [
      'a cell without its summary',
      () => variant('nosummary.json', (d) => delete d.cells[1].summary),
      /nosummary\.json: does not match the results schema 1\.2: \/cells\/1 must have required property 'summary'$/,
    ],
    [
      'a count of the wrong type',
      () => variant('wrongtype.json', (d) => (d.cells[0].trials[0].torn = 'none')),
      /wrongtype\.json: does not match the results schema 1\.2: \/cells\/0\/trials\/0\/torn must be number$/,
    ],
    ['an unknown mode', () => variant('mode.json', (d) => (d.cells[0].mode = 'nogil')), /mode\.json: does not match the results schema 1\.2: \/cells\/0\/mode must be equal to/],
  ];
  for (const [what, make, message] of broken) {
    it(`refuses ${what} with one line naming it, and compare exits 2`, async () => {
      const file = make();
      const error = await readResultsFile(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResultsFileError);
      expect((error as Error).message).toMatch(message);
      const { code, stdout, stderr } = compareExit([good, file]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.trimEnd()).toMatch(message);
    });
  }

  it('reads a file of a newer minor version that adds fields', () => {
    const data = JSON.parse(goodText);
    data.schemaVersion = '1.7';
    data.somethingNew = { figure: 1 };
    expect(checkResultsFile(data, 'newer-minor.json').cells).toHaveLength(2);
  });
});
