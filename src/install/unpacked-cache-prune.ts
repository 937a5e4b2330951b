/**
 * Keeping the unpacked-wheel cache (unpacked-cache.ts) bounded ("Bounded" principle): entries no
 * install has used for `maxAgeDays` (default 30) are removed, with what killed runs left behind.
 *
 * Each run (the install flow, after installing) looks at no more than `examine` (default 32) names
 * picked at random in the cache directory (the listing itself stops after 10 000 names), and
 * removes
 *   - `<64 hex>` (an entry): a real directory owned by this user whose mtime — set by every install
 *     that links from it — is older than `maxAgeDays`;
 *   - `.seen-<64 hex>` (a wheel's first-use marker): a regular file of this user older than
 *     `maxAgeDays` (its wheel was not installed again since);
 *   - `.tmp-<16 hex>-<suffix>` (an entry being written): a real directory of this user unmodified
 *     for a day (a live install finishes in minutes);
 *   - `.discard-<16 hex>-<12 hex>` (an entry renamed aside to be deleted) and `.probe-<12 hex>`:
 *     at once (their creator deletes them right after the rename; a leftover is a killed run's).
 * (util/prune-files.ts's `pruneSample` judges regular files; entries here are directories, so the
 * pass is its own, with the same sampling and listing bounds.)
 * Anything else — other names, symlinks, files where a directory belongs, other users' entries —
 * is left alone. An entry is first renamed aside to a private `.discard-` name (atomic: an install
 * that is linking from it either already has its links — whole files, the inodes stay — or finds
 * no entry and unpacks the wheel again), then deleted; rm never follows a symlink inside it.
 * Removing an entry never touches an environment: installed files are other links to the inodes.
 */
import { randomBytes } from 'node:crypto';
import { lstat, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DAY_MS, listNames, sampleNames, type PruneOptions, type PruneResult } from '../util/prune-files.js';

/**
 * Renames the directory `path` aside as `<dir>/.discard-<tag, 16 chars>-<random>` (atomically: a
 * reader either had it or finds nothing) and deletes it. False when the rename failed: it is
 * already gone (another install moved it), or not ours to move.
 */
export async function discardDir(dir: string, path: string, tag: string): Promise<boolean> {
  const aside = join(dir, `.discard-${tag.slice(0, 16)}-${randomBytes(6).toString('hex')}`);
  try {
    await rename(path, aside);
  } catch {
    return false;
  }
  await rm(aside, { recursive: true, force: true }).catch(() => undefined);
  return true;
}

const ENTRY = /^[0-9a-f]{64}$/;
const SEEN = /^\.seen-[0-9a-f]{64}$/;
const TMP = /^\.tmp-[0-9a-f]{16}-[A-Za-z0-9]{6}$/;
const LEFTOVER = /^\.(?:discard-[0-9a-f]{16}-[0-9a-f]{12}|probe-[0-9a-f]{12})$/;

/** util/prune-files.ts's options (`beforeRemove` is not used here: entries are directories). */
export type UnpackedPruneOptions = Omit<PruneOptions, 'beforeRemove'>;

/** Removes unused entries and leftovers of the unpacked-wheel cache in `dir` (see the header). */
export async function pruneUnpackedCache(
  dir: string,
  options: UnpackedPruneOptions = {},
): Promise<PruneResult> {
  const examine = options.examine ?? 32;
  const maxAgeMs = (options.maxAgeDays ?? 30) * DAY_MS;
  const now = options.now ?? Date.now();
  const uid = process.getuid?.() ?? -1;
  const result: PruneResult = { examined: 0, removed: [] };
  const names = await listNames(dir, (n) => ENTRY.test(n) || SEEN.test(n) || TMP.test(n) || LEFTOVER.test(n));
  for (const name of sampleNames(names, examine)) {
    result.examined++;
    const path = join(dir, name);
    const info = await lstat(path).catch(() => undefined);
    if (info === undefined || info.uid !== uid) continue;
    const age = now - info.mtimeMs;
    let remove: boolean;
    if (ENTRY.test(name)) remove = info.isDirectory() && age > maxAgeMs;
    else if (SEEN.test(name)) remove = info.isFile() && age > maxAgeMs;
    else if (TMP.test(name)) remove = info.isDirectory() && age > DAY_MS;
    else remove = name.startsWith('.probe-') ? info.isFile() : info.isDirectory();
    if (!remove) continue;
    if (ENTRY.test(name) || TMP.test(name)) {
      if (!(await discardDir(dir, path, name.replace(/^\.tmp-/, '')))) continue; // gone or replaced under us
    } else {
      await rm(path, { recursive: true, force: true }).catch(() => undefined);
    }
    result.removed.push(name);
  }
  return result;
}
