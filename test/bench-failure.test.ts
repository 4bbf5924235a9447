// A bench whose run fails (test-only faults, src/fault.ts) loses nothing that finished: the results file is
// written all the same, valid, partial, with the failure recorded, and the failure is reported as a bug (exit 1).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODE_NAMES, readResultsFile } from '../dist/src/index.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const WATCHDOG_MS = '3000';

/** Runs `tearlab bench --quick --trials 1` with `args` and `fault`, and returns what it printed and the file it wrote. */
async function benchWithFault(args: string[], fault: Record<string, string>) {
  const out = mkdtempSync(path.join(os.tmpdir(), 'tearlab-bench-failure-'));
  const run = spawnSync(process.execPath, [CLI, 'bench', '--quick', '--trials', '1', ...args, '--out', out], {
    encoding: 'utf8',
    env: { ...process.env, TEARLAB_WATCHDOG_MS: WATCHDOG_MS, ...fault },
  });
  const names = readdirSync(out).sort();
  const json = names.find((name) => name.endsWith('.json'));
  // Only the finished file and its report: no temporary file left behind.
  expect(names).toEqual([json?.replace(/\.json$/, '.html'), json]);
  return { ...run, results: await readResultsFile(path.join(out, json!)) };
}

describe('a bench whose run fails', () => {
  it('writes the cells finished before a worker threw in the tearing matrix, and names the worker', async () => {
    // The matrix runs every mode at 64 B, then at 4096 B, where every worker throws as it starts.
    const { status, stdout, stderr, results } = await benchWithFault(['--size', '64,4096'], { TEARLAB_FAULT: 'worker-throws', TEARLAB_FAULT_SIZE: '4096' });
    expect(status).toBe(1);
    expect(stdout).toMatch(/^Partial results: /m);
    expect(stderr).toMatch(/^tearlab bench: a run failed during the tearing matrix; the results above and in .*\.json are partial$/m);
    expect(stderr).toMatch(/^tearlab: unexpected error\nError: tearlab: (writer|reader) \d+ threw: failed on purpose \(TEARLAB_FAULT=worker-throws\)\n\s+at /m);
    expect(stderr).toMatch(/\nCaused by: Error: failed on purpose \(TEARLAB_FAULT=worker-throws\)\n/);
    expect(results).toMatchObject({ command: 'bench', partial: true, failure: { stage: 'tearing matrix' } });
    expect(results.failure!.message).toMatch(/^tearlab: (writer|reader) \d+ threw: failed on purpose/);
    expect(results.cells.map((cell) => [cell.mode, cell.size, cell.layout, cell.trials.length])).toEqual(
      MODE_NAMES.map((mode) => [mode, 64, '2w+1r', 1]),
    );
    expect(results.bench!.calibration).toEqual([]);
    expect(results.bench!.checks).toEqual([]);
  }, 120_000);

  it('writes the whole matrix and the calibration rows finished before the watchdog ended a calibration run', async () => {
    // The quick plan calibrates at 64 B, then at 128 KiB, where writer 0 never stops; the matrix only runs at 64 B.
    const { status, stderr, results } = await benchWithFault(['--size', '64'], { TEARLAB_FAULT: 'writer-spins', TEARLAB_FAULT_SIZE: String(128 * 1024) });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^tearlab: unexpected error\nError: tearlab: the run failed: writer 0 did not stop within 3 s of being told to\n/m);
    expect(results).toMatchObject({
      partial: true,
      failure: { stage: 'calibration', message: 'tearlab: the run failed: writer 0 did not stop within 3 s of being told to' },
    });
    expect(results.cells).toHaveLength(MODE_NAMES.length * 2);
    expect(new Set(results.cells.map((cell) => cell.size))).toEqual(new Set([64]));
    expect(results.bench!.calibration.map((row) => row.size)).toEqual([64]);
    expect(results.bench!.modeCosts).toEqual([]);
  }, 120_000);
});
