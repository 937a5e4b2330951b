import * as actionsCache from '@actions/cache';
import { lstat, realpath, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Logger } from '../util/logger.js';
import { isLiveLock, reassertHeldLocks } from '../util/dir-lock.js';
import { listPlainDir } from '../util/plain-dir.js';
import {
  errorMessage,
  type CacheBackend,
  type RestoreOptions,
  type RestoreResult,
  type SaveResult,
} from './backend.js';
import { restoreChecked } from './actions-archive-guard.js';
import { wheelhousePlan } from './actions-restore-plan.js';
import { saveListed, savedList } from './actions-save-files.js';
import { keepForeign, putBackForeign, type KeptFile } from './foreign-keep.js';
import { isRunLockName } from './wheelhouse-manifest.js';

/**
 * The GitHub Actions cache through @actions/cache 6 (cache service v2 when ACTIONS_CACHE_SERVICE_V2
 * is set, else v1; `act`'s built-in cache server speaks the same protocol, so it is covered too).
 *
 * @actions/cache reads its configuration (ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL,
 * ACTIONS_RUNTIME_TOKEN, RUNNER_TEMP, GITHUB_WORKSPACE) from process.env on every call and keeps no
 * module state between calls, so one backend instance follows the environment it runs in.
 *
 * @actions/cache itself swallows most service errors (it logs them with core.warning/core.error and
 * answers `undefined` / `-1`); what it still throws (ValidationError for bad keys or paths,
 * ReserveCacheError, anything unexpected) is caught here and turned into one Logger warning.
 */
export class ActionsCacheBackend implements CacheBackend {
  readonly savesLocks = true;
  readonly name = 'actions-cache';

  constructor(private readonly logger: Logger) {}

  /** Whether the Actions cache service is reachable from this job (per its environment variables). */
  static isAvailable(): boolean {
    try {
      return actionsCache.isFeatureAvailable();
    } catch {
      return false;
    }
  }

  async restore(
    given: string[],
    primaryKey: string,
    restoreKeys: string[],
    options: RestoreOptions = {},
  ): Promise<RestoreResult> {
    const paths = await linksFollowed(given);
    if (!ActionsCacheBackend.isAvailable()) {
      this.logger.warn('GitHub Actions cache service is not available in this job: nothing restored');
      return { exact: false };
    }
    // The tar is extracted over the wheelhouse whole: the user's files there are kept aside and
    // put back over whatever it wrote (foreign-keep.ts).
    let kept: KeptFile[] = [];
    const wheelhouse = paths[0];
    try {
      if (wheelhouse !== undefined && options.foreign !== undefined && options.foreign.size > 0)
        kept = await keepForeign(wheelhouse, options.foreign);
    } catch (error) {
      this.logger.warn(
        `cache not restored: the files wheelhouse did not write in ${wheelhouse} could not be kept aside: ${errorMessage(error)}`,
      );
      return { exact: false };
    }
    try {
      // The archive is listed and checked before anything of it is extracted (actions-archive-guard.ts).
      // Of the wheelhouse only its top-level files are written, never one of the user's (foreign)
      // names nor a folder: the user's folders there are never overwritten or refilled by an
      // entry's older copies (review 15b F10).
      const foreign = options.foreign ?? new Set<string>();
      const keepOut = (path: string, type: string): boolean => {
        if (wheelhouse === undefined) return false;
        const rel = relative(resolve(wheelhouse), path);
        if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return false;
        return type === 'd' || rel.includes(sep) || foreign.has(rel);
      };
      // A caller told the wheelhouse's files first gets only those the entry's manifest lists
      // (review 15b F7; actions-restore-plan.ts) and keeps the wheelhouse's manifest itself.
      const plan =
        wheelhouse !== undefined && options.beforePlacing !== undefined
          ? wheelhousePlan(wheelhouse, foreign, options.beforePlacing)
          : undefined;
      const checked = await restoreChecked(
        () => actionsCache.restoreCache(paths, primaryKey, restoreKeys),
        paths,
        keepOut,
        plan,
      ).finally(async () => {
        // The entry's files were extracted over the directories this run holds: its locks first.
        await reassertHeldLocks();
        if (wheelhouse !== undefined && kept.length > 0) {
          const back = await putBackForeign(wheelhouse, kept);
          if (back.length > 0)
            this.logger.info(
              `put back ${back.join(', ')}, which wheelhouse did not write, over the cache entry's files of those names`,
            );
        }
      });
      if (checked.refused !== undefined) {
        this.logger.warn(`cache not restored: ${checked.refused}`);
        return { exact: false };
      }
      const matchedKey = checked.matchedKey;
      if (matchedKey === undefined) {
        this.logger.info(`cache miss for ${primaryKey}`);
        return { exact: false };
      }
      const exact = matchedKey === primaryKey;
      this.logger.info(
        exact ? `cache hit for ${matchedKey}` : `cache restored from prefix match ${matchedKey}`,
      );
      return { matchedKey, exact };
    } catch (error) {
      this.logger.warn(`cache restore failed (continuing without cache): ${errorMessage(error)}`);
      return { exact: false };
    }
  }

  async save(given: string[], key: string): Promise<SaveResult> {
    const paths = await linksFollowed(given);
    if (!ActionsCacheBackend.isAvailable()) {
      const reason = 'GitHub Actions cache service is not available in this job';
      this.logger.warn(`${reason}: cache not saved`);
      return { saved: false, reason };
    }
    // @actions/cache tars each path whole (a wheelhouse without a usable manifest too): a live
    // run's lock in a saved directory would travel in the entry and land in every wheelhouse
    // restored from it, so it stops the save. A dead one (a killed run's, or one an earlier entry brought: its owner is not running
    // here) is removed instead — refusing it froze that target's cache for good (review 5 s12).
    const locked = await liveLockAfterRemovingDead(paths);
    if (locked !== undefined) {
      const reason = `${locked} is held by a running wheelhouse: the entry would carry it`;
      this.logger.warn(`cache ${key} not saved: ${reason}`);
      return { saved: false, reason };
    }
    // Of the wheelhouse only wheelhouse's own files go into the entry, never the user's files and
    // folders there; the paths saveCache is given (they name the entry's version) stay the same
    // (actions-save-files.ts).
    if (process.platform === 'win32') {
      const reason =
        'on Windows @actions/cache runs its own tar, which wheelhouse cannot give the list of its own files';
      this.logger.warn(`cache ${key} not saved: ${reason}`);
      return { saved: false, reason };
    }
    try {
      const list = await savedList(paths, process.env['GITHUB_WORKSPACE'] ?? process.cwd());
      const id = await saveListed(list, () => actionsCache.saveCache(paths, key));
      if (id === -1) {
        // @actions/cache already logged why (reservation refused, upload or finalize failed,
        // read-only cache mode); it does not tell us which.
        const reason = 'the cache service did not accept the entry (see the message above)';
        this.logger.warn(`cache ${key} not saved: ${reason}`);
        return { saved: false, reason };
      }
      this.logger.info(`cache saved as ${key}`);
      return { saved: true };
    } catch (error) {
      const reason =
        error instanceof actionsCache.ReserveCacheError
          ? `another job may be saving the same key: ${errorMessage(error)}`
          : errorMessage(error);
      this.logger.warn(`cache ${key} not saved: ${reason}`);
      return { saved: false, reason };
    }
  }
}

/**
 * Each path that is itself a symbolic link (a wheelhouse the user put on another disk) as the
 * directory it leads to: tar stores a link as the link, so the entry would hold no file of it
 * (review 15b F12). Other paths are kept as given — they name the entry's version.
 */
async function linksFollowed(paths: readonly string[]): Promise<string[]> {
  return Promise.all(
    paths.map(async (p) => {
      const info = await lstat(p).catch(() => undefined);
      return info?.isSymbolicLink() === true ? await realpath(p).catch(() => p) : p;
    }),
  );
}

/**
 * The first top-level run lock (`.wheelhouse.lock` or one of its drafts, wheelhouse-manifest.ts)
 * of a live run (util/dir-lock.ts `isLiveLock`) in one of `paths`, as a path; the regular-file
 * run locks of no live run met on the way are removed. Listed by lstat, never through a link
 * (util/plain-dir.ts).
 */
async function liveLockAfterRemovingDead(paths: readonly string[]): Promise<string | undefined> {
  for (const dir of paths) {
    for (const e of await listPlainDir(dir)) {
      if (!isRunLockName(e.name)) continue;
      const path = join(dir, e.name);
      if (await isLiveLock(path)) return path;
      if (e.isFile()) await rm(path, { force: true });
    }
  }
  return undefined;
}
