import { describe, expect, it, vi } from 'vitest';
import { formatSeconds, progressLine } from '../dist/src/progress.js';

function fakeTerminal() {
  const written: string[] = [];
  return { stream: { isTTY: true, columns: 200, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream, written };
}

describe('the progress line', () => {
  it('stays silent for the first second, then shows the share done and an estimate of the time left', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const { stream, written } = fakeTerminal();
      const progress = progressLine('bench', stream);
      progress.update(1, 10, 'first');
      expect(written).toEqual([]);
      vi.advanceTimersByTime(2_000);
      progress.update(4, 10, 'fifth');
      // 2 s for 4 of 10: 3 s left at that pace.
      expect(written.at(-1)).toBe('\r\x1b[Kbench 40% (4/10) 2.0s, about 3s left fifth');
      vi.advanceTimersByTime(1_000);
      progress.update(10, 10, 'done');
      expect(written.at(-1)).toBe('\r\x1b[Kbench 100% (10/10) 3.0s done');
      progress.end();
      expect(written.at(-1)).toBe('\r\x1b[K');
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes nothing where the stream is not a terminal', () => {
    const written: string[] = [];
    const progress = progressLine('bench', { isTTY: false, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream);
    progress.update(1, 2);
    progress.end();
    expect(written).toEqual([]);
  });

  it('formats seconds and minutes', () => {
    expect(formatSeconds(0.4)).toBe('0s');
    expect(formatSeconds(42.4)).toBe('42s');
    expect(formatSeconds(185)).toBe('3m05s');
  });
});
