// Writing a results file so that it is never seen empty or half-written: the text goes to a temporary file
// in the same folder, which is renamed over the final name only once it is complete.
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicFile {
  /** Writes the whole text, then puts it under the final name. */
  commit(text: string): Promise<void>;
  /** Removes the temporary file if nothing was committed. */
  discard(): Promise<void>;
}

/** Creates the temporary file now, so a folder that cannot be written fails before any work is done. */
export async function createAtomicFile(file: string): Promise<AtomicFile> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  let handle: FileHandle | null = await open(temporary, 'wx');
  return {
    async commit(text) {
      await handle!.writeFile(text);
      await handle!.close();
      handle = null;
      await rename(temporary, file);
    },
    async discard() {
      if (handle === null) return;
      await handle.close();
      handle = null;
      await unlink(temporary);
    },
  };
}
