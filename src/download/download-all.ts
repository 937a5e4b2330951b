import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { unsafeFilenameReason } from '../index/dist-filename-check.js';
import type { HttpClient } from '../index/http-client.js';
import type { ResolvedFile } from '../provider/resolution.js';
import type { Logger } from '../util/logger.js';
import type { FileIdentity, Stamp } from '../cache/file-stamps.js';
import { fileSha256, type FileDigest, type FileDigester } from '../util/file-sha256.js';
import { renameWithRetry } from '../util/rename-retry.js';
import { copyOrLink } from './copy-or-link.js';
import { forEachFromBothEnds } from '../util/for-each-limited.js';
import { DownloadError, DownloadFailures } from './download-error.js';
import { fetchFile, tempNameFor } from './fetch-file.js';
import { copyHashedFile, localPathOf, stillHashed, type LocalCopyHooks } from './local-copy.js';
import type { DownloadProgress } from './progress.js';

/**
 * Bring every file of a resolution into `dest`, doing as little network work as possible:
 *   1. a file already in `dest` with the right sha256 is skipped;
 *   2. a whole file fetched earlier (e.g. by the resolver when it had to download a wheel for its
 *      METADATA), offered by `reuse`, is verified and hard-linked or copied in;
 *   3. a find-links file on this machine (`file:` URL) that this run hashed itself is copied in
 *      without being hashed again (local-copy.ts) — or, with `inPlace`, not copied at all: handed
 *      to `onFileReady` where it is (outcome `in-place`; nothing written into `dest`);
 *   4. everything else is fetched (see fetch-file.ts) with at most `concurrency` transfers at once,
 *      the largest files first (transferOrder, smallLanes).
 * Memory stays bounded: every byte is streamed from socket to disk; nothing buffers a whole file.
 */

/**
 * Default parallel transfers: 8. Downloads are network-bound, not CPU-bound, so the 2–4 cores of a
 * CI runner do not limit them; one connection to a CDN reaches a few tens of MB/s, so 8 connections
 * fill the ~1–2.5 Gbit/s links of hosted runners, while staying well under the per-host connection
 * limits of PyPI-like CDNs and private indexes (pip itself downloads one file at a time).
 */
export const DEFAULT_DOWNLOAD_CONCURRENCY = 8;

export interface DownloadAllOptions {
  http: HttpClient;
  dest: string;
  concurrency?: number;
  logger: Logger;
  onProgress?: (p: DownloadProgress) => void;
  /** Path of a whole copy of `file` obtained earlier (verified before use), if any. */
  reuse?: (file: ResolvedFile) => string | undefined;
  signal?: AbortSignal;
  /** Passed to fetchFile: base delay before resuming a dropped transfer (default 250 ms). */
  retryDelayMs?: number;
  /**
   * Called once per file as soon as it is in place at `path` with its sha256 verified (skipped,
   * reused or downloaded), before the other files are done: lets an installer start on it.
   */
  onFileReady?: (file: ResolvedFile, path: string) => void;
  stamps?: DownloadStamps;
  /** Test seam for the copy of local find-links files (local-copy.ts). */
  localCopyHooks?: LocalCopyHooks;
  /**
   * Step 3 without the copy (issue 9 §6; the install flow without `--dest`): a local find-links file
   * this run hashed, and still (lstat) exactly that file, is handed to `onFileReady` at its own
   * path, with nothing written into `dest`. The consumer must read it only through a descriptor
   * whose fstat equals the stamp (the installer's `verified`), hashing it otherwise. Needs
   * `onFileReady` (without it a file in place would reach no one).
   */
  inPlace?: boolean;
}

/**
 * Verified-file stamps (src/cache/file-stamps.ts, passed in by the flow): files unchanged since
 * wheelhouse hashed them are not read again, and files placed here are stamped for the next run.
 */
export interface DownloadStamps {
  digest: FileDigester;
  /** A file this step wrote from bytes it hashed while writing them. */
  record(path: string, digest: FileDigest, written?: FileIdentity): Promise<void>;
  /** `to` is `from` renamed by this step (same inode): it keeps `from`'s stamp. */
  carry(from: string, to: string): Promise<void>;
  /** The sha256 and identity of `path` when this run hashed its bytes itself (file-stamps.ts). */
  hashedThisRun?(path: string): Readonly<Stamp> | undefined;
  /** The digest a stamp gives when `path` is still (lstat) exactly the file it was made from. */
  known?(path: string): Promise<FileDigest | undefined>;
}

/**
 * A local find-links file copied in counts as downloaded, as when it was read through its URL; one
 * handed over where it is (`inPlace`) is `in-place`: its `path` is the user's file, not in `dest`.
 */
export type FileOutcome = 'downloaded' | 'reused' | 'skipped' | 'in-place';

export interface DownloadSummary {
  downloaded: number;
  /** Bytes of the downloaded files (their sizes, not counting bytes re-fetched by restarts). */
  downloadedBytes: number;
  /** Body bytes actually received over the network, restarts included. */
  networkBytes: number;
  /** Of the downloaded files, local find-links files copied in without a second hash (local-copy.ts). */
  copiedLocal: number;
  /** Of the downloaded files, local find-links files handed over where they are (`inPlace`): not in `dest`. */
  inPlace: number;
  reused: number;
  skipped: number;
  resumes: number;
  files: { filename: string; path: string; outcome: FileOutcome; size: number }[];
}

/**
 * The order transfers start in (issue 9 §4): largest first — longest-processing-time-first
 * scheduling, so the longest transfers, and the longest installs that wait for them, do not start
 * last. Files without a declared size come after every known size, in their given order.
 */
export function transferOrder(files: readonly ResolvedFile[]): ResolvedFile[] {
  return files
    .map((file, index) => ({ file, index }))
    .sort((a, b) => (b.file.size ?? -1) - (a.file.size ?? -1) || a.index - b.index)
    .map((x) => x.file);
}

/**
 * How many of `concurrency` connections take the smallest files first (the rest take the largest):
 * a quarter, so a consumer of `onFileReady` (the installer) has wheels to work on from the first
 * moments while the large files are still arriving. None below 4 connections: one connection
 * follows `transferOrder` exactly.
 */
export function smallLanes(concurrency: number): number {
  return Math.floor(concurrency / 4);
}

async function hashMatches(
  path: string,
  sha256: string,
  digest: FileDigester = fileSha256,
): Promise<number | undefined> {
  try {
    const actual = await digest(path);
    return actual.sha256 === sha256.toLowerCase() ? actual.size : undefined;
  } catch {
    return undefined;
  }
}

export async function downloadAll(
  files: ResolvedFile[],
  options: DownloadAllOptions,
): Promise<DownloadSummary> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY));
  // Every name becomes `join(dest, name)`: whatever produced the list (index, lock file, cache
  // manifest) checked it already; this is the last line, so a name that could leave `dest` is an
  // internal error before anything is written, never a file outside it.
  for (const file of files) {
    const unsafe = unsafeFilenameReason(file.filename);
    if (unsafe !== undefined)
      throw new Error(`refusing to write ${JSON.stringify(file.filename)} into ${options.dest}: ${unsafe}`);
  }
  await mkdir(options.dest, { recursive: true });
  const summary: DownloadSummary = {
    downloaded: 0,
    downloadedBytes: 0,
    networkBytes: 0,
    copiedLocal: 0,
    inPlace: 0,
    reused: 0,
    skipped: 0,
    resumes: 0,
    files: [],
  };
  const knownTotal = files.every((f) => f.size !== undefined);
  const progress: DownloadProgress = {
    filesDone: 0,
    filesTotal: files.length,
    bytesDone: 0,
    ...(knownTotal ? { bytesTotal: files.reduce((sum, f) => sum + (f.size ?? 0), 0) } : {}),
  };
  const report = (): void => options.onProgress?.({ ...progress });

  const stamps = options.stamps;
  const digest = stamps?.digest;
  /**
   * Step 3 with `inPlace`: the find-links file itself, when it is still (lstat) the regular file
   * whose sha256 this run computed, or one a stamp from the store vouches for (a warm run that did
   * not hash it: the installer then hashes it through its own descriptor, unless it is installed
   * already). Anything else is copied or read through its URL, as without `inPlace`.
   */
  const inPlace = async (file: ResolvedFile, source: string): Promise<boolean> => {
    if (options.inPlace !== true || options.onFileReady === undefined) return false;
    const sha256 = file.sha256.toLowerCase();
    const hashed = stamps?.hashedThisRun?.(source);
    const known =
      hashed !== undefined
        ? hashed.sha256 === sha256 && (await stillHashed(source, hashed))
          ? { sha256, size: Number(hashed.size) }
          : undefined
        : await stamps?.known?.(source);
    if (known === undefined || known.sha256 !== sha256) return false;
    summary.downloaded++;
    summary.inPlace++;
    summary.downloadedBytes += known.size;
    summary.files.push({ filename: file.filename, path: source, outcome: 'in-place', size: known.size });
    progress.bytesDone += known.size;
    options.logger.debug(`${file.filename}: read where it is, ${source} (not copied)`);
    options.onFileReady(file, source);
    return true;
  };
  /** Step 3: a local find-links file this run hashed, copied in without a second hash. */
  const copyLocal = async (file: ResolvedFile, final: string): Promise<boolean> => {
    const source = localPathOf(file.url);
    if (source !== undefined && (await inPlace(file, source))) return true;
    const hashed = source !== undefined ? stamps?.hashedThisRun?.(source) : undefined;
    if (source === undefined || hashed === undefined || hashed.sha256 !== file.sha256.toLowerCase())
      return false;
    const size = Number(hashed.size);
    const tmp = join(options.dest, tempNameFor(file.filename));
    try {
      if (!(await copyHashedFile(source, tmp, hashed, options.localCopyHooks))) {
        options.logger.debug(`${source} changed since this run hashed it: reading it again`);
        return false;
      }
      await renameWithRetry(tmp, final); // Windows: see rename-retry.ts
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    await stamps?.record(final, { sha256: hashed.sha256, size });
    summary.downloaded++;
    summary.copiedLocal++;
    summary.downloadedBytes += size;
    summary.files.push({ filename: file.filename, path: final, outcome: 'downloaded', size });
    progress.bytesDone += size;
    options.logger.debug(`copied ${file.filename} from ${source} (${size} bytes, hashed once)`);
    options.onFileReady?.(file, final);
    return true;
  };

  const one = async (file: ResolvedFile): Promise<void> => {
    const final = join(options.dest, file.filename);
    const existing = await hashMatches(final, file.sha256, digest);
    if (existing !== undefined) {
      summary.skipped++;
      summary.files.push({ filename: file.filename, path: final, outcome: 'skipped', size: existing });
      progress.bytesDone += existing;
      options.onFileReady?.(file, final);
      return;
    }
    const earlier = options.reuse?.(file);
    if (earlier !== undefined) {
      const size = await hashMatches(earlier, file.sha256, digest);
      if (size !== undefined) {
        const tmp = join(options.dest, tempNameFor(file.filename));
        try {
          const how = await copyOrLink(earlier, tmp);
          // link(2) changes the inode's ctime (and the rename below again), which would make
          // `earlier`'s stamp look stale: every later run would hash it again, and `tmp` (no stamp
          // of its own) here too. Same inode, so they share the stamp just checked — carried only
          // while the inode keeps its size and mtime, so a concurrent writer is still caught below.
          if (how === 'linked') await stamps?.carry(earlier, tmp);
          // Re-check the placed bytes: a concurrent writer of `earlier` must not slip through.
          if ((await hashMatches(tmp, file.sha256, digest)) === undefined)
            throw new Error('changed while copying');
          await renameWithRetry(tmp, final); // Windows: see rename-retry.ts
          await stamps?.carry(tmp, final);
          if (how === 'linked') await stamps?.carry(final, earlier);
          summary.reused++;
          summary.files.push({ filename: file.filename, path: final, outcome: 'reused', size });
          progress.bytesDone += size;
          options.onFileReady?.(file, final);
          return;
        } catch (error) {
          await rm(tmp, { force: true });
          options.logger.debug(
            `could not reuse ${earlier} for ${file.filename}: ${(error as Error).message}`,
          );
        }
      } else {
        options.logger.warn(
          `not reusing ${file.filename} fetched earlier: its sha256 does not match ${file.sha256}`,
        );
      }
    }
    if (await copyLocal(file, final)) return;
    const fetched = await fetchFile(file, {
      http: options.http,
      dest: options.dest,
      logger: options.logger,
      onBytes: (delta) => {
        progress.bytesDone += delta;
        if (delta > 0) summary.networkBytes += delta;
        report();
      },
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    });
    const size = file.size ?? fetched.bytesReceived;
    await stamps?.record(final, { sha256: file.sha256, size }, fetched.written);
    summary.downloaded++;
    summary.downloadedBytes += size;
    summary.resumes += fetched.resumes;
    summary.files.push({ filename: file.filename, path: final, outcome: 'downloaded', size });
    options.logger.debug(`downloaded ${file.filename} (${size} bytes)`);
    options.onFileReady?.(file, final);
  };

  // After the first failure no new file starts; transfers in flight finish.
  const failures = (await forEachFromBothEnds(
    transferOrder(files),
    concurrency,
    smallLanes(concurrency),
    async (file) => {
      try {
        await one(file);
      } catch (error) {
        throw error instanceof DownloadError
          ? error
          : new DownloadError(
              `${file.filename} from ${file.redactedUrl}: ${(error as Error).message}`,
              file.filename,
              file.redactedUrl,
            );
      } finally {
        progress.filesDone++;
        report();
      }
    },
  )) as DownloadError[];
  if (failures.length > 0) throw new DownloadFailures(failures);
  return summary;
}
