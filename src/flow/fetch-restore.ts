/**
 * The fetch flow's first phase (fetch.ts): the state a run starts from. Loads the verified-file
 * stamps of the wheelhouse and of local find-links directories (before anything is restored, so a
 * stamp file a cache entry brings along is never read), the records of pages and METADATA this
 * machine received, the previous resolution when it can be reused as it is (resolution-reuse.ts),
 * and restores the newest cache entry of the target (restore prefix) — or, for a reused
 * resolution, only the wheelhouse of its own entry. A backend that can (S3) answers once the page
 * and METADATA caches are in place and keeps fetching the entry's wheels in the background
 * (`pending`), overlapping them with the resolution.
 */
import { mkdir, realpath } from 'node:fs/promises';
import { join, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PendingRestore } from '../cache/backend.js';
import { cacheKey, cacheKeyPrefix } from '../cache/cache-key.js';
import { FileStamps } from '../cache/file-stamps.js';
import type { WheelhouseManifest } from '../cache/wheelhouse-manifest.js';
import { emptyRecords, loadReceivedRecords, type ReceivedRecords } from '../cache/received-records.js';
import { DirBuiltWheelStore, type BuiltWheelStore } from '../build/built-wheel-store.js';
import { SharedBuiltWheelStore } from '../build/shared-built-wheels.js';
import type { FetchOptions } from './fetch-types.js';
import { inputsFingerprint, reusableResolution } from './resolution-reuse.js';
import type { Prepared } from './prepare.js';
import type { PhaseTimer } from './phase-timer.js';
import type { Logger } from '../util/logger.js';
import { setAsideUnlessPlain } from '../util/plain-dir.js';
import { TrackedCaches } from './tracked-caches.js';
import type { WheelhouseSession } from './wheelhouse-session.js';

/** What the restore phase leaves for the rest of the run. */
export interface RestoredState {
  stamps: FileStamps;
  /** Local find-links directories other than the wheelhouse, absolute. */
  findLinksDirs: string[];
  records: ReceivedRecords;
  caches: TrackedCaches;
  fingerprint: Awaited<ReturnType<typeof inputsFingerprint>> | undefined;
  /** The previous resolution of this wheelhouse, when it is used as it is. */
  reused: Awaited<ReturnType<typeof reusableResolution>>;
  builds: DirBuiltWheelStore;
  buildStore: BuiltWheelStore;
  /** What save.ts saves, in this order. */
  cachePaths: string[];
  /** The entry restored (exact or by prefix), if any. */
  matchedKey: string | undefined;
  /**
   * The wheelhouse's files still being restored while the resolution runs (restored by prefix
   * from a backend that can defer them, the S3 store): fetch.ts narrows it to the resolution and
   * settles it before the wheelhouse is touched again, on every path out of the run.
   */
  pending: PendingRestore | undefined;
}

export async function restoreState(
  o: FetchOptions,
  prepared: Prepared,
  session: WheelhouseSession,
  timer: PhaseTimer,
): Promise<RestoredState> {
  const logger = o.logger;
  const wheelhouse = session.dir;
  // Before anything is restored: a stamp file a cache entry brings along is never read.
  const stamps = new FileStamps({
    ...(o.stampStore !== undefined ? { store: o.stampStore } : {}),
    ...(o.hashFile !== undefined ? { hash: o.hashFile } : {}),
  });
  await stamps.loadDir(wheelhouse);
  const localLinks = localFindLinksDirs(prepared.finder.findLinks, o.cwd ?? process.cwd());
  const findLinksDirs = localLinks.filter((dir) => dir !== wheelhouse);
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
    (message) => logger.warn(message),
  );
  // The previous resolution of this wheelhouse, when the inputs are the same and every page it
  // looked at is still fresh by this machine's records (resolution-reuse.ts).
  // A wheelhouse that is itself a find-links location is read by pip afresh every run (its
  // PackageFinder lists the directory and picks the best candidate of all locations): a wheel the
  // user drops there is an input the fingerprint cannot see (the wheelhouse's own files change every
  // run), so such a run resolves again (review 15b F9).
  const linksAreWheelhouse = await sameDirAsAny(localLinks, wheelhouse);
  const fingerprint =
    o.stampStore !== undefined && !linksAreWheelhouse
      ? await inputsFingerprint(prepared, findLinksDirs)
      : undefined;
  const reused =
    o.stampStore !== undefined && fingerprint !== undefined
      ? await reusableResolution(o.stampStore, wheelhouse, fingerprint, records.pages, Date.now())
      : undefined;
  const builds = new DirBuiltWheelStore(join(o.stateDir, 'builds'), (message) => logger.warn(message));
  // A backend a fleet shares (S3) also shares built wheels by build key, beyond the restored entry.
  const sharedBuilds = o.cache?.backend.builtWheels;
  const buildStore =
    sharedBuilds === undefined ? builds : new SharedBuiltWheelStore(builds, sharedBuilds, o.logger);
  const cachePaths = [wheelhouse, caches.metadataDir, caches.pagesDir, builds.dir];
  const prefix = cacheKeyPrefix(prepared.detected.cacheKeyTarget, o.cache?.suffix);
  let matchedKey: string | undefined;
  let pending: PendingRestore | undefined;
  if (o.cache !== undefined) {
    const backend = o.cache.backend;
    const restored = await timer.time('restore', async () => {
      await session.ensure();
      for (const p of cachePaths) await mkdir(p, { recursive: true });
      // A find-links location in the wheelhouse is listed by the resolution: its wheels must all
      // be there before it starts, or what it finds would depend on when the restore placed them.
      // (Checked once the wheelhouse exists, so that symbolic links on either side resolve.)
      const linksReadWheelhouse = await anyInside(localLinks, wheelhouse);
      // The manifest marks the wheelhouse for the backend: restored only through the entry's own.
      await session.open();
      // What the backend is about to place is listed first: a run killed mid-restore leaves only
      // files this wheelhouse's manifest lists, the next run's own (review 15b F7).
      const beforePlacing = (files: WheelhouseManifest['files']): Promise<void> => session.open(files);
      if (reused !== undefined) {
        // The resolution is known: its own entry, and of it only the wheelhouse (no page or
        // METADATA will be read). Without that entry, the usual restore by prefix follows.
        const own = cacheKey(reused.resolution, prepared.detected.cacheKeyTarget, o.cache?.suffix).key;
        const exact = await backend.restore(cachePaths, own, [], {
          stamps,
          only: [0],
          foreign: session.claim.foreign,
          beforePlacing,
        });
        if (exact.exact) return exact;
      }
      // The resolution needs the entry's page and METADATA caches, not its wheels: those may
      // still arrive while it runs (`pending`).
      return backend.restore(cachePaths, prefix, [prefix], {
        stamps,
        foreign: session.claim.foreign,
        beforePlacing,
        held: caches.held,
        ...(linksReadWheelhouse ? {} : { deferred: [0] }),
      });
    });
    matchedKey = restored.matchedKey;
    pending = restored.pending;
    await refuseLinkedStateDirs(cachePaths.slice(1), logger);
    // Cached METADATA checked against a wheel of the wheelhouse waits for that wheel to arrive.
    const restoring = pending;
    if (restoring !== undefined) caches.waitForLocalCopies((path) => restoring.fileSettled(path));
    if (matchedKey === undefined) logger.info(`no cache entry starts with ${prefix}`);
    // A restored entry brings the lock and manifest of its own resolution (once it is all there:
    // with wheels pending, fetch.ts does this after settling them).
    if (pending === undefined) await session.open();
  }
  return {
    stamps,
    findLinksDirs,
    records,
    caches,
    fingerprint,
    reused,
    builds,
    buildStore,
    cachePaths,
    matchedKey,
    pending,
  };
}

/**
 * After a restore: a state directory (metadata, pages, builds) that the entry replaced with
 * anything but a real directory — the Actions cache's tar restores a symbolic link as saved — is
 * set aside and an empty one made, so that no read, write or pruning of this run acts through it
 * (util/plain-dir.ts `setAsideUnlessPlain`; what was there is kept, renamed, never deleted).
 */
export async function refuseLinkedStateDirs(dirs: readonly string[], logger: Logger): Promise<void> {
  for (const dir of dirs) {
    const aside = await setAsideUnlessPlain(dir);
    if (aside !== undefined)
      logger.warn(
        `${dir} from the cache entry is not a plain directory (a symbolic link?): set aside as ${aside}, not used`,
      );
  }
}

/** The local directories among find-links locations (paths, or `file:` URLs), absolute. */
export function localFindLinksDirs(locations: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const location of locations) {
    if (location.startsWith('file:')) {
      try {
        out.push(resolvePath(fileURLToPath(location)));
      } catch {
        // not a local path: nothing to load
      }
    } else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
      out.push(resolvePath(cwd, location));
    }
  }
  return out;
}

/** Whether one of `paths` is `dir` or lies inside it, by name or through symbolic links. */
/** Whether one of `paths` names the directory `dir` (as given, or through symbolic links). */
async function sameDirAsAny(paths: readonly string[], dir: string): Promise<boolean> {
  const real = (p: string): Promise<string> => realpath(p).catch(() => resolvePath(p));
  const names = new Set([resolvePath(dir), await real(dir)]);
  for (const p of paths) if (names.has(resolvePath(p)) || names.has(await real(p))) return true;
  return false;
}

async function anyInside(paths: readonly string[], dir: string): Promise<boolean> {
  const real = (p: string): Promise<string> => realpath(p).catch(() => resolvePath(p));
  const roots = [resolvePath(dir), await real(dir)];
  for (const p of paths) {
    for (const candidate of [resolvePath(p), await real(p)]) {
      if (roots.some((root) => candidate === root || candidate.startsWith(root + sep))) return true;
    }
  }
  return false;
}
