/**
 * Freshness of a cached project page (RFC 9111 §4.2, as a private cache): the index's
 * `Cache-Control: max-age` says how long a page may be reused without asking; `no-cache` means
 * always revalidate, `no-store` means do not keep it at all; the `Age` header says how old the
 * response already was when it arrived (RFC 9111 §5.1). `s-maxage` is for shared caches and is
 * ignored. A fresh page is used with no request; a stale one is revalidated (If-None-Match /
 * If-Modified-Since). PyPI's pages say `max-age=600`.
 */

export interface PageFreshness {
  /** Seconds the response may be reused from the moment it was received (max-age − Age); 0: revalidate. */
  freshForSec: number;
  /** `no-store`: the page must not be written to the cache. */
  noStore: boolean;
}

/** Reuse without revalidation is capped at this (an entry cannot pin a page for longer). */
export const MAX_FRESH_SEC = 24 * 60 * 60;

function directives(cacheControl: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const part of cacheControl.split(',')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name === '') continue;
    const value =
      eq < 0
        ? undefined
        : part
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, '$1');
    if (!out.has(name)) out.set(name, value); // RFC 9111 §4.2.1: the first occurrence counts
  }
  return out;
}

/** RFC 9111 §1.2.2 delta-seconds: digits only; anything else is invalid (undefined). */
function deltaSeconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Math.min(Number(value), 2 ** 31);
}

/** What a response's `Cache-Control` and `Age` headers allow for its page. */
export function pageFreshness(cacheControl: string | undefined, age: string | undefined): PageFreshness {
  const d = directives(cacheControl ?? '');
  const noStore = d.has('no-store');
  const maxAge = deltaSeconds(d.get('max-age'));
  if (noStore || d.has('no-cache') || maxAge === undefined) return { freshForSec: 0, noStore };
  const already = deltaSeconds(age?.trim()) ?? 0;
  return { freshForSec: Math.max(0, Math.min(maxAge, MAX_FRESH_SEC) - already), noStore };
}

/**
 * Whether a page received at `receivedAt` (epoch ms) and fresh for `freshForSec` may be reused at
 * `now` without a request. A receive time in the future (a clock change, or an edited entry) is
 * stale; so is a missing or invalid lifetime.
 */
export function isFresh(receivedAt: number, freshForSec: number | undefined, now: number): boolean {
  if (typeof freshForSec !== 'number' || !Number.isFinite(freshForSec) || freshForSec <= 0) return false;
  if (!Number.isFinite(receivedAt) || receivedAt > now) return false;
  return now - receivedAt < Math.min(freshForSec, MAX_FRESH_SEC) * 1000;
}
