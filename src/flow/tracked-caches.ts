/**
 * The metadata and page caches a wheelhouse cache entry carries, wrapped so a run records which
 * entries it read or wrote; `pruneUnused` then deletes everything else before the entry is saved.
 * Without it, an entry restored by prefix would keep the metadata of every version any earlier run
 * ever looked at, and grow forever. A warm run of the same resolution touches the same entries, so
 * nothing it needs is pruned.
 *
 * Pages no later run can use are pruned too, even when this run used them: a page from a restored
 * entry is used only when the index vouches for its bytes through an ETag that is a digest of its
 * body (src/index/page-trust.ts), so a page whose ETag is opaque is requested whole by every later
 * run whatever the entry holds (issue 10 §1). A caller that can vouch for pages some other way (a
 * record kept outside the entry) passes its own `keepPage`.
 *
 * Both caches keep records of what this run received (src/cache/received-records.ts): the page
 * cache of every page it wrote, the metadata cache of every METADATA read from the index or checked
 * against a local copy of its file. Given the records of an earlier run (the CLI's stamp store),
 * bytes matching them are trusted as that run trusted them.
 *
 * A restore may hold the entry's small files in memory instead of writing them (`held`,
 * src/util/held-files.ts): both caches read them from there, `pruneUnused` drops the unused ones
 * with the files, and `writeHeld` puts the rest on disk when a save will read the directories.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { emptyRecords, type ReceivedRecords } from '../cache/received-records.js';
import { DiskMetadataCache, type CachedMetadata, type MetadataCache } from '../index/metadata-cache.js';
import {
  createPageCache,
  pageCacheKey,
  type CachedPage,
  type PageCache,
  type StoredPage,
} from '../index/page-cache.js';
import { usableAfterRestore } from '../index/page-trust.js';
import { HeldFiles } from '../util/held-files.js';
import { listPlainDir, plainDirState, removeEntry } from '../util/plain-dir.js';

/**
 * Whether a page this run stored for `url` is worth carrying in the cache entry it saves. Without
 * one, a page read from the cache is kept when the page cache found it revalidatable
 * (`StoredPage.vouchingEtag`, decided once from the digest it checked), a page written when
 * `usableAfterRestore` says so.
 */
export type KeepPage = (url: string, page: CachedPage) => boolean;

/** Unusable cache files reported by one run (the rest are counted in one line). */
const MAX_REPORTED = 10;

export class TrackedCaches {
  readonly metadata: MetadataCache;
  readonly pages: PageCache;
  private readonly usedMetadata = new Set<string>();
  private readonly usedPages = new Set<string>();
  /** Every page asked for, found or not (a 404 stores nothing). */
  private readonly lookedUpPages = new Set<string>();
  /** Pages this run stored last in a form no later run can use (see `KeepPage`). */
  private readonly deadPages = new Set<string>();
  /** Writes not finished yet, and whether new ones are refused (`pruneUnused`). */
  private readonly writes = new Set<Promise<void>>();
  private sealed = false;
  /** Restored METADATA and pages not written yet (backend.ts RestoreOptions.held). */
  readonly held = new HeldFiles();
  /** Set while the wheelhouse is still being restored (waitForLocalCopies). */
  private arrived: ((path: string) => Promise<void>) | undefined;

  /**
   * While a restore still places the wheelhouse's files (fetch-restore.ts `pending`), a local
   * copy is looked at only once `arrived(path)` resolved (that file placed, rejected or not
   * fetched), so whether cached METADATA is checked against it does not depend on timing.
   */
  waitForLocalCopies(arrived: (path: string) => Promise<void>): void {
    this.arrived = arrived;
  }

  constructor(
    readonly metadataDir: string,
    readonly pagesDir: string,
    /** The wheelhouse: its files let the fetcher verify cached metadata (MetadataCache.localCopy). */
    wheelhouse?: string,
    keepPage?: KeepPage,
    /** What this machine received before (loaded by the caller, updated here). */
    readonly records: ReceivedRecords = emptyRecords(),
    /** Where what a hostile or damaged cache directory made this run ignore is reported. */
    private readonly warn: (message: string) => void = () => {},
  ) {
    // A hostile entry can hold thousands of unusable files: the first few are reported.
    let reported = 0;
    const report = (message: string): void => {
      reported++;
      if (reported <= MAX_REPORTED) warn(message);
      else if (reported === MAX_REPORTED + 1)
        warn('further unusable metadata/page cache files are not reported');
    };
    const disk = new DiskMetadataCache(metadataDir, report, undefined, this.held);
    const pages = createPageCache(pagesDir, records.pages, { warn: report, held: this.held });
    const usedMetadata = this.usedMetadata;
    const usedPages = this.usedPages;
    const lookedUpPages = this.lookedUpPages;
    const deadPages = this.deadPages;
    // Every write goes through here: tracked until it settles, dropped once the caches are sealed.
    const write = (run: () => Promise<void>): Promise<void> => {
      if (this.sealed) return Promise.resolve();
      const p = run();
      this.writes.add(p);
      const forget = () => this.writes.delete(p);
      p.then(forget, forget);
      return p;
    };
    this.metadata = {
      async get(sha256: string): Promise<CachedMetadata | undefined> {
        const entry = await disk.get(sha256);
        if (entry !== undefined) usedMetadata.add(sha256.toLowerCase());
        return entry;
      },
      put: (sha256: string, entry: CachedMetadata): Promise<void> =>
        write(async () => {
          const key = sha256.toLowerCase();
          usedMetadata.add(key);
          try {
            await disk.put(sha256, entry);
          } catch (error) {
            // A cache directory a hostile entry shaped (a directory where the file goes…): not cached.
            report(`metadata cache: could not store the metadata of ${key}: ${(error as Error).message}`);
            return;
          }
          if (entry.kind === 'metadata') {
            records.metadata.set(key, createHash('sha256').update(entry.metadata).digest('hex'));
          }
        }),
      recorded: (sha256: string) => records.metadata.get(sha256.toLowerCase()),
      record: (sha256: string, metadataSha256: string) => {
        records.metadata.set(sha256.toLowerCase(), metadataSha256.toLowerCase());
      },
      forget: (sha256: string) => {
        records.metadata.delete(sha256.toLowerCase());
      },
      ...(wheelhouse !== undefined
        ? {
            localCopy: (filename: string) => {
              const path = join(wheelhouse, basename(filename));
              const arrived = this.arrived;
              return arrived === undefined ? path : arrived(path).then(() => path);
            },
          }
        : {}),
    };
    this.pages = {
      async get(url: string): Promise<StoredPage | undefined> {
        const key = pageCacheKey(url);
        lookedUpPages.add(key);
        const page = await pages.get(url);
        if (page !== undefined) {
          usedPages.add(key);
          const keep = keepPage ? keepPage(url, page) : page.vouchingEtag !== undefined;
          if (!keep) deadPages.add(key);
        }
        return page;
      },
      put: (url: string, page: CachedPage): Promise<void> =>
        write(async () => {
          const key = pageCacheKey(url);
          usedPages.add(key);
          const keep = keepPage ? keepPage(url, page) : usableAfterRestore(page, url);
          if (keep) deadPages.delete(key);
          else deadPages.add(key);
          await pages.put(url, page);
        }),
    };
  }

  /**
   * Writes the restored files still held in memory (see the top) into their directories, as a
   * restore without `held` would have: before a save reads the directories. Answers how many.
   */
  writeHeld(): Promise<number> {
    // Only into real directories below the two cache directories (never through a planted link).
    return this.held.writeAll([this.metadataDir, this.pagesDir], this.warn);
  }

  get metadataUsed(): number {
    return this.usedMetadata.size;
  }

  /** Whether this run read or wrote the page with this cache key / the metadata of this file. */
  readonly pageUsed = (key: string): boolean => this.usedPages.has(key);
  readonly metadataUsedFor = (sha256: string): boolean => this.usedMetadata.has(sha256);

  /** The cache keys of every page this run asked for, found in the cache or not. */
  get pagesLookedUp(): string[] {
    return [...this.lookedUpPages];
  }

  /**
   * Deletes cached metadata and pages this run did not use, and pages no later run could use;
   * answers how many files went.
   *
   * Seals the caches first: the speculative walk and the provider's read-ahead can still be storing
   * pages and METADATA the resolution never needed when it returns. Writes in flight are awaited
   * (pruning would otherwise delete a write's temporary file under it), later ones are dropped, so
   * nothing writes into the directories while they are pruned, restored into or saved.
   */
  async pruneUnused(): Promise<number> {
    this.sealed = true;
    await Promise.allSettled([...this.writes]);
    let removed = 0;
    for (const path of this.held.paths()) {
      const name = basename(path);
      const parent = dirname(path);
      const sha = /^([0-9a-f]{64})\.(metadata|needs-build)$/.exec(name)?.[1];
      const key = /^([0-9a-f]{64})\.json$/.exec(name)?.[1];
      const keep =
        dirname(parent) === this.metadataDir
          ? sha !== undefined && this.usedMetadata.has(sha)
          : parent === this.pagesDir &&
            key !== undefined &&
            this.usedPages.has(key) &&
            !this.deadPages.has(key);
      if (keep) continue;
      this.held.release(path);
      removed++;
    }
    // The directories travel in cache entries, and the Actions cache restores symbolic links as
    // saved: a `metadata/ab` linked to the checkout must never have the checkout's files deleted.
    // Only real directories are entered; every other entry is unlinked, never followed.
    if (await this.plainOrWarn(this.metadataDir)) {
      for (const sub of await listPlainDir(this.metadataDir)) {
        if (!sub.isDirectory()) {
          await removeEntry(this.metadataDir, sub);
          removed++;
          continue;
        }
        const dir = join(this.metadataDir, sub.name);
        for (const entry of await listPlainDir(dir)) {
          const sha = /^([0-9a-f]{64})\.(metadata|needs-build)$/.exec(entry.name)?.[1];
          if (entry.isFile() && sha !== undefined && this.usedMetadata.has(sha)) continue;
          await removeEntry(dir, entry);
          removed++;
        }
      }
    }
    if (await this.plainOrWarn(this.pagesDir)) {
      for (const entry of await listPlainDir(this.pagesDir)) {
        const key = /^([0-9a-f]{64})\.json$/.exec(entry.name)?.[1];
        const keep = key !== undefined && this.usedPages.has(key) && !this.deadPages.has(key);
        if (entry.isFile() && keep) continue;
        await removeEntry(this.pagesDir, entry);
        removed++;
      }
    }
    return removed;
  }

  /** Whether `dir` is a real directory or missing; anything else (a link…) is reported and left alone. */
  private async plainOrWarn(dir: string): Promise<boolean> {
    const state = await plainDirState(dir);
    if (state === 'not a plain directory') {
      this.warn(
        `${dir} is not a plain directory (a symbolic link from a cache entry?): left alone, nothing in it pruned`,
      );
    }
    return state === 'directory';
  }
}
