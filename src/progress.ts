// A one-line progress indication on a terminal, shown only once a task has
// run for more than a second, and erased when it ends; once something is
// done, it estimates the time left from the pace so far.

const SHOW_AFTER_MS = 1000;

export interface ProgressLine {
  /** Redraws the line with `done` of `total`, and what is being done now. */
  update(done: number, total: number, detail?: string): void;
  /** Erases the line, if it was drawn. */
  end(): void;
}

export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  const start = performance.now();
  let drawn = false;
  if (!stream.isTTY) return { update() {}, end() {} };
  return {
    update(done, total, detail = '') {
      const seconds = (performance.now() - start) / 1000;
      if (seconds * 1000 < SHOW_AFTER_MS) return;
      const percent = total > 0 ? ` ${Math.min(100, Math.floor((done / total) * 100))}%` : '';
      const eta = done > 0 && done < total ? `, about ${formatSeconds((seconds * (total - done)) / done)} left` : '';
      const line = `${label}${percent} (${done}/${total}) ${seconds.toFixed(1)}s${eta} ${detail}`;
      stream.write(`\r\x1b[K${line.slice(0, (stream.columns || 80) - 1)}`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** 42s, 3m05s */
export function formatSeconds(seconds: number): string {
  const whole = Math.round(seconds);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}
