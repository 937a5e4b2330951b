import { mkdir, mkdtemp, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../util/logger.js';
import { acquireDirLock, reassertHeldLocks } from '../util/dir-lock.js';
import { renameWithRetry } from '../util/rename-retry.js';
import {
  errorMessage,
  type CacheBackend,
  type RestoreOptions,
  type RestoreResult,
  type SaveResult,
} from './backend.js';
import {
  findEntry,
  listEntries,
  localEntryId,
  readEntryMeta,
  type EntryInfo,
  type EntryMeta,
} from './local-dir-entries.js';
import { restoreSavedPath } from './local-dir-restore.js';
import {
  dropEntry,
  plainDirs,
  pruneEntries,
  RM_TREE,
  touchEntry,
  type LocalDirLayout,
} from './local-dir-prune.js';
import { copyTree } from './tree-copy.js';
import { defaultCacheDir } from './user-cache-dir.js';
import { ownWheelhouseNames } from './manifest-restore.js';
import { isRunLockName } from './wheelhouse-manifest.js';

/**
 * A cache in a local directory: the embedded default outside GitHub Actions (the CLI's
 * `--cache-dir`, self-hosted runners). Layout under the root:
 *
 *   entries/<id>/entry.json     { key, createdAt, bytes, paths: [kind…] }   id = sha256(key)[:32]
 *   entries/<id>/data/<i>       copy of the i-th saved path (file or directory)
 *   tmp/                        saves in progress, entries being deleted
 *   access.json                 { <id>: last access (ms since epoch) } for LRU pruning
 *   lock                        held while a run restores, saves or prunes (src/util/dir-lock.ts)
 *
 * Atomicity: a save builds the whole entry in tmp/ and renames it into entries/ in one step, so an
 * entry is visible complete or not at all; a crash leaves only a tmp/ directory, which restores
 * never look at and later saves delete once stale. access.json is advisory (written atomically;
 * with concurrent processes the last writer wins, which only blurs LRU order); a missing or broken
 * one falls back to entry creation times.
 *
 * Paths are restored by position: data/<i> goes to `paths[i]`, and an entry only matches a restore
 * with the same number of paths.
 */
export interface LocalDirBackendOptions {
  /** Cache root; default the user cache directory (see user-cache-dir.ts). */
  dir?: string;
  logger: Logger;
  /** Prune least-recently-used entries after a save until the cache holds at most this (default 2 GiB). */
  maxBytes?: number;
  /** Hard-link files between cache and paths when possible (default true, except on Windows). */
  link?: boolean;
  /** Clock, for tests of LRU order. */
  now?: () => number;
  /** Waiting longer than this for another run's lock on the directory gives up (default 5 min). */
  lockTimeoutMs?: number;
  /** Test seam: runs after the entry is fully built in tmp/ and before it is made visible. */
  beforeCommit?: (tmpDir: string) => Promise<void>;
  /** Test seam: runs after a restore placed each file of a wheelhouse (a child killed there). */
  afterPlace?: (name: string) => Promise<void>;
}

export const DEFAULT_LOCAL_CACHE_MAX_BYTES = 2 * 1024 * 1024 * 1024;

export class LocalDirBackend implements CacheBackend {
  readonly name = 'local-dir';
  readonly dir: string;
  private readonly logger: Logger;
  private readonly maxBytes: number;
  private readonly link: boolean;
  private readonly now: () => number;
  private readonly beforeCommit: ((tmpDir: string) => Promise<void>) | undefined;
  private readonly afterPlace: ((name: string) => Promise<void>) | undefined;
  private readonly lockTimeoutMs: number;
  private holding = false;

  constructor(options: LocalDirBackendOptions) {
    this.dir = options.dir ?? defaultCacheDir();
    this.logger = options.logger;
    this.maxBytes = options.maxBytes ?? DEFAULT_LOCAL_CACHE_MAX_BYTES;
    this.link = options.link ?? process.platform !== 'win32';
    this.now = options.now ?? Date.now;
    this.beforeCommit = options.beforeCommit;
    this.afterPlace = options.afterPlace;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 5 * 60_000;
  }

  private get entriesDir(): string {
    return join(this.dir, 'entries');
  }
  private get tmpDir(): string {
    return join(this.dir, 'tmp');
  }
  private get layout(): LocalDirLayout {
    return {
      dir: this.dir,
      entriesDir: this.entriesDir,
      tmpDir: this.tmpDir,
      accessFile: join(this.dir, 'access.json'),
      logger: this.logger,
      now: this.now,
    };
  }

  async restore(
    paths: string[],
    primaryKey: string,
    restoreKeys: string[],
    options: RestoreOptions = {},
  ): Promise<RestoreResult> {
    return this.locked(() => this.restoreUnlocked(paths, primaryKey, restoreKeys, options), { exact: false });
  }

  private async restoreUnlocked(
    paths: string[],
    primaryKey: string,
    restoreKeys: string[],
    options: RestoreOptions,
  ): Promise<RestoreResult> {
    try {
      const entry = await findEntry(this.entriesDir, paths.length, primaryKey, restoreKeys, (problem) =>
        this.logger.warn(`local cache ${this.dir}: ${problem}`),
      );
      if (!entry) {
        this.logger.info(`cache miss for ${primaryKey} in ${this.dir}`);
        return { exact: false };
      }
      await plainDirs(this.dir, this.entriesDir, join(this.entriesDir, entry.id));
      const root = join(this.entriesDir, entry.id, 'data');
      let files = 0;
      let present = 0;
      let changed = 0;
      const ignored: string[] = [];
      for (const [i, kind] of entry.paths.entries()) {
        if (kind === 'missing' || (options.only !== undefined && !options.only.includes(i))) continue;
        const got = await restoreSavedPath(join(root, String(i)), paths[i]!, kind, this.link, options, {
          ...(this.afterPlace !== undefined ? { afterPlace: this.afterPlace } : {}),
        });
        if (got.refused !== undefined) {
          // Nothing was placed: the wheelhouse path comes first (review 17b F1).
          this.logger.warn(`cache entry ${entry.key} in ${this.dir} refused (cache miss): ${got.refused}`);
          return { exact: false };
        }
        files += got.files;
        present += got.present;
        changed += got.changed ?? 0;
        ignored.push(...got.ignored);
      }
      // The entry's files were placed in directories this run holds: its locks first, as the other
      // backends do (review 15b F16; the names themselves are refused by run-owned-names.ts).
      await reassertHeldLocks();
      if (ignored.length > 0) {
        this.logger.warn(
          `cache entry ${entry.key} in ${this.dir}: ignored ${ignored.length} item(s) that are not plain files its manifest lists with their sha256: ${ignored.slice(0, 10).join('; ')}${ignored.length > 10 ? '; …' : ''}`,
        );
      }
      if (changed > 0) {
        // Entries are immutable: one whose files changed since its save (written in place through
        // a hard link shared with a wheelhouse — root ignores the 0444) would be an "exact hit"
        // that restores less every run and is never saved again. It is dropped, so this run's
        // save replaces it (review 15b F8); what it placed is verified by the flow as always.
        await dropEntry(this.layout, entry.id);
        this.logger.warn(
          `cache entry ${entry.key} in ${this.dir}: ${changed} of its files are missing or no longer have the bytes it was saved with (written in place?): entry removed, this run saves a new one`,
        );
        return { exact: false };
      }
      await touchEntry(this.layout, entry.id);
      const exact = entry.key === primaryKey;
      this.logger.info(
        `${exact ? 'cache hit for' : 'cache restored from prefix match'} ${entry.key} (${files} files from ${this.dir}${present > 0 ? `, ${present} already in place` : ''})`,
      );
      return { matchedKey: entry.key, exact };
    } catch (error) {
      this.logger.warn(`local cache restore failed (continuing without cache): ${errorMessage(error)}`);
      return { exact: false };
    }
  }

  async save(paths: string[], key: string): Promise<SaveResult> {
    return this.locked(() => this.saveUnlocked(paths, key), { saved: false, reason: 'cache directory busy' });
  }

  /**
   * Runs `fn` holding the cache directory's lock file (`lock`, src/util/dir-lock.ts): runs that
   * share one cache directory take turns restoring, saving and pruning, the one that waits says
   * so. A lock that cannot be had in time is a cache failure: a warning and `fallback`.
   */
  private async locked<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
    if (this.holding) return fn();
    let release;
    try {
      await mkdir(this.dir, { recursive: true });
      release = await acquireDirLock(join(this.dir, 'lock'), {
        onWait: (message) => this.logger.info(message),
        onWarn: (message) => this.logger.warn(message),
        timeoutMs: this.lockTimeoutMs,
      });
    } catch (error) {
      this.logger.warn(`local cache ${this.dir} not used: ${errorMessage(error)}`);
      return fallback;
    }
    this.holding = true;
    try {
      return await fn();
    } finally {
      this.holding = false;
      await release();
    }
  }

  private async saveUnlocked(paths: string[], key: string): Promise<SaveResult> {
    let tmp: string | undefined;
    try {
      if (paths.length === 0) throw new Error('no paths to save');
      const id = localEntryId(key);
      if (await readEntryMeta(this.entriesDir, id)) {
        this.logger.info(`cache entry ${key} already exists in ${this.dir}: not saved again`);
        return { saved: false, reason: 'entry already exists' };
      }
      await mkdir(this.dir, { recursive: true });
      await plainDirs(this.dir, this.entriesDir, this.tmpDir);
      tmp = await mkdtemp(join(this.tmpDir, 'save-'));
      const meta: EntryMeta = { key, createdAt: this.now(), bytes: 0, paths: [] };
      for (const [i, given] of paths.entries()) {
        // A path the user gave as a symbolic link to a directory (a wheelhouse on another disk) is
        // saved from where it leads: copyTree never follows a link, so the entry would be empty —
        // an "exact hit" restoring nothing for good (review 15b F12).
        const p = await realpath(given).catch(() => given);
        const info = await stat(p).catch(() => undefined);
        if (!info || (!info.isFile() && !info.isDirectory())) {
          meta.paths.push('missing');
          continue;
        }
        meta.paths.push(info.isFile() ? 'file' : 'directory');
        // A wheelhouse's run lock (held while its run saves) is that run's state, not content.
        // Of a wheelhouse (path 0, with its manifest) only wheelhouse's own files: the user's
        // files and folders there are neither linked (made read-only through the shared inode)
        // nor carried into the entry (review 15b F5).
        const own = i === 0 && info.isDirectory() ? await ownWheelhouseNames(p) : undefined;
        const copied = await copyTree(p, join(tmp, 'data', String(i)), {
          link: this.link,
          readOnly: true,
          leaveOut: (name) => isRunLockName(name) || (own !== undefined && !own.has(name)),
        });
        if (copied.skipped.includes(p)) throw new Error(`${given} is neither a regular file nor a directory`);
        meta.bytes += copied.bytes;
      }
      if (meta.paths.every((k) => k === 'missing'))
        throw new Error(`none of the paths exist: ${paths.join(', ')}`);
      await mkdir(join(tmp, 'data'), { recursive: true });
      await writeFile(join(tmp, 'entry.json'), JSON.stringify(meta));
      if (this.beforeCommit) await this.beforeCommit(tmp);
      try {
        // Windows fails a directory rename while a scanner holds one of the fresh files (retried),
        // and with EPERM when the target directory already exists (someone else saved: no retry).
        await renameWithRetry(tmp, join(this.entriesDir, id), {
          clearReadOnly: false,
          shouldRetry: async () => (await readEntryMeta(this.entriesDir, id)) === undefined,
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'EPERM') {
          if (await readEntryMeta(this.entriesDir, id)) {
            this.logger.info(`cache entry ${key} was saved concurrently by another process`);
            return { saved: false, reason: 'entry already exists' };
          }
        }
        throw error;
      }
      tmp = undefined;
      await touchEntry(this.layout, id);
      this.logger.info(`cache saved as ${key} in ${this.dir} (${meta.bytes} bytes)`);
      await pruneEntries(this.layout, this.maxBytes, id);
      return { saved: true };
    } catch (error) {
      const reason = errorMessage(error);
      this.logger.warn(`local cache ${key} not saved: ${reason}`);
      return { saved: false, reason };
    } finally {
      if (tmp) await rm(tmp, RM_TREE).catch(() => {});
    }
  }

  /** All complete entries (those under entries/ with a readable entry.json). */
  list(): Promise<EntryInfo[]> {
    return listEntries(this.entriesDir);
  }

  /**
   * Delete least-recently-used entries until the cache holds at most maxBytes (never `keep`, the
   * entry just saved), and leftovers of crashed saves. An entry is first renamed into tmp/, so it
   * disappears atomically before its files are deleted.
   */
  async prune(keep?: string): Promise<string[]> {
    return this.locked(() => pruneEntries(this.layout, this.maxBytes, keep), []);
  }
}
