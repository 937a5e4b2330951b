import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { renameWithRetry } from './rename-retry.js';

/**
 * Write `data` to `path` so that readers see either the old content or the whole new content,
 * never a torn file: write a temporary sibling (same directory, so the same file system) and
 * rename it over the target. POSIX rename(2) replaces atomically; on Windows Node's rename uses
 * MoveFileEx with MOVEFILE_REPLACE_EXISTING, which is atomic for files on one volume, but fails
 * while a reader holds the target open or when it is read-only: see rename-retry.ts.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await renameWithRetry(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
