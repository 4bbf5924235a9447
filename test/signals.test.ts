// Ctrl-C and SIGTERM, sent for real to a child process: what was measured is printed and written, marked partial;
// a second Ctrl-C exits at once.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { catchInterruptions } from '../dist/src/interrupt.js';
import { scenarioMain } from '../dist/src/scenarios/scenario-command.js';
import { skipOnWindows } from './helpers/package.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

/** A running CLI child: what it printed so far, and a way to wait for a line of it. */
function start(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(process.execPath, [CLI, ...args], { env });
  const output = { stdout: '', stderr: '' };
  const watchers: (() => void)[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream].on('data', (chunk: Buffer) => {
      output[stream] += chunk.toString();
      for (const watch of watchers) watch();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const until = (stream: 'stdout' | 'stderr', pattern: RegExp) =>
    new Promise<void>((resolve) => {
      const watch = () => pattern.test(output[stream]) && resolve();
      watchers.push(watch);
      watch();
    });
  return { child, output, exited, until };
}

/** Starts the CLI, waits until its stdout shows `ready`, sends `signals` one after another, and collects what it did. */
async function interrupt(args: string[], ready: RegExp, signals: NodeJS.Signals[]) {
  const run = start(args);
  await run.until('stdout', ready);
  for (const signal of signals) run.child.kill(signal);
  const code = await run.exited;
  return { code, ...run.output };
}

/** How long a run is let go on after its `ready` line before it is stopped: longer while it had not got far enough. */
const DELAYS_MS = [300, 1500, 6000];

/**
 * Runs the CLI and sends `signal` a while after stdout shows `ready`, trying again with a longer while (DELAYS_MS)
 * until `enough` (given stdout) says the run had got far enough by then; `before` clears the way for each try.
 */
async function interruptUnderWay(args: string[], ready: RegExp, signal: NodeJS.Signals, enough: (stdout: string) => boolean, before = () => {}) {
  for (const delay of DELAYS_MS) {
    before();
    const run = start(args);
    await run.until('stdout', ready);
    await new Promise((resolve) => setTimeout(resolve, delay));
    run.child.kill(signal);
    const code = await run.exited;
    if (enough(run.output.stdout) || delay === DELAYS_MS.at(-1)) return { code, ...run.output };
  }
  throw new Error('unreachable');
}

/** Runs a quick bench into `out` and stops it with `signal` once it has finished a cell. */
async function interruptBench(out: string, signal: NodeJS.Signals) {
  const written = () => {
    const name = readdirSync(out).find((n) => n.endsWith('.json'))!;
    return { names: readdirSync(out), name, written: JSON.parse(readFileSync(path.join(out, name), 'utf8')) };
  };
  const { code, stdout } = await interruptUnderWay(
    ['bench', '--quick', '--trials', '2', '--size', '64', '--out', out],
    /^Bench: /m,
    signal,
    () => written().written.cells.length > 0,
    () => rmSync(out, { recursive: true, force: true }),
  );
  return { code, stdout, ...written() };
}

/** The bench's results, stopped: partial, at least one cell, every finished trial stopped by its time, only the very last one perhaps by the signal. */
function expectPartialBench(written: any) {
  expect(written).toMatchObject({ partial: true, command: 'bench' });
  expect(written.bench.checks).toEqual([]);
  expect(written.cells.length).toBeGreaterThanOrEqual(1);
  const trials = written.cells.flatMap((cell: { trials: { stoppedBy: string }[] }) => cell.trials);
  for (const cell of written.cells) expect(cell.trials.length).toBeGreaterThan(0);
  expect(trials.slice(0, -1).map((t: { stoppedBy: string }) => t.stoppedBy)).toEqual(trials.slice(0, -1).map(() => 'time'));
  expect(['time', 'signal']).toContain(trials.at(-1).stoppedBy);
}

// Windows has no POSIX signals: Node's child.kill('SIGINT') there ends the child at once, with no handler run.
describe.skipIf(skipOnWindows('test/signals.test.ts "signals" sends real POSIX signals (SIGINT, SIGTERM) to a child, which Windows does not deliver'))('signals', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-signals-'));

  it('SIGINT stops tearlab run: what was measured is printed and written, partial, exit 130', async () => {
    const file = path.join(dir, 'run.json');
    // A run that would last 20 s per trial; the first trial's line appears only once it has been stopped.
    const { code, stdout, stderr } = await interrupt(
      ['run', '--mode', 'unlocked', '--size', '4096', '--iters', '1_000_000_000_000', '--time', '40s', '--trials', '2', '--json', file],
      /^Config: /m,
      ['SIGINT'],
    );
    expect(code).toBe(130);
    expect(stderr).toMatch(/tearlab run: SIGINT: stopping and keeping what was measured/);
    expect(stderr).toMatch(/tearlab run: stopped by SIGINT; the results above and in .*run\.json are partial/);
    expect(stdout).toMatch(/^mode=unlocked tearing=\d+ snapshots=\d+ .* stopped_by=signal .* trial=1$/m);
    expect(stdout).not.toMatch(/trial=2/);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.partial).toBe(true);
    expect(written.cells).toHaveLength(1);
    expect(written.cells[0].trials).toHaveLength(1);
    expect(written.cells[0].trials[0].stoppedBy).toBe('signal');
  });

  it('SIGTERM stops it too, with exit 143', async () => {
    const { code, stdout } = await interrupt(['run', '--mode', 'lock', '--iters', '1_000_000_000_000', '--time', '40s'], /^Config: /m, ['SIGTERM']);
    expect(code).toBe(143);
    expect(stdout).toMatch(/^mode=lock .* stopped_by=signal/m);
    expect(stdout).toMatch(/^Observation lock Never 0 \d+$/m);
  });

  it('SIGINT stops the bench: every finished cell is written, marked partial, exit 130', async () => {
    const { code, stdout, names, name, written } = await interruptBench(path.join(dir, 'bench-int'), 'SIGINT');
    expect(code).toBe(130);
    expect(stdout).toMatch(/^Partial results: /m);
    // The report beside it draws what was measured.
    expect(names.sort()).toEqual([name.replace(/\.json$/, '.html'), name]);
    expectPartialBench(written);
  }, 120_000);

  it('SIGTERM stops the bench the same way, with exit 143', async () => {
    const { code, stdout, written } = await interruptBench(path.join(dir, 'bench-term'), 'SIGTERM');
    expect(code).toBe(143);
    expect(stdout).toMatch(/^Partial results: /m);
    expectPartialBench(written);
  }, 120_000);

  it('a second SIGINT exits at once with 130, and the results file is left as it was, never half-written', async () => {
    const file = path.join(dir, 'twice.json');
    writeFileSync(file, 'earlier results\n');
    // The first SIGINT stops the run; the second comes while it holds the complete partial results in its
    // temporary file (a test-only pause before the rename, which would otherwise last a minute).
    const run = start(['run', '--mode', 'unlocked', '--size', '4096', '--iters', '1_000_000_000_000', '--time', '40s', '--json', file], {
      ...process.env,
      TEARLAB_PAUSE_BEFORE_RENAME_MS: '60000',
    });
    await run.until('stdout', /^Config: /m);
    run.child.kill('SIGINT');
    await run.until('stderr', /tearlab: test pause: /);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.output.stderr).toMatch(/tearlab run: SIGINT: stopping and keeping what was measured/);
    expect(run.output.stderr).not.toMatch(/stopped by SIGINT; the results above/);
    expect(readFileSync(file, 'utf8')).toBe('earlier results\n');
  }, 60_000);

  it('SIGINT stops tearlab run --scenario: the variants done and the one under way, partial, exit 130', async () => {
    const file = path.join(dir, 'scenario.json');
    const iters = 5_000_000;
    // Stopped once the first variant (unlocked) has printed its line and the second (global-lock) has begun.
    const { code, stdout, stderr } = await interruptUnderWay(['run', '--scenario', 'counter', '--iters', String(iters), '--json', file], /^mode=unlocked /m, 'SIGINT', (out) =>
      /stopped_by=signal/.test(out),
    );
    expect(code).toBe(130);
    expect(stderr).toMatch(/tearlab run: stopped by SIGINT; the results above and in .*scenario\.json are partial/);
    const lines = stdout.split('\n').filter((line) => line.startsWith('mode='));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^mode=unlocked scenario=counter .* expected=10000000 /);
    expect(lines[0]).not.toMatch(/stopped_by/);
    expect(lines[1]).toMatch(/^mode=global-lock scenario=counter lost=0 .* stopped_by=signal$/);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.partial).toBe(true);
    expect(written.scenarios.map((s: { variant: string; stoppedBy: string }) => [s.variant, s.stoppedBy])).toEqual([
      ['unlocked', 'iters'],
      ['global-lock', 'signal'],
    ]);
    // The stopped variant's counts are those of the rounds done: its fix lost nothing over them.
    const stopped = written.scenarios[1];
    expect(stopped.rounds).toBeGreaterThan(0);
    expect(stopped.rounds).toBeLessThan(2 * iters);
    expect(stopped.figures.expected).toBe(stopped.rounds);
    expect(stopped).toMatchObject({ count: 0, figures: { actual: stopped.figures.expected, duplicate_ids: 0 } });
  }, 120_000);

  it('SIGTERM stops tearlab run --scenario with exit 143', async () => {
    const { code, stdout } = await interruptUnderWay(['run', '--scenario', 'pair', '--mode', 'lock', '--iters', '100_000_000'], /^Scenario pair: /m, 'SIGTERM', (out) =>
      /stopped_by=signal/.test(out),
    );
    expect(code).toBe(143);
    expect(stdout).toMatch(/^mode=lock scenario=pair inconsistent=0 .* stopped_by=signal$/m);
  }, 60_000);
});

describe('catching interruptions', () => {
  it('aborts on the first signal and exits at once on the second, with the signal\'s exit code', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const interruption = catchInterruptions('test');
    try {
      expect(interruption.signal.aborted).toBe(false);
      process.emit('SIGTERM', 'SIGTERM');
      expect(interruption.signal.aborted).toBe(true);
      expect(interruption.received).toBe('SIGTERM');
      expect(exit).not.toHaveBeenCalled();
      process.emit('SIGINT', 'SIGINT');
      expect(exit).toHaveBeenCalledWith(130);
    } finally {
      interruption.dispose();
      exit.mockRestore();
      write.mockRestore();
    }
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('a scenario run stopped while its workers start keeps nothing of it: it had done no round', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = scenarioMain(['--scenario', 'parity', '--mode', 'atomic', '--iters', '100_000_000']);
      // Once the run has started its workers, long before they can all have reached the start barrier.
      await new Promise((resolve) => setImmediate(resolve));
      process.emit('SIGINT', 'SIGINT');
      expect(await code).toBe(130);
      expect(log.mock.calls.map(([line]) => line)).toEqual([expect.stringMatching(/^Scenario parity: /)]);
      expect(error).toHaveBeenCalledWith('tearlab run: stopped by SIGINT; the results above are partial');
    } finally {
      log.mockRestore();
      error.mockRestore();
      write.mockRestore();
    }
  });
});
