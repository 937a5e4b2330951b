import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileIdentity } from '../cache/file-stamps.js';
import { tempSiblingName } from '../util/temp-names.js';
import type { HttpClient, HttpResponse } from '../index/http-client.js';
import type { ResolvedFile } from '../provider/resolution.js';
import type { Logger } from '../util/logger.js';
import { renameWithRetry } from '../util/rename-retry.js';
import { DownloadError, HashMismatchError } from './download-error.js';
import { NetworkError } from '../index/http-errors.js';
import { DigestCheck } from '../index/declared-digests.js';
import { downloadDeadlineMs, earnedDownloadMs, isLimitCode } from '../index/transfer-limits.js';

/**
 * Fetch one file into `dest/<filename>`, streamed to a temporary sibling with its sha256 (and every
 * other digest its source declared) computed on the fly, and renamed to its final name only when
 * the whole file has the expected digests (and size, when known). A wrong or partial file is never
 * visible under the final name.
 *
 * When the connection drops mid-body, the transfer resumes with `Range: bytes=<received>-`
 * (RFC 9110 §14.2). The resumed response is used only when it is a 206 whose Content-Range
 * (§14.4) starts exactly at the received offset; a 200 (range ignored) or any other 206 restarts the
 * file from byte 0. HTTP-level retries of statuses (429, 5xx) are the HttpClient's job.
 */
export interface FetchFileOptions {
  http: HttpClient;
  dest: string;
  logger: Logger;
  /** Called with each chunk's length as bytes arrive (restarts report negative deltas). */
  onBytes?: (delta: number) => void;
  /** Consecutive failed attempts (no new bytes) allowed before giving up (default 4). */
  maxFailures?: number;
  /** Requests allowed for one file in all, resumes and restarts included (default 12). */
  maxRequests?: number;
  /** Base delay before a resume, doubled per consecutive failure (default 250 ms). */
  retryDelayMs?: number;
  signal?: AbortSignal;
}

export interface FetchFileResult {
  path: string;
  /** Body bytes received over the network (including bytes discarded by restarts). */
  bytesReceived: number;
  /** How many times the transfer resumed with a Range request. */
  resumes: number;
  /** How many times the transfer restarted from byte 0. */
  restarts: number;
  /**
   * The file's identity right after its last write (fstat of the handle), for a stamp that vouches
   * for these bytes only (file-stamps.ts record, review 15b F14).
   */
  written?: FileIdentity;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** A download's temporary name in the destination (within the name limit: cache/temp-names.ts). */
export function tempNameFor(filename: string): string {
  return tempSiblingName(filename, 'part');
}

export async function fetchFile(file: ResolvedFile, options: FetchFileOptions): Promise<FetchFileResult> {
  const final = join(options.dest, file.filename);
  const tmp = join(options.dest, tempNameFor(file.filename));
  const maxFailures = options.maxFailures ?? 4;
  const maxRequests = options.maxRequests ?? 12;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const expected = file.sha256.toLowerCase();
  const fail = (message: string): DownloadError =>
    new DownloadError(
      `${file.filename} from ${file.redactedUrl}: ${message}`,
      file.filename,
      file.redactedUrl,
    );

  let handle: FileHandle | undefined = await open(tmp, 'w');
  // sha256 and every other digest of pip's its source declared, in the one pass (review 14d F6).
  const declared = { ...file.declaredDigests, sha256: expected };
  let hash = new DigestCheck(declared);
  let received = 0;
  /** The most bytes ever held: re-receiving bytes discarded by a restart is not progress. */
  let highWater = 0;
  let requests = 0;
  const result: FetchFileResult = { path: final, bytesReceived: 0, resumes: 0, restarts: 0 };
  let failures = 0;

  const restart = async (): Promise<void> => {
    await handle!.truncate(0);
    options.onBytes?.(-received);
    hash = new DigestCheck(declared);
    received = 0;
    result.restarts++;
  };

  const cap = file.size ?? options.http.maxDownloadBytes;
  try {
    for (;;) {
      if (++requests > maxRequests) {
        throw fail(`gave up after ${maxRequests} requests (${received} bytes held)`);
      }
      const resuming = received > 0;
      let response: HttpResponse;
      try {
        response = await options.http.request(file.url, {
          headers: resuming ? { Range: `bytes=${received}-` } : {},
          ...(options.signal ? { signal: options.signal } : {}),
          // Never more than the file's size (the resolution's, from the index), whatever the
          // server declares or sends; without a size, the client's maximum download size — for
          // the whole file, over every resumed response (review 15b F3: per response, resumes
          // took a file to 12× WHEELHOUSE_MAX_DOWNLOAD_BYTES).
          ...(cap !== undefined
            ? {
                limit: (status: number) => ({
                  bytes: status === 206 ? Math.max(0, cap - received) : cap,
                  // Without a size, worded as the client's own maximum (WHEELHOUSE_MAX_DOWNLOAD_BYTES).
                  what: file.size !== undefined ? 'download' : 'response body',
                }),
              }
            : {}),
          deadlineMs: downloadDeadlineMs(file.size),
          ...(file.size === undefined ? { earnedDeadline: earnedDownloadMs } : {}),
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (error instanceof NetworkError && isLimitCode(error.code)) throw fail(error.reason);
        if (++failures > maxFailures) throw fail(`request failed: ${(error as Error).message}`);
        await sleep(retryDelayMs * 2 ** (failures - 1));
        continue;
      }

      if (resuming) {
        const m =
          response.status === 206 ? CONTENT_RANGE.exec(response.headers['content-range'] ?? '') : null;
        if (m && Number(m[1]) === received) {
          result.resumes++;
        } else if (response.status === 200) {
          options.logger.debug(`${file.filename}: server ignored Range, restarting from byte 0`);
          // The 200 body is the new transfer; a failed restart must not leave it unread.
          await restart().catch(async (error: unknown) => {
            await response.discard().catch(() => {});
            throw error;
          });
        } else {
          await response.discard().catch(() => {});
          options.logger.debug(
            `${file.filename}: resume answered ${response.status} ${response.headers['content-range'] ?? ''}, restarting from byte 0`,
          );
          await restart();
          if (++failures > maxFailures) throw fail(`could not resume (status ${response.status})`);
          continue;
        }
      } else if (response.status !== 200) {
        await response.discard().catch(() => {});
        throw fail(`HTTP ${response.status}`);
      }

      const before = highWater;
      try {
        for await (const chunk of response.stream()) {
          if (file.size !== undefined && received + chunk.length > file.size) {
            throw new HashMismatchError(
              file.filename,
              file.redactedUrl,
              expected,
              `(more than ${file.size} bytes)`,
            );
          }
          // Explicit position: after a restart's truncate(0) the handle's own offset is stale.
          // A failed write is this machine's failure, not a dropped connection: reported with the
          // path and code, never resumed — as pip's download lets the OSError of
          // content_file.write(chunk) end the run (network/download.py) — and a chunk is hashed
          // only once written (review 15b F11: a resumed chunk was hashed twice).
          await handle.write(chunk, 0, chunk.length, received).catch((error: unknown) => {
            throw fail(`could not write ${tmp}: ${(error as Error).message}`);
          });
          hash.update(chunk);
          received += chunk.length;
          highWater = Math.max(highWater, received);
          result.bytesReceived += chunk.length;
          options.onBytes?.(chunk.length);
        }
      } catch (error) {
        if (error instanceof DownloadError || options.signal?.aborted) throw error;
        // A limit (too large, too slow, past the deadline) is the server's answer, not a blip.
        if (error instanceof NetworkError && isLimitCode(error.code)) {
          throw fail(`${error.reason} (after ${received} bytes)`);
        }
        failures = highWater > before ? 1 : failures + 1;
        if (failures > maxFailures)
          throw fail(`connection failed after ${received} bytes: ${(error as Error).message}`);
        options.logger.debug(
          `${file.filename}: connection dropped after ${received} bytes (${(error as Error).message}); resuming`,
        );
        await sleep(retryDelayMs * 2 ** (failures - 1));
        continue;
      }

      if (file.size !== undefined && received < file.size) {
        // A body that ends early without an error (e.g. a server closing cleanly): resume.
        failures = highWater > before ? 1 : failures + 1;
        if (failures > maxFailures) throw fail(`body ended after ${received} of ${file.size} bytes`);
        continue;
      }
      break;
    }

    const info = await handle.stat({ bigint: true });
    result.written = {
      size: String(info.size),
      dev: String(info.dev),
      ino: String(info.ino),
      mtimeNs: String(info.mtimeNs),
      ctimeNs: String(info.ctimeNs),
    };
    await handle.close();
    handle = undefined;
    const { digests, mismatch } = hash.finish();
    const actual = digests.sha256 as string;
    if (actual !== expected) throw new HashMismatchError(file.filename, file.redactedUrl, expected, actual);
    if (mismatch !== undefined)
      throw new HashMismatchError(
        file.filename,
        file.redactedUrl,
        mismatch.expected,
        mismatch.actual,
        mismatch.algorithm,
      );
    // Windows: a scanner opening the fresh file, or a read-only wheel being replaced, makes a
    // plain rename fail with EPERM/EBUSY (rename-retry.ts).
    await renameWithRetry(tmp, final);
    return result;
  } catch (error) {
    await handle?.close().catch(() => {});
    await rm(tmp, { force: true });
    options.onBytes?.(-received);
    throw error;
  }
}
