// Ctrl-C (SIGINT) and SIGTERM stop a long command gracefully: the first aborts the measuring, so what was
// measured is printed and written (marked partial) and the command exits 130 or 143, as a shell expects of a
// process ended by that signal; a second one exits at once.
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface Interruption {
  /** Aborted by the first signal. */
  readonly signal: AbortSignal;
  /** The first signal received, or null. */
  readonly received: HandledSignal | null;
  /** Stops listening. */
  dispose(): void;
}

export function catchInterruptions(label: string): Interruption {
  const controller = new AbortController();
  let received: HandledSignal | null = null;
  const handle = (name: HandledSignal) => {
    if (received !== null) process.exit(SIGNAL_EXIT_CODES[name]);
    received = name;
    process.stderr.write(`\n${label}: ${name}: stopping and keeping what was measured (again to quit at once)\n`);
    controller.abort(name);
  };
  const signals = Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[];
  for (const name of signals) process.on(name, handle);
  return {
    signal: controller.signal,
    get received() {
      return received;
    },
    dispose() {
      for (const name of signals) process.off(name, handle);
    },
  };
}
