/**
 * On-disk cache of project pages for HTTP revalidation (RFC 9110 §13.1: `If-None-Match` from a
 * stored `ETag`, `If-Modified-Since` from a stored `Last-Modified`; a 304 reuses the stored body).
 * Entries are keyed by the sha256 of the redacted URL (no credentials in file names or contents;
 * a body holding one of the run's secrets — absolute links under a tokenised index — is not
 * stored at all) and written atomically (temporary file + rename), so concurrent runs never see half an entry.
 * The cache directory is passed in; files a cache restore holds in memory (src/util/held-files.ts)
 * are read from there first, as if on disk, under the same size limit.
 *
 * The directory travels in cache entries, so what it holds is untrusted: each entry stores the
 * sha256 of its body and one whose body does not match is a miss (a torn or edited body), but an
 * entry rewritten together with its digest cannot be told apart on disk. The cache therefore
 * keeps, outside the directory, a record of every entry it wrote (`PageRecords`: the digest of the
 * entry's URL, validators, content type and body, and when the server last sent or confirmed it):
 * `get` answers `writtenHere: true` only for an entry whose digest is a recorded one, and then
 * takes its freshness from the record, never from the file. The records live in memory for one
 * process; a caller may load them from, and save them to, a place no cache entry reaches (the
 * CLI's stamp store, src/cache/received-records.ts), so that a later run on the same machine trusts
 * the bytes its predecessor received — wherever they are read from — exactly as much as the run
 * that received them. What may be done with the others is decided in page-trust.ts (never used
 * without the server vouching for the exact bytes).
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import type { HeldFiles } from '../util/held-files.js';
import { describeProblem, readRegularFile, type RegularFileRead } from '../util/read-regular-file.js';
import { vouchingEtag } from './page-trust.js';
import { publicUrl, redactUrl, runSecrets } from './redact.js';
import { BODY_LIMITS } from './transfer-limits.js';

/**
 * The most bytes of a stored page read: a body of the largest project page accepted, twice over
 * for JSON's escaping (every `"` of an HTML page is written `\"`), and its other fields. An entry
 * is read without following a link and only when it is a regular file (util/read-regular-file.ts):
 * page keys are predictable, and an entry restored as a FIFO or a link to /dev/zero (the Actions
 * cache's tar keeps both) would otherwise hang or exhaust every later resolution.
 */
const PAGE_FILE_LIMIT = 2 * BODY_LIMITS.projectPage + 1024 * 1024;

export interface PageCacheOptions {
  /** Told about an entry that is there but was not read (not a regular file, too large…). */
  warn?: (message: string) => void;
  /** Restored files not written yet, read before the directory (src/util/held-files.ts). */
  held?: HeldFiles;
}

export interface CachedPage {
  /** Redacted URL the body came from (after redirects). */
  url: string;
  etag?: string;
  lastModified?: string;
  contentType: string;
  body: string;
  /** Epoch ms when received or last revalidated (the start of its freshness lifetime). */
  storedAt: number;
  /**
   * Seconds from `storedAt` during which the page is reused with no request (the index's
   * `Cache-Control: max-age` less `Age`, page-freshness.ts); absent or 0: always revalidated.
   */
  freshForSec?: number;
  /** sha256 (hex) of `body`, written by `put`; an entry whose body does not match is not used. */
  sha256?: string;
}

/** A page read back from the cache. */
export interface StoredPage extends CachedPage {
  /**
   * The page cache's records say it stored exactly this entry (URL, validators, content type and
   * body) from a server response — in this process, or in an earlier run whose records were
   * loaded; `storedAt` and `freshForSec` are then the record's. False for any other entry (a
   * restored cache entry, an edited one).
   */
  writtenHere: boolean;
  /**
   * The ETag whose 304 would vouch for exactly this stored body (page-trust.ts `vouchingEtag`),
   * decided by `get` from the body digest it has just checked, so a hit hashes its body once;
   * absent when the page could not be revalidated after a restore. Set only by `get` (a field of
   * that name in the file, or in a page handed to `put`, is ignored).
   */
  vouchingEtag?: string;
}

/** What the page cache recorded of an entry it wrote (see the header; key: `pageCacheKey`). */
export interface PageRecord {
  /** `entryDigest` of the entry. */
  digest: string;
  /** Epoch ms when the server last sent or confirmed (304) the entry. */
  storedAt: number;
  freshForSec?: number;
}

/** The records of a page cache, by `pageCacheKey(url)`; shared with the caller that keeps them. */
export type PageRecords = Map<string, PageRecord>;

export interface PageCache {
  get(url: string): Promise<StoredPage | undefined>;
  put(url: string, page: CachedPage): Promise<void>;
}

function bodyDigest(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

export function pageCacheKey(url: string): string {
  return createHash('sha256').update(redactUrl(url)).digest('hex');
}

/**
 * The digest that names a stored entry for the records: everything that decides what the page
 * says (its base URL for relative links, its validators, its content type and its body), not when
 * it was stored (that is the record's). `bodySha256` is the hex sha256 of the body.
 */
export function entryDigest(
  page: Pick<CachedPage, 'url' | 'etag' | 'lastModified' | 'contentType'>,
  bodySha256: string,
): string {
  const fields = [page.url, page.etag ?? null, page.lastModified ?? null, page.contentType, bodySha256];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

function optionalString(x: unknown): boolean {
  return x === undefined || typeof x === 'string';
}

/** A held file as `readRegularFile` would answer it (over the limit: too large), or undefined. */
function heldRead(held: HeldFiles | undefined, path: string): RegularFileRead | undefined {
  const bytes = held?.read(path);
  if (bytes === undefined) return undefined;
  if (bytes.length > PAGE_FILE_LIMIT)
    return { problem: 'too large', detail: `over ${PAGE_FILE_LIMIT} bytes` };
  return { text: bytes.toString('utf8') };
}

export function createPageCache(
  dir: string,
  records: PageRecords = new Map(),
  options: PageCacheOptions = {},
): PageCache {
  const pathFor = (key: string) => join(dir, `${key}.json`);
  return {
    async get(url) {
      const key = pageCacheKey(url);
      const read =
        heldRead(options.held, pathFor(key)) ?? (await readRegularFile(pathFor(key), PAGE_FILE_LIMIT));
      if (!('text' in read)) {
        if (read.problem !== 'missing')
          options.warn?.(`page cache: ${pathFor(key)}: ${describeProblem(read)}; ignored`);
        return undefined;
      }
      try {
        const parsed = JSON.parse(read.text) as CachedPage;
        if (typeof parsed.body !== 'string' || typeof parsed.contentType !== 'string') return undefined;
        if (typeof parsed.url !== 'string' || !optionalString(parsed.etag)) return undefined;
        if (!optionalString(parsed.lastModified)) return undefined;
        // Untrusted (it travels in cache entries): a body that is not the one stored is a miss.
        const digest = bodyDigest(parsed.body);
        if (parsed.sha256 !== digest) return undefined;
        const { writtenHere: _ignored, vouchingEtag: _forged, ...page } = parsed as StoredPage;
        const etag = vouchingEtag(page, publicUrl(url), digest);
        const vouching = etag !== undefined ? { vouchingEtag: etag } : {};
        const record = records.get(key);
        if (record === undefined || record.digest !== entryDigest(page, digest)) {
          return { ...page, ...vouching, writtenHere: false };
        }
        // Ours: its freshness is the record's (the file's own fields are as rewritable as the rest).
        const { freshForSec: _f, ...rest } = page;
        return {
          ...rest,
          storedAt: record.storedAt,
          ...(record.freshForSec !== undefined ? { freshForSec: record.freshForSec } : {}),
          ...vouching,
          writtenHere: true,
        };
      } catch {
        return undefined; // missing or corrupt: a miss
      }
    },
    async put(url, page) {
      const key = pageCacheKey(url);
      const { writtenHere: _w, vouchingEtag: _v, ...stored } = page as Partial<StoredPage> & CachedPage;
      const digest = bodyDigest(page.body);
      const entry = { ...stored, url: publicUrl(page.url), sha256: digest };
      const text = JSON.stringify(entry);
      if (runSecrets.includes(text)) return;
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(pathFor(key), text);
      options.held?.release(pathFor(key));
      records.set(key, {
        digest: entryDigest(entry, digest),
        storedAt: page.storedAt,
        ...(page.freshForSec !== undefined ? { freshForSec: page.freshForSec } : {}),
      });
    },
  };
}
