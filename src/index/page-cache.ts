/**
 * On-disk cache of project pages for HTTP revalidation (RFC 9110 §13.1: `If-None-Match` from a
 * stored `ETag`, `If-Modified-Since` from a stored `Last-Modified`; a 304 reuses the stored body).
 * Entries are keyed by the sha256 of the redacted URL (no credentials in file names or contents;
 * a body holding one of the run's secrets — absolute links under a tokenised index — is not
 * stored at all) and written atomically (temporary file + rename), so concurrent runs never see half an entry.
 * The cache directory is passed in. Each entry stores the sha256 of its body and is used only when
 * the body still has it (a modified or torn body is a miss, the page is fetched whole). This does
 * not stop someone who rewrites body and digest together: nothing outside the cache vouches for a
 * page, so such a writer is trusted like the index (see docs/reliability.md). The same holds for
 * the stored freshness (`storedAt`, `freshForSec`): an edited entry can at most delay revalidation
 * by MAX_FRESH_SEC, and a receive time in the future counts as stale (page-freshness.ts).
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

export interface PageCache {
  get(url: string): Promise<CachedPage | undefined>;
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
  return {
    async get(url) {
      try {
        const parsed = JSON.parse(await readFile(pathFor(url), 'utf8')) as CachedPage;
        if (typeof parsed.body !== 'string' || typeof parsed.contentType !== 'string') return undefined;
        // Untrusted (it travels in cache entries): a body that is not the one stored is a miss.
        if (parsed.sha256 !== bodyDigest(parsed.body)) return undefined;
        return parsed;
      } catch {
        return undefined; // missing or corrupt: a miss
      }
    },
    async put(url, page) {
      const entry = JSON.stringify({ ...page, url: publicUrl(page.url), sha256: bodyDigest(page.body) });
      if (runSecrets.includes(entry)) return;
      await mkdir(dir, { recursive: true });
      await writeFileAtomic(pathFor(url), entry);
    },
  };
}
