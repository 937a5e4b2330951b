/**
 * The content codings of a page body (project pages and find-links pages) and of a PEP 658
 * `.metadata` file (decodeContentCoding; review 14b #2, its remainder). No Accept-Encoding is
 * sent, which by RFC 9110 §12.5.3 accepts any coding, and some hosts send pre-compressed pages
 * whatever the request says (objects stored with `Content-Encoding: gzip`). pip 23.2 reads such
 * pages (requests/urllib3 decode `gzip` and `deflate`, `br` with brotli installed), so they are
 * decoded here — review 14b #2 — each step capped at the page's own byte limit (a small coded body
 * can inflate to gigabytes). A coding not known here is refused with its name, never parsed raw.
 */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { ProjectPageError } from './project-page-error.js';
import { formatBytes, type BodyLimit } from './transfer-limits.js';

/** Longest coding name quoted in an error. */
const MAX_QUOTED = 40;

function decodeOne(coding: string, body: Uint8Array, maxOutputLength: number): Uint8Array {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body, { maxOutputLength });
    case 'deflate':
      // RFC 9110 §8.4.1.2: zlib-wrapped; some servers send raw deflate, which urllib3 also reads.
      try {
        return inflateSync(body, { maxOutputLength });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw e;
        return inflateRawSync(body, { maxOutputLength });
      }
    case 'br':
      return brotliDecompressSync(body, { maxOutputLength });
    default:
      throw new Error(`content coding "${coding.slice(0, MAX_QUOTED)}" is not supported`);
  }
}

/** A coded body that cannot be decoded within its limit; the message says why. */
export class ContentCodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentCodingError';
  }
}

/**
 * The body with its content codings (the Content-Encoding header, applied in the order listed)
 * undone; `identity` and an absent header leave it as it is. Throws ContentCodingError for an
 * unknown coding, a corrupt coded body or a decoded body over `limit`.
 */
export function decodeContentCoding(
  body: Uint8Array,
  contentEncoding: string | undefined,
  limit: BodyLimit,
): Uint8Array {
  if (contentEncoding === undefined) return body;
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  let out = body;
  for (let i = codings.length - 1; i >= 0; i--) {
    const coding = codings[i] as string;
    try {
      out = decodeOne(coding, out, limit.bytes);
    } catch (e) {
      const reason =
        (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
          ? `${limit.what} decoded from ${coding} is over its limit of ${formatBytes(limit.bytes)}`
          : e instanceof Error && e.message.startsWith('content coding')
            ? e.message
            : `${limit.what} sent with content coding ${coding} could not be decoded (${(e as Error).message})`;
      throw new ContentCodingError(reason);
    }
  }
  return out;
}

/** decodeContentCoding of a page: its failures are ProjectPageErrors naming `url` (redacted). */
export function decodePageCoding(
  body: Uint8Array,
  contentEncoding: string | undefined,
  limit: BodyLimit,
  url: string,
): Uint8Array {
  try {
    return decodeContentCoding(body, contentEncoding, limit);
  } catch (e) {
    if (e instanceof ContentCodingError) throw new ProjectPageError(url, e.message);
    throw e;
  }
}
