import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../dist/src/results-file.js';
import { skipOnWindows } from './helpers/package.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
// key=value pairs; a value with spaces is quoted.
const RESULT_LINE = /^mode=(\S+) tearing=(\d+) snapshots=(\d+) torn_per_s=(\d+(?:\.\d+)?)( \w+=(?:"[^"]*"|[^\s"]+))*$/;

function tearlab(args: string[], env: Record<string, string> = {}) {
  const { SIZE, ITERS, USE_CDLL, ...rest } = process.env;
  void SIZE, ITERS, USE_CDLL;
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...rest, ...env } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function resultLines(stdout: string) {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('mode='))
    .map((line) => {
      const match = RESULT_LINE.exec(line);
      expect(match, line).not.toBeNull();
      return { mode: match![1], tearing: Number(match![2]), snapshots: Number(match![3]) };
    });
}

describe('tearlab run', () => {
  it('prints the environment, the Config line and one line per mode: global-lock then unlocked', () => {
    const { code, stdout, stderr } = tearlab(['run', '--iters', '2_000', '--size', '4096']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^=== environment ===\nCPU: .+\nOS: .+\nNode: v\d+.*V8 .*N-API \d+/);
    expect(stdout).toMatch(/^Config: SIZE=4096 bytes, OFFSET=0, ITERS=2000, /m);
    const lines = resultLines(stdout);
    expect(lines.map((l) => l.mode)).toEqual(['global-lock', 'unlocked']);
    expect(lines[0].tearing).toBe(0);
    // Each result line is followed by its verdict, and no fix tore: exit 0.
    expect(stdout).toMatch(
      /^mode=global-lock .*\nOutcomes global-lock: intact:A=\d+ intact:B=\d+ intact:initial=\d+ torn:2-segments=0 torn:3\+-segments=0\nObservation global-lock Never 0 2000$/m,
    );
    expect(stdout).toMatch(
      /^mode=unlocked .*\nOutcomes unlocked: .*\n(Anatomy unlocked: \d+ of \d+ torn snapshots dissected, .*\nSegments unlocked .*\n)?Observation unlocked (Never|Sometimes|Always) \d+ \d+$/m,
    );
    expect(lines.every((l) => l.snapshots === 2000)).toBe(true);
  });

  it('takes SIZE, ITERS and USE_CDLL=1 from the environment, as the Python demo did', () => {
    const { code, stdout } = tearlab(['run'], { SIZE: '1_024', ITERS: '500', USE_CDLL: '1' });
    expect(code).toBe(0);
    expect(stdout).toMatch(/Config: SIZE=1024 bytes, OFFSET=0, ITERS=500, .*USE_CDLL=true/);
    expect(resultLines(stdout).map((l) => [l.mode, l.snapshots])).toEqual([['unlocked', 500]]);
  });

  it('runs one mode, with aliases, and writes the results as JSON', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tearlab-')), 'out.json');
    const { code, stdout } = tearlab(['run', '--mode', 'pydll', '--iters', '300', '--time', '20s', '--json', file]);
    expect(code).toBe(0);
    expect(resultLines(stdout).map((l) => l.mode)).toEqual(['global-lock']);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toMatchObject({ schemaVersion: SCHEMA_VERSION, tool: 'tearlab', command: 'run', trials: 1, runMs: 20_000, partial: false });
    expect(written.environment.node).toBe(process.version);
    expect(written.cells).toHaveLength(1);
    expect(written.cells[0]).toMatchObject({ mode: 'global-lock', size: 131072, layout: '2w+1r', batch: 'auto', placement: 'none' });
    expect(written.cells[0].trials).toHaveLength(1);
    expect(written.cells[0].trials[0]).toMatchObject({ mode: 'global-lock', snapshots: 300, torn: 0 });
    expect(written.cells[0].summary).toMatchObject({ trials: 1, snapshots: 300, torn: 0, verdict: 'Never', forbidden: false });
  });

  it('runs trials in turn and prints each mode\'s medians with 95% intervals, or says there were too few', () => {
    const six = tearlab(['run', '--size', '4096', '--iters', '2000', '--trials', '6']);
    expect(six.code).toBe(0);
    const trialLines = six.stdout.split('\n').filter((line) => line.startsWith('mode='));
    // Six trials of each mode, taking turns in an order reversed every other trial.
    expect(trialLines.map((line) => `${/^mode=(\S+)/.exec(line)![1]} ${/ trial=(\d+)$/.exec(line)![1]}`)).toEqual([
      'global-lock 1', 'unlocked 1', 'unlocked 2', 'global-lock 2', 'global-lock 3', 'unlocked 3',
      'unlocked 4', 'global-lock 4', 'global-lock 5', 'unlocked 5', 'unlocked 6', 'global-lock 6',
    ]);
    expect(six.stdout).toMatch(/^Summary of the trials \(95% intervals\):$/m);
    expect(six.stdout).toMatch(/^global-lock 4 KiB: 6 trials; torn 0 of 12k \(at most 2\.5e-4\); torn\/s 0 \[0, 0\]; snapshots\/s \S+ \[\S+, \S+\]; writes\/s \S+ \[\S+, \S+\]$/m);
    expect(six.stdout).toMatch(/^Observation global-lock Never 0 12000$/m);
    expect(six.stdout).toMatch(/^Observation unlocked (Never|Sometimes|Always) \d+ \d+$/m);
    const two = tearlab(['run', '--mode', 'lock', '--size', '64', '--iters', '500', '--trials', '2']);
    expect(two.code).toBe(0);
    expect(two.stdout).toMatch(/^lock 64 B: 2 trials; torn 0 of 1\.0k \(at most 3\.0e-3\); torn\/s 0 \(too few trials for an interval \(6 needed\)\);/m);
  });

  const fixCounters: [string, string[]][] = [
    ['lock', ['lock_waits']],
    ['js-lock', ['lock_waits']],
    ['double-buffer', ['retries', 'slot_waits']],
    ['seqlock', ['retries', 'fallbacks', 'lock_waits']],
  ];
  for (const [mode, counters] of fixCounters) {
    it(`runs ${mode} with a slow reader, 0 torn, and prints its counters`, () => {
      const { code, stdout } = tearlab(['run', '--mode', mode, '--iters', '400', '--size', '1024', '--readers', '2', '--slow-reader']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/SLOW_READER=true/);
      const line = stdout.split('\n').find((l) => l.startsWith('mode='))!;
      expect(resultLines(stdout)).toEqual([{ mode, tearing: 0, snapshots: 400 }]);
      for (const counter of counters) expect(line).toMatch(new RegExp(` ${counter}=\\d+`));
      expect(line).toMatch(/ writes=\d+/);
    });
  }

  it('runs in batches by default, one call per copy with --batch 1, and says which', () => {
    const auto = tearlab(['run', '--mode', 'unlocked', '--iters', '5_000', '--size', '64']);
    expect(auto.code).toBe(0);
    expect(auto.stdout).toMatch(/BATCH=auto/);
    expect(auto.stdout).toMatch(/^mode=unlocked .* batch=auto( |$)/m);
    const perCall = tearlab(['run', '--mode', 'unlocked', '--iters', '5_000', '--size', '64', '--batch', '1']);
    expect(perCall.stdout).toMatch(/BATCH=1/);
    expect(perCall.stdout).toMatch(/^mode=unlocked .* batch=1( |$)/m);
    expect(resultLines(perCall.stdout)).toEqual([{ mode: 'unlocked', tearing: expect.any(Number), snapshots: 5000 }]);
  });

  it('prints the placement, where the workers ran, and why a placement could not be honoured', () => {
    const { code, stdout } = tearlab(['run', '--mode', 'global-lock', '--iters', '1000', '--size', '64', '--placement', 'cpus:1023']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/PLACEMENT=cpus:1023/);
    const line = stdout.split('\n').find((l) => l.startsWith('mode='))!;
    expect(resultLines(stdout)).toHaveLength(1);
    expect(line).toMatch(/ placement=cpus:1023 pinned=no ran_on=w0:-?\d+(>-?\d+)?,w1:\S+,r0:\S+ placement_note="[^"]+"$/);
  });

  it('prints efficiency and write efficiency with --calibrate', () => {
    const { code, stdout } = tearlab(['run', '--mode', 'unlocked', '--writers', '1', '--readers', '1', '--size', '4096', '--iters', '20_000', '--calibrate']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/CALIBRATE=true/);
    const line = stdout.split('\n').find((l) => l.startsWith('mode='))!;
    expect(resultLines(stdout)).toHaveLength(1);
    expect(line).toMatch(/ efficiency=(\d+(\.\d+)?|n\/a) write_efficiency=\d+(\.\d+)? native_torn_per_s=\S+ native_writes_per_s=\S+ pairs=5/);
  });

  it('never leaves --json half-written: killed mid-run, the file keeps what it held', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-'));
    const file = path.join(dir, 'out.json');
    writeFileSync(file, 'earlier results\n');
    const child = spawn(process.execPath, [CLI, 'run', '--mode', 'unlocked', '--iters', '1_000_000_000_000', '--time', '20s', '--json', file]);
    // Kill it once it is measuring (its Config line is printed), long before it could write.
    await new Promise<void>((resolve) => child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Config:') && resolve()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(readFileSync(file, 'utf8')).toBe('earlier results\n');
    // What a completed run writes replaces it whole, and leaves no temporary file behind.
    const { code } = tearlab(['run', '--mode', 'global-lock', '--iters', '100', '--json', file]);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).cells[0].trials[0]).toMatchObject({ mode: 'global-lock', snapshots: 100 });
    // The killed process's temporary file (SIGKILL left it no chance) went with the next write into the folder.
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  const mistakes: [string[], RegExp][] = [
    [['run', '--mode', 'nogil'], /--mode must be one of/],
    [['run', '--size', '0'], /--size must be from 1 to 1073741824, got '0'/],
    [['run', '--size', '4QiB'], /--size must be sizes in bytes, KiB, MiB or GiB, got '4QiB'/],
    [['run', '--offset', '4096'], /--offset must be from 0 to 4095, got '4096'/],
    [['run', '--size', '64..8*2'], /--size range '64\.\.8\*2' runs backwards/],
    [['run', '--writers', '0'], /--writers must be at least 1/],
    [['run', '--iters', '-5'], /--iters must not be negative/],
    [['run', '--iters', 'many'], /--iters must be a whole number/],
    [['run', '--readers', '1.5'], /--readers must be a whole number/],
    [['run', '--time', 'soon'], /--time must be a duration/],
    [['run', '--bogus'], /Unknown option '--bogus'/],
    [['run', 'extra'], /Unexpected argument 'extra'/],
    [['fly'], /unknown command 'fly'/],
    [['bench', '--bogus'], /Unknown option '--bogus'/],
    [['bench', '--out', ''], /--out must name a directory/],
    [['run', '--batch', '0'], /--batch \(a number or auto\) must be at least 1/],
    [['run', '--batch', 'big'], /--batch \(a number or auto\) must be a whole number/],
    [['run', '--placement', 'far'], /--placement must be none, spread, same-cpu or cpus:LIST/],
    [['run', '--placement', 'cpus:a,b'], /--placement must be none, spread, same-cpu or cpus:LIST/],
    [['run', '--placement', 'cpus:99999'], /--placement names CPU 99999/],
    [['run', '--json', '/nonexistent-dir/out.json'], /--json cannot write \/nonexistent-dir\/out\.json/],
    [['run', '--trials', '0'], /--trials must be at least 1/],
    [['bench', '--trials', 'x'], /--trials must be a whole number/],
    [['run', '--anatomy-sample', 'all'], /--anatomy-sample must be a whole number/],
    [['run', '--time', '40000m'], /--time must be at most 2147483647 ms \(about 24\.8 days\), got '40000m'/],
    [['bench', '--size', '0'], /--size must be from 1 to 1073741824, got '0'/],
    [['bench', '--offset', '1..9*0'], /--offset range '1\.\.9\*0' needs a factor above 1/],
  ];
  for (const [args, message] of mistakes) {
    it(`exits 2 with one line for: ${args.join(' ')}`, () => {
      const { code, stdout, stderr } = tearlab(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(message);
    });
  }

  it('exits 2 for a bad SIZE in the environment', () => {
    const { code, stderr } = tearlab(['run'], { SIZE: 'big' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^tearlab: SIZE must be sizes in bytes, KiB, MiB or GiB, got 'big'/);
  });

  it('runs the bench as a command of the package: tearlab bench --help', () => {
    const { code, stdout } = tearlab(['bench', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: tearlab bench \[--quick\] \[--trials N\] \[--size SIZES\] \[--offset OFFSETS\] \[--out DIR\]/);
  });

  it.skipIf(skipOnWindows('test/cli.test.ts "ends quietly when its output is piped..." pipes through sh and head, and relies on POSIX pipes closing'))('ends quietly when its output is piped into a reader that stops early', () => {
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" run --iters 20000 | head -1`], { encoding: 'utf8' });
    expect(run.stdout).toBe('=== environment ===\n');
    expect(run.stderr).toBe('');
  });

  it('sweeps sizes and offsets: one result per point, each saying where it ran, all in the results file', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tearlab-')), 'sweep.json');
    const { code, stdout } = tearlab(['run', '--mode', 'lock', '--size', '64,1KiB..4KiB*4', '--offset', '0,63', '--iters', '300', '--json', file]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Config: SIZE=64,1024,4096 bytes, OFFSET=0,63, /m);
    const points = stdout
      .split('\n')
      .filter((line) => line.startsWith('mode='))
      .map((line) => `${/ size=(\d+)/.exec(line)![1]}+${/ offset=(\d+)/.exec(line)![1]}`);
    expect(points).toEqual(['64+0', '64+63', '1024+0', '1024+63', '4096+0', '4096+63']);
    const cells = JSON.parse(readFileSync(file, 'utf8')).cells;
    expect(cells.map((c: { size: number; offset: number }) => `${c.size}+${c.offset}`)).toEqual(points);
  });

  it('exits 1 when a mode that forbids tearing tore (a fix broken on purpose), and says which outcome was FORBIDDEN', () => {
    let seen: ReturnType<typeof tearlab> | undefined;
    // Broken, the seqlock copies as unlocked; a few tries make a tear certain on a multicore machine.
    for (let attempt = 0; attempt < 20 && seen?.code !== 1; attempt++) {
      seen = tearlab(['run', '--mode', 'seqlock', '--size', '4096', '--writers', '1', '--readers', '1', '--iters', '50000'], { TEARLAB_FAULT: 'broken-fix' });
    }
    expect(seen!.code).toBe(1);
    expect(seen!.stdout).toMatch(/^Outcomes seqlock: .*torn:(2|3\+)-segments=[1-9]\d* FORBIDDEN/m);
    expect(seen!.stdout).toMatch(/^Observation seqlock (Sometimes|Always) [1-9]\d* \d+$/m);
    expect(seen!.stdout).toMatch(/^Anatomy seqlock: \d+ of [1-9]\d* torn snapshots dissected/m);
    const unsampled = tearlab(['run', '--mode', 'seqlock', '--size', '4096', '--writers', '1', '--readers', '1', '--iters', '50000', '--anatomy-sample', '0'], {
      TEARLAB_FAULT: 'broken-fix',
    });
    expect(unsampled.stdout).not.toMatch(/^Anatomy /m);
    // Without the fault, the same run is whole and exits 0.
    expect(tearlab(['run', '--mode', 'seqlock', '--size', '4096', '--writers', '1', '--readers', '1', '--iters', '50000']).code).toBe(0);
  });

  it('reports an unexpected failure as a bug, with its stack and exit 1, not as a usage mistake', () => {
    const { code, stdout, stderr } = tearlab(['run', '--mode', 'lock', '--iters', '100'], { TEARLAB_FAULT: 'worker-throws' });
    expect(code).toBe(1);
    // The worker's own error does not say which worker threw: the wrapper names it, and the original follows with its stack.
    expect(stderr, stderr).toMatch(/^tearlab: unexpected error\nError: tearlab: (writer|reader) \d+ threw: failed on purpose \(TEARLAB_FAULT=worker-throws\)\n\s+at /);
    expect(stderr, stderr).toMatch(/\nCaused by: Error: failed on purpose \(TEARLAB_FAULT=worker-throws\)\n(\s+at .*\n)*\s+at .*\/worker\.js:/);
    expect(stdout).not.toMatch(/^mode=/m);
  });

  it('prints usage for --help', () => {
    const { code, stdout } = tearlab(['run', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: tearlab run/);
  });
});
