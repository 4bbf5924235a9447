// Ctrl-C and SIGTERM, sent for real to a child process: what was measured is printed and written, marked partial.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { catchInterruptions } from '../dist/src/interrupt.js';
import { skipOnWindows } from './helpers/package.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

/** Starts the CLI, waits until its stdout shows `ready`, sends `signals` one after another, and collects what it did. */
async function interrupt(args: string[], ready: RegExp, signals: NodeJS.Signals[]) {
  const child = spawn(process.execPath, [CLI, ...args]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (ready.test(stdout)) resolve();
    }),
  );
  for (const signal of signals) child.kill(signal);
  const code = await exited;
  return { code, stdout, stderr };
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
    const out = path.join(dir, 'bench');
    const { code, stdout } = await interrupt(['bench', '--quick', '--out', out], /^Bench: /m, ['SIGINT']);
    expect(code).toBe(130);
    expect(stdout).toMatch(/^Partial results: /m);
    const names = readdirSync(out);
    const name = names.find((n) => n.endsWith('.json'))!;
    // The report beside it draws what was measured.
    expect(names.sort()).toEqual([name.replace(/\.json$/, '.html'), name]);
    const written = JSON.parse(readFileSync(path.join(out, name), 'utf8'));
    expect(written).toMatchObject({ partial: true, command: 'bench' });
    expect(written.bench.checks).toEqual([]);
    for (const cell of written.cells) expect(cell.trials.length).toBeGreaterThan(0);
  });
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
});
