import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { memcpy } from 'tearlab';

const FIXTURE = new URL('./fixtures/copy-in-worker.mjs', import.meta.url);

function runInWorker(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(FIXTURE);
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('the addon in worker threads', () => {
  it('loads in the main thread', () => {
    const dst = new Uint8Array(4);
    expect([...memcpy(dst, new Uint8Array([1, 2, 3, 4]), 4, 'global-lock')]).toEqual([1, 2, 3, 4]);
  });

  it('loads and works in several workers at once, and again after they exit', async () => {
    const expected = { locked: 0x5a, unlocked: 0x33, error: 'RangeError' };
    expect(await Promise.all([runInWorker(), runInWorker(), runInWorker()])).toEqual([expected, expected, expected]);
    expect(await runInWorker()).toEqual(expected);
  });
});
