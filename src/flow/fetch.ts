/**
 * The fetch flow both shells run (issue 5, §1), between the CLI/action shells and the layers below
 * (provider, cache, download):
 *
 *   requirement files → target → restore the newest cache entry of this target (restore prefix;
 *   the entry holds the wheels, the metadata cache and the page cache) → resolve (metadata from the
 *   cache: no metadata request for a known file) → cache key → verify every wheel in the wheelhouse
 *   against the resolution's sha256 (wrong bytes deleted and fetched again: a poisoned entry never
 *   reaches pip) → download only what is missing, in parallel, reusing files the resolver fetched
 *   whole → write lock, report, pylock and manifest into the wheelhouse.
 *
 * Sdists (issue 11 §1): a resolved sdist becomes a wheel built by the target interpreter's pip
 * (src/build), or the one the built-wheel store (part of the cache entry) already holds for its
 * sha256, interpreter and platform; from then on the wheelhouse, the manifest and the lock hold
 * that wheel (`withBuiltWheels`), while the cache key, report.json and pylock.toml keep the sdist.
 *
 * Saving is separate (save.ts): the action saves in its post step, the CLI right after.
 *
 * Warm runs (issue 9 §6, issue 14 §2): every sha256 of a local file goes through the run's
 * verified-file stamps (src/cache/file-stamps.ts), those of the wheelhouse and of local find-links
 * directories read from the stamp store at the start and the wheelhouse's written back at the
 * end, so a file
 * unchanged since wheelhouse hashed it is not read again by the restore, the verification, the
 * find-links listing or the metadata cache's check; a changed file is hashed as before. Beside
 * the stamps, the records of the pages and METADATA this machine received (received-records.ts):
 * a page it received less than its max-age ago is used with no request, a METADATA it read needs
 * no second check.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CacheBackend } from '../cache/backend.js';
import { cacheKey, cacheKeyPrefix, type CacheKey } from '../cache/cache-key.js';
import { manifestFor, verifyWheelhouse, writeManifest } from '../cache/wheelhouse-manifest.js';
import { FileStamps } from '../cache/file-stamps.js';
import { emptyRecords, loadReceivedRecords, saveReceivedRecords } from '../cache/received-records.js';
import { pruneStampStore } from '../cache/stamp-store.js';
import type { VerifiedFile } from '../install/installer.js';
import { downloadAll, type DownloadSummary } from '../download/download-all.js';
import type { DownloadProgress } from '../download/progress.js';
import type { DistFile } from '../index/dist-file.js';
import { createHttpClient } from '../index/http.js';
import { createMetadataFetcher } from '../index/metadata-fetch.js';
import type { HttpClient } from '../index/http-client.js';
import { buildSdists, type BuildSummary } from '../build/build-sdists.js';
import { DirBuiltWheelStore } from '../build/built-wheel-store.js';
import { SharedBuiltWheelStore } from '../build/shared-built-wheels.js';
import {
  withBuiltWheels,
  type MetadataPath,
  type Resolution,
  type ResolvedFile,
  type ResolvedPackage,
} from '../provider/resolution.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import type { ResolveStats } from '../provider/resolve.js';
import type { FileDigester } from '../util/file-sha256.js';
import { FlowInputError } from './failure.js';
import { createBuildContext } from './build-context.js';
import { lockedStats, lockTexts, resolvePrepared } from './resolve.js';
import { inputsFingerprint, keepResolution, reusableResolution } from './resolution-reuse.js';
import { prepare, type Prepared, type PrepareOptions } from './prepare.js';
import { PhaseTimer, type PhaseTiming } from './phase-timer.js';
import { TrackedCaches } from './tracked-caches.js';
import { isDangerousWheelhouse } from './wheelhouse-guard.js';
import { WheelhouseSession } from './wheelhouse-session.js';

import {
  LOCK_FILENAME,
  PYLOCK_FILENAME,
  REPORT_FILENAME,
  RUN_LOCK_FILENAME,
  WHEELHOUSE_OUTPUTS,
} from './wheelhouse-files.js';

export { LOCK_FILENAME, REPORT_FILENAME, PYLOCK_FILENAME, WHEELHOUSE_OUTPUTS };

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
  lockFile: string;
  reportFile: string;
  pylockFile: string;
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

export async function runFetch(o: FetchOptions): Promise<FetchResult> {
  const timer = new PhaseTimer();
  const logger = o.logger;
  const wheelhouse = resolvePath(o.cwd ?? process.cwd(), o.wheelhouse);
  if (isDangerousWheelhouse(wheelhouse, { cwd: o.cwd ?? process.cwd(), env: o.env ?? {} })) {
    throw new FlowInputError(
      `wheelhouse ${wheelhouse} is the working, workspace or home directory; wheelhouse deletes files there that are not part of the resolution, so give it a directory of its own`,
    );
  }
  const prepared = await timer.time('read', () => prepare(o));
  const session = new WheelhouseSession(wheelhouse, {
    clean: o.clean ?? false,
    logger,
    ...(o.lockTimeoutMs !== undefined ? { lockTimeoutMs: o.lockTimeoutMs } : {}),
  });
  await session.check();
  try {
    return await fetchInto(o, prepared, session, timer);
  } finally {
    await session.close();
  }
}

async function fetchInto(
  o: FetchOptions,
  prepared: Prepared,
  session: WheelhouseSession,
  timer: PhaseTimer,
): Promise<FetchResult> {
  const logger = o.logger;
  const wheelhouse = session.dir;
  // From here on the wheelhouse must not look complete until this run has finished it.
  await session.open();

  // Before anything is restored: a stamp file a cache entry brings along is never read.
  const stamps = new FileStamps({
    ...(o.stampStore !== undefined ? { store: o.stampStore } : {}),
    ...(o.hashFile !== undefined ? { hash: o.hashFile } : {}),
  });
  await stamps.loadDir(wheelhouse);
  const findLinksDirs = localFindLinksDirs(prepared.finder.findLinks, o.cwd ?? process.cwd()).filter(
    (dir) => dir !== wheelhouse,
  );
  for (const dir of findLinksDirs) await stamps.loadDir(dir);
  // What this machine's earlier runs received (pages, METADATA), kept beside the stamps.
  const records =
    o.stampStore !== undefined ? await loadReceivedRecords(o.stampStore, wheelhouse) : emptyRecords();
  const caches = new TrackedCaches(
    join(o.stateDir, 'metadata'),
    join(o.stateDir, 'pages'),
    wheelhouse,
    // Pages no later run could use after a restore (an opaque ETag…) are not carried in the entry
    // even with records: the records vouch only for bytes the next run still finds.
    undefined,
    records,
  );
  // The previous resolution of this wheelhouse, when the inputs are the same and every page it
  // looked at is still fresh by this machine's records (resolution-reuse.ts).
  const fingerprint =
    o.stampStore !== undefined ? await inputsFingerprint(prepared, findLinksDirs) : undefined;
  const reused =
    o.stampStore !== undefined && fingerprint !== undefined
      ? await reusableResolution(o.stampStore, wheelhouse, fingerprint, records.pages, Date.now())
      : undefined;
  const builds = new DirBuiltWheelStore(join(o.stateDir, 'builds'));
  // A backend a fleet shares (S3) also shares built wheels by build key, beyond the restored entry.
  const sharedBuilds = o.cache?.backend.builtWheels;
  const buildStore =
    sharedBuilds === undefined ? builds : new SharedBuiltWheelStore(builds, sharedBuilds, o.logger);
  const cachePaths = [wheelhouse, caches.metadataDir, caches.pagesDir, builds.dir];
  const prefix = cacheKeyPrefix(prepared.detected.cacheKeyTarget, o.cache?.suffix);
  let matchedKey: string | undefined;
  if (o.cache !== undefined) {
    const backend = o.cache.backend;
    const restored = await timer.time('restore', async () => {
      await session.ensure();
      for (const p of cachePaths) await mkdir(p, { recursive: true });
      // The manifest marks the wheelhouse for the backend: restored only through the entry's own.
      await session.open();
      if (reused !== undefined) {
        // The resolution is known: its own entry, and of it only the wheelhouse (no page or
        // METADATA will be read). Without that entry, the usual restore by prefix follows.
        const own = cacheKey(reused.resolution, prepared.detected.cacheKeyTarget, o.cache?.suffix).key;
        const exact = await backend.restore(cachePaths, own, [], { stamps, only: [0] });
        if (exact.exact) return exact;
      }
      return backend.restore(cachePaths, prefix, [prefix], { stamps });
    });
    matchedKey = restored.matchedKey;
    if (matchedKey === undefined) logger.info(`no cache entry starts with ${prefix}`);
    // A restored entry brings the lock and manifest of its own resolution.
    await session.open();
  }

  const downloadsDir = join(o.stateDir, 'downloads');
  const build = createBuildContext({ prepared, env: o.env ?? process.env, cwd: o.cwd ?? process.cwd() });
  const http =
    o.http ??
    createHttpClient({
      logger,
      maxConnectionsPerHost: o.concurrency ?? DEFAULT_CONCURRENCY,
      ...(o.env !== undefined ? { env: o.env } : {}),
      namedIndexes: prepared.finder.namedIndexes,
    });
  try {
    const { resolution, stats, fetcher } = await timer.time('resolve', async () => {
      await mkdir(downloadsDir, { recursive: true });
      if (reused !== undefined) {
        logger.info(
          `inputs unchanged and every page fresh: the previous resolution of ${reused.resolution.packages.length} packages is used as it is`,
        );
        return { resolution: reused.resolution, stats: lockedStats(reused.resolution.packages.length) };
      }
      return resolvePrepared({
        prepared,
        http,
        logger,
        pageCache: caches.pages,
        metadataCache: caches.metadata,
        downloadDir: downloadsDir,
        build,
        digest: stamps.digest,
      });
    });
    // A reused resolution read no cached page or METADATA: nothing is pruned for it.
    const removedFromCaches = reused !== undefined ? 0 : await caches.pruneUnused();
    if (removedFromCaches > 0) logger.debug(`dropped ${removedFromCaches} unused metadata/page cache files`);

    const key = cacheKey(resolution, prepared.detected.cacheKeyTarget, o.cache?.suffix);
    if (o.cache !== undefined && matchedKey !== key.key) {
      // The newest entry of the target was not this resolution's (another branch, an older pin
      // set…): an entry for exactly this resolution may still exist. Asking costs one lookup;
      // finding it saves downloads and the post-step save.
      const backend = o.cache.backend;
      const exact = await timer.time('restore', () => backend.restore(cachePaths, key.key, [], { stamps }));
      if (exact.exact) matchedKey = key.key;
      await session.open();
    }
    const cacheHit = matchedKey !== undefined && matchedKey === key.key;
    logger.info(`cache key ${key.key}${cacheHit ? ' (exact hit)' : ''}`);

    const resolvedSdists = resolution.packages.filter((p) => p.file.kind === 'sdist');
    let builtWheels: BuildSummary | undefined;
    // A lock file input has no fetcher of its own: sdists are then downloaded by a fresh one.
    const sdistSource = fetcher ?? createMetadataFetcher({ http, logger, downloadDir: downloadsDir });
    if (resolvedSdists.length > 0) {
      builtWheels = await timer.time('build', () =>
        buildSdists(
          resolvedSdists.map((p) => ({
            project: p.name,
            version: p.version,
            filename: p.file.filename,
            sha256: p.file.sha256,
          })),
          {
            target: build.target,
            store: buildStore,
            interpreter: () => build.interpreter(),
            frontend: (i) => build.frontend(i),
            // The sdist, sha256-verified, reusing a download made while resolving.
            sdistPath: async (s) => {
              const pkg = resolvedSdists.find(
                (p) => p.file.filename === s.filename,
              ) as (typeof resolvedSdists)[0];
              return (await sdistSource.wholeFile(asDistFile(pkg.name, pkg.file))).path;
            },
            workDir: downloadsDir,
            logger,
            concurrency: build.slots,
          },
        ),
      );
    }
    const removedBuilds = await builds.pruneUnused();
    if (removedBuilds > 0) logger.debug(`dropped ${removedBuilds} unused built wheel(s) from the cache`);
    const builtByWheel = new Map(
      [...(builtWheels?.outcomes.values() ?? [])].map((b) => [b.wheel.filename, b] as const),
    );
    // From here on the wheelhouse holds the built wheels in place of their sdists.
    const housed = withBuiltWheels(
      resolution,
      new Map([...(builtWheels?.outcomes ?? new Map())].map(([sdist, b]) => [sdist, b.wheel] as const)),
    );

    const verified = await timer.time('verify', async () => {
      await session.ensure();
      // Every file this run may write, recorded before it is written: an interrupted run leaves
      // a directory the next run can prove is its own.
      await session.open(manifestFor(housed).files);
      return verifyWheelhouse(wheelhouse, housed, {
        logger,
        concurrency: 4,
        keep: [...WHEELHOUSE_OUTPUTS, RUN_LOCK_FILENAME],
        deletable: (name) => !session.claim.foreign.has(name),
        digest: stamps.digest,
      });
    });
    const poisoned = verified.removed.filter((r) => r.reason === 'hash-mismatch');
    if (poisoned.length > 0) {
      logger.warn(
        `${poisoned.length} file(s) in the restored wheelhouse had the wrong sha256 and will be downloaded again: ${poisoned.map((p) => p.filename).join(', ')}`,
      );
    }

    const packageOf = new Map(housed.packages.map((p) => [p.file.filename, p]));
    const announce = (file: ResolvedFile, path: string): void => {
      const pkg = packageOf.get(file.filename);
      if (pkg === undefined || o.onWheelReady === undefined) return;
      const verified = stamps.hashedThisRun(path);
      o.onWheelReady(verified !== undefined ? { pkg, path, verified } : { pkg, path });
    };
    for (const file of verified.valid) announce(file, join(wheelhouse, file.filename));
    const summary: DownloadSummary = await timer.time('download', () =>
      downloadAll(verified.missing, {
        http,
        dest: wheelhouse,
        concurrency: o.concurrency ?? DEFAULT_CONCURRENCY,
        logger,
        reuse: (file) => {
          const built = builtByWheel.get(file.filename);
          if (built !== undefined) return built.wheel.path;
          const pkg = resolution.packages.find((p) => p.file.filename === file.filename);
          const fetched = pkg === undefined ? undefined : fetcher?.downloadedPath(asDistFile(pkg.name, file));
          return fetched ?? o.wheelStore?.lookup(file);
        },
        ...(o.onProgress ? { onProgress: o.onProgress } : {}),
        ...(o.onWheelReady ? { onFileReady: announce } : {}),
        stamps,
      }),
    );

    if (o.wheelStore !== undefined) {
      const byName = new Map(verified.missing.map((f) => [f.filename, f]));
      const fresh = summary.files
        .filter((f) => f.outcome === 'downloaded')
        .map((f) => ({ file: byName.get(f.filename) as ResolvedFile, path: f.path }))
        .filter((x) => x.file !== undefined);
      const added = await o.wheelStore.add(fresh);
      if (added > 0) logger.info(`stored ${added} new wheel(s) in the runner tool cache`);
    }

    const files = await timer.time('write', async () => {
      const lockFile = join(wheelhouse, LOCK_FILENAME);
      const reportFile = join(wheelhouse, REPORT_FILENAME);
      const pylockFile = join(wheelhouse, PYLOCK_FILENAME);
      const texts = lockTexts(housed, prepared);
      await writeFileAtomic(lockFile, texts.lock);
      await writeFileAtomic(reportFile, texts.report);
      await writeFileAtomic(pylockFile, texts.pylock);
      // Stamps of the files this run verified, for the next run (not part of completeness); also
      // those of local find-links directories (kept in the store, nothing written there).
      try {
        await stamps.saveDir(wheelhouse, (name) => packageOf.has(name));
        for (const dir of findLinksDirs) await stamps.saveDir(dir, () => true);
        // A reused resolution changed no record (and used none through the caches): both stay.
        if (o.stampStore !== undefined && reused === undefined) {
          await saveReceivedRecords(
            o.stampStore,
            wheelhouse,
            records,
            caches.pageUsed,
            caches.metadataUsedFor,
          );
          await keepResolution(
            o.stampStore,
            wheelhouse,
            fingerprint,
            caches.pagesLookedUp,
            records.pages,
            resolution,
          );
        }
      } catch (error) {
        logger.debug(`stamps not written: ${(error as Error).message}`);
      }
      // Bounded pruning of the store (files of directories that are gone or unused for 30 days).
      if (o.stampStore !== undefined) {
        try {
          const pruned = await pruneStampStore(o.stampStore);
          if (pruned.removed.length > 0) {
            logger.debug(
              `stamp store: removed ${pruned.removed.length} file(s) of gone or unused directories`,
            );
          }
        } catch (error) {
          logger.debug(`stamp store not pruned: ${(error as Error).message}`);
        }
      }
      // Last: the complete manifest marks the wheelhouse finished.
      await writeManifest(wheelhouse, manifestFor(housed));
      return { lockFile, reportFile, pylockFile };
    });

    logger.debug(
      `phases: ${timer.timings.map((t) => `${t.phase} ${t.ms} ms`).join(', ')}; local files hashed ${stamps.counts.hashed}, known by their stamps ${stamps.counts.trusted}`,
    );
    const outcomeByFile = new Map(summary.files.map((f) => [f.filename, f]));
    const packages: FetchedPackage[] = housed.packages.map((pkg) => {
      const got = outcomeByFile.get(pkg.file.filename);
      const built = builtByWheel.get(pkg.file.filename);
      const source: PackageSource =
        built?.source === 'built'
          ? 'built'
          : got === undefined
            ? matchedKey !== undefined
              ? 'cache'
              : 'present'
            : got.outcome === 'downloaded'
              ? 'downloaded'
              : got.outcome === 'reused'
                ? 'reused'
                : 'present';
      const size = pkg.file.size ?? got?.size;
      return {
        name: pkg.name,
        version: pkg.version,
        filename: pkg.file.filename,
        ...(size !== undefined ? { size } : {}),
        source,
        metadataPath: pkg.metadataPath,
        ...(pkg.builtFrom !== undefined ? { builtFrom: pkg.builtFrom.filename } : {}),
      };
    });
    return {
      prepared,
      resolution: housed,
      resolveStats: stats,
      key,
      ...(matchedKey !== undefined ? { matchedKey } : {}),
      cacheHit,
      cachePaths,
      wheelhouse,
      ...files,
      packages,
      downloaded: summary.downloaded,
      downloadedBytes: summary.downloadedBytes,
      // A wheel built in this run and placed into the wheelhouse counts as built, not reused.
      reused:
        verified.valid.length +
        summary.reused +
        summary.skipped -
        summary.files.filter(
          (f) => f.outcome === 'reused' && builtByWheel.get(f.filename)?.source === 'built',
        ).length,
      built: builtWheels?.built ?? 0,
      builtFromCache: builtWheels?.stored ?? 0,
      removed: verified.removed,
      foreign: [...session.claim.foreign].sort(),
      digests: { ...stamps.counts },
      ...(o.stampStore !== undefined ? { stampStore: o.stampStore } : {}),
      timings: timer.timings,
    };
  } finally {
    if (o.http === undefined) await http.close();
    await rm(downloadsDir, { recursive: true, force: true }).catch(() => {});
  }
}

/** The DistFile the metadata fetcher knew `file` by (it keys downloads on filename and sha256). */
function asDistFile(project: DistFile['project'], file: ResolvedFile): DistFile {
  return {
    project,
    filename: file.filename,
    url: file.url,
    redactedUrl: file.redactedUrl,
    hashes: { sha256: file.sha256 },
    yanked: false,
    coreMetadata: false,
    source: file.redactedUrl,
  };
}

/** The local directories among find-links locations (paths, or `file:` URLs), absolute. */
function localFindLinksDirs(locations: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const location of locations) {
    if (location.startsWith('file:')) {
      try {
        out.push(fileURLToPath(location));
      } catch {
        // not a local path: nothing to load
      }
    } else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
      out.push(resolvePath(cwd, location));
    }
  }
  return out;
}
