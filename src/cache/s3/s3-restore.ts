/**
 * Restoring one entry of the store (s3-entry.ts) into the run's paths: every file the destination
 * lacks (by name and sha256) is fetched, verified and placed (s3-objects.ts, s3-fetch.ts); a path's
 * small files come as one pack (s3-pack.ts). All paths share one queue of `concurrency` requests:
 * the packs first (one GET each, then hundreds of small writes while the wheels stream), then the
 * files largest first, so the last requests in flight are small ones and the connections stay busy
 * to the end. The wheelhouse's manifest then lists the wheels placed.
 *
 * Deferred paths (the wheelhouse, while the flow resolves: src/flow/fetch-restore.ts) are queued
 * after the others; restoreEntry answers once the others are settled and hands back the rest as
 * `background`: `narrow` skips files not started yet that the resolution does not name, `cancel`
 * aborts the requests in flight (their temporary files removed) and starts nothing more,
 * `fileSettled` moves a file someone waits for to the front (s3-restore-queue.ts), `settled`
 * resolves once nothing runs any more and the manifest lists what was placed.
 *
 * Every failure is confined: a rejected or missing object is one warning and that file comes from
 * the index; a store that stopped answering (s3-client.ts STORE_UNRESPONSIVE) is one warning for
 * everything it did not deliver.
 */
import { setMaxListeners } from 'node:events';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { unsafeFilenameReason } from '../../index/dist-filename-check.js';
import { fileSha256 } from '../../util/file-sha256.js';
import { plainDirUnder } from '../../util/plain-dir.js';
import { RestoreQueue } from './s3-restore-queue.js';
import type { HeldFiles } from '../../util/held-files.js';
import type { Logger } from '../../util/logger.js';
import { errorMessage, type RestoreOptions } from '../backend.js';
import { MANIFEST_FILENAME } from '../wheelhouse-manifest.js';
import { runOwnedReason } from '../run-owned-names.js';
import { tempSiblingName } from '../temp-names.js';
import { isStoreUnresponsive } from './s3-error.js';
import {
  MAX_ENTRY_FILES,
  SHA256_HEX,
  unsafeRelativeName,
  type EntryFile,
  type StoreEntry,
} from './s3-entry.js';
import type { S3Objects } from './s3-objects.js';
import { PACK_NAME, packRefProblem, unpack, type PackRef } from './s3-pack.js';
import { listBeforeFetching } from './s3-restore-listing.js';

export interface RestoreCounts {
  /** Files placed. */
  files: number;
  /** Files listed but not placed (rejected, missing, or the store stopped answering). */
  rejected: number;
  /** Files of deferred paths not fetched: not needed by the resolution (narrow), or cancelled. */
  skipped?: number;
}

/** The files of deferred paths still being fetched when restoreEntry answered. */
export interface BackgroundRestore {
  /** Files queued in the background when restoreEntry answered. */
  readonly queued: number;
  narrow(keep: (name: string, sha256: string) => boolean): void;
  cancel(): void;
  /** See PendingRestore.fileSettled (backend.ts); `path` is the file's destination. */
  fileSettled(path: string): Promise<void>;
  /** The background's counts, once nothing runs any more and the manifest lists what it placed. */
  readonly settled: Promise<RestoreCounts>;
}

/** Requests one job may have in flight at once: a large object's ranges (s3-objects.ts PART_CONCURRENCY), with room to spare. */
const PARTS_IN_FLIGHT = 8;

type Job = { deferred: boolean } & (
  | { kind: 'file'; index: number; name: string; file: EntryFile; path: string }
  | { kind: 'pack'; pack: PackRef; dst: string; members: Set<string> }
);

/**
 * Restores `entry` into `paths`. With `deferred`, the files of those paths are queued after all
 * the others and may still be in flight when this answers (`background`): it answers once the
 * other paths' files are settled. Nothing of the background runs after its `settled` resolved.
 */
export async function restoreEntry(
  objects: S3Objects,
  entry: StoreEntry,
  paths: string[],
  options: RestoreOptions & { concurrency: number; logger: Logger },
): Promise<RestoreCounts & { background?: BackgroundRestore }> {
  const logger = options.logger;
  const wanted = (i: number): boolean =>
    i < paths.length && (options.only === undefined || options.only.includes(i));
  const deferred = (i: number): boolean => options.deferred?.includes(i) === true;
  // What each path holds at its top: a file whose first name segment is not there is not present
  // (a runner with an empty disk: one look per path instead of one per file).
  const tops = await Promise.all(paths.map(async (p) => new Set(await readdir(p).catch(() => []))));
  const mayHave = (i: number, name: string): boolean => tops[i]?.has(name.split('/')[0]!) === true;
  const files: Job[] = [];
  for (const [i, listed] of entry.paths.entries())
    if (wanted(i))
      files.push(
        ...(await missingFiles(objects, listed ?? {}, i, paths[i]!, mayHave, options)).map((job) => ({
          ...job,
          deferred: deferred(i),
        })),
      );
  const packs: Job[] = [];
  for (const pack of (Array.isArray(entry.packs) ? entry.packs : []).slice(0, entry.paths.length)) {
    const problem = packRefProblem(pack, entry.paths.length);
    if (problem !== undefined) {
      logger.warn(`S3 cache entry ${entry.key}: a pack ignored (${problem})`);
      continue;
    }
    if (!wanted(pack.path)) continue;
    const dst = paths[pack.path]!;
    const members = new Set<string>();
    for (const [name, sha256] of pack.files)
      if (
        !mayHave(pack.path, name) ||
        !(await presentWith(join(dst, ...name.split('/')), sha256, fileSha256))
      )
        members.add(name);
      else objects.stats.reused++;
    if (members.size > 0) packs.push({ kind: 'pack', pack, dst, members, deferred: deferred(pack.path) });
  }
  files.sort((a, b) => (b.kind === 'file' ? b.file.size : 0) - (a.kind === 'file' ? a.file.size : 0));
  // The paths needed first, then the deferred ones; within each, packs then files largest first.
  const queue = [...packs, ...files].sort((a, b) => Number(a.deferred) - Number(b.deferred));

  const counts = { now: { files: 0, rejected: 0, skipped: 0 }, later: { files: 0, rejected: 0, skipped: 0 } };
  const placedWheels: Record<string, EntryFile> = {};
  // Whether a directory of a state path is a chain of real directories (plainDirUnder), by path.
  const plainDirChecks = new Map<string, Promise<boolean>>();
  const plainDirs = (root: string, dir: string): Promise<boolean> => {
    let ok = plainDirChecks.get(dir);
    if (ok === undefined) plainDirChecks.set(dir, (ok = plainDirUnder(root, dir)));
    return ok;
  };
  let unanswered = 0;
  let unansweredWhy = '';
  const failed = (error: unknown, what: string, count: number, job: Job): void => {
    counts[job.deferred ? 'later' : 'now'].rejected += count;
    if (isStoreUnresponsive(error)) {
      if (unanswered === 0) unansweredWhy = errorMessage(error);
      unanswered += count;
    } else logger.warn(`S3 cache: ${what} not restored: ${errorMessage(error)}`);
  };
  // The background: stopped by cancel(), thinned by narrow(); only deferred jobs look at either.
  const stop = new AbortController();
  // Every deferred request in flight listens on this one signal until it ends: `concurrency` jobs,
  // each with at most PARTS_IN_FLIGHT requests (the ranges of a large object). Past Node's default
  // of 10 listeners, every warm run printed a MaxListenersExceededWarning ("possible EventTarget
  // memory leak") on stderr; the bound stays, so a real leak is still reported.
  setMaxListeners(Math.max(10, options.concurrency * PARTS_IN_FLIGHT), stop.signal);
  let keep: (name: string, sha256: string) => boolean = () => true;
  let nowLeft = queue.filter((j) => !j.deferred).length;
  let nowDone!: () => void;
  const nowSettled = new Promise<void>((resolve) => (nowDone = resolve));
  if (nowLeft === 0) nowDone();
  const madeDirs = new Set<string>();
  const run = async (job: Job): Promise<void> => {
    const count = counts[job.deferred ? 'later' : 'now'];
    if (job.kind === 'pack') {
      try {
        const n = await restorePack(objects, job.pack, job.dst, job.members, options.held);
        if (n === undefined) count.rejected += job.members.size;
        else count.files += n;
      } catch (error) {
        failed(error, `the pack of ${job.members.size} file(s) for ${job.dst}`, job.members.size, job);
      }
      return;
    }
    if (job.deferred && (stop.signal.aborted || !keep(job.name, job.file.sha256))) {
      count.skipped++;
      return;
    }
    // A wheel fetched here is stamped with the digest computed while it was written, so the
    // wheelhouse verification that follows does not read it again.
    const stamps = job.index === 0 ? options.stamps : undefined;
    try {
      // A state path's file (not in a pack: too big, or past the pack budget) is written only
      // through real directories, as restorePack's members are (review 14c F2): a link planted
      // below the runner's directory is never written through.
      if (job.index > 0 && !(await plainDirs(paths[job.index]!, dirname(job.path)))) {
        logger.debug(`S3 cache: ${job.name} not restored: ${dirname(job.path)} is not a plain directory`);
        count.rejected++;
        return;
      }
      const key = objects.objectKey(job.name, job.file.sha256);
      const signal = job.deferred ? stop.signal : undefined;
      if (await objects.fetchVerified(key, job.path, job.file, stamps, madeDirs, signal)) {
        count.files++;
        objects.stats.fetched++;
        if (job.index === 0) placedWheels[job.name] = job.file;
      } else if (stop.signal.aborted && job.deferred) count.skipped++;
      else count.rejected++;
    } catch (error) {
      failed(error, job.name, 1, job);
    }
  };
  const work = new RestoreQueue(queue, async (job) => {
    try {
      await run(job);
    } finally {
      if (!job.deferred && --nowLeft === 0) nowDone();
    }
  });
  // The deferred files by destination, for `fileSettled`.
  const byPath = new Map<string, Job>();
  for (const job of queue) if (job.deferred && job.kind === 'file') byPath.set(job.path, job);
  // Before any wheel is fetched, every wheel this restore may place is listed as the wheelhouse's
  // own (s3-restore-listing.ts; the caller does it when it gave beforePlacing); once all ended,
  // the listing is brought in line with what was placed.
  const mayPlace = new Map<string, EntryFile>();
  for (const job of queue) if (job.kind === 'file' && job.index === 0) mayPlace.set(job.name, job.file);
  const listPlaced = await listBeforeFetching(paths[0], mayPlace, options.beforePlacing, (name) =>
    mayHave(0, name),
  );
  const all = work.runAll(options.concurrency).then(async () => {
    if (unanswered > 0)
      logger.warn(
        `S3 cache: ${unanswered} file(s) not restored (they come from the index): ${unansweredWhy}`,
      );
    await listPlaced(placedWheels);
  });
  const later = queue.length - queue.filter((j) => !j.deferred).length;
  if (later === 0) {
    await all;
    return counts.now;
  }
  await nowSettled;
  return {
    ...counts.now,
    background: {
      queued: later,
      narrow: (k) => {
        const before = keep;
        keep = (name, sha256) => before(name, sha256) && k(name, sha256);
      },
      cancel: () => stop.abort(),
      fileSettled: (path) => {
        const job = byPath.get(path);
        return job === undefined ? Promise.resolve() : work.hurry(job);
      },
      settled: all.then(
        () => counts.later,
        (error: unknown) => {
          logger.warn(`S3 cache: the background restore failed: ${errorMessage(error)}`);
          return counts.later;
        },
      ),
    },
  };
}

/** The listed files of path `index` that `dst` lacks (valid names and digests only). */
async function missingFiles(
  objects: S3Objects,
  listed: Record<string, EntryFile>,
  index: number,
  dst: string,
  /** False when file `name` of path `index` cannot be present (nothing of its name at the top). */
  mayHave: (index: number, name: string) => boolean,
  options: RestoreOptions & { logger: Logger },
): Promise<(Job & { kind: 'file' })[]> {
  const wheelhouse = index === 0;
  // A wheelhouse file unchanged since wheelhouse hashed it is not read again (file-stamps.ts).
  const digest = wheelhouse && options.stamps !== undefined ? options.stamps.digest : fileSha256;
  const out: (Job & { kind: 'file' })[] = [];
  for (const [name, file] of Object.entries(listed).slice(0, MAX_ENTRY_FILES)) {
    if (name === PACK_NAME && !wheelhouse) continue; // its members are listed in `packs`
    const unsafe = wheelhouse
      ? (unsafeFilenameReason(name) ?? runOwnedReason(name))
      : unsafeRelativeName(name);
    const sha = typeof file?.sha256 === 'string' ? file.sha256 : '';
    if (
      unsafe !== undefined ||
      name === MANIFEST_FILENAME ||
      !SHA256_HEX.test(sha) ||
      !Number.isSafeInteger(file.size)
    ) {
      options.logger.debug(
        `S3 cache entry: ${JSON.stringify(name)} ignored (${unsafe ?? 'bad name, sha256 or size'})`,
      );
      continue;
    }
    const path = join(dst, ...name.split('/'));
    // A wheelhouse file this run did not write is never replaced (backend.ts RestoreOptions.foreign).
    if (wheelhouse && options.foreign?.has(name) === true) continue;
    if (mayHave(index, name) && (await presentWith(path, sha, digest))) {
      objects.stats.reused++;
      continue;
    }
    out.push({ kind: 'file', index, name, file: { sha256: sha, size: file.size }, path, deferred: false });
  }
  return out;
}

/** Whether `path` is a regular file with this sha256. */
async function presentWith(
  path: string,
  sha256: string,
  digest: (path: string) => Promise<{ sha256: string }>,
): Promise<boolean> {
  const present = await lstat(path).catch(() => undefined);
  if (present === undefined || !present.isFile()) return false;
  return (await digest(path).catch(() => undefined))?.sha256 === sha256;
}

/**
 * One pack: fetched whole (bounded by its listed size), checked against its sha256, inflated and
 * each of `members` (each checked against its own sha256 by `unpack`) held in `held` when given —
 * no file created (backend.ts RestoreOptions.held) — else placed through a temporary file. Answers
 * the files placed or held, or undefined when the pack was missing or rejected (warned here). The
 * members (small files, ≤ 256 KiB each) are written with synchronous calls: four system calls per
 * file on this thread cost less than four trips through the thread pool and their promises
 * (hundreds of files per restore).
 */
async function restorePack(
  objects: S3Objects,
  pack: PackRef,
  dst: string,
  members: Set<string>,
  held: HeldFiles | undefined,
): Promise<number | undefined> {
  const got = await objects.fetchBuffer(objects.objectKey(PACK_NAME, pack.sha256), pack);
  if (got === undefined) return undefined;
  // Whether each member's directory is a chain of real directories below `dst` (made when
  // missing; util/plain-dir.ts): a `metadata/<aa>` link left in the runner's directory by an
  // earlier restore is never written through — that member is skipped.
  const usable = new Map<string, boolean>();
  let placed = 0;
  for (const member of await unpack(got, pack)) {
    if (!members.has(member.name)) continue;
    const path = join(dst, ...member.name.split('/'));
    if (held !== undefined) {
      held.hold(path, member.data);
      placed++;
      continue;
    }
    const dir = dirname(path);
    let ok = usable.get(dir);
    if (ok === undefined) usable.set(dir, (ok = await plainDirUnder(dst, dir)));
    if (!ok) continue;
    const tmp = join(dir, tempSiblingName(basename(path), 'part'));
    try {
      writeNewFileSync(tmp, member.data);
      renameSync(tmp, path);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
    placed++;
  }
  objects.stats.fetched += placed;
  return placed;
}

/** Creates `path` (it must not exist) holding exactly `data`. */
function writeNewFileSync(path: string, data: Buffer): void {
  const fd = openSync(path, 'wx');
  try {
    for (let at = 0; at < data.length;) {
      const n = writeSync(fd, data, at, data.length - at);
      if (n === 0) throw new Error(`${path}: the file system accepted no bytes`);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}
