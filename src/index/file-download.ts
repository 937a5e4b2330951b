/**
 * Whole-file download streamed to disk with the sha256 computed on the fly (never the whole file in
 * memory), verified against the hashes (every algorithm pip knows) and size the index declares, then renamed into place so a
 * partly written file never has the final name. A connection dropped mid-body is retried with a
 * fresh request (up to `attempts` in all). Used by the metadata fetcher's last resort; the file is
 * kept so the download step can reuse it.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from '../util/logger.js';
import { tempSiblingName } from '../util/temp-names.js';
import { DigestCheck } from './declared-digests.js';
import type { HttpClient, HttpResponse } from './http-client.js';
import { HttpError, NetworkError } from './http-errors.js';
import { downloadDeadlineMs, earnedDownloadMs, isLimitCode } from './transfer-limits.js';

export class DownloadHashMismatchError extends Error {
  constructor(
    /** Redacted URL. */
    readonly url: string,
    readonly expected: string,
    /** '' when the file was not downloaded: `expected` is no digest (dist-link.ts `declaredDigest`). */
    readonly actual: string,
    readonly size: number,
    readonly algorithm = 'sha256',
  ) {
    super(
      actual === ''
        ? `${url}: the index declares the ${algorithm} ${JSON.stringify(expected)}, which is not a hex digest: no file can match it`
        : `${url}: ${algorithm} of the downloaded file (${size} bytes) is ${actual}, the index says ${expected}`,
    );
    this.name = 'DownloadHashMismatchError';
  }
}

export class DownloadSizeMismatchError extends Error {
  constructor(
    readonly url: string,
    readonly expected: number,
    /** Bytes received (at least this many when the body ran past the declared size). */
    readonly actual: number,
  ) {
    super(
      actual > expected
        ? `${url}: the server sent more than the ${expected} bytes the index declares for the file (at least ${actual}); stopped`
        : `${url}: downloaded ${actual} bytes, the index says the file has ${expected}`,
    );
    this.name = 'DownloadSizeMismatchError';
  }
}

export interface DownloadOptions {
  http: HttpClient;
  logger: Logger;
  url: string;
  redactedUrl: string;
  dest: string;
  sha256?: string;
  /**
   * Every digest the index declares for the file (DistFile.hashes): those of pip's algorithms are
   * checked against the bytes too (declared-digests.ts), a mismatch refused like a sha256 one.
   */
  hashes?: Readonly<Record<string, string>>;
  size?: number;
  /** A 200 response already carrying the whole file (e.g. a server that ignored Range). */
  response?: HttpResponse;
  attempts?: number;
}

export interface DownloadResult {
  path: string;
  sha256: string;
  /** Hex digests of the bytes: sha256 and every declared algorithm checked. */
  digests: Record<string, string>;
  size: number;
  requests: number;
  bytes: number;
}

export async function downloadToFile(options: DownloadOptions): Promise<DownloadResult> {
  const attempts = options.attempts ?? 3;
  let requests = 0;
  let bytes = 0;
  let response = options.response;
  try {
    await mkdir(dirname(options.dest), { recursive: true });
  } catch (error) {
    // A handed-over 200 must not stay unread (it holds its connection).
    await response?.discard().catch(() => undefined);
    throw error;
  }
  for (let attempt = 1; ; attempt++) {
    if (response === undefined) {
      requests += 1;
      response = await options.http.request(options.url, {
        headers: { 'accept-encoding': 'identity' },
        // Bounded by the size the index declares (else the client's maximum download size).
        ...(options.size !== undefined ? { limit: { bytes: options.size, what: 'download' } } : {}),
        deadlineMs: downloadDeadlineMs(options.size),
        ...(options.size === undefined ? { earnedDeadline: earnedDownloadMs } : {}),
      });
    }
    if (response.status !== 200) {
      await response.discard();
      throw new HttpError(response.status, 'GET', options.redactedUrl);
    }
    const tmp = join(dirname(options.dest), tempSiblingName(basename(options.dest), 'part'));
    const hash = new DigestCheck({
      ...options.hashes,
      ...(options.sha256 !== undefined ? { sha256: options.sha256 } : {}),
    });
    let size = 0;
    const out = createWriteStream(tmp);
    // Without a listener, writes still queued when `out` is destroyed (a body cut short) would
    // raise ERR_STREAM_DESTROYED as an uncaught error; a real write error is rethrown below.
    let writeError: Error | undefined;
    out.on('error', (error) => (writeError ??= error));
    try {
      for await (const chunk of response.stream()) {
        if (options.size !== undefined && size + chunk.length > options.size) {
          // A handed-over response was requested without this bound: stop at the declared size.
          throw new DownloadSizeMismatchError(options.redactedUrl, options.size, size + chunk.length);
        }
        hash.update(chunk);
        size += chunk.length;
        bytes += chunk.length;
        if (!out.write(chunk)) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              out.off('drain', done);
              out.off('close', done);
              resolve();
            };
            out.on('drain', done);
            out.on('close', done);
          });
        }
        if (writeError !== undefined) throw writeError;
      }
      await new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
      const declared = response.headers['content-length'];
      if (declared !== undefined && Number(declared) !== size) {
        throw new NetworkError(
          'GET',
          options.redactedUrl,
          `body cut short: ${size} of ${declared} bytes`,
          'ESHORTBODY',
        );
      }
    } catch (error) {
      // The stream opens its file asynchronously: one destroyed before that open finished still
      // creates the file, after an `rm` that did not wait for it. Wait until it is closed.
      if (!out.closed) {
        await new Promise<void>((resolve) => {
          out.once('close', () => resolve());
          out.destroy();
        });
      }
      await rm(tmp, { force: true });
      response = undefined;
      if (error instanceof NetworkError && !isLimitCode(error.code) && attempt < attempts) {
        options.logger.info(`retrying download of ${options.redactedUrl} after ${error.reason}`);
        continue;
      }
      throw error;
    }
    const { digests, mismatch } = hash.finish();
    const sha256 = digests['sha256'] as string;
    if (mismatch !== undefined) {
      await rm(tmp, { force: true });
      throw new DownloadHashMismatchError(
        options.redactedUrl,
        mismatch.expected,
        mismatch.actual,
        size,
        mismatch.algorithm,
      );
    }
    if (options.size !== undefined && size !== options.size) {
      await rm(tmp, { force: true });
      throw new DownloadSizeMismatchError(options.redactedUrl, options.size, size);
    }
    await rename(tmp, options.dest);
    return { path: options.dest, sha256, digests, size, requests, bytes };
  }
}
