// Writing a results file so that it is never seen empty or half-written: the text goes to a temporary file
// in the same folder, which is renamed over the final name only once it is complete.
//
// TEARLAB_PAUSE_BEFORE_RENAME_MS is for tests only, never set otherwise: the writer waits that long between
// the complete temporary file and the rename (saying so on stderr), so a test can kill it inside that window.
import { type FileHandle, open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const PAUSE_BEFORE_RENAME_MS = Number(process.env.TEARLAB_PAUSE_BEFORE_RENAME_MS ?? 0);

/** `.NAME.PID.tmp`: the temporary file of NAME written by process PID. */
const TEMPORARY_NAME = /^\..+\.(\d+)\.tmp$/;

export interface AtomicFile {
  /** Writes the whole text, then puts it under the final name. */
  commit(text: string): Promise<void>;
  /** Removes the temporary file if nothing was committed. */
  discard(): Promise<void>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files that writers killed before they could rename them (SIGKILL) left in `folder`. */
async function removeStaleTemporaries(folder: string): Promise<void> {
  for (const name of await readdir(folder)) {
    const pid = TEMPORARY_NAME.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
    await unlink(path.join(folder, name)).catch(() => undefined);
  }
}

/** Creates the temporary file now, so a folder that cannot be written fails before any work is done. */
export async function createAtomicFile(file: string): Promise<AtomicFile> {
  const folder = path.dirname(file);
  const temporary = path.join(folder, `.${path.basename(file)}.${process.pid}.tmp`);
  let handle: FileHandle | null = await open(temporary, 'wx');
  // Housekeeping only: a folder that can be written but not listed must not stop the run.
  await removeStaleTemporaries(folder).catch(() => undefined);
  return {
    async commit(text) {
      await handle!.writeFile(text);
      await handle!.close();
      handle = null;
      if (PAUSE_BEFORE_RENAME_MS > 0) {
        process.stderr.write(`tearlab: test pause: ${temporary} written, renaming in ${PAUSE_BEFORE_RENAME_MS} ms\n`);
        await sleep(PAUSE_BEFORE_RENAME_MS);
      }
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
