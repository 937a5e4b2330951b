/**
 * PEP 658/714 metadata files: `<url>.metadata` fetched and verified against the digests the index
 * declares for it (a mismatch is MetadataHashMismatchError, never a silent fallback; a 404 falls
 * back, logged), and the same check for a METADATA read from the wheel instead (`checkDeclared`).
 * Used by metadata-fetch.ts.
 */
import type { Logger } from '../util/logger.js';
import type { DistFile } from './dist-file.js';
import type { HttpClient } from './http-client.js';
import { HttpError } from './http-errors.js';
import { redactUrl } from './redact.js';
import { digestMismatch } from './declared-digests.js';
import { ContentCodingError, decodeContentCoding } from './page-coding.js';

/** Requests sent and body bytes received by one metadata fetch. */
export interface Counts {
  requests: number;
  bytes: number;
}

export interface Pep658Context {
  http: HttpClient;
  logger: Logger;
  /** Largest metadata file read. */
  maxSize: number;
}

export class MetadataHashMismatchError extends Error {
  constructor(
    /** Redacted URL of the `.metadata` file (or of the wheel it was read from instead). */
    readonly url: string,
    readonly expected: string,
    readonly actual: string,
    what = 'the PEP 658 metadata file',
    readonly algorithm = 'sha256',
  ) {
    super(`${url}: ${algorithm} of ${what} is ${actual}, the index declares ${expected}`);
    this.name = 'MetadataHashMismatchError';
  }
}

/** `<url>.metadata` per PEP 658: appended to the path; the fragment (`#sha256=`) is dropped. */
export function metadataUrl(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.pathname = `${u.pathname}.metadata`;
  return u.toString();
}

export async function tryPep658(
  ctx: Pep658Context,
  file: DistFile,
  counts: Counts,
): Promise<Uint8Array | undefined> {
  const { http, logger, maxSize } = ctx;
  if (file.coreMetadata === false) return undefined;
  const url = metadataUrl(file.url);
  const redacted = redactUrl(url);
  counts.requests += 1;
  const limit = { bytes: maxSize, what: 'PEP 658 .metadata file' };
  const res = await http.request(url, { headers: { 'accept-encoding': 'identity' }, limit });
  if (res.status !== 200) {
    await res.discard();
    if (res.status === 404 || res.status === 410) {
      logger.warn(`${redacted}: declared by the index but HTTP ${res.status}; reading the wheel instead`);
      return undefined;
    }
    throw new HttpError(res.status, 'GET', redacted);
  }
  const received = await res.body();
  counts.bytes += received.length;
  if (received.length > maxSize)
    throw new HttpError(200, 'GET', redacted, `metadata file over ${maxSize} bytes`);
  // PEP 658 declares the hash of the metadata file itself; a Content-Encoding (sent although the
  // request asked for identity: objects stored pre-compressed) is only how it was sent (RFC 9110
  // §8.4), so the file is the decoded body, capped at the same limit (review 14b #2). pip 23.2
  // asks for identity too but hashes the raw bytes (network/utils.py response_chunks,
  // decode_content=False), so it refuses such a server; the decoded file is what is parsed here.
  let body: Uint8Array;
  try {
    body = decodeContentCoding(received, res.headers['content-encoding'], limit);
  } catch (e) {
    if (e instanceof ContentCodingError) throw new HttpError(200, 'GET', redacted, e.message);
    throw e;
  }
  // Every declared digest of pip's algorithms (`data-core-metadata="sha512=…"` too).
  const mismatch = digestMismatch(body, file.coreMetadata);
  if (mismatch !== undefined)
    throw new MetadataHashMismatchError(
      redacted,
      mismatch.expected,
      mismatch.actual,
      undefined,
      mismatch.algorithm,
    );
  return body;
}

/**
 * PEP 658 makes the `.metadata` file the wheel's own METADATA, byte for byte: when the index
 * declared its hash but the file could not be had, what is read from the wheel instead must
 * have that hash too (review 2 s12: ranges served unlike the whole file would otherwise choose
 * the dependencies, and be cached and recorded as read here).
 */
export function checkDeclared(file: DistFile, metadata: Uint8Array): Uint8Array {
  const mismatch = file.coreMetadata === false ? undefined : digestMismatch(metadata, file.coreMetadata);
  if (mismatch !== undefined)
    throw new MetadataHashMismatchError(
      file.redactedUrl,
      mismatch.expected,
      mismatch.actual,
      'the METADATA read from the wheel (its declared .metadata file was not served)',
      mismatch.algorithm,
    );
  return metadata;
}
