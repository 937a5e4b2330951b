/**
 * Fetching one project page from one index: PEP 691 content negotiation (JSON preferred, HTML
 * accepted), parsing by the response's Content-Type, 404/410 as "not on this index", and the
 * page cache: a page this process stored (or, by the page cache's records, an earlier run on
 * this machine: page-cache.ts) and still fresh under the index's `Cache-Control: max-age` is used
 * with no request; a stale one is revalidated (304 reuses the stored page and
 * restarts its lifetime). A page restored from a cache entry is used only when the server vouches
 * for its exact bytes (page-trust.ts); otherwise it is requested whole. Offline (API only), the
 * cache is read as it is: the caller chose to trust it.
 */
import type { Logger } from '../util/logger.js';
import type { NormalizedName } from '../standards/names.js';
import type { HttpClient } from './http-client.js';
import type { ProjectPage } from './dist-file.js';
import type { PageCache, StoredPage } from './page-cache.js';
import { HttpError } from './http-errors.js';
import { parseHtmlProjectPage } from './html-page.js';
import { parseJsonProjectPage } from './json-page.js';
import { MASK, publicUrl, redactUrl } from './redact.js';
import { reportRefusals } from './dist-filename-check.js';
import { BODY_LIMITS } from './transfer-limits.js';
import { dropFileLinksFromRemote } from './local-links.js';
import { decodePageCoding } from './page-coding.js';
import { decodePageBody } from './page-body.js';
import { releaseBytes } from '../util/releasable-bytes.js';
import { isFresh, pageFreshness } from './page-freshness.js';
import { isJsonContentType, sameEntityTag } from './page-trust.js';

/** PEP 691 §"Version + Format Selection": JSON first, HTML as fallback, legacy text/html last. */
export const SIMPLE_ACCEPT =
  'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

export interface PageFetchContext {
  http: HttpClient;
  logger: Logger;
  pageCache?: PageCache;
  offline?: boolean;
  /** Largest project page read (default BODY_LIMITS.projectPage). */
  maxPageBytes?: number;
  /** The clock for page freshness (default Date.now). */
  now?: () => number;
}

export { isJsonContentType };

/**
 * A page body parsed by its Content-Type. `controlFree`: the body is known to hold no control
 * character JSON forbids (page-body.ts learned it while decoding), so the scanner need not look.
 */
export function parsePage(
  body: string,
  contentType: string | undefined,
  url: string,
  project: NormalizedName,
  logger: Logger,
  controlFree = false,
  /** Which of `\`, TAB, LF, CR the body holds, when known (page-body.ts SEEN_* bits). */
  seen?: number,
): ProjectPage {
  const page = isJsonContentType(contentType)
    ? parseJsonProjectPage(body, url, project, logger, controlFree, seen)
    : parseHtmlProjectPage(body, url, project);
  if (page.refused !== undefined) reportRefusals(logger, page.refused);
  // A page in compact form leaves its `file:` links out itself (compact-links.ts `files`, `dropped`):
  // a skimmed entry's URL is known only once the entry is read.
  if (page.links !== undefined) return page;
  const files = dropFileLinksFromRemote(page.files, (f) => f.url, url, logger);
  return files.length === page.files.length ? page : { ...page, files };
}

/** Whether a stored final URL is another URL than the page's and had a run secret masked in it. */
function maskedRedirect(stored: string, pageUrl: string): boolean {
  return stored !== publicUrl(pageUrl) && stored !== redactUrl(pageUrl) && stored.includes(MASK);
}

/** The project page at `pageUrl`, or null when the index does not have the project. */
export async function fetchProjectPage(
  ctx: PageFetchContext,
  pageUrl: string,
  project: NormalizedName,
): Promise<ProjectPage | null> {
  const redacted = redactUrl(pageUrl);
  let cached: StoredPage | undefined = await ctx.pageCache?.get(pageUrl);
  // A page reached through a redirect whose final URL held a run secret was stored with it masked
  // (publicUrl): that URL cannot be rebuilt, and its relative links must never resolve against
  // the mask (review 14b #9) — such an entry is not used (and no longer stored, below).
  if (cached !== undefined && maskedRedirect(cached.url, pageUrl)) {
    ctx.logger.debug(
      `page ${redacted} in the cache was redirected to a URL holding a secret; requested whole`,
    );
    cached = undefined;
  }
  // Relative links resolve against the final URL; keep the credentials of the request URL.
  const withAuth = (stored: string) => {
    if (stored === publicUrl(pageUrl) || stored === redacted) return pageUrl;
    const f = new URL(stored);
    const p = new URL(pageUrl);
    const same = f.origin === p.origin;
    f.username = same ? p.username : '';
    f.password = same ? p.password : '';
    return f.href;
  };
  if (ctx.offline) {
    if (!cached) {
      ctx.logger.debug(`offline: no cached page for ${redacted}`);
      return null;
    }
    return parsePage(cached.body, cached.contentType, withAuth(cached.url), project, ctx.logger);
  }
  const now = ctx.now ?? Date.now;
  if (cached?.writtenHere === true && isFresh(cached.storedAt, cached.freshForSec, now())) {
    ctx.logger.debug(`page ${redacted} fresh in the cache (max-age); not requested`);
    return parsePage(cached.body, cached.contentType, withAuth(cached.url), project, ctx.logger);
  }
  // Validators of a page this process stored; of a restored page only an ETag that is a digest of
  // its body (page-trust.ts), so that a 304 vouches for exactly the stored bytes.
  let usable = cached;
  const headers: Record<string, string> = { accept: SIMPLE_ACCEPT };
  if (cached?.writtenHere === true) {
    if (cached.etag) headers['if-none-match'] = cached.etag;
    if (cached.lastModified) headers['if-modified-since'] = cached.lastModified;
  } else if (cached !== undefined) {
    // Decided by the page cache's `get` (page-trust.ts `vouchingEtag`) from the digest it checked.
    const etag = cached.vouchingEtag;
    if (etag !== undefined) headers['if-none-match'] = etag;
    else {
      ctx.logger.debug(`page ${redacted} in a restored cache entry cannot be vouched for; requested whole`);
      usable = undefined;
    }
  }
  const limit = { bytes: ctx.maxPageBytes ?? BODY_LIMITS.projectPage, what: 'project page' };
  let res = await ctx.http.request(pageUrl, { headers, limit });
  if (res.status === 304 && usable !== undefined && !usable.writtenHere) {
    const sent = headers['if-none-match'] as string;
    const answered = res.headers.etag;
    const redirected = publicUrl(res.url) !== publicUrl(pageUrl);
    if (redirected || (answered !== undefined && !sameEntityTag(answered, sent))) {
      // A 304 naming another ETag than the one asked about vouches for nothing; after a redirect
      // the stored base URL (for relative links) is not the page's own.
      await res.discard();
      ctx.logger.debug(`page ${redacted}: 304 from elsewhere or with another ETag; requested whole`);
      usable = undefined;
      res = await ctx.http.request(pageUrl, { headers: { accept: SIMPLE_ACCEPT }, limit });
    }
  }
  if (res.status === 304 && usable !== undefined) {
    const page = usable;
    await res.discard();
    ctx.logger.debug(`page ${redacted} not modified (cached)`);
    // RFC 9111 §4.3.4: a 304 updates the stored response's freshness (its own Cache-Control, else
    // the stored lifetime — only if this process stored it); written back only when that makes a
    // later request of this process skip the request.
    const fresh = pageFreshness(res.headers['cache-control'], res.headers.age);
    const freshForSec =
      res.headers['cache-control'] !== undefined
        ? fresh.freshForSec
        : page.writtenHere
          ? page.freshForSec
          : 0;
    if (ctx.pageCache && !fresh.noStore && (freshForSec ?? 0) > 0) {
      const { writtenHere: _w, vouchingEtag: _v, ...stored } = page;
      await ctx.pageCache
        .put(pageUrl, { ...stored, storedAt: now(), freshForSec })
        .catch((e: unknown) => ctx.logger.warn(`could not cache page ${redacted}: ${(e as Error).message}`));
    }
    return parsePage(page.body, page.contentType, withAuth(page.url), project, ctx.logger);
  }
  if (res.status === 404 || res.status === 410) {
    await res.discard();
    return null;
  }
  if (res.status !== 200) {
    await res.discard();
    throw new HttpError(res.status, 'GET', redactUrl(res.url));
  }
  const bytes = await res.body();
  const raw = decodePageCoding(bytes, res.headers['content-encoding'], limit, redacted);
  const { text: body, controlFree, seen } = decodePageBody(raw);
  // The text is a copy: the bytes go back to the system now, not at the next full collection.
  releaseBytes(bytes);
  const contentType = res.headers['content-type'] ?? 'text/html';
  const page = parsePage(body, contentType, res.url, project, ctx.logger, controlFree, seen);
  const etag = res.headers.etag;
  const lastModified = res.headers['last-modified'];
  const { freshForSec, noStore } = pageFreshness(res.headers['cache-control'], res.headers.age);
  if (
    ctx.pageCache &&
    !noStore &&
    (etag || lastModified || freshForSec > 0) &&
    !maskedRedirect(publicUrl(res.url), pageUrl)
  ) {
    const entry = { url: publicUrl(res.url), etag, lastModified, contentType, body, storedAt: now() };
    await ctx.pageCache
      .put(pageUrl, freshForSec > 0 ? { ...entry, freshForSec } : entry)
      .catch((e: unknown) => ctx.logger.warn(`could not cache page ${redacted}: ${(e as Error).message}`));
  }
  return page;
}
