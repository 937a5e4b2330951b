/**
 * The end of a run (the action's post step; the CLI calls it right after the fetch): remove
 * wheelhouse's leftover temporary files from the wheelhouse, then save the cache entry
 * under the resolution key unless exactly that entry was restored. Never throws: a cache failure is
 * a warning (the backend logs it), a pruning failure too.
 */
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheBackend, SaveResult } from '../cache/backend.js';
import { errorMessage } from '../cache/backend.js';
import { FileStamps } from '../cache/file-stamps.js';
import { readManifest } from '../cache/wheelhouse-manifest.js';
import { acquireDirLock } from '../util/dir-lock.js';
import type { Logger } from '../util/logger.js';
import type { FetchResult } from './fetch.js';
import { isOwnTempName, RUN_LOCK_FILENAME, WHEELHOUSE_OUTPUTS } from './wheelhouse-files.js';

/** What the main step hands to the post step (see src/action/state.ts). */
export interface SavePlan {
  key: string;
  cacheHit: boolean;
  /** Paths in the order they were restored. The first is the wheelhouse. */
  cachePaths: string[];
  /** File names of the resolution. */
  files: string[];
  /** The sha256 of each file (by name): the wheelhouse must still hold these bytes to be saved. */
  sha256?: Record<string, string>;
  /** Entries of the wheelhouse wheelhouse did not write: never pruned. */
  foreign?: string[];
  /** The run's verified-file stamp store (file-stamps.ts), brought up to date after a save. */
  stampStore?: string;
}

/** The plan of a finished fetch: its key, whether that entry was restored, and what to keep. */
export function savePlanOf(result: FetchResult): SavePlan {
  return {
    key: result.key.key,
    cacheHit: result.cacheHit,
    cachePaths: result.cachePaths,
    files: result.resolution.packages.map((p) => p.file.filename),
    sha256: Object.fromEntries(
      result.resolution.packages.map((p) => [p.file.filename, p.file.sha256.toLowerCase()]),
    ),
    foreign: result.foreign,
    ...(result.stampStore !== undefined ? { stampStore: result.stampStore } : {}),
  };
}

export interface SaveOutcome {
  pruned: string[];
  save: SaveResult | { saved: false; reason: string };
}

/**
 * Before saving: delete wheelhouse's own temporary files (`.<name>.<hex>.part|tmp`, left by an
 * interrupted write) from `dir`. Any other file outside `files` and the outputs was not written by
 * wheelhouse (the main step already removed what it owned and did not need: fetch.ts), so it is
 * left alone and named in a warning (wheelhouse-files.ts); `foreign` ones were reported already.
 */
export async function pruneWheelhouse(
  dir: string,
  files: string[],
  logger: Logger,
  foreign: string[] = [],
): Promise<string[]> {
  const keep = new Set([...files, ...WHEELHOUSE_OUTPUTS, RUN_LOCK_FILENAME, ...foreign]);
  const pruned: string[] = [];
  const left: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    logger.warn(`cannot read the wheelhouse ${dir} to prune it: ${errorMessage(error)}`);
    return pruned;
  }
  for (const entry of entries) {
    if (!entry.isFile() || keep.has(entry.name)) continue;
    if (!isOwnTempName(entry.name)) {
      left.push(entry.name);
      continue;
    }
    try {
      await rm(join(dir, entry.name), { force: true });
      pruned.push(entry.name);
    } catch (error) {
      logger.warn(`cannot prune ${entry.name} from the wheelhouse: ${errorMessage(error)}`);
    }
  }
  if (pruned.length > 0) logger.debug(`pruned ${pruned.length} temporary file(s): ${pruned.join(', ')}`);
  if (left.length > 0)
    logger.warn(
      `the wheelhouse ${dir} holds ${left.length} file(s) wheelhouse did not write, left in place: ${left.join(', ')}`,
    );
  return pruned;
}

export async function saveWheelhouse(
  plan: SavePlan,
  backend: CacheBackend,
  logger: Logger,
): Promise<SaveOutcome> {
  const wheelhouse = plan.cachePaths[0];
  const pruned =
    wheelhouse === undefined ? [] : await pruneWheelhouse(wheelhouse, plan.files, logger, plan.foreign);
  return { pruned, save: await saveEntry(plan, backend, logger) };
}

/** The backend's save of `plan` (nothing for an exact hit), then the stamps brought up to date. */
async function saveEntry(
  plan: SavePlan,
  backend: CacheBackend,
  logger: Logger,
): Promise<SaveOutcome['save']> {
  const wheelhouse = plan.cachePaths[0];
  if (plan.cacheHit) {
    logger.info(`cache entry ${plan.key} was restored exactly: not saved again`);
    return { saved: false, reason: 'exact cache hit' };
  }
  try {
    const save = await backend.save(plan.cachePaths, plan.key);
    if (save.saved && wheelhouse !== undefined && plan.stampStore !== undefined)
      await restamp(plan.stampStore, wheelhouse, logger);
    return save;
  } catch (error) {
    // Backends do not throw by contract; this guards the contract, it is not a second policy.
    const reason = errorMessage(error);
    logger.warn(`cache ${plan.key} not saved: ${reason}`);
    return { saved: false, reason };
  }
}

/**
 * The local cache's save hard-links the wheelhouse's files into the entry and makes them
 * read-only, which changes their ctime: the stamps the run wrote (src/cache/file-stamps.ts) take
 * the new ctime for files whose inode, size and mtime did not change, so the next run does not
 * read every wheel again.
 */
async function restamp(store: string, wheelhouse: string, logger: Logger): Promise<void> {
  try {
    const stamps = new FileStamps({ store });
    if ((await stamps.loadDir(wheelhouse)) === 0) return;
    if ((await stamps.adoptChangeTimes(wheelhouse)) > 0) await stamps.saveDir(wheelhouse, () => true);
  } catch (error) {
    logger.debug(`stamps not updated after the save: ${errorMessage(error)}`);
  }
}

/**
 * `saveWheelhouse` for a caller that no longer holds the wheelhouse (the CLI's install saves after
 * installing, when its fetch has let go of the directory): takes the run lock again, so no other
 * run is changing the directory (or writing `.part` files the pruning would delete), and saves
 * only while the wheelhouse still holds exactly this run's complete resolution — another run may
 * have filled it with its own meanwhile, which is that run's entry to save, not this key's.
 */
export async function saveWheelhouseAgain(
  plan: SavePlan,
  backend: CacheBackend,
  logger: Logger,
): Promise<SaveOutcome> {
  const wheelhouse = plan.cachePaths[0];
  if (wheelhouse === undefined || plan.cacheHit) return saveWheelhouse(plan, backend, logger);
  const release = await acquireDirLock(join(wheelhouse, RUN_LOCK_FILENAME), {
    onWait: (message) => logger.info(message),
    onWarn: (message) => logger.warn(message),
  });
  let released = false;
  try {
    // The bytes are checked right before the save: here only for a backend saving under the lock.
    const changed = await changedSince(wheelhouse, plan, backend.savesLocks !== true);
    if (changed !== undefined) {
      logger.info(`cache ${plan.key} not saved: ${changed}`);
      return { pruned: [], save: { saved: false, reason: changed } };
    }
    if (backend.savesLocks !== true) return await saveWheelhouse(plan, backend, logger);
    // The backend would store the lock this run holds (and so refuses while it is live): pruned
    // and checked under the lock (no other run's temporary files are deleted), saved after it —
    // looked at once more right before; the backend reads the files it stores as they are then.
    const pruned = await pruneWheelhouse(wheelhouse, plan.files, logger, plan.foreign);
    released = true;
    await release();
    const still = await changedSince(wheelhouse, plan, true);
    if (still !== undefined) {
      logger.info(`cache ${plan.key} not saved: ${still}`);
      return { pruned, save: { saved: false, reason: still } };
    }
    return { pruned, save: await saveEntry(plan, backend, logger) };
  } finally {
    if (!released) await release();
  }
}

/**
 * Why the wheelhouse no longer holds exactly `plan`'s complete resolution — the same names with the
 * same sha256 (review 4 of session 13: another resolution of the same names from another index) —
 * or undefined when it does. With `bytes`, each file's own bytes too: a later step of the job may
 * have rewritten a wheel (a script, `auditwheel repair -w`, a test fixture) while the manifest
 * still lists the resolution's sha256, and an entry is immutable (review 15b F1). Files whose
 * identity the run's stamp store vouches for are not read again. With `whole` (the backend stores
 * the directory whole), a user's file under a resolution file's name is checked too.
 */
async function changedSince(wheelhouse: string, plan: SavePlan, bytes: boolean): Promise<string | undefined> {
  const manifest = await readManifest(wheelhouse).catch(() => undefined);
  const listed = manifest === undefined || manifest.complete === false ? {} : manifest.files;
  const names = Object.keys(listed);
  const wanted = new Set(plan.files);
  const same =
    names.length === wanted.size &&
    names.every(
      (name) =>
        wanted.has(name) &&
        (plan.sha256?.[name] === undefined ||
          String(listed[name]?.sha256).toLowerCase() === plan.sha256[name]),
    );
  if (!same) return 'another run changed the wheelhouse after this one';
  if (!bytes || plan.sha256 === undefined) return undefined;
  const stamps = new FileStamps(plan.stampStore !== undefined ? { store: plan.stampStore } : {});
  await stamps.loadDir(wheelhouse).catch(() => 0);
  // A file of the resolution the user put there (a link to the very bytes, say) is the user's:
  // every backend leaves it out of the entry (the Actions cache too since session 17:
  // cache/actions-save-files.ts), so it is not the entry's to check — as a link (never a regular
  // file to lstat) it stopped every save (review 15e F7; review 16b F4 checked it while the
  // Actions cache stored the directory whole).
  const users = new Set(plan.foreign ?? []);
  for (const name of plan.files) {
    const want = plan.sha256[name];
    if (want === undefined || users.has(name)) continue;
    const path = join(wheelhouse, name);
    const info = await lstat(path).catch(() => undefined);
    const got = info?.isFile() === true ? await stamps.digest(path).catch(() => undefined) : undefined;
    if (got?.sha256 !== want)
      return `${name} no longer has the resolution's sha256 (changed after this run wrote it)`;
  }
  return undefined;
}
