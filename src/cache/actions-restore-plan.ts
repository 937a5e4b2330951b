/**
 * What an Actions cache restore writes into the wheelhouse when its caller is told the files first
 * (RestoreOptions.beforePlacing, review 15b F7), as the local directory's restore does
 * (manifest-restore.ts): the entry's `wheelhouse-manifest.json` is read out of the checked archive,
 * the top-level files it lists (by the one rule of `listedSha`, not marked `notOwned`, not one of
 * the user's names here) are told to the caller, and only those are extracted. The entry's
 * manifest, its run outputs, whatever it does not list (a user's file an older save carried) and,
 * when the entry has no usable manifest, every file of the wheelhouse stay in the archive — so a
 * run killed during the extraction leaves only files its wheelhouse's manifest lists.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ArchiveView, KeepOut } from './actions-archive-guard.js';
import type { RestoreOptions } from './backend.js';
import { listedSha, manifestFromText } from './manifest-restore.js';
import { MANIFEST_FILENAME, MANIFEST_LIMIT, type WheelhouseManifest } from './wheelhouse-manifest.js';

export function wheelhousePlan(
  wheelhouse: string,
  foreign: ReadonlySet<string>,
  beforePlacing: NonNullable<RestoreOptions['beforePlacing']>,
): (archive: ArchiveView) => Promise<KeepOut> {
  const root = resolve(wheelhouse);
  /** The name of a top-level entry of the wheelhouse at `path`, else undefined. */
  const topName = (path: string): string | undefined => {
    const rel = relative(root, path);
    if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) || rel.includes(sep))
      return undefined;
    return rel;
  };
  return async (archive) => {
    const bytes = await archive.read(join(root, MANIFEST_FILENAME), MANIFEST_LIMIT);
    const manifest = bytes === undefined ? undefined : manifestFromText(bytes.toString('utf8'));
    const announced: WheelhouseManifest['files'] = {};
    for (const member of archive.members) {
      const name = topName(member.path);
      if (name === undefined || manifest === undefined || (member.type !== '-' && member.type !== 'h'))
        continue;
      if (!Object.hasOwn(manifest.files, name) || foreign.has(name)) continue;
      const entry = manifest.files[name];
      if (entry?.notOwned === true) continue;
      const judged = listedSha(name, entry);
      if (!('sha' in judged)) continue;
      announced[name] =
        typeof entry?.size === 'number' ? { sha256: judged.sha, size: entry.size } : { sha256: judged.sha };
    }
    // Told before the first file of the wheelhouse lands; when this fails, nothing is extracted.
    if (Object.keys(announced).length > 0) await beforePlacing(announced);
    return (path) => {
      const name = topName(path);
      return name !== undefined && !Object.hasOwn(announced, name);
    };
  };
}
