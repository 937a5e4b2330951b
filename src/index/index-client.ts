/**
 * Project lookup over several indexes plus find-links, with an explicit index strategy:
 *
 * - `first-index` (default): indexes are asked in order and the first that has the project (any
 *   answer but 404/410) supplies all of its files; later indexes are never consulted for that
 *   project. This is uv's default and defends against dependency confusion: a public index cannot
 *   shadow a name the private (primary) index serves. An index error other than "not found" fails
 *   the lookup instead of falling through to the next index, for the same reason.
 * - `unsafe-best-match`: pip's behaviour: pip gathers candidates from `--index-url`, every
 *   `--extra-index-url` and every `--find-links` location and picks the best version among all of
 *   them, with no notion of index priority. All indexes are asked concurrently and merged.
 *
 * Find-links are merged in both strategies, as pip (always) and uv (find-links are not indexes
 * and are not subject to the strategy) do.
 * Concurrent `getProject` calls for one name share one in-flight lookup, and results are kept for
 * the client's lifetime (one resolution).
 */
import type { Logger } from '../util/logger.js';
import type { NormalizedName } from '../standards/names.js';
import type { HttpClient } from './http-client.js';
import type { DistFile, ProjectPage } from './dist-file.js';
import type { PageCache } from './page-cache.js';
import { createFindLinks } from './find-links.js';
import { fetchProjectPage } from './project-page-fetch.js';
import { CompactLinks, compactPage } from './compact-links.js';
import type { FileDigester } from '../util/file-sha256.js';
import { redactUrl } from './redact.js';

export type IndexStrategy = 'first-index' | 'unsafe-best-match';

/**
 * Most distinct projects one index client (one resolution) looks up. Every lookup is a page
 * request per index and state kept for the resolution; a hostile index whose metadata fans out to
 * ever new names, or a giant requirement set, would otherwise run until memory is gone.
 */
export const MAX_PROJECT_LOOKUPS = 10_000;

/** A resolution that needed more distinct projects than MAX_PROJECT_LOOKUPS (or the client's own limit). */
export class ProjectLookupLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly project: string,
  ) {
    super(
      `the resolution needed more than ${limit} distinct projects (looking up ${project}); wheelhouse stops there: check the requirements and the index's dependency metadata`,
    );
    this.name = 'ProjectLookupLimitError';
  }
}

export interface IndexClientOptions {
  http: HttpClient;
  logger: Logger;
  /** Simple-API base URLs, primary first (e.g. `https://pypi.org/simple/`). */
  indexUrls: string[];
  /** Local directories, file: URLs or http(s) pages. */
  findLinks: string[];
  strategy: IndexStrategy;
  pageCache?: PageCache;
  /** Read pages only from the page cache; find-links directories still work. */
  offline?: boolean;
  /** Most distinct projects looked up (default MAX_PROJECT_LOOKUPS). */
  maxProjects?: number;
  /**
   * Keep every answered page for later calls (default true). A caller that asks for each project
   * once (the resolve flow: its speculative walk hands each page on to the resolution) sets false, so
   * a page — thousands of links at PyPI scale — is freed once its consumers are done with it.
   */
  keepPages?: boolean;
  /** How the sha256 of a file in a local find-links directory is found (default: read it). */
  digest?: FileDigester;
}

export interface IndexClient {
  /** The merged files of a project, or null when no index or find-links location has it. */
  getProject(name: NormalizedName): Promise<ProjectPage | null>;
  /**
   * Indexes (redacted) that were asked for at least one project and answered "not found" every
   * time: most often a URL missing its `/simple/` path. For the failure message.
   */
  indexesWithoutProjects?(): string[];
}

/** `<index>/<name>/` (PEP 503: the project URL is the base URL plus the normalized name). */
export function projectPageUrl(indexUrl: string, name: NormalizedName): string {
  const base = indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`;
  return new URL(`${encodeURIComponent(name)}/`, base).href;
}

export function createIndexClient(options: IndexClientOptions): IndexClient {
  const { http, logger, indexUrls, strategy } = options;
  const ctx = { http, logger, pageCache: options.pageCache, offline: options.offline };
  const findLinks = createFindLinks(
    http,
    logger,
    options.findLinks,
    options.offline === true,
    options.digest,
  );
  const inFlight = new Map<NormalizedName, Promise<ProjectPage | null>>();
  /** Every project looked up (for the lookup limit; pages themselves may be freed). */
  const looked = new Set<NormalizedName>();
  // Per index: whether any project page was found, and how many lookups were made.
  const answers = new Map<string, { found: boolean; asked: number }>();
  const record = (index: string, page: ProjectPage | null): ProjectPage | null => {
    const a = answers.get(index) ?? { found: false, asked: 0 };
    a.asked += 1;
    a.found ||= page !== null;
    answers.set(index, a);
    return page;
  };

  async function fromIndexes(name: NormalizedName): Promise<ProjectPage[]> {
    if (strategy === 'first-index') {
      for (const index of indexUrls) {
        const page = record(index, await fetchProjectPage(ctx, projectPageUrl(index, name), name));
        if (page) {
          logger.debug(`${name}: taken from ${redactUrl(index)} (first-index)`);
          return [page];
        }
      }
      return [];
    }
    const pages = await Promise.all(
      indexUrls.map(async (i) => record(i, await fetchProjectPage(ctx, projectPageUrl(i, name), name))),
    );
    return pages.filter((p): p is ProjectPage => p !== null);
  }

  async function lookup(name: NormalizedName): Promise<ProjectPage | null> {
    const [pages, links] = await Promise.all([fromIndexes(name), findLinks.filesFor(name)]);
    if (pages.length === 0 && links.length === 0) return null;
    // One page in compact form (a large JSON page) stays compact when merging would not change it.
    const only = pages[0];
    if (pages.length === 1 && links.length === 0 && only?.links instanceof CompactLinks) {
      if (!only.links.hasDuplicateUrls()) return compactPage(only.links);
    }
    const files: DistFile[] = [];
    const seen = new Set<string>();
    for (const f of [...pages.flatMap((p) => p.files), ...links]) {
      if (seen.has(f.url)) continue;
      seen.add(f.url);
      files.push(f);
    }
    const sources = [...pages.map((p) => p.source), ...new Set(links.map((f) => f.source))];
    return { project: name, files, source: sources.join(' + ') };
  }

  return {
    indexesWithoutProjects: () =>
      [...answers].filter(([, a]) => !a.found && a.asked > 0).map(([index]) => redactUrl(index)),
    getProject(name) {
      let p = inFlight.get(name);
      if (!p) {
        const limit = options.maxProjects ?? MAX_PROJECT_LOOKUPS;
        if (!looked.has(name) && looked.size >= limit)
          return Promise.reject(new ProjectLookupLimitError(limit, name));
        looked.add(name);
        const mine = lookup(name);
        p = mine;
        inFlight.set(name, mine);
        const forget = (): void => {
          if (inFlight.get(name) === mine) inFlight.delete(name);
        };
        // A failed lookup may be retried by a later call; an answered one is kept unless told not to.
        mine.then(() => {
          if (options.keepPages === false) forget();
        }, forget);
      }
      return p;
    },
  };
}
