/**
 * The wheelhouse's manifest around an S3 restore (s3-restore.ts; review 1 §5, review 15b F7):
 * before any wheel is fetched, every wheel the restore may place is listed as the wheelhouse's
 * own, as the fetch flow lists downloads before they start (src/flow/wheelhouse-session.ts
 * `open(more)`) — a run killed meanwhile (the wheels may arrive while the resolution runs) leaves
 * no wheel the next run cannot prove it wrote.
 *
 * Two routes. A caller that gives RestoreOptions.beforePlacing (the fetch flow) is told the names
 * and keeps the manifest itself, as the local directory's restore does (manifest-restore.ts): its
 * session records them where it records every file of the run. Without it, a wheelhouse whose
 * manifest a run opened (it exists) is listed here, and once every fetch ended the names not
 * placed are taken out again.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RestoreOptions } from '../backend.js';
import { readManifest, writeManifest } from '../wheelhouse-manifest.js';
import type { EntryFile } from './s3-entry.js';

/**
 * Lists `mayPlace` (wheel name → sha256 and size) for the wheelhouse `dir` before anything is
 * fetched (a rejected beforePlacing is thrown: nothing may be placed then). Answers what to call
 * once every fetch ended, with the wheels placed.
 */
export async function listBeforeFetching(
  dir: string | undefined,
  mayPlace: Map<string, EntryFile>,
  beforePlacing: RestoreOptions['beforePlacing'],
  /** False when nothing of that name was in `dir` as the restore began (its listing): not looked at again. */
  mayBeThere: (name: string) => boolean = () => true,
): Promise<(placed: Record<string, EntryFile>) => Promise<void>> {
  const opened =
    dir !== undefined && mayPlace.size > 0 ? await readManifest(dir).catch(() => undefined) : undefined;
  const listedBefore = opened?.files ?? {};
  // A file already there that the manifest does not list is not this run's: it is not claimed in
  // advance (a killed run would leave the next one believing it wrote it).
  const check = dir !== undefined && (opened !== undefined || beforePlacing !== undefined);
  for (const name of check ? [...mayPlace.keys()] : []) {
    // A runner with an empty disk: one listing instead of a look per wheel.
    if (listedBefore[name] !== undefined || !mayBeThere(name)) continue;
    if (
      await lstat(join(dir!, name)).then(
        () => true,
        () => false,
      )
    )
      mayPlace.delete(name);
  }
  if (beforePlacing !== undefined) {
    // The caller keeps the manifest (backend.ts): told the names first, it lists them itself.
    if (mayPlace.size > 0) await beforePlacing(Object.fromEntries(mayPlace));
    return () => Promise.resolve();
  }
  if (opened !== undefined)
    await writeManifest(dir!, {
      version: 1,
      complete: false,
      files: { ...listedBefore, ...Object.fromEntries(mayPlace) },
    });
  return async (placed) => {
    if (dir === undefined || (opened === undefined && Object.keys(placed).length === 0)) return;
    const files = { ...((await readManifest(dir).catch(() => undefined))?.files ?? {}), ...placed };
    for (const name of mayPlace.keys()) {
      if (placed[name] !== undefined) continue;
      const before = listedBefore[name];
      if (before !== undefined) files[name] = before;
      else delete files[name];
    }
    await writeManifest(dir, { version: 1, complete: false, files });
  };
}
