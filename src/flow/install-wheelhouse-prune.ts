/**
 * Keeping the per-environment wheelhouses of `wheelhouse install` bounded (review 15b F13): the
 * default `--dest` is `<cache dir>/wheelhouses/<16 hex>` (install.ts defaultInstallWheelhouse), one
 * per environment ever installed into, and an environment that is gone leaves its wheelhouse for
 * good. After an install into one, up to `examine` (default 4) of its siblings, picked at random
 * (the listing stops after 10 000 names), are looked at, and one is deleted when
 *   - its name is one install makes (16 hex) and it is a real directory of this user (lstat);
 *   - neither it nor its manifest changed for `maxAgeDays` (default 30, as the unpacked-wheel cache,
 *     install/unpacked-cache-prune.ts): every run into a wheelhouse rewrites its manifest;
 *   - its run lock can be had at once (wheelhouse-session.ts: a run using it holds it; a killed
 *     run's is broken as stale, util/dir-lock.ts), and under it the manifest is still the one
 *     judged old;
 *   - it is provably wheelhouse's whole: a readable manifest, and every entry is a regular file
 *     wheelhouse wrote by the rule of wheelhouse-files.ts (an output, its temporary files, the run
 *     lock, or a file the manifest lists and does not mark `notOwned`). A user's file or folder
 *     there keeps the whole directory.
 * Under the lock it is renamed aside to `.pruned-<16 hex>-<12 hex>` (it disappears at once) and
 * deleted there; a leftover of such a name (a pruner killed while deleting) goes whenever one is
 * sampled. A run that was waiting for the lock finds its wheelhouse gone and makes it anew
 * (wheelhouse-session.ts ensure).
 */
import { randomBytes } from 'node:crypto';
import { lstat, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest } from '../cache/wheelhouse-manifest.js';
import { acquireDirLock } from '../util/dir-lock.js';
import { DAY_MS, listNames, sampleNames } from '../util/prune-files.js';
import { isOwnFileName, RUN_LOCK_FILENAME } from './wheelhouse-files.js';

const WHEELHOUSE = /^[0-9a-f]{16}$/;
const PRUNED = /^\.pruned-[0-9a-f]{16}-[0-9a-f]{12}$/;

export interface WheelhousePruneOptions {
  /** The wheelhouse of this run (never pruned). */
  keep?: string;
  /** Names looked at, at most (default 4). */
  examine?: number;
  /** Unused for longer than this: deleted (default 30). */
  maxAgeDays?: number;
  /** Now, in ms since the epoch (default Date.now()). */
  now?: number;
  /** Test seam: runs once the lock of a wheelhouse about to be deleted is held. */
  whileLocked?: (dir: string) => Promise<void>;
}

/** The wheelhouses deleted (names), and why the others examined were kept. */
export interface WheelhousePruneResult {
  removed: string[];
  kept: { name: string; reason: string }[];
}

/** Prunes the per-environment wheelhouses in `root` (`<cache dir>/wheelhouses`; see the header). */
export async function pruneInstallWheelhouses(
  root: string,
  options: WheelhousePruneOptions = {},
): Promise<WheelhousePruneResult> {
  const result: WheelhousePruneResult = { removed: [], kept: [] };
  const names = await listNames(root, (n) => (WHEELHOUSE.test(n) || PRUNED.test(n)) && n !== options.keep);
  for (const name of sampleNames(names, options.examine ?? 4)) {
    const reason = await pruneOne(root, name, options);
    if (reason === undefined) result.removed.push(name);
    else result.kept.push({ name, reason });
  }
  return result;
}

/** Deletes the wheelhouse `root/name` when it may go; else answers why not. */
async function pruneOne(
  root: string,
  name: string,
  options: WheelhousePruneOptions,
): Promise<string | undefined> {
  const dir = join(root, name);
  const info = await lstat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) return 'not a real directory';
  if (process.getuid !== undefined && info.uid !== process.getuid()) return "another user's";
  if (PRUNED.test(name)) {
    // Renamed aside by a pruner that held its lock and found it all wheelhouse's.
    await rm(dir, { recursive: true, force: true });
    return undefined;
  }
  const now = options.now ?? Date.now();
  const maxAgeMs = (options.maxAgeDays ?? 30) * DAY_MS;
  const manifestPath = join(dir, 'wheelhouse-manifest.json');
  const judged = await lstat(manifestPath, { bigint: true }).catch(() => undefined);
  if (judged === undefined || !judged.isFile()) return 'no manifest';
  if (now - Math.max(info.mtimeMs, Number(judged.mtimeMs)) <= maxAgeMs) return 'used recently';
  let release;
  try {
    // timeoutMs 0: a live run's lock is never waited for (the wheelhouse is in use).
    release = await acquireDirLock(join(dir, RUN_LOCK_FILENAME), { timeoutMs: 0, pollMs: 1 });
  } catch {
    return 'in use';
  }
  try {
    await options.whileLocked?.(dir);
    const again = await lstat(manifestPath, { bigint: true }).catch(() => undefined);
    if (again === undefined || again.ino !== judged.ino || again.mtimeNs !== judged.mtimeNs)
      return 'used meanwhile';
    const manifest = await readManifest(dir).catch(() => undefined);
    if (manifest === undefined) return 'no readable manifest';
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const listed =
        Object.hasOwn(manifest.files, entry.name) && manifest.files[entry.name]?.notOwned !== true;
      if (!entry.isFile() || !(listed || isOwnFileName(entry.name)))
        return `holds ${JSON.stringify(entry.name)}, which wheelhouse did not write`;
    }
    const aside = join(root, `.pruned-${name}-${randomBytes(6).toString('hex')}`);
    await rename(dir, aside);
    await rm(aside, { recursive: true, force: true });
    return undefined;
  } catch (error) {
    return `not deleted: ${(error as Error).message}`;
  } finally {
    await release();
  }
}
