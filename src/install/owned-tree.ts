/**
 * Whether a directory that lies where a new version puts a file holds only the replaced version's
 * files (transaction.ts then removes it once they are moved aside, as pip's uninstall removes it
 * first). Streamed and stopped at the first foreign entry, so a user's large directory there is
 * never read whole before it is refused.
 */
import type { Dirent } from 'node:fs';
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';

/** opendir(3) as ownedTree uses it (a test seam: to count the entries read). */
export type OpenDir = (path: string) => Promise<{ read(): Promise<Dirent | null>; close(): Promise<void> }>;

/**
 * The directories below `dir` (`dir` first, parents first) when every file (anything but a
 * directory) below it is one of `owned`; else the first file that is not, or the directory that
 * could not be read. Each directory is streamed (opendir: a few entries at a time) and the walk
 * stops at the first foreign entry — a user's large directory where a file goes is not listed
 * whole before it is refused (review 3 of session 10, L1).
 */
export async function ownedTree(
  dir: string,
  owned: ReadonlySet<string>,
  open: OpenDir = (path) => opendir(path, { bufferSize: 32 }),
): Promise<{ dirs: string[] } | { foreign: string; unreadable?: string }> {
  const dirs = [dir];
  // The array iterator sees the directories pushed while it walks.
  for (const d of dirs) {
    let handle;
    try {
      handle = await open(d);
    } catch (error) {
      return { foreign: d, unreadable: (error as NodeJS.ErrnoException).code ?? 'error' };
    }
    try {
      for (let entry = await handle.read(); entry !== null; entry = await handle.read()) {
        const path = join(d, entry.name);
        if (entry.isDirectory()) dirs.push(path);
        else if (!owned.has(path)) return { foreign: path };
      }
    } catch (error) {
      return { foreign: d, unreadable: (error as NodeJS.ErrnoException).code ?? 'error' };
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
  return { dirs };
}
