/**
 * PEP 691 JSON project pages (`application/vnd.pypi.simple.v1+json`) with PEP 700 additions
 * (`size`, `upload-time`, `versions`) and PEP 714 (`core-metadata`, legacy
 * `dist-info-metadata`). API version check per PEP 629: a major version other than 1 is an
 * error; a newer minor version is accepted with a warning.
 * Not supported: nothing in the file entries is ignored except `gpg-sig` and `provenance`.
 */
import type { Logger } from '../util/logger.js';
import type { NormalizedName } from '../standards/names.js';
import { normalizeName } from '../standards/names.js';
import type { DistFile, ProjectPage } from './dist-file.js';
import { linkResolver, normalizeHashes, parseMetadataJson, yankedJson } from './dist-link.js';
import { ProjectPageError } from './project-page-error.js';
import { redactUrl } from './redact.js';
import { quoteCapped, refuseDistFilename, type FilenameRefusal } from './dist-filename-check.js';
import { scanJsonProjectPage, SKIM_MIN_CHARS } from './json-page-scan.js';
import type { UnusableEntry } from './compact-links.js';

export const JSON_PAGE_TYPE = 'application/vnd.pypi.simple.v1+json';
/** Highest minor API version this parser knows (PEP 700 is 1.1). */
const KNOWN_MINOR = 1;

/** A `<digits>.<digits>` version as written, or quoted and cut when over 200 characters (review 14b #8). */
function digitsCapped(version: string): string {
  return version.length <= 200 ? version : quoteCapped(version);
}

function checkApiVersion(meta: unknown, source: string, logger?: Logger): void {
  const version = (meta as { 'api-version'?: unknown } | undefined)?.['api-version'];
  if (typeof version !== 'string') throw new ProjectPageError(source, 'meta.api-version is missing');
  const m = /^(\d+)\.(\d+)$/.exec(version);
  if (!m)
    throw new ProjectPageError(source, `meta.api-version ${quoteCapped(version)} is not "<major>.<minor>"`);
  if (m[1] !== '1')
    throw new ProjectPageError(source, `unsupported api-version ${digitsCapped(version)} (major must be 1)`);
  if (Number(m[2]) > KNOWN_MINOR)
    logger?.warn(`${source} uses api-version ${digitsCapped(version)}, newer than 1.${KNOWN_MINOR}`);
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/**
 * A PEP 691 page: by the scanner (json-page-scan.ts: no object tree, compact links) when it can
 * answer for the page, else by `parseJsonProjectPageGeneral`; both give the same page or error.
 * `controlFree`: the text is known to hold no control character JSON forbids (page-body.ts).
 */
export function parseJsonProjectPage(
  text: string,
  pageUrl: string,
  project: NormalizedName,
  logger?: Logger,
  controlFree = false,
  /** Which of `\`, TAB, LF, CR the text holds, when known (page-body.ts SEEN_* bits). */
  seen?: number,
): ProjectPage {
  // A large page is skimmed: an entry is read in full when the candidate chooser asks for it; one
  // that is not what the skim took it for sends the page to the general parser (its error, if any).
  const skim = {
    minChars: SKIM_MIN_CHARS,
    // The entries skipped for want of a usable url keep their places: a skimmed link read later
    // is left out as the eager parse leaves it out, not the page (review 14b #12).
    reread: () => {
      const entries: (DistFile | UnusableEntry)[] = [];
      parseJsonProjectPageGeneral(text, pageUrl, project, undefined, entries);
      return entries;
    },
  };
  return (
    scanJsonProjectPage(
      text,
      pageUrl,
      project,
      redactUrl(pageUrl),
      checkApiVersion,
      logger,
      controlFree,
      skim,
      seen,
    ) ?? parseJsonProjectPageGeneral(text, pageUrl, project, logger)
  );
}

/** The page through JSON.parse: every page, every error (the reference for the scanner). */
export function parseJsonProjectPageGeneral(
  text: string,
  pageUrl: string,
  project: NormalizedName,
  logger?: Logger,
  /**
   * Filled, when given, with the page's files in order and, in their places, the entries skipped
   * for want of a usable url that have a file name (the skim's reread: compact-links.ts).
   */
  entries?: (DistFile | UnusableEntry)[],
): ProjectPage {
  const source = redactUrl(pageUrl);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ProjectPageError(source, `invalid JSON: ${(e as Error).message}`);
  }
  if (!doc || typeof doc !== 'object') throw new ProjectPageError(source, 'the document is not an object');
  const d = doc as { meta?: unknown; name?: unknown; files?: unknown };
  checkApiVersion(d.meta, source, logger);
  if (typeof d.name === 'string' && normalizeName(d.name) !== project) {
    throw new ProjectPageError(source, `page is for ${quoteCapped(d.name)}, not ${JSON.stringify(project)}`);
  }
  if (!Array.isArray(d.files)) throw new ProjectPageError(source, '"files" is not a list');
  const files: DistFile[] = [];
  const refused: FilenameRefusal[] = [];
  const resolveLink = linkResolver(pageUrl, pageUrl);
  const skipped: string[] = [];
  d.files.forEach((raw: unknown, i: number) => {
    if (!raw || typeof raw !== 'object') throw new ProjectPageError(source, `files[${i}] is not an object`);
    const f = raw as Record<string, unknown>;
    // An entry without a usable url (or a file name) is skipped, not the page: pip 23.2's
    // `Link.from_json` returns None for an entry without "url" and keeps the rest, and the HTML
    // parser skips an unusable href (review 14b #12). One warning per page names the first. A
    // refused file name is refused first, as the scanner refuses it before reading the url.
    const filename = f.filename;
    if (typeof filename === 'string') {
      const refusal = refuseDistFilename(filename, source);
      if (refusal !== undefined) {
        refused.push(refusal);
        return;
      }
    }
    const link = typeof f.url === 'string' ? resolveLink(f.url) : undefined;
    if (typeof filename !== 'string' || !link) {
      const why =
        typeof f.url !== 'string' || typeof filename !== 'string'
          ? `files[${i}] lacks a string "url" or "filename"`
          : `files[${i}].url ${quoteCapped(redactUrl(f.url))} is unusable`;
      skipped.push(why);
      if (typeof filename === 'string') entries?.push({ filename, unusable: why });
      return;
    }
    // PEP 714: prefer core-metadata, fall back to the legacy key when it is absent or null (pip).
    const core = parseMetadataJson(f['core-metadata'] ?? f['dist-info-metadata']);
    const rp = f['requires-python'];
    const yanked = f.yanked;
    const size = f.size;
    const file: DistFile = {
      project,
      filename,
      url: link.url,
      redactedUrl: link.redactedUrl,
      hashes: hasKeys(link.hashes)
        ? // The URL fragment's hash wins, as pip 23.2's Link.__init__ ({**hashes, **hashes_from_link}).
          { ...normalizeHashes(f.hashes), ...link.hashes }
        : normalizeHashes(f.hashes),
      requiresPython: typeof rp === 'string' && rp.trim() !== '' ? rp.trim() : undefined,
      // PEP 691: yanked is a bool, or a string reason (which means yanked) — read as pip does.
      yanked: yankedJson(yanked),
      coreMetadata: core,
      source,
    };
    if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) file.size = size;
    if (typeof f['upload-time'] === 'string') file.uploadTime = f['upload-time'];
    files.push(file);
    entries?.push(file);
  });
  if (skipped.length > 0)
    logger?.warn(
      `${source}: ${skipped.length} file entr${skipped.length === 1 ? 'y' : 'ies'} skipped (${skipped[0] as string}${skipped.length > 1 ? ', …' : ''})`,
    );
  return { project, files, source, refused };
}
