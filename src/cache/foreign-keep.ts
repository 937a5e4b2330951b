/**
 * The user's files in a wheelhouse (names the run's claim calls foreign: present before the run,
 * not written by wheelhouse) across a restore that extracts a whole archive over the directory —
 * the Actions cache's tar, which cannot skip names (the local and S3 backends skip them:
 * backend.ts RestoreOptions.foreign). Each foreign regular file is copied aside first and each
 * foreign symbolic link's target noted; after the restore, whatever the archive wrote under such a
 * name is replaced by the user's file or link again, so the flow's verification judges the user's
 * entry as with the other backends (review 4 of session 13).
 *
 * The copy is named `.wheelhouse-kept.<12 hex>.<name>` (`name` shortened to keep the whole within
 * the file system's limit, temp-names.ts) — a name that is not one of wheelhouse's own
 * (wheelhouse-files.ts): a run killed between the restore and the put-back leaves it, and later
 * runs leave it too, as any file they did not write (review 5), so the user's bytes are never lost.
 */
import { constants } from 'node:fs';
import { copyFile, lstat, readlink, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSha256 } from '../util/file-sha256.js';
import { leadingBytes, NAME_MAX_BYTES, randomTag } from './temp-names.js';

export type KeptFile =
  | { name: string; kind: 'file'; copy: string; sha256: string }
  | { name: string; kind: 'link'; target: string };

/** Keeps each foreign regular file (a copy) and link (its target); directories are not touched. */
export async function keepForeign(dir: string, foreign: ReadonlySet<string>): Promise<KeptFile[]> {
  const kept: KeptFile[] = [];
  for (const name of foreign) {
    const path = join(dir, name);
    const st = await lstat(path).catch(() => undefined);
    if (st?.isSymbolicLink() === true) {
      kept.push({ name, kind: 'link', target: await readlink(path) });
    } else if (st?.isFile() === true) {
      const prefix = `.wheelhouse-kept.${randomTag()}.`;
      const copy = join(dir, prefix + leadingBytes(name, NAME_MAX_BYTES - prefix.length));
      await copyFile(path, copy, constants.COPYFILE_EXCL);
      kept.push({ name, kind: 'file', copy, sha256: (await fileSha256(copy)).sha256 });
    }
  }
  return kept;
}

/**
 * Puts every kept entry back where the archive changed it, else drops the copy. Answers the names
 * put back.
 */
export async function putBackForeign(dir: string, kept: readonly KeptFile[]): Promise<string[]> {
  const restored: string[] = [];
  for (const k of kept) {
    const path = join(dir, k.name);
    const st = await lstat(path).catch(() => undefined);
    if (k.kind === 'link') {
      if (st?.isSymbolicLink() === true && (await readlink(path)) === k.target) continue;
      if (st !== undefined) await rm(path, { recursive: st.isDirectory(), force: true });
      await symlink(k.target, path);
      restored.push(k.name);
      continue;
    }
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
