/**
 * pip's `--find-links`: local directories (every file directly inside is a candidate), HTML pages
 * (every anchor is a candidate, file: or http(s):) and single files. A location is read once per
 * client and its listing filtered per project: wheels by the name in the wheel file name, sdists by
 * matching the project name against the `<name>-<version>` stem. Local files get their sha256
 * and size computed (the lock needs hashes; indexes give them, directories do not). Offline,
 * only local locations are read.
 *
 * What a location is, as pip 23.2 / 26 tell it (`build_source`, pip/_internal/index/sources.py):
 * a path or `file:` URL naming a directory is listed; one naming a file is read as a page when its
 * name is an HTML one (`.html`/`.htm`, pip's `mimetypes` test) and is otherwise itself the only
 * candidate (`_LocalFileSource`: `-f dist/a-1.0-py3-none-any.whl`); a remote URL is read as a page,
 * or, when its last segment is an archive name, is itself the candidate (`_RemoteFileSource` yields
 * the link; its page fetch is refused by the HTML content-type check). A local page's relative
 * links resolve against the page's location, it is read within the find-links page limit, and its
 * links pass the same file-name check and hash rules as a remote page's.
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../util/logger.js';
import type { NormalizedName } from '../standards/names.js';
import { parseSdistFilename, parseWheelFilename } from '../standards/filenames.js';
import { fileSha256, type FileDigester } from '../util/file-sha256.js';
import type { HttpClient } from './http-client.js';
import type { DistFile } from './dist-file.js';
import { parseHtmlLinks, distFileFromHtml, type HtmlLink } from './html-page.js';
import { HttpError } from './http-errors.js';
import { redactUrl } from './redact.js';
import { refuseDistFilename, reportRefusals, type FilenameRefusal } from './dist-filename-check.js';
import { filePathOfUrl } from './file-url-path.js';
import { decodePageCoding } from './page-coding.js';
import { BODY_LIMITS } from './transfer-limits.js';
import { dropFileLinksFromRemote } from './local-links.js';
import { isHtmlFileName } from './file-fetch.js';
import { linkResolver } from './dist-link.js';
import { isArchiveName } from '../standards/requirements-file-targets.js';

/** Whether `filename` is a wheel or sdist of `project`. */
export function belongsTo(filename: string, project: NormalizedName): boolean {
  try {
    if (filename.endsWith('.whl')) return parseWheelFilename(filename).name === project;
    if (filename.endsWith('.tar.gz') || filename.endsWith('.zip')) {
      parseSdistFilename(filename, project);
      return true;
    }
  } catch {
    // not a distribution file name, or another project's
  }
  return false;
}

type DirListing = { kind: 'dir'; dir: string; source: string; files: string[] };
type Listing = DirListing | { kind: 'page'; source: string; links: HtmlLink[] };

/**
 * The wheels of a directory listing by project, each name parsed once: the resolver asks for
 * every project's files, and matching each name against each project parsed every wheel name once
 * per project (139 × 139 parses for real-ds, ≈ 45 ms of the resolve's main thread:
 * docs/benchmarks.md, Install, session 13).
 */
const wheelsByProject = new WeakMap<DirListing, Map<string, Set<string>>>();

/** The names in `l` that are `project`'s wheels or sdists, in listing order (as `belongsTo`). */
function filesOf(l: DirListing, project: NormalizedName): string[] {
  let byProject = wheelsByProject.get(l);
  if (byProject === undefined) {
    byProject = new Map();
    for (const name of l.files) {
      if (!name.endsWith('.whl')) continue;
      let owner: string;
      try {
        owner = parseWheelFilename(name).name;
      } catch {
        continue; // not a wheel name: belongs to no project
      }
      const names = byProject.get(owner) ?? new Set<string>();
      names.add(name);
      byProject.set(owner, names);
    }
    wheelsByProject.set(l, byProject);
  }
  const wheels = byProject.get(project);
  return l.files.filter((name) =>
    name.endsWith('.whl') ? wheels?.has(name) === true : belongsTo(name, project),
  );
}

export interface FindLinks {
  /** Files of `project` from every location, in location order. */
  filesFor(project: NormalizedName): Promise<DistFile[]>;
}

/** A location as pip's `build_source` tells it: a local path (given or from a `file:` URL), or a remote URL. */
function toLocation(location: string): { path: string; url?: string } | { url: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    if (/^file:/i.test(location)) return { path: filePathOfUrl(location), url: location };
    return { url: location };
  }
  return { path: isAbsolute(location) ? location : resolve(location) };
}

/** The path of `url`, or "" when no URL parser takes it (its request then fails with the reason). */
function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

export function createFindLinks(
  http: HttpClient,
  logger: Logger,
  locations: string[],
  offline = false,
  /** How a local file's sha256 is found (default: its bytes are read; the flow passes stamps). */
  digest: FileDigester = fileSha256,
): FindLinks {
  const listings = new Map<string, Promise<Listing | null>>();

  /** The items of one location whose file names pass the check (refusals reported once). */
  function admit<T>(items: T[], nameOf: (item: T) => string, source: string): T[] {
    const refused: FilenameRefusal[] = [];
    const kept = items.filter((item) => {
      const refusal = refuseDistFilename(nameOf(item), source);
      if (refusal !== undefined) refused.push(refusal);
      return refusal === undefined;
    });
    reportRefusals(logger, refused);
    return kept;
  }

  async function listDir(dir: string): Promise<Listing | null> {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      const names: string[] = [];
      for (const e of entries) {
        // A link to a regular file counts as that file, as pip 23.2 takes every entry of the
        // directory (`_FlatDirectorySource.file_links`, Path.iterdir) — review 14b #1; the digest
        // and the local copy read the file through the link too. A broken link is left out.
        if (
          e.isFile() ||
          (e.isSymbolicLink() && (await stat(join(dir, e.name)).catch(() => undefined))?.isFile())
        )
          names.push(e.name);
      }
      names.sort();
      return { kind: 'dir', dir, source: dir, files: admit(names, (n) => n, dir) };
    } catch (e) {
      logger.warn(`find-links directory ${dir} is unreadable: ${(e as Error).message}`);
      return null;
    }
  }

  async function listPage(url: string): Promise<Listing | null> {
    if (offline && !url.startsWith('file:')) {
      logger.debug(`offline: skipping find-links page ${redactUrl(url)}`);
      return null;
    }
    const limit = { bytes: BODY_LIMITS.findLinksPage, what: 'find-links page' };
    const res = await http.request(url, { headers: { accept: 'text/html' }, limit });
    if (res.status === 404) {
      await res.discard();
      logger.warn(`find-links page ${redactUrl(url)} not found (404)`);
      return null;
    }
    if (res.status !== 200) {
      await res.discard();
      throw new HttpError(res.status, 'GET', redactUrl(res.url));
    }
    const body = decodePageCoding(await res.body(), res.headers['content-encoding'], limit, redactUrl(url));
    const html = new TextDecoder().decode(body);
    // Relative links resolve against the final URL; same-origin links keep the given credentials.
    const base = res.url === url ? url : res.url;
    const source = redactUrl(url);
    const links = dropFileLinksFromRemote(parseHtmlLinks(html, base), (l) => l.link.url, base, logger);
    return { kind: 'page', source, links: admit(links, (l) => l.link.filename, source) };
  }

  /** A remote URL naming an archive: that file is the location's one candidate (no request). */
  function remoteFile(url: string): Listing {
    const source = redactUrl(url);
    const link = linkResolver(url, url)(url);
    const links: HtmlLink[] = link === undefined ? [] : [{ link, attrs: new Map() }];
    return { kind: 'page', source, links: admit(links, (l) => l.link.filename, source) };
  }

  async function list(location: string): Promise<Listing | null> {
    const loc = toLocation(location);
    if (!('path' in loc)) {
      const url = loc.url;
      return isArchiveName(basename(urlPath(url))) ? remoteFile(url) : listPage(url);
    }
    const path = loc.path;
    let info: Stats;
    try {
      info = await stat(path);
    } catch (e) {
      // pip: "Location '…' is ignored: it is either a non-existing path or lacks a specific scheme."
      const err = e as NodeJS.ErrnoException;
      const what = loc.url === undefined ? path : redactUrl(loc.url);
      const why = err.code === 'ENOENT' ? 'it does not exist' : err.message;
      logger.warn(`find-links location ${what} is ignored: ${why}`);
      return null;
    }
    if (info.isDirectory()) return listDir(path);
    if (!info.isFile()) {
      logger.warn(`find-links location ${path} is ignored: it is neither a file nor a directory`);
      return null;
    }
    if (isHtmlFileName(path)) return listPage(loc.url ?? pathToFileURL(path).href);
    // Any other file is itself the location's one candidate, as pip's `_LocalFileSource.file_links`.
    const dir = dirname(path);
    return { kind: 'dir', dir, source: path, files: admit([basename(path)], (n) => n, path) };
  }

  function listing(location: string): Promise<Listing | null> {
    let p = listings.get(location);
    if (!p) {
      p = list(location);
      listings.set(location, p);
    }
    return p;
  }

  return {
    async filesFor(project) {
      const all = await Promise.all(locations.map((l) => listing(l)));
      const out: DistFile[] = [];
      for (const l of all) {
        if (!l) continue;
        if (l.kind === 'page') {
          for (const link of l.links) {
            if (belongsTo(link.link.filename, project)) out.push(distFileFromHtml(link, project, l.source));
          }
          continue;
        }
        const mine = filesOf(l, project);
        const files = await Promise.all(
          mine.map(async (name): Promise<DistFile> => {
            const path = join(l.dir, name);
            const { sha256, size } = await digest(path);
            const url = pathToFileURL(path).href;
            return {
              project,
              filename: name,
              url,
              redactedUrl: url,
              hashes: { sha256 },
              yanked: false,
              size,
              coreMetadata: false,
              source: l.source,
            };
          }),
        );
        out.push(...files);
      }
      return out;
    },
  };
}
