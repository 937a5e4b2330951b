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
 *
 * The phases live beside this file: fetch-types.ts (options and result), fetch-restore.ts (stamps,
 * records, reuse and the cache restore), fetch-build.ts (sdists → wheels), fetch-outputs.ts (lock,
 * report, pylock, stamps, manifest last; the per-package summary). This file runs them in order.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve as resolvePath } from 'node:path';
import { cacheKey } from '../cache/cache-key.js';
import { manifestFor, verifyWheelhouse } from '../cache/wheelhouse-manifest.js';
import { downloadAll, type DownloadSummary } from '../download/download-all.js';
import { localPathOf } from '../download/local-copy.js';
import { checkRangedMetadata } from './ranged-metadata-check.js';
import { createHttpClient } from '../index/http.js';
import type { ResolvedFile } from '../provider/resolution.js';
import { FlowInputError } from './flow-errors.js';
import { refuseForeignConflicts } from './foreign-conflicts.js';
import { createBuildContext } from './build-context.js';
import { asDistFile, buildPhase } from './fetch-build.js';
import { fetchedPackages, writeOutputs } from './fetch-outputs.js';
import { refuseLinkedStateDirs, restoreState, type RestoredState } from './fetch-restore.js';
import { DEFAULT_CONCURRENCY, type FetchOptions, type FetchResult } from './fetch-types.js';
import { lockedStats, resolvePrepared } from './resolve.js';
import { prepare, type Prepared } from './prepare.js';
import { PhaseTimer } from './phase-timer.js';
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
export {
  DEFAULT_CONCURRENCY,
  type FetchedPackage,
  type FetchOptions,
  type FetchResult,
  type PackageSource,
  type ReadyWheel,
  type WheelStore,
} from './fetch-types.js';

export async function runFetch(o: FetchOptions): Promise<FetchResult> {
  const timer = new PhaseTimer();
  const logger = o.logger;
  const wheelhouse = resolvePath(o.cwd ?? process.cwd(), o.wheelhouse);
  if (isDangerousWheelhouse(wheelhouse, { cwd: o.cwd ?? process.cwd(), env: o.env ?? {} })) {
    throw new FlowInputError(
      `wheelhouse ${wheelhouse} is, or contains, the working, workspace or home directory; wheelhouse deletes files there that are not part of the resolution, so give it a directory of its own`,
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
    const result = await fetchInto(o, prepared, session, timer);
    await o.whileHeld?.(result);
    return result;
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
  // From here on the wheelhouse must not look complete until this run has finished it.
  await session.open();

  const state = await restoreState(o, prepared, session, timer);
  let finished = false;
  try {
    const result = await fetchRestored(o, prepared, session, timer, state);
    finished = true;
    return result;
  } finally {
    // Wheels still being restored when the run ends early (a failed or unsatisfiable resolution,
    // any error): nothing more is started, requests in flight end, and the run does not leave
    // (unlock, clean up) before the restore stopped writing into the wheelhouse.
    state.pending?.cancel();
    await state.pending?.settled;
    // What it placed after this run opened the wheelhouse may include an entry's lock, report or
    // pylock (a cache is untrusted input): a failed run leaves none of them.
    if (!finished && state.pending !== undefined)
      await session
        .open()
        .catch((e: unknown) => o.logger.debug(`could not reopen ${session.dir}: ${String(e)}`));
  }
}

async function fetchRestored(
  o: FetchOptions,
  prepared: Prepared,
  session: WheelhouseSession,
  timer: PhaseTimer,
  state: RestoredState,
): Promise<FetchResult> {
  const logger = o.logger;
  const wheelhouse = session.dir;
  const { stamps, caches, reused, builds, buildStore, cachePaths } = state;
  let matchedKey = state.matchedKey;

  const downloadsDir = join(o.stateDir, 'downloads');
  const build = createBuildContext({
    prepared,
    env: o.env ?? process.env,
    cwd: o.cwd ?? process.cwd(),
    ...(o.probeCache !== undefined ? { probeCache: o.probeCache } : {}),
  });
  const http =
    o.http ??
    createHttpClient({
      logger,
      maxConnectionsPerHost: o.concurrency ?? DEFAULT_CONCURRENCY,
      ...(o.env !== undefined ? { env: o.env } : {}),
      namedIndexes: prepared.finder.namedIndexes,
      ...(prepared.configuredHosts !== undefined ? { configuredHosts: prepared.configuredHosts } : {}),
      ...prepared.http,
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
        ...(o.env !== undefined ? { env: o.env } : {}),
      });
    });
    if (state.pending !== undefined) {
      // The restore started before the resolution was known: what it has not started yet and
      // this resolution does not name is not fetched (a resolution with sdists names none of
      // their built wheels, so then everything is). Then it is waited for: from here on the
      // wheelhouse is this run's again.
      const pending = state.pending;
      if (!resolution.packages.some((p) => p.file.kind === 'sdist')) {
        const digests = new Set(resolution.packages.map((p) => p.file.sha256.toLowerCase()));
        pending.narrow((_name, sha256) => digests.has(sha256));
      }
      await timer.time('restore', () => pending.settled);
      await session.open();
    }
    // A reused resolution read no cached page or METADATA: nothing is pruned for it.
    const removedFromCaches = reused !== undefined ? 0 : await caches.pruneUnused();
    if (removedFromCaches > 0) logger.debug(`dropped ${removedFromCaches} unused metadata/page cache files`);

    const key = cacheKey(resolution, prepared.detected.cacheKeyTarget, o.cache?.suffix);
    if (o.cache !== undefined && matchedKey !== key.key) {
      // The newest entry of the target was not this resolution's (another branch, an older pin
      // set…): an entry for exactly this resolution may still exist. Asking costs one lookup;
      // finding it saves downloads and the post-step save.
      const backend = o.cache.backend;
      const exact = await timer.time('restore', () =>
        backend.restore(cachePaths, key.key, [], {
          stamps,
          foreign: session.claim.foreign,
          // Listed before placed: a run killed mid-restore leaves no unlisted file (review 15b F7).
          beforePlacing: (files) => session.open(files),
        }),
      );
      if (exact.exact) matchedKey = key.key;
      await refuseLinkedStateDirs(cachePaths.slice(1), logger);
      await session.open();
    }
    const cacheHit = matchedKey !== undefined && matchedKey === key.key;
    logger.info(`cache key ${key.key}${cacheHit ? ' (exact hit)' : ''}`);
    // An entry will be saved (save.ts: not for an exact hit): it reads the cache directories, so
    // the restored METADATA and pages still held in memory go there now. An exact hit leaves them
    // unwritten: no file created for them (tracked-caches.ts `held`).
    if (o.cache !== undefined && !cacheHit) {
      const written = await caches.writeHeld();
      if (written > 0) logger.debug(`wrote ${written} restored metadata/page cache files`);
    }

    const { builtWheels, builtByWheel, housed } = await buildPhase({
      resolution,
      fetcher,
      http,
      logger,
      downloadsDir,
      build,
      buildStore,
      builds,
      timer,
    });

    const verified = await timer.time('verify', async () => {
      await refuseForeignConflicts(wheelhouse, housed, session.claim.foreign, stamps.digest);
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
    if (verified.notOwned.length > 0) {
      const names = verified.notOwned.map((f) => f.filename).join(', ');
      throw new FlowInputError(
        `the wheelhouse ${wheelhouse} holds ${names}, which wheelhouse did not write, under the name of a file of the resolution but with other contents: nothing was replaced; move it away or use another wheelhouse directory`,
      );
    }
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
        // Only for a consumer that reads the files (the native installer): see fetch-types.ts.
        // Only when every file of the resolution is a local find-links file: a resolution that also
        // needs the index keeps a complete wheelhouse, so its cache entry (pages, metadata, the
        // remote wheels) is saved as before.
        ...(o.inPlace === true &&
        o.onWheelReady &&
        housed.packages.every((p) => localPathOf(p.file.url) !== undefined)
          ? { inPlace: true }
          : {}),
        stamps,
      }),
    );

    // METADATA read over ranges against the verified wheels' own (review 14b #5).
    await timer.time('verify', () =>
      checkRangedMetadata(
        housed.packages,
        wheelhouse,
        (sha256) => caches.metadata.forget?.(sha256),
        // A file used where it is (`inPlace`) is read there.
        new Map(summary.files.filter((f) => f.outcome === 'in-place').map((f) => [f.filename, f.path])),
      ),
    );

    // Never a file in place (outcome `in-place`): the store copies what it is given, and the user's
    // file is trusted only through the installer's descriptor check.
    if (o.wheelStore !== undefined) {
      const byName = new Map(verified.missing.map((f) => [f.filename, f]));
      const fresh = summary.files
        .filter((f) => f.outcome === 'downloaded')
        .map((f) => ({ file: byName.get(f.filename) as ResolvedFile, path: f.path }))
        .filter((x) => x.file !== undefined);
      const added = await o.wheelStore.add(fresh);
      if (added > 0) logger.info(`stored ${added} new wheel(s) in the runner tool cache`);
    }

    const files = await timer.time('write', () =>
      writeOutputs(
        o,
        wheelhouse,
        state,
        prepared,
        resolution,
        housed,
        (name) => packageOf.has(name),
        session.claim.foreign,
        summary.inPlace === 0,
      ),
    );

    logger.debug(
      `phases: ${timer.timings.map((t) => `${t.phase} ${t.ms} ms`).join(', ')}; local files hashed ${stamps.counts.hashed}, known by their stamps ${stamps.counts.trusted}; find-links files copied in without a second hash ${summary.copiedLocal}, read where they are ${summary.inPlace}`,
    );
    const packages = fetchedPackages(housed, summary, builtByWheel, matchedKey);
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
      inPlace: summary.inPlace,
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
