/**
 * pip's `--find-links`: local directories (every file directly inside is a candidate) and HTML
 * pages (every anchor is a candidate, file: or http(s):). A location is read once per client and
 * its listing filtered per project: wheels by the name in the wheel file name, sdists by
 * matching the project name against the `<name>-<version>` stem. Local files get their sha256
 * and size computed (the lock needs hashes; indexes give them, directories do not). Offline,
 * only local directories and file: pages are read.
 */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
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

function toLocation(location: string): { dir?: string; url?: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    if (location.startsWith('file:')) return { url: location };
    return { url: location };
  }
  return { dir: isAbsolute(location) ? location : resolve(location) };
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

  async function list(location: string): Promise<Listing | null> {
    const loc = toLocation(location);
    let dir = loc.dir;
    if (loc.url?.startsWith('file:')) {
      const path = filePathOfUrl(loc.url);
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) dir = path;
    }
    if (dir !== undefined) {
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
    const url = loc.url!;
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
