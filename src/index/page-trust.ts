/**
 * Which stored project pages may be used, and how (docs/reliability.md, "a page rewritten together
 * with its digest"). The page cache travels in cache entries (local directory, GitHub Actions
 * cache, S3 store) that anyone who can write that cache can rewrite: body, stored digest,
 * validators (ETag, Last-Modified), freshness (receive time, max-age) and base URL alike. A page
 * decides which files exist and which sha256 each must have, so a rewritten page would pick the
 * wheel (an older, vulnerable version by dropping the newer ones, or a foreign file with a
 * matching hash). Nothing inside the cache can vouch for it, so the rule is:
 *
 * 1. A page the page cache's records say it stored from a server response (`StoredPage.writtenHere`:
 *    written by this process, or by an earlier run of this machine whose records were kept outside
 *    every cache entry — the CLI's stamp store, src/cache/received-records.ts — and whose bytes are
 *    exactly the recorded ones) is used as HTTP caching allows: fresh under max-age (counted from
 *    the record's time) with no request, else revalidated with its ETag / Last-Modified (RFC 9111
 *    §4.3.1).
 * 2. Any other stored page (a restored one) is never used on its own say: no max-age freshness
 *    (its receive time and lifetime are as rewritable as its body), no Last-Modified (a date does
 *    not name a body). It is revalidated only when its ETag is a digest of its own body bytes
 *    (sha256 or md5, hex or base64 — PyPI's Warehouse sends the base64 md5 of the body, WebOb's
 *    `md5_etag`): then a 304 from the server says "the current page has the ETag H(stored body)",
 *    which binds the server's current page to exactly these bytes (finding other bytes with that
 *    digest is a second preimage, out of reach for sha256 and md5 alike). Its stored base URL must
 *    be the page URL itself (relative links resolve against it) and its content type must agree
 *    with the body's shape (a JSON body read as HTML, or the reverse, is not the page the server
 *    meant). Otherwise the page is requested whole, without validators.
 *
 * An attacker who can rewrite the cache but not the server can therefore only cause a full
 * request, never a page the server did not send.
 */
import { createHash } from 'node:crypto';
import { JSON_PAGE_TYPE } from './json-page.js';
import { publicUrl } from './redact.js';

export interface StoredPageView {
  url: string;
  etag?: string;
  contentType: string;
  body: string;
}

/** Whether a Content-Type names a PEP 691 JSON page (else the page is read as HTML). */
export function isJsonContentType(contentType: string | undefined): boolean {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return t === JSON_PAGE_TYPE || t === 'application/vnd.pypi.simple.latest+json';
}

/** The opaque value of one entity-tag (RFC 9110 §8.8.3: `[W/] DQUOTE *etagc DQUOTE`), else undefined. */
export function opaqueTag(etag: string): string | undefined {
  const m = /^(?:W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/.exec(etag);
  return m?.[1];
}

/** Hex prefixes shorter than this are not accepted as a digest (128 bits: a preimage stays out of reach). */
const MIN_HEX_DIGITS = 32;

/**
 * Whether the entity-tag `etag` (as sent by a server) is a digest of `body`'s UTF-8 bytes: the
 * sha256 or md5 in hex (case-insensitive; a sha256 hex prefix of at least 32 digits counts), or
 * in base64 / base64url with or without padding. Only the algorithms the tag's length allows are
 * computed; `bodySha256` (hex), when the caller has just checked it against `body` (the page
 * cache's `get`), stands in for hashing the body with sha256 again.
 */
export function etagIsBodyDigest(etag: string, body: string, bodySha256?: string): boolean {
  const tag = opaqueTag(etag);
  if (tag === undefined || tag.length < 22) return false;
  const hexTag = /^[0-9a-fA-F]+$/.test(tag) ? tag.toLowerCase() : undefined;
  const unpadded = tag.replace(/=+$/, '');
  let bytes: Buffer | undefined;
  const digestOf = (algorithm: 'sha256' | 'md5'): Buffer => {
    if (algorithm === 'sha256' && bodySha256 !== undefined) return Buffer.from(bodySha256, 'hex');
    bytes ??= Buffer.from(body, 'utf8');
    return createHash(algorithm).update(bytes).digest();
  };
  for (const [algorithm, size] of [
    ['sha256', 32],
    ['md5', 16],
  ] as const) {
    // A digest of `size` bytes is 2·size hex digits (a sha256 prefix: 32 or more) or
    // ceil(size·4/3) base64 digits without padding.
    const b64Length = Math.ceil((size * 4) / 3);
    const hexFits =
      hexTag !== undefined &&
      (hexTag.length === 2 * size ||
        (algorithm === 'sha256' && hexTag.length >= MIN_HEX_DIGITS && hexTag.length < 2 * size));
    if (!hexFits && unpadded.length !== b64Length) continue;
    const digest = digestOf(algorithm);
    if (hexFits && digest.toString('hex').startsWith(hexTag)) return true;
    if (unpadded === digest.toString('base64').replace(/=+$/, '')) return true;
    if (unpadded === digest.toString('base64url')) return true;
  }
  return false;
}

/** Whether the body's shape (a JSON object or markup) agrees with the stored content type. */
export function contentTypeMatchesBody(contentType: string, body: string): boolean {
  return isJsonContentType(contentType) === body.trimStart().startsWith('{');
}

/**
 * The validator to revalidate a stored page that this process did not write: its ETag when the
 * server's 304 to it would vouch for the stored body (see the rule above), else undefined (the page
 * is requested whole). `publicPageUrl` is the public form of the URL being fetched; `bodySha256`
 * as for `etagIsBodyDigest`. The page cache decides this once per hit (`StoredPage.vouchingEtag`).
 */
export function vouchingEtag(
  page: StoredPageView,
  publicPageUrl: string,
  bodySha256?: string,
): string | undefined {
  if (page.etag === undefined || page.url !== publicPageUrl) return undefined;
  if (!contentTypeMatchesBody(page.contentType, page.body)) return undefined;
  return etagIsBodyDigest(page.etag, page.body, bodySha256) ? page.etag : undefined;
}

/**
 * Whether a later process could use `page` (stored for `pageUrl`) after restoring it from a cache
 * entry: only through `vouchingEtag`, so only when its ETag is a digest of its body, its stored URL
 * is the page URL itself and its content type fits the body. Any other page is requested whole by
 * every later run (rule 2 above), so a cache entry carrying it carries dead weight — and, for
 * PyPI-sized pages behind an index with opaque ETags (nginx's `mtime-size`), tens of MB of it.
 * Both URLs are reduced to their public form here, as the page cache stores them.
 */
export function usableAfterRestore(page: StoredPageView, pageUrl: string): boolean {
  return vouchingEtag({ ...page, url: publicUrl(page.url) }, publicUrl(pageUrl)) !== undefined;
}

/** RFC 9110 §8.8.3.2 weak comparison: the opaque values are equal, W/ ignored. */
export function sameEntityTag(a: string, b: string): boolean {
  const x = opaqueTag(a.trim());
  return x !== undefined && x === opaqueTag(b.trim());
}
