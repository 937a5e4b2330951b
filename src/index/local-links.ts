/**
 * Which sources may hand out `file:` links. A link on a page is followed: a `file:` link on a
 * REMOTE page would make wheelhouse read a file of this machine (any path the page names) and copy
 * it into the wheelhouse. Only local sources — a local find-links directory or `file:` page, a
 * `file:` index the user named — may yield `file:` links; on a page fetched over HTTP(S) they are
 * dropped with a warning, wherever the page came from (network, page cache, offline cache).
 * (pip follows such links; this is a deliberate deviation, see docs/reliability.md.)
 */
import type { Logger } from '../util/logger.js';
import { redactUrl } from './redact.js';

function isFileUrl(url: string): boolean {
  if (url.startsWith('https://') || url.startsWith('http://')) return false; // the usual link, cheaply
  return /^file:/i.test(url.trim());
}

/** Drops `file:` links from `links` unless the page itself is local; warns once per page. */
export function dropFileLinksFromRemote<T>(
  links: T[],
  urlOf: (link: T) => string,
  pageUrl: string,
  logger: Logger,
): T[] {
  if (isFileUrl(pageUrl)) return links;
  const kept = links.filter((l) => !isFileUrl(urlOf(l)));
  const dropped = links.length - kept.length;
  if (dropped > 0) {
    const first = links.find((l) => isFileUrl(urlOf(l)));
    logger.warn(
      `${redactUrl(pageUrl)}: ignored ${dropped} file: link(s) (e.g. ${redactUrl(urlOf(first as T))}); only local find-links and file: indexes may point at local files`,
    );
  }
  return kept;
}
