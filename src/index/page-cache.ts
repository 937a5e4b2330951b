/**
 * On-disk cache of project pages for HTTP revalidation (RFC 9110 §13.1: `If-None-Match` from a
 * stored `ETag`, `If-Modified-Since` from a stored `Last-Modified`; a 304 reuses the stored body).
 * Entries are keyed by the sha256 of the redacted URL (no credentials in file names or contents;
 * a body holding one of the run's secrets — absolute links under a tokenised index — is not
 * stored at all) and written atomically (temporary file + rename), so concurrent runs never see half an entry.
 * The cache directory is passed in.
 *
 * The directory travels in cache entries, so what it holds is untrusted: each entry stores the
 * sha256 of its body and one whose body does not match is a miss (a torn or edited body), but an
 * entry rewritten together with its digest cannot be told apart on disk. The cache therefore
 * remembers, in memory, the digest of every body it wrote in this process: `get` answers
 * `writtenHere: true` only for those. What may be done with the others is decided in
 * page-trust.ts (never used without the server vouching for the exact bytes).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import { publicUrl, redactUrl, runSecrets } from './redact.js';

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
   * This cache object wrote exactly this body for this URL in this process (from a server
   * response); false for an entry it found on disk (a restored cache entry, another run's).
   */
  writtenHere: boolean;
}

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

export function createPageCache(dir: string): PageCache {
  const pathFor = (url: string) => join(dir, `${pageCacheKey(url)}.json`);
  /** Cache key → body digest of every entry written by this object (the only trusted record). */
  const written = new Map<string, string>();
  return {
    async get(url) {
      try {
        const parsed = JSON.parse(await readFile(pathFor(url), 'utf8')) as CachedPage;
        if (typeof parsed.body !== 'string' || typeof parsed.contentType !== 'string') return undefined;
        // Untrusted (it travels in cache entries): a body that is not the one stored is a miss.
        const digest = bodyDigest(parsed.body);
        if (parsed.sha256 !== digest) return undefined;
        const { writtenHere: _ignored, ...page } = parsed as StoredPage;
        return { ...page, writtenHere: written.get(pageCacheKey(url)) === digest };
      } catch {
        return undefined; // missing or corrupt: a miss
      }
    },
    async put(url, page) {
      const { writtenHere: _ignored, ...stored } = page as Partial<StoredPage> & CachedPage;
      const digest = bodyDigest(page.body);
      const entry = JSON.stringify({ ...stored, url: publicUrl(page.url), sha256: digest });
      if (runSecrets.includes(entry)) return;
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(pathFor(url), entry);
      written.set(pageCacheKey(url), digest);
    },
  };
}
