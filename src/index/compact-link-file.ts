/**
 * The DistFile of one compact link (compact-links.ts), made from its record's offsets into the page
 * body when the link is chosen. Every string it keeps is a copy (own-string.ts): a slice would keep
 * the whole page body alive for as long as the file is.
 */
import type { NormalizedName } from '../standards/names.js';
import { ownString } from '../util/own-string.js';
import type { DistFile } from './dist-file.js';
import { fragmentHashes, normalizeHashes, parseMetadataJson, type ResolvedLink } from './dist-link.js';
import {
  CORE_END,
  CORE_START,
  FIELDS,
  FRAG_END,
  FRAG_START,
  HASHES_END,
  HASHES_START,
  SIZE_END,
  SIZE_START,
  UPLOAD_END,
  UPLOAD_START,
  URL_END,
  URL_START,
} from './compact-link-fields.js';

/** What a link's DistFile is made of (the parts of a CompactLinks it reads). */
export interface LinkRecords {
  readonly body: string;
  readonly project: NormalizedName;
  readonly source: string;
  readonly ranges: Int32Array;
  readonly resolved: ReadonlyMap<number, ResolvedLink>;
  readonly requiresPythons: readonly (string | undefined)[];
  readonly yankeds: readonly (false | true | string)[];
  filename(i: number): string;
}

/** `{"sha256":"` + 64 hex digits + `"}` (sha256Only). */
const SHA256_ONLY_LENGTH = 77;
const LOWER_HEX_64 = /^[0-9a-f]{64}$/;

/**
 * Link `i`'s DistFile (its URL either a range of the body or, when it went through the URL parser,
 * `resolved`'s).
 */
export function makeLinkFile(links: LinkRecords, i: number): DistFile {
  const body = links.body;
  const r = links.ranges;
  const b = i * FIELDS;
  let url: string;
  let redactedUrl: string;
  let linkHashes: Record<string, string>;
  const urlStart = r[b + URL_START] as number;
  if (urlStart >= 0) {
    url = ownString(body.slice(urlStart, r[b + URL_END]));
    redactedUrl = url;
    const fragStart = r[b + FRAG_START] as number;
    const fragEnd = r[b + FRAG_END] as number;
    linkHashes = fragStart === fragEnd ? {} : fragmentHashes(ownString(body.slice(fragStart, fragEnd)));
  } else {
    const link = links.resolved.get(i) as ResolvedLink;
    url = link.url;
    redactedUrl = link.redactedUrl;
    linkHashes = link.hashes;
  }
  const yanked = links.yankeds[i] as false | true | string;
  const hashesStart = r[b + HASHES_START] as number;
  const hashesEnd = r[b + HASHES_END] as number;
  const jsonHashes =
    sha256Only(body, hashesStart, hashesEnd) ?? normalizeHashes(json(body, hashesStart, hashesEnd));
  const coreStart = r[b + CORE_START] as number;
  const coreEnd = r[b + CORE_END] as number;
  const file: DistFile = {
    project: links.project,
    filename: ownString(links.filename(i)),
    url,
    redactedUrl,
    // The URL fragment's hash wins, as pip 23.2's Link.__init__ ({**hashes, **hashes_from_link}).
    hashes: hasKeys(linkHashes) ? { ...jsonHashes, ...linkHashes } : jsonHashes,
    requiresPython: ownOrUndefined(links.requiresPythons[i]),
    yanked: typeof yanked === 'string' ? ownString(yanked) : yanked,
    coreMetadata: sha256Only(body, coreStart, coreEnd) ?? parseMetadataJson(json(body, coreStart, coreEnd)),
    source: links.source,
  };
  const sizeStart = r[b + SIZE_START] as number;
  if (sizeStart >= 0) {
    const size = Number(body.slice(sizeStart, r[b + SIZE_END]));
    if (Number.isSafeInteger(size) && size >= 0) file.size = size;
  }
  const uploadStart = r[b + UPLOAD_START] as number;
  if (uploadStart !== -1)
    file.uploadTime = ownString(jsonString(body, uploadStart, r[b + UPLOAD_END] as number));
  return file;
}

/** A JSON string's text; a start stored as `~start` (negative) marks one with escapes, decoded here. */
function jsonString(body: string, start: number, end: number): string {
  return start < 0 ? (JSON.parse(body.slice(~start - 1, end + 1)) as string) : body.slice(start, end);
}

/**
 * A JSON value that is exactly `{"sha256":"<64 lower-case hex digits>"}` (PyPI's `hashes` and
 * `core-metadata`, written compactly) as `normalizeHashes` would make it, without `JSON.parse`;
 * undefined for anything else (the caller parses it). The digest is a copy, not a slice.
 */
function sha256Only(body: string, start: number, end: number): Record<string, string> | undefined {
  if (start < 0 || end - start !== SHA256_ONLY_LENGTH) return undefined;
  if (!body.startsWith('{"sha256":"', start) || !body.endsWith('"}', end)) return undefined;
  // Tested on its copy, not in place: a sticky pattern run at an offset of the page body cost
  // ~5 µs a call in the CLI's resolve (its profile: 181 ms for ~32,000 calls), 0.1 µs in a loop.
  const digest = ownString(body.slice(start + 11, start + 75));
  return LOWER_HEX_64.test(digest) ? { sha256: digest } : undefined;
}

function json(body: string, start: number, end: number): unknown {
  return start < 0 ? undefined : JSON.parse(body.slice(start, end));
}

/** A kept DistFile's strings are copies: slices of the body would keep the whole page alive. */
function ownOrUndefined(s: string | undefined): string | undefined {
  return s === undefined ? undefined : ownString(s);
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}
