/**
 * A JSON page's accepted links kept as offsets into its body (`CompactLinks`), read by index
 * through the PageLinks interface (page-links.ts): the few fields every link is judged by at hand,
 * a skimmed link's entry read when first asked for, a link's DistFile made only when it is chosen
 * (compact-link-file.ts). The record layout is compact-link-fields.ts's.
 */
import type { NormalizedName } from '../standards/names.js';
import type { WheelFilename } from '../standards/filenames.js';
import type { DistFile, ProjectPage } from './dist-file.js';
import type { ResolvedLink } from './dist-link.js';
import type { FilenameRefusal, PageFilenameChecker } from './dist-filename-check.js';
import {
  FIELDS,
  HEAD_ID,
  NAME_AT,
  NAME_END,
  SKIMMED,
  TAG_ID,
  URL_END,
  URL_START,
} from './compact-link-fields.js';
import { makeLinkFile } from './compact-link-file.js';
import type { PageLinks } from './page-links.js';
import { ProjectPageError } from './project-page-error.js';

/** `URL_START` of a link taken from the general parser's reading of the page (`CompactLinks.misread`). */
const FROM_GENERAL = -3;
/** `URL_START` of a skimmed link whose entry, read, has no usable url (`CompactLinks.unusable`). */
const UNUSABLE = -4;

/** An entry the general parser skips for want of a usable url, in its place among the files. */
export interface UnusableEntry {
  filename: string;
  /** Why, for the warning. */
  unusable: string;
}

/** How a page with skimmed links reads them (json-page-entry.ts, json-page.ts). */
export interface SkimmedReader {
  /** Reads link `i`'s entry in full and settles it, or calls `links.misread(i)`. */
  read(links: CompactLinks, i: number): void;
  /**
   * The page by the general parser (its error when the page is not valid): its files, and in
   * their places the entries it skips that have a file name (so each link keeps its index).
   */
  reread(): (DistFile | UnusableEntry)[];
}

/**
 * A JSON page's accepted links kept as offsets into the page body. Strings whose start offset is
 * stored as `~start` (negative) hold JSON escapes and are decoded when read.
 */
export class CompactLinks implements PageLinks {
  length = 0;
  /** File names; a skimmed link's is cut from the body (NAME_AT, NAME_END) when first asked for. */
  readonly filenames: (string | undefined)[] = [];
  readonly requiresPythons: (string | undefined)[] = [];
  readonly yankeds: (false | true | string)[] = [];
  ranges = new Int32Array(FIELDS * 64);
  /** Links that went through the URL parser, by index. */
  readonly resolved = new Map<number, ResolvedLink>();
  private readonly made: (DistFile | undefined)[] = [];
  /** The scanner's file-name checker (its parses of each head and tag part). */
  names?: PageFilenameChecker;
  /** Set by the scanner when it skimmed entries (their ranges hold SKIMMED, ENTRY_* and NAME_AT). */
  skimmed?: SkimmedReader;
  /** The general parser's files, once a skimmed entry could not be read (`misread`). */
  private general?: (DistFile | UnusableEntry)[];
  /** Where a skimmed entry left out when read is reported (the scanner's logger). */
  warn?: (message: string) => void;
  /** Links dropped when read: a URL an earlier link has, or a `file:` link. */
  private drops?: Set<number>;
  /** The URL of each link read so far → the first such link (the eager ones entered at once). */
  private urls?: Map<string, number>;
  private eagerDuplicate = false;
  /**
   * Links read (settled) whose URLs are not compared yet, in the order they were read. The
   * comparison waits until a drop is asked for (`dropped`, `hasDuplicateUrls`), and is then made
   * in that order, so every answer is the one comparing at each read gives. A resolution reads
   * thousands of entries it never asks this of (the versions with no usable file, whose entries are
   * read only to be checked: versionCandidates); their URLs are then never cut out and hashed.
   */
  private readonly unnoted: number[] = [];

  constructor(
    readonly body: string,
    readonly project: NormalizedName,
    readonly source: string,
  ) {}

  /** Room for `count` links in all (a skimming scanner's estimate): `ranges` grows once, not by doubling. */
  reserve(count: number): void {
    const size = count * FIELDS;
    if (size <= this.ranges.length) return;
    const grown = new Int32Array(size);
    grown.set(this.ranges);
    this.ranges = grown;
  }

  /**
   * `ranges` cut to the links there are, when a reservation overshot by more than an eighth: an
   * estimate made from a page's first entries (tiny ones, on a hostile page) is not kept for as
   * long as the page is.
   */
  fit(): void {
    const size = this.length * FIELDS;
    if (this.ranges.length - size > size / 8) this.ranges = this.ranges.slice(0, size);
  }

  /** Room for one more link; returns its base offset in `ranges`. */
  add(
    filename: string | undefined,
    requiresPython: string | undefined,
    yanked: false | true | string,
  ): number {
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
    let name = this.filenames[i];
    if (name === undefined) {
      const b = i * FIELDS;
      name = this.body.slice(this.ranges[b + NAME_AT], this.ranges[b + NAME_END]);
      this.filenames[i] = name;
    }
    return name;
  }
  requiresPython(i: number): string | undefined {
    this.ensure(i);
    return this.requiresPythons[i];
  }
  yanked(i: number): false | true | string {
    this.ensure(i);
    return this.yankeds[i] as false | true | string;
  }
  /**
   * Whether link `i`, once read, is left out (pip keeps the first link of a URL; a remote page's
   * `file:` links are ignored as project-page-fetch.ts ignores them). Only read links are compared:
   * a skimmed link never read is never used.
   */
  dropped(i: number): boolean {
    this.ensure(i);
    this.noteRead();
    return this.drops?.has(i) === true;
  }

  unread(i: number): boolean {
    return this.ranges[i * FIELDS + URL_START] === SKIMMED;
  }

  /** Reads a skimmed link's entry (once). */
  private ensure(i: number): void {
    if (this.ranges[i * FIELDS + URL_START] !== SKIMMED) return;
    if (this.general !== undefined) this.fromGeneral(i);
    else (this.skimmed as SkimmedReader).read(this, i);
  }

  /** A skimmed link read by the reader: its Requires-Python and yanked value; its URL compared. */
  settle(i: number, requiresPython: string | undefined, yanked: false | true | string): void {
    this.requiresPythons[i] = requiresPython;
    this.yankeds[i] = yanked;
    this.unnoted.push(i);
  }

  /**
   * A skimmed entry that is not what the skim took it for: the page is read by the general parser
   * (which throws its error when the page is not valid JSON or an entry is unusable) and the
   * skimmed links are taken from its files, which list the same accepted names in the same order.
   */
  misread(i: number): void {
    const files = (this.skimmed as SkimmedReader).reread();
    if (files.length !== this.length || files.some((f, k) => f.filename !== this.filename(k)))
      throw new ProjectPageError(
        this.source,
        'its files list could not be read consistently (an entry holds objects shaped like entries)',
      );
    this.general = files;
    this.fromGeneral(i);
  }

  /**
   * A skimmed link whose entry, read, has no usable url: left out, with a warning, as the eager
   * parse leaves such an entry out (json-page.ts; pip 23.2's Link.from_json and the HTML parser
   * skip it) — not the whole page (review 14b #12).
   */
  unusable(i: number, why: string): void {
    this.ranges[i * FIELDS + URL_START] = UNUSABLE;
    this.requiresPythons[i] = undefined;
    this.yankeds[i] = false;
    this.drop(i);
    this.warn?.(`${this.source}: 1 file entry skipped (${why})`);
  }

  private fromGeneral(i: number): void {
    const entry = (this.general as (DistFile | UnusableEntry)[])[i] as DistFile | UnusableEntry;
    if ('unusable' in entry) {
      this.unusable(i, entry.unusable);
      return;
    }
    const f = entry;
    this.ranges[i * FIELDS + URL_START] = FROM_GENERAL;
    this.made[i] = f;
    this.requiresPythons[i] = f.requiresPython;
    this.yankeds[i] = f.yanked;
    this.unnoted.push(i);
  }

  /** The URLs of the links read and not compared yet, compared in the order they were read. */
  private noteRead(): void {
    const unnoted = this.unnoted;
    if (unnoted.length === 0) return;
    this.readUrls();
    for (let k = 0; k < unnoted.length; k++) {
      const i = unnoted[k] as number;
      this.noteUrl(i, this.urlOf(i));
    }
    unnoted.length = 0;
  }

  private urlOf(i: number): string {
    const b = i * FIELDS;
    const start = this.ranges[b + URL_START] as number;
    if (start >= 0) return this.body.slice(start, this.ranges[b + URL_END]);
    if (start === FROM_GENERAL) return (this.made[i] as DistFile).url;
    return (this.resolved.get(i) as ResolvedLink).url;
  }

  private drop(i: number): void {
    (this.drops ??= new Set()).add(i);
  }

  /** The first link of a URL stays; a later one is dropped, even when read first. */
  private noteUrl(i: number, url: string): void {
    if (!url.startsWith('https://') && !url.startsWith('http://')) {
      this.drop(i);
      return;
    }
    const urls = this.readUrls();
    const j = urls.get(url);
    if (j === i) return;
    if (j === undefined) urls.set(url, i);
    else if (j < i) this.drop(i);
    else {
      this.drop(j);
      urls.set(url, i);
    }
  }

  /**
   * The URLs of the links read while scanning (every link of a page that was not skimmed). Made
   * before any later read is compared, so the links read later (all still `unnoted` then) are left
   * out here and compared by `noteRead`.
   */
  private readUrls(): Map<string, number> {
    if (this.urls !== undefined) return this.urls;
    const urls = new Map<string, number>();
    const later = new Set(this.unnoted);
    for (let i = 0; i < this.length; i++) {
      const start = this.ranges[i * FIELDS + URL_START];
      if (start === SKIMMED || start === UNUSABLE || later.has(i)) continue;
      const url = this.urlOf(i);
      if (urls.has(url)) this.eagerDuplicate = true;
      else urls.set(url, i);
    }
    this.urls = urls;
    return urls;
  }
  headParse(headId: number): WheelFilename | undefined {
    return this.names?.headParse(headId);
  }
  tagParse(tagId: number): WheelFilename | undefined {
    return this.names?.tagParse(tagId);
  }
  headId(i: number): number {
    return this.ranges[i * FIELDS + HEAD_ID] as number;
  }
  tagId(i: number): number {
    return this.ranges[i * FIELDS + TAG_ID] as number;
  }

  file(i: number): DistFile {
    this.ensure(i);
    if (this.ranges[i * FIELDS + URL_START] === UNUSABLE)
      throw new ProjectPageError(this.source, `the entry of ${this.filename(i)} has no usable url`);
    let f = this.made[i];
    if (f === undefined) {
      f = makeLinkFile(this, i);
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

  /**
   * Whether two of the links read while scanning have the same URL (a merged page keeps only the
   * first of them). Skimmed links are compared when they are read (`dropped`).
   */
  hasDuplicateUrls(): boolean {
    this.readUrls();
    this.noteRead();
    return this.eagerDuplicate;
  }

  /**
   * Every link's DistFile, in page order — less a remote page's `file:` links (issue 10 §2: only a
   * local source may name local files; project-page-fetch.ts drops them from the other pages). A
   * link read while scanning made the page leave compact form if it was one (`hasNonHttpLinks`);
   * a skimmed link is only known once read, here.
   */
  files(): DistFile[] {
    const out: DistFile[] = [];
    for (let i = 0; i < this.length; i++) {
      this.ensure(i);
      if (this.ranges[i * FIELDS + URL_START] === UNUSABLE) continue;
      const f = this.file(i);
      if (f.url.startsWith('https://') || f.url.startsWith('http://')) out.push(f);
    }
    return out;
  }
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
