/**
 * The fetch flow's types (issue 5, §1): what a caller passes to `runFetch` (fetch.ts) and what it
 * gets back, the wheel store beside the cache, the per-wheel "ready" hand-over to the install flow,
 * and the default concurrency. Types only (and one constant): no I/O.
 */
import type { CacheBackend } from '../cache/backend.js';
import type { CacheKey } from '../cache/cache-key.js';
import type { VerifiedFile } from '../install/installer.js';
import type { DownloadProgress } from '../download/progress.js';
import type { HttpClient } from '../index/http-client.js';
import type { MetadataPath, Resolution, ResolvedFile, ResolvedPackage } from '../provider/resolution.js';
import type { ResolveStats } from '../provider/resolve.js';
import type { FileDigester } from '../util/file-sha256.js';
import type { Prepared, PrepareOptions } from './prepare.js';
import type { PhaseTiming } from './phase-timer.js';
import type { LockTexts } from './lock-texts.js';

/** Default parallel connections per host, for metadata and downloads. */
export const DEFAULT_CONCURRENCY = 16;

export interface FetchOptions extends PrepareOptions {
  /**
   * The wheelhouse directory (created). Wheelhouse deletes only files it can prove it wrote; a
   * directory holding other files and no manifest is refused (wheelhouse-files.ts).
   */
  wheelhouse: string;
  /** Clear a wheelhouse directory that wheelhouse cannot prove is its own instead of refusing it. */
  clean?: boolean;
  /** Waiting for another run that holds the wheelhouse longer than this is an error (default 15 min). */
  lockTimeoutMs?: number;
  /**
   * A directory for this run's metadata and page caches (part of the cache entry) and for files
   * the resolver downloads whole. Stable across runs when the GitHub cache is used (its entries are
   * versioned by their paths).
   */
  stateDir: string;
  /** Undefined: no cache (nothing restored; save.ts is not called). */
  cache?: { backend: CacheBackend; suffix?: string };
  concurrency?: number;
  /**
   * A persistent per-wheel store beside the cache (the runner tool cache on self-hosted runners,
   * src/cache/tool-cache-backend.ts): offered to the downloader before fetching, fed afterwards.
   */
  wheelStore?: WheelStore;
  onProgress?: (p: DownloadProgress) => void;
  /**
   * Called once per resolved wheel as soon as it sits in the wheelhouse with its sha256 verified
   * (already present, restored from the cache, reused or downloaded), while other files are still
   * on their way: the install flow starts installing it at once (install.ts).
   */
  onWheelReady?: (ready: ReadyWheel) => void;
  /**
   * Work that must see the wheelhouse as this run left it (the CLI's cache save copies it), done
   * before the run's lock (`.wheelhouse.lock`) is released: a second run waiting for that lock
   * would otherwise start changing the directory while it is being copied.
   */
  whileHeld?: (result: FetchResult) => Promise<void>;
  /** For tests: an HTTP client to use (not closed here). */
  http?: HttpClient;
  /**
   * Where verified-file stamps are kept between runs (src/cache/file-stamps.ts; the CLI gives
   * `<cache dir>/stamps`), together with the records of the pages and METADATA received
   * (src/cache/received-records.ts). Without it a run still reads no file twice, but the next run
   * hashes every file again and trusts no cached page on its own.
   */
  stampStore?: string;
  /** For tests: how a file's bytes are hashed when no stamp vouches for them (counts reads). */
  hashFile?: FileDigester;
  /**
   * The native install without `--dest` (issue 9 §6): a local find-links wheel this run hashed is
   * handed to `onWheelReady` where it is, not copied into the wheelhouse (download-all.ts
   * `inPlace`). A wheelhouse that then lacks some of the resolution's files stays marked incomplete
   * and gets no lock, report or pylock (`lockFile`… absent; the texts are in `texts`): nothing
   * claims files that are not there, and no cache entry is saved from it (save.ts `changedSince`).
   * Needs `onWheelReady`; the wheel store is never fed a file in place. Applies only when every file
   * of the resolution is a local find-links file (a resolution that also needs an index keeps a
   * complete wheelhouse and its cache entry).
   */
  inPlace?: boolean;
}

export interface WheelStore {
  lookup(file: ResolvedFile): string | undefined;
  add(items: { file: ResolvedFile; path: string }[]): Promise<number>;
}

export interface ReadyWheel {
  pkg: ResolvedPackage;
  /** Absolute path in the wheelhouse. */
  path: string;
  /**
   * The file as it was when this run hashed its bytes itself (sha256, device, inode, size, mtime,
   * ctime; file-stamps.ts `hashedThisRun`), when it did: the installer reads a descriptor whose
   * `fstat` still says exactly this without hashing the bytes again.
   */
  verified?: VerifiedFile;
}

export type PackageSource = 'cache' | 'downloaded' | 'reused' | 'present' | 'built';

export interface FetchedPackage {
  name: string;
  version: string;
  filename: string;
  size?: number;
  /**
   * cache: restored and verified; downloaded; reused: fetched whole during resolution or from the
   * wheel store; built: built from its sdist in this run.
   */
  source: PackageSource;
  /** The sdist a built wheel came from. */
  builtFrom?: string;
  metadataPath: MetadataPath;
}

export interface FetchResult {
  prepared: Prepared;
  resolution: Resolution;
  resolveStats: ResolveStats;
  key: CacheKey;
  /** The entry restored (exact or by prefix), if any. */
  matchedKey?: string;
  /** The entry for exactly this resolution was restored. */
  cacheHit: boolean;
  /** What save.ts saves, in this order. */
  cachePaths: string[];
  wheelhouse: string;
  /**
   * The lock, report and pylock in the wheelhouse — absent when the run did not write them: some
   * wheels were installed where they are (`inPlace`), so the wheelhouse is not complete.
   */
  lockFile?: string;
  reportFile?: string;
  pylockFile?: string;
  /** What those three files hold (or would hold): the run's own texts, always. */
  texts: LockTexts;
  /** Wheels handed to the installer where they are (find-links files, `inPlace`): not in the wheelhouse. */
  inPlace: number;
  packages: FetchedPackage[];
  downloaded: number;
  downloadedBytes: number;
  reused: number;
  /** Wheels built from sdists in this run, and taken from the built-wheel cache. */
  built: number;
  builtFromCache: number;
  /** Files deleted from a restored wheelhouse (wrong bytes or not in the resolution). */
  removed: { filename: string; reason: string }[];
  /** Entries of the wheelhouse wheelhouse did not write (left alone, also by the post-step prune). */
  foreign: string[];
  /** Local files whose bytes this run read to hash them, and digests a matching stamp answered. */
  digests: { hashed: number; trusted: number };
  /** The stamp store the run used (save.ts updates it after the local cache's save). */
  stampStore?: string;
  timings: PhaseTiming[];
}
