// The byte patterns writers copy, as in the Python ctypes demo: 'A', 'B', ...

/** The first pattern, also the shared buffer's content before any write (so an early snapshot is not a false tear). */
export const FIRST_PATTERN = 0x41;

/** The patterns writer `index` of `writers` copies in turn: a single writer alternates two, otherwise one each. */
export function writerPatterns(writers: number, index: number): number[] {
  return writers === 1 ? [FIRST_PATTERN, FIRST_PATTERN + 1] : [FIRST_PATTERN + index];
}

/** A 256-entry table: 1 at every byte value that some writer writes, so an intact snapshot's byte looks up 1. */
export function intactTable(writers: number): Uint8Array {
  const table = new Uint8Array(256);
  for (let index = 0; index < writers; index++) {
    for (const pattern of writerPatterns(writers, index)) table[pattern] = 1;
  }
  return table;
}
