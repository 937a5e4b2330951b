/**
 * The one check every distribution file name passes where it enters wheelhouse (an HTML anchor, a
 * PEP 691 `filename`, a find-links page or directory, a direct URL's last path segment): the name
 * later becomes a path (`join(wheelhouse, filename)`, the resolver's download directory), so it
 * must be a plain file name by construction, not by the care of each writer.
 *
 * Two rules, in this order:
 *   1. Safe path: not empty, not `.`/`..`, no `/` or `\` (hrefs are percent-decoded before they
 *      get here, so `%2F`, `%5C`, `%2E%2E` count), no `:` (Windows drives and NTFS streams), no
 *      C0/C1 control character or DEL (NUL, ESC…), no Unicode format character (bidi overrides,
 *      zero-width characters) that makes a name display as another. A name failing this is
 *      hostile: refused with a warning.
 *   2. Grammar: a wheel name (PEP 427 as maintained in the binary distribution format spec) or a
 *      source distribution name (`.tar.gz`/`.zip`, see src/standards/filenames.ts). Every part of
 *      a valid name is ASCII letters, digits and `._+!-`, except a wheel's build tag, whose rest
 *      after the leading digits the grammar leaves free: a name that parses but holds any other
 *      character is hostile too. A name that does not parse (an `.egg`, an `.exe` installer, a
 *      pre-PEP 440 version) is refused quietly: indexes list such files for old releases, and
 *      pip skips them the same way ("Skipping link: not a file"/"wrong project name" at debug).
 */
import {
  parseSdistFilename,
  parseWheelFilename,
  type WheelFilename,
  wheelTagPartStart,
} from '../standards/filenames.js';
import { isArchiveName } from '../standards/requirements-file-targets.js';
import type { Logger } from '../util/logger.js';

export interface FilenameRefusal {
  filename: string;
  /** Where the name came from (redacted URL or local path), for the warning. */
  source: string;
  reason: string;
  /** True when the name could reach outside its directory or fool a reader (rule 1). */
  hostile: boolean;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Unicode "Cf" format characters: bidi embeddings/overrides/isolates, zero-width marks, BOM. */
const FORMAT = /\p{Cf}/u;
const SAFE_CHARS = /^[A-Za-z0-9._+!-]+$/;

/** Rule 1 alone: why `filename` is not a plain, printable file name (undefined when it is). */
export function unsafeFilenameReason(filename: string): string | undefined {
  if (filename === '' || filename === '.' || filename === '..') return 'not a file name';
  if (filename.includes('/') || filename.includes('\\')) return 'it contains a path separator';
  if (filename.includes(':')) return 'it contains ":"';
  if (CONTROL.test(filename)) return 'it contains a control character';
  if (FORMAT.test(filename)) return 'it contains an invisible formatting character';
  return undefined;
}

/**
 * Why `filename`, the last path segment of a direct URL or a lock file's file URL (percent-decoded),
 * cannot be a file of the wheelhouse (undefined when it can). Rule 1 above, a name not hidden (names
 * starting with "." are the run's own temporaries, run-owned-names.ts) and an archive name as pip
 * tells one by name (`.whl`, `.tar.gz`, `.zip`, `.tar.bz2`, …: standards' `isArchiveName`, pip's
 * `is_archive_file`); other characters are free: such a file keeps the name of its URL
 * (`v1.0~rc1.tar.gz`, `my pkg-1.0.tar.gz`), which the sdist grammar need not parse. The ONE rule for
 * both sides (review 17c F1): provider/direct-url-file.ts and provider/lock-input.ts refuse an input
 * naming another file, and cache/wheelhouse-entry-names.ts lets an entry place exactly these names,
 * so a name wheelhouse writes is never one its own cache refuses. No such name is one Python reads
 * from a directory on sys.path (`.py`, `.pth`, a package directory).
 */
export function directFileNameReason(filename: string): string | undefined {
  const unsafe = unsafeFilenameReason(filename);
  if (unsafe !== undefined) return unsafe;
  if (filename.startsWith('.')) return 'it is a hidden name (starts with ".")';
  if (!isArchiveName(filename))
    return 'it is not a wheel or archive name (.whl, .tar.gz, .zip, .tar.bz2, … as pip tells one)';
  return undefined;
}

/** Why `filename` is refused (undefined when it is a safe wheel or sdist name). */
export function refuseDistFilename(filename: string, source: string): FilenameRefusal | undefined {
  const checked = checkDistFilename(filename, source);
  return checked === undefined || 'hostile' in checked ? checked : undefined;
}

/** `refuseDistFilename`, with an accepted wheel name's parse instead of undefined. */
function checkDistFilename(filename: string, source: string): FilenameRefusal | WheelFilename | undefined {
  const hostile = (reason: string): FilenameRefusal => ({ filename, source, reason, hostile: true });
  // One test decides rule 1 for the usual name: a name of only these characters has no separator,
  // ":", control or format character, so only "." and ".." remain to refuse.
  const plain = SAFE_CHARS.test(filename);
  const unsafe = plain && filename !== '.' && filename !== '..' ? undefined : unsafeFilenameReason(filename);
  if (unsafe !== undefined) return hostile(unsafe);
  let wheel: WheelFilename | undefined;
  try {
    if (filename.endsWith('.whl')) wheel = parseWheelFilename(filename);
    else parseSdistFilename(filename);
  } catch (error) {
    return { filename, source, reason: (error as Error).message, hostile: false };
  }
  if (!plain)
    return hostile(
      'it contains characters no wheel or sdist name has (only ASCII letters, digits and ._+!-)',
    );
  return wheel;
}

/**
 * `refuseDistFilename` for the many names of one page: a wheel name of only safe characters is
 * `{head}-{python}-{abi}-{platform}.whl`, and it parses exactly when its head (name, version,
 * build tag: one or two "-") and its tag part (two "-") do, so a name whose head and tag part were
 * both seen in names that parsed needs no parsing. Every other name goes through
 * `refuseDistFilename`. Same answers; thousands of wheels share a few hundred heads and tag parts.
 * The distinct heads and tag parts are numbered: `headId`/`tagId` name those of the last name
 * checked (-1 unless it is a wheel name that parsed), so a reader of the page can decide each once.
 */
export class PageFilenameChecker {
  headId = -1;
  tagId = -1;
  private readonly heads = new Map<string, number>();
  private readonly tagParts = new Map<string, number>();
  /** Tag part texts by number, and for each the number of the tag part that followed it last. */
  private readonly tagTexts: string[] = [];
  private readonly nextTag: number[] = [];
  private lastHead = '';
  private lastHeadId = -1;
  /** The tag part of the last name checked when it was a wheel name that parsed (else -1). */
  private lastTag = -1;
  /** The parse of the name each head and each tag part was first seen in (by number). */
  private readonly headParses: WheelFilename[] = [];
  private readonly tagParses: WheelFilename[] = [];

  /**
   * The parse of a name with head number `headId` (its name, version and build tag are the
   * head's) and of one with tag part number `tagId` (its tags are the tag part's): what parsing
   * any name made of them gives, so a reader of the page need not parse it again.
   */
  headParse(headId: number): WheelFilename | undefined {
    return this.headParses[headId];
  }
  tagParse(tagId: number): WheelFilename | undefined {
    return this.tagParses[tagId];
  }

  constructor(readonly source: string) {}

  /** The name `checkAt` checked when it had to cut it out; undefined when it matched in place. */
  name: string | undefined;

  check(filename: string): FilenameRefusal | undefined {
    // A page lists a version's wheels in a repeating order of tag parts: the name is likely the
    // last head, "-", the tag part that followed the last one the previous time, ".whl". Both
    // parts passed the check below, so a name made of exactly them passes it too, with the same
    // split (the tag part holds exactly two "-") and the same numbers.
    return this.isPredicted(filename, 0, filename.length) ? undefined : this.unpredicted(filename);
  }

  /**
   * `check` for the name `text[first, close)` (a skimmed page entry's), compared in place with the
   * predicted name: no string is made for it then (`name` undefined), else `name` is the name.
   */
  checkAt(text: string, first: number, close: number): FilenameRefusal | undefined {
    if (this.isPredicted(text, first, close)) {
      this.name = undefined;
      return undefined;
    }
    const filename = text.slice(first, close);
    this.name = filename;
    return this.unpredicted(filename);
  }

  private isPredicted(text: string, first: number, close: number): boolean {
    const predicted = this.lastTag >= 0 ? (this.nextTag[this.lastTag] as number) : -1;
    if (predicted < 0) return false;
    const head = this.lastHead;
    const tag = this.tagTexts[predicted] as string;
    const tagAt = first + head.length + 1;
    // Compared substrings: cheaper than startsWith on a long text in V8 (measured).
    if (
      close - first !== head.length + tag.length + 5 ||
      text.charCodeAt(tagAt - 1) !== 45 /* - */ ||
      text.charCodeAt(close - 4) !== 46 /* . */ ||
      text.charCodeAt(close - 3) !== 119 /* w */ ||
      text.charCodeAt(close - 2) !== 104 /* h */ ||
      text.charCodeAt(close - 1) !== 108 /* l */ ||
      text.substring(first, tagAt - 1) !== head ||
      text.substring(tagAt, close - 4) !== tag
    )
      return false;
    this.headId = this.lastHeadId;
    this.tagId = predicted;
    this.lastTag = predicted;
    return true;
  }

  private unpredicted(filename: string): FilenameRefusal | undefined {
    const previousTag = this.lastTag;
    const refusal = this.checkParts(filename);
    this.lastTag = this.tagId;
    if (previousTag >= 0 && this.tagId >= 0) this.nextTag[previousTag] = this.tagId;
    return refusal;
  }

  private checkParts(filename: string): FilenameRefusal | undefined {
    this.headId = -1;
    this.tagId = -1;
    let d1 = -1;
    let stemEnd = 0;
    if (filename.endsWith('.whl') && SAFE_CHARS.test(filename)) {
      stemEnd = filename.length - 4;
      d1 = wheelTagPartStart(filename) - 1;
      if (d1 > 0) {
        let head = -1;
        if (d1 === this.lastHead.length && filename.startsWith(this.lastHead)) head = this.lastHeadId;
        else {
          const text = filename.slice(0, d1);
          head = this.heads.get(text) ?? -1;
          if (head >= 0) {
            this.lastHead = text;
            this.lastHeadId = head;
          }
        }
        const tag = head >= 0 ? (this.tagParts.get(filename.slice(d1 + 1, stemEnd)) ?? -1) : -1;
        if (tag >= 0) {
          this.headId = head;
          this.tagId = tag;
          return undefined;
        }
      }
    }
    const checked = checkDistFilename(filename, this.source);
    const refusal = checked === undefined || 'hostile' in checked ? checked : undefined;
    if (refusal === undefined && d1 > 0) {
      const head = filename.slice(0, d1);
      const tag = filename.slice(d1 + 1, stemEnd);
      const parsed = checked as WheelFilename;
      let headId = this.heads.get(head);
      if (headId === undefined) {
        this.heads.set(head, (headId = this.heads.size));
        this.headParses.push(parsed);
      }
      let tagId = this.tagParts.get(tag);
      if (tagId === undefined) {
        this.tagParts.set(tag, (tagId = this.tagParts.size));
        this.tagTexts.push(tag);
        this.nextTag.push(-1);
        this.tagParses.push(parsed);
      }
      this.lastHead = head;
      this.lastHeadId = headId;
      this.headId = headId;
      this.tagId = tagId;
    }
    return refusal;
  }
}

/**
 * Hostile names warned about one by one (each is an annotation in the action); the rest are
 * counted in one more warning, so a page of a million such links is not a million lines (review 2 s12).
 */
const HOSTILE_WARNINGS = 10;
/** How much of a hostile name a warning quotes. */
const QUOTED_NAME_CHARS = 200;

/** `name` as a JSON string, cut to its first 200 characters (with its length) when longer. */
export function quoteCapped(name: string): string {
  return name.length <= QUOTED_NAME_CHARS
    ? JSON.stringify(name)
    : `${JSON.stringify(name.slice(0, QUOTED_NAME_CHARS))}… (${name.length} characters)`;
}

/**
 * Logs the refusals of one source: the first hostile names as warnings (the logger escapes what it
 * prints), the quiet ones as one debug line.
 */
export function reportRefusals(logger: Logger, refused: readonly FilenameRefusal[]): void {
  const quiet: FilenameRefusal[] = [];
  let hostile = 0;
  for (const r of refused) {
    if (!r.hostile) quiet.push(r);
    else if (++hostile <= HOSTILE_WARNINGS)
      logger.warn(`ignoring the link to ${quoteCapped(r.filename)} on ${r.source}: ${r.reason}`);
  }
  if (hostile > HOSTILE_WARNINGS) {
    const sources = [...new Set(refused.filter((r) => r.hostile).map((r) => r.source))].join(', ');
    logger.warn(`ignoring ${hostile - HOSTILE_WARNINGS} more link(s) with such names on ${sources}`);
  }
  if (quiet.length > 0) {
    const sources = [...new Set(quiet.map((r) => r.source))].join(', ');
    logger.debug(
      `ignoring ${quiet.length} link(s) on ${sources} that are not wheel or sdist names: ${quiet
        .slice(0, 5)
        .map((r) => r.reason)
        .join('; ')}${quiet.length > 5 ? '; …' : ''}`,
    );
  }
}
