/**
 * Restoring one path a local cache entry saved (local-dir-backend.ts: `entries/<id>/data/<i>` to
 * the i-th restored path). A destination that holds a wheelhouse manifest (the flow writes one
 * before restoring) is the wheelhouse: only what the entry's manifest lists, as plain files with
 * the listed sha256, is placed (manifest-restore.ts); without a manifest in the entry, or when
 * entry.json calls the saved path a file, nothing is — the destination decides, never the entry,
 * and the kind entry.json gives must be what lstat finds. Other paths are copied as trees of
 * regular files and directories; symlinks and special files are never followed nor copied, and
 * are reported.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RestoreOptions } from './backend.js';
import { entryManifest, restoreThroughManifest } from './manifest-restore.js';
import { copyTree } from './tree-copy.js';
import { MANIFEST_FILENAME } from './wheelhouse-manifest.js';

/** Restores the saved `src` to `dst`; `link`: hard-link files when possible. */
export async function restoreSavedPath(
  src: string,
  dst: string,
  kind: 'file' | 'directory',
  link: boolean,
  restoreOptions: RestoreOptions,
  seams: { afterPlace?: (name: string) => Promise<void> } = {},
): Promise<{ files: number; present: number; ignored: string[]; changed?: number; refused?: string }> {
  const options = { link };
  const srcInfo = await lstat(src).catch(() => undefined);
  // A saved path the entry lacks (or holds as something else) makes the whole entry untrustworthy:
  // counted as changed, so the backend drops it rather than answer an exact hit (review 15b F12).
  if (srcInfo === undefined) return { files: 0, present: 0, ignored: [`${src}: missing`], changed: 1 };
  // entry.json is as untrusted as the rest: the kind it gives must be what lstat finds.
  if (kind === 'directory' ? !srcInfo.isDirectory() : !srcInfo.isFile())
    return { files: 0, present: 0, ignored: [`${src}: not a plain ${kind}`], changed: 1 };
  // The destination decides the route, never the entry: a wheelhouse (a destination holding a
  // manifest; the flow writes one before restoring) gets only what the entry's manifest lists.
  const wheelhouse = (await lstat(join(dst, MANIFEST_FILENAME)).catch(() => undefined)) !== undefined;
  if (wheelhouse && kind === 'file')
    return { files: 0, present: 0, ignored: [`${src}: a file where the entry should hold a wheelhouse`] };
  if (kind === 'directory') {
    const manifest = await entryManifest(src);
    if (manifest !== undefined) {
      const stamps = restoreOptions.stamps;
      // The entry's files are checked against the manifest's sha256 before use; this machine's
      // stamps of them (kept in the stamp store, outside the entry, like the wheelhouse's) spare
      // hashing the same unchanged files again on every restore.
      await stamps?.loadDir(src);
      const got = await restoreThroughManifest(src, dst, manifest, {
        ...options,
        ...(stamps !== undefined ? { stamps } : {}),
        ...(restoreOptions.foreign !== undefined ? { foreign: restoreOptions.foreign } : {}),
        ...(restoreOptions.beforePlacing !== undefined
          ? { beforePlacing: restoreOptions.beforePlacing }
          : {}),
        ...seams,
      });
      await stamps?.saveDir(src, (name) => name !== MANIFEST_FILENAME);
      return {
        files: got.files,
        present: got.present,
        ignored: got.ignored,
        changed: got.changed,
        ...(got.refused !== undefined ? { refused: got.refused } : {}),
      };
    }
    // An entry without a manifest restores nothing into a wheelhouse.
    if (wheelhouse)
      return {
        files: 0,
        present: 0,
        ignored: [`${src}: a wheelhouse without a usable ${MANIFEST_FILENAME}`],
      };
  }
  const got = await copyTree(src, dst, options);
  return {
    files: got.files,
    present: 0,
    ignored: got.skipped.map((p) => `${p}: not a regular file or directory`),
  };
}
