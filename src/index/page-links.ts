/**
 * A project page's links as the candidate chooser reads them: by index, with the few fields every
 * link is judged by (file name, Requires-Python, yanked) at hand and the whole DistFile made only
 * for the links that are chosen. PyPI's largest pages list 10,000 files, of which a target uses a
 * few hundred; a page parsed by the PEP 691 scanner (json-page-scan.ts) keeps the rest as offsets
 * into its body (`CompactLinks`), a page parsed any other way is wrapped as it is (`arrayLinks`).
 */
import type { NormalizedName } from '../standards/names.js';
import type { DistFile, ProjectPage } from './dist-file.js';
import { fragmentHashes, normalizeHashes, parseMetadataJson, type ResolvedLink } from './dist-link.js';
import type { FilenameRefusal } from './dist-filename-check.js';
import { ownString } from '../util/own-string.js';

export interface PageLinks {
  readonly length: number;
  filename(i: number): string;
  /** As DistFile.requiresPython: trimmed, undefined when absent or blank. */
  requiresPython(i: number): string | undefined;
  yanked(i: number): false | true | string;
  /** The whole record (made on first use and kept). */
  file(i: number): DistFile;
  /**
   * For a wheel name that parsed (else -1): a number for its `{name}-{version}[-{build}]` head and
   * one for its tag part, equal for equal texts within the page, so each is decided once.
   */
  headId?(i: number): number;
  tagId?(i: number): number;
}

/** The links of a page that holds its DistFiles already. */
export function arrayLinks(files: readonly DistFile[]): PageLinks {
  return {
    length: files.length,
    filename: (i) => (files[i] as DistFile).filename,
    requiresPython: (i) => (files[i] as DistFile).requiresPython,
    yanked: (i) => (files[i] as DistFile).yanked,
    file: (i) => files[i] as DistFile,
  };
}

/** The links of any page: its compact form when it has one, else its files. */
export function pageLinks(page: ProjectPage): PageLinks {
  return page.links ?? arrayLinks(page.files);
}

/** Fields of one link in `CompactLinks.ranges` (start and end offsets into the body). */
/** URL without fragment; start is -1 when the link went through the URL parser (`resolved`). */
export const URL_START = 0;
export const URL_END = 1;
/** `#…` fragment of a canonical link (start = end when none). */
export const FRAG_START = 2;
export const FRAG_END = 3;
/** The JSON value of `hashes` (-1 when absent). */
export const HASHES_START = 4;
export const HASHES_END = 5;
/** The JSON value of `core-metadata`, else of `dist-info-metadata` (-1 when absent). */
export const CORE_START = 6;
export const CORE_END = 7;
/** The JSON number of `size` (-1 when absent or not a number). */
export const SIZE_START = 8;
export const SIZE_END = 9;
/** The JSON string of `upload-time`, quotes excluded (-1 when absent or not a string). */
export const UPLOAD_START = 10;
export const UPLOAD_END = 11;
/** PageFilenameChecker's numbers for a wheel name's head and tag part (-1 for other names). */
export const HEAD_ID = 12;
export const TAG_ID = 13;
export const FIELDS = 14;

/**
 * A JSON page's accepted links kept as offsets into the page body. Strings whose start offset is
 * stored as `~start` (negative) hold JSON escapes and are decoded when read.
 */
export class CompactLinks implements PageLinks {
  length = 0;
  readonly filenames: string[] = [];
  readonly requiresPythons: (string | undefined)[] = [];
  readonly yankeds: (false | true | string)[] = [];
  ranges = new Int32Array(FIELDS * 64);
  /** Links that went through the URL parser, by index. */
  readonly resolved = new Map<number, ResolvedLink>();
  private readonly made: (DistFile | undefined)[] = [];

  constructor(
    readonly body: string,
    readonly project: NormalizedName,
    readonly source: string,
  ) {}

  /** Room for one more link; returns its base offset in `ranges`. */
  add(filename: string, requiresPython: string | undefined, yanked: false | true | string): number {
    const base = this.length * FIELDS;
    if (base + FIELDS > this.ranges.length) {
      const grown = new Int32Array(this.ranges.length * 2);
      grown.set(this.ranges);
      this.ranges = grown;
    }
    this.filenames.push(filename);
    this.requiresPythons.push(requiresPython);
    this.yankeds.push(yanked);
    this.length++;
    return base;
  }

  filename(i: number): string {
    return this.filenames[i] as string;
  }
  requiresPython(i: number): string | undefined {
    return this.requiresPythons[i];
  }
  yanked(i: number): false | true | string {
    return this.yankeds[i] as false | true | string;
  }
  headId(i: number): number {
    return this.ranges[i * FIELDS + HEAD_ID] as number;
  }
  tagId(i: number): number {
    return this.ranges[i * FIELDS + TAG_ID] as number;
  }

  file(i: number): DistFile {
    let f = this.made[i];
    if (f === undefined) {
      f = this.make(i);
      this.made[i] = f;
    }
    return f;
  }

  /** Whether a link went through the URL parser to something other than http(s) (a `file:` link). */
  hasNonHttpLinks(): boolean {
    for (const link of this.resolved.values())
      if (!link.url.startsWith('https://') && !link.url.startsWith('http://')) return true;
    return false;
  }

  /** Whether two links have the same URL (a merged page keeps only the first of them). */
  hasDuplicateUrls(): boolean {
    const seen = new Set<string>();
    for (let i = 0; i < this.length; i++) {
      const b = i * FIELDS;
      const start = this.ranges[b + URL_START] as number;
      const url =
        start >= 0
          ? this.body.slice(start, this.ranges[b + URL_END])
          : (this.resolved.get(i) as ResolvedLink).url;
      if (seen.has(url)) return true;
      seen.add(url);
    }
    return false;
  }

  /** Every link's DistFile, in page order. */
  files(): DistFile[] {
    const out: DistFile[] = new Array<DistFile>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.file(i);
    return out;
  }

  private string(start: number, end: number): string {
    return start < 0
      ? (JSON.parse(this.body.slice(~start - 1, end + 1)) as string)
      : this.body.slice(start, end);
  }

  private json(start: number, end: number): unknown {
    return start < 0 ? undefined : JSON.parse(this.body.slice(start, end));
  }

  private make(i: number): DistFile {
    const r = this.ranges;
    const b = i * FIELDS;
    let url: string;
    let redactedUrl: string;
    let linkHashes: Record<string, string>;
    const urlStart = r[b + URL_START] as number;
    if (urlStart >= 0) {
      url = ownString(this.body.slice(urlStart, r[b + URL_END]));
      redactedUrl = url;
      const fragStart = r[b + FRAG_START] as number;
      const fragEnd = r[b + FRAG_END] as number;
      linkHashes =
        fragStart === fragEnd ? {} : fragmentHashes(ownString(this.body.slice(fragStart, fragEnd)));
    } else {
      const link = this.resolved.get(i) as ResolvedLink;
      url = link.url;
      redactedUrl = link.redactedUrl;
      linkHashes = link.hashes;
    }
    const yanked = this.yankeds[i] as false | true | string;
    const jsonHashes = normalizeHashes(this.json(r[b + HASHES_START] as number, r[b + HASHES_END] as number));
    const file: DistFile = {
      project: this.project,
      filename: ownString(this.filenames[i] as string),
      url,
      redactedUrl,
      hashes: hasKeys(linkHashes) ? { ...linkHashes, ...jsonHashes } : jsonHashes,
      requiresPython: ownOrUndefined(this.requiresPythons[i]),
      yanked: typeof yanked === 'string' ? ownString(yanked) : yanked,
      coreMetadata: parseMetadataJson(this.json(r[b + CORE_START] as number, r[b + CORE_END] as number)),
      source: this.source,
    };
    const sizeStart = r[b + SIZE_START] as number;
    if (sizeStart >= 0) {
      const size = Number(this.body.slice(sizeStart, r[b + SIZE_END]));
      if (Number.isSafeInteger(size) && size >= 0) file.size = size;
    }
    const uploadStart = r[b + UPLOAD_START] as number;
    if (uploadStart !== -1)
      file.uploadTime = ownString(this.string(uploadStart, r[b + UPLOAD_END] as number));
    return file;
  }
}

/** A kept DistFile's strings are copies: slices of the body would keep the whole page alive. */
function ownOrUndefined(s: string | undefined): string | undefined {
  return s === undefined ? undefined : ownString(s);
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/**
 * A ProjectPage over compact links: `files` is made (all of it) only when something reads it;
 * the candidate chooser reads `links` instead. `links` is not enumerable, so a copy made by
 * spreading (`{ ...page, files: some }`) does not carry the whole page's links along.
 */
export function compactPage(links: CompactLinks, refused?: FilenameRefusal[]): ProjectPage {
  let files: DistFile[] | undefined;
  const page: ProjectPage = {
    project: links.project,
    source: links.source,
    ...(refused !== undefined ? { refused } : {}),
    get files(): DistFile[] {
      files ??= links.files();
      return files;
    },
  };
  Object.defineProperty(page, 'links', { value: links, enumerable: false });
  return page;
}
