// A results file is never left half-written: killed (SIGKILL) between writing the complete temporary file and
// renaming it (a window the test-only TEARLAB_PAUSE_BEFORE_RENAME_MS holds open), the writer leaves the previous
// file as it was; the next writer in that folder removes the dead one's temporary file.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readResultsFile } from '../dist/src/results-file.js';

const CLI = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

describe('writing a results file', () => {
  it('killed with SIGKILL after the temporary file is complete but before the rename, leaves the previous file intact', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tearlab-atomic-'));
    const file = path.join(dir, 'out.json');
    const first = spawnSync(process.execPath, [CLI, 'run', '--mode', 'lock', '--iters', '100', '--json', file], { encoding: 'utf8' });
    expect(first.status).toBe(0);
    const previous = readFileSync(file, 'utf8');

    const child = spawn(process.execPath, [CLI, 'run', '--mode', 'global-lock', '--iters', '200', '--json', file], {
      env: { ...process.env, TEARLAB_PAUSE_BEFORE_RENAME_MS: '60000' },
    });
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let stderr = '';
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('tearlab: test pause: ')) resolve();
      }),
    );
    const temporary = path.join(dir, `.out.json.${child.pid}.tmp`);
    // Inside the window: the new results are complete, only not yet under the final name.
    expect(JSON.parse(readFileSync(temporary, 'utf8')).cells[0].trials[0]).toMatchObject({ mode: 'global-lock', snapshots: 200 });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    expect(readFileSync(file, 'utf8')).toBe(previous);
    expect((await readResultsFile(file)).cells[0].trials[0]).toMatchObject({ mode: 'lock', snapshots: 100 });
    expect(readdirSync(dir).sort()).toEqual([path.basename(temporary), 'out.json']);

    // The next writer in the folder removes the dead writer's temporary file, and leaves none of its own.
    const next = spawnSync(process.execPath, [CLI, 'run', '--mode', 'seqlock', '--iters', '100', '--json', file], { encoding: 'utf8' });
    expect(next.status).toBe(0);
    expect(existsSync(temporary)).toBe(false);
    expect(readdirSync(dir)).toEqual(['out.json']);
    expect((await readResultsFile(file)).cells[0].trials[0]).toMatchObject({ mode: 'seqlock', snapshots: 100 });
  }, 60_000);
});
