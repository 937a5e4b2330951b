/**
 * The user's files in a wheelhouse (names the run's claim calls foreign: present before the run,
 * not written by wheelhouse) across a restore that extracts a whole archive over the directory —
 * the Actions cache's tar, which cannot skip names (the local and S3 backends skip them:
 * backend.ts RestoreOptions.foreign). Each foreign regular file is copied aside first, under a
 * name of wheelhouse's own temporary kind (`.<name>.<12 hex>.tmp`, so a killed run's copy is
 * pruned as the run's own), and put back over whatever the archive wrote there, so the flow's
 * verification then judges the user's bytes as with the other backends (review 4 of session 13).
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, lstat, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSha256 } from '../util/file-sha256.js';

export interface KeptFile {
  name: string;
  copy: string;
  sha256: string;
}

/** Copies each foreign regular file of `dir` aside; others (directories, links) are not touched. */
export async function keepForeign(dir: string, foreign: ReadonlySet<string>): Promise<KeptFile[]> {
  const kept: KeptFile[] = [];
  for (const name of foreign) {
    const path = join(dir, name);
    const st = await lstat(path).catch(() => undefined);
    if (st?.isFile() !== true) continue;
    const copy = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    await copyFile(path, copy, constants.COPYFILE_EXCL);
    kept.push({ name, copy, sha256: (await fileSha256(copy)).sha256 });
  }
  return kept;
}

/**
 * Puts every kept file back where the archive changed it (other bytes, or not a regular file
 * any more), else drops the copy. Answers the names put back.
 */
export async function putBackForeign(dir: string, kept: readonly KeptFile[]): Promise<string[]> {
  const restored: string[] = [];
  for (const k of kept) {
    const path = join(dir, k.name);
    const st = await lstat(path).catch(() => undefined);
    const now = st?.isFile() === true ? await fileSha256(path).catch(() => undefined) : undefined;
    if (now?.sha256 === k.sha256) {
      await rm(k.copy, { force: true });
      continue;
    }
    if (st !== undefined && !st.isFile()) await rm(path, { recursive: true, force: true });
    await rename(k.copy, path);
    restored.push(k.name);
  }
  return restored;
}
