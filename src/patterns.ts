// The byte patterns writers copy, as in the Python ctypes demo: 'A', 'B', ...

/** The first pattern. */
export const FIRST_PATTERN = 0x41;

/**
 * The shared buffer's content before any write: a byte no writer writes, so a snapshot taken before the first
 * write is intact:initial, and one that mixes it with a pattern is a real tear (a first write half done).
 */
export const INITIAL_FILL = 0x00;

/** The patterns writer `index` of `writers` copies in turn: a single writer alternates two, otherwise one each. */
export function writerPatterns(writers: number, index: number): number[] {
  return writers === 1 ? [FIRST_PATTERN, FIRST_PATTERN + 1] : [FIRST_PATTERN + index];
}

/** A 256-entry table: 1 at every byte value that some writer writes and at INITIAL_FILL, so an intact snapshot's byte looks up 1. */
export function intactTable(writers: number): Uint8Array {
  const table = new Uint8Array(256);
  table[INITIAL_FILL] = 1;
  for (let index = 0; index < writers; index++) {
    for (const pattern of writerPatterns(writers, index)) table[pattern] = 1;
  }
  return table;
}
