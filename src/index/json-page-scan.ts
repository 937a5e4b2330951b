/**
 * A PEP 691 JSON project page read without building it as objects: one pass over the body checks
 * that it is JSON (RFC 8259 grammar: structure, string escapes, number syntax, no control
 * characters in strings — known already when the body was decoded by page-body.ts —, nothing
 * after the value) and notes, for each entry of `files`, where its fields are (the grammar itself:
 * json-scanner.ts); only the fields every link is judged by (file name, Requires-Python, yanked)
 * become strings, the rest is read from the body when a link is chosen (compact-link-file.ts). An entry
 * shaped like one already read in full is matched against that shape (json-entry-template.ts)
 * instead of being read key by key.
 *
 * A large page (`SkimOptions`, ≥ 64 KiB: PyPI's biggest list 10,000 files in 6 MB, of which a
 * target can use a few hundred) is skimmed after its first entries: an entry that begins like an
 * entry read in full up to its file name (the same keys and nesting there: the name is the entry's
 * own) is found by that name and its end (`skimmed`); the name is checked (dist-filename-check.ts,
 * compared in place when it is the predicted one) and numbered like any other, and the entry is
 * read in full — grammar, keys, URL, Requires-Python, yanked —
 * only when the candidate chooser asks for it (json-page-entry.ts `lazyEntryReader`): a file whose
 * name rules it out for the target (another platform's wheel) is never read. What that leaves
 * unchecked is the JSON of entries never read: a page broken only there is accepted, where the
 * general parser refuses it; the files used are the general parser's exactly.
 *
 * Exactness by construction: the scanner only answers for pages it fully understands. Anything
 * else — a syntax error, an escaped key, a key given twice, a non-string `filename`/`url`, an entry
 * that is not an object, an unusable link, nesting deeper than MAX_DEPTH, a missing or non-list
 * `files` — makes it give up (`undefined`), and the caller parses the page the general way
 * (json-page.ts), which produces the result or the error. A skimmed entry that turns out so when it
 * is read sends the page to the general parser then (`CompactLinks.misread`). Differential tests
 * hold the two to identical pages (__tests__/index/json-page-scan.test.ts, json-page-skim.test.ts).
 */
import type { NormalizedName } from '../standards/names.js';
import { normalizeName } from '../standards/names.js';
import type { Logger } from '../util/logger.js';
import type { DistFile, ProjectPage } from './dist-file.js';
import { PageFilenameChecker, type FilenameRefusal } from './dist-filename-check.js';
import { CompactLinks, compactPage, type UnusableEntry } from './compact-links.js';
import {
  ENTRY_END,
  ENTRY_START,
  HEAD_ID,
  NAME_AT,
  NAME_END,
  SKIMMED,
  TAG_ID,
  URL_START,
} from './compact-link-fields.js';
import { GIVE_UP, giveUp, Scanner, STRAY_CONTROL } from './json-scanner.js';
import { SEEN_CR, SEEN_LF, SEEN_TAB } from './page-body.js';
import { ENTRY_FIELDS, EntryPrefix, EntryTemplate } from './json-entry-template.js';
import { lazyEntryReader, linkFiller, matchTemplates, readEntry } from './json-page-entry.js';

/** Entry shapes kept per page, and how many entries the full scanner may learn one from. */
const MAX_TEMPLATES = 6;
const MAX_LEARNED = 24;

/** Links a skimmed page reserves room for at once (PyPI's largest list about 10,000 files). */
const MAX_RESERVED = 32 * 1024;
/** Pages at least this long are skimmed (smaller ones are read in full: it costs little). */
export const SKIM_MIN_CHARS = 64 * 1024;
/** Entries read in full before skimming (the layout is learned from them). */
const SKIM_AFTER = 2;

/** How the scanner may skim a page (see `skimEntries`). */
export interface SkimOptions {
  /** Skim pages of at least this many characters. */
  minChars: number;
  /** The page by the general parser, for a skimmed entry that is not what the skim took it for. */
  reread: () => (DistFile | UnusableEntry)[];
}

/**
 * The page parsed by the scanner, or undefined when it leaves the page to the general parser
 * (see the module comment). `checkMeta` is the general parser's `meta` check (it may warn).
 */
export function scanJsonProjectPage(
  text: string,
  pageUrl: string,
  project: NormalizedName,
  source: string,
  checkMeta: (meta: unknown, source: string, logger?: Logger) => void,
  logger?: Logger,
  /** The caller knows the text holds no control character JSON forbids (page-body.ts). */
  controlFree = false,
  /** Skim the entries of a large page (read each in full when it is asked for); else read all. */
  skim?: SkimOptions,
  /** Which of `\`, TAB, LF, CR the text holds, when known (page-body.ts SEEN_* bits). */
  holds?: number,
): ProjectPage | undefined {
  if (!controlFree && STRAY_CONTROL.test(text)) return undefined;
  const sc = new Scanner(text, holds);
  let metaRange: [number, number] | undefined;
  let nameRange: [number, number] | undefined;
  let links: CompactLinks | undefined;
  let refused: FilenameRefusal[] = [];
  let seen = 0;
  try {
    sc.ws();
    sc.expect(123);
    sc.ws();
    if (text.charCodeAt(sc.p) !== 125) {
      for (;;) {
        sc.keyStart = sc.p + 1;
        const close = sc.key();
        const start = sc.p;
        if (sc.is(close, 'files')) {
          if ((seen & 1) !== 0 || text.charCodeAt(start) !== 91) giveUp();
          seen |= 1;
          refused = [];
          links = scanFiles(sc, pageUrl, project, source, refused, skim, holds);
        } else {
          const which = sc.is(close, 'meta') ? 2 : sc.is(close, 'name') ? 4 : 0;
          if ((seen & which) !== 0) giveUp();
          seen |= which;
          sc.value();
          if (which === 2) metaRange = [start, sc.p];
          else if (which === 4) nameRange = [start, sc.p];
        }
        sc.ws();
        const c = text.charCodeAt(sc.p);
        if (c === 125) break;
        sc.expect(44);
        sc.ws();
      }
    }
    sc.p++;
    sc.ws();
    if (sc.p !== text.length) giveUp();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
  if (links === undefined) return undefined;
  // The general parser's checks, in its order: meta, then name. A name that is not the project's
  // is left to it (its error), before the meta check can warn; the meta check throws its errors.
  if (nameRange !== undefined) {
    const name: unknown = JSON.parse(text.slice(...nameRange));
    if (typeof name === 'string' && normalizeName(name) !== project) return undefined;
  }
  // file: links are dropped (or kept on a local page) by the general path's caller.
  if (links.hasNonHttpLinks()) return undefined;
  checkMeta(metaRange === undefined ? undefined : JSON.parse(text.slice(...metaRange)), source, logger);
  if (logger !== undefined) links.warn = (message) => logger.warn(message);
  return compactPage(links, refused);
}

function scanFiles(
  sc: Scanner,
  pageUrl: string,
  project: NormalizedName,
  source: string,
  refused: FilenameRefusal[],
  skim: SkimOptions | undefined,
  holds: number | undefined,
): CompactLinks {
  const text = sc.s;
  // With no TAB, LF or CR in the body, a space is the only whitespace: where none lies between a
  // file name and the next `},{`, that is the first `}`, `,`, `{` of any spacing after the name.
  const spaceOnly = holds !== undefined && (holds & (SEEN_TAB | SEEN_LF | SEEN_CR)) === 0;
  /** The next space at or after the entry being skimmed (-1: none left; -2: not looked yet). */
  let nextSpace = -2;
  /** The next `},{` after the name of the entry being skimmed (-1: none left; -2: not looked yet):
   * remembered like `nextSpace`, so the searches together cover the body once (review 14b #4: a
   * page written with `}, {` holds none, and a search per entry ran to the end of the body). */
  let nextCompact = -2;
  const links = new CompactLinks(text, project, source);
  const names = new PageFilenameChecker(source);
  links.names = names;
  const fill = linkFiller(sc, pageUrl);
  const filesStart = sc.p;
  sc.p++; // [
  sc.ws();
  if (text.charCodeAt(sc.p) === 93) {
    sc.p++;
    return links;
  }
  const r = new Int32Array(ENTRY_FIELDS);
  const templates: EntryTemplate[] = [];
  /** The part of each template before the file name (`skimmed`). */
  const prefixes: EntryPrefix[] = [];
  let learned = 0;
  let entries = 0;
  let maySkim = skim !== undefined && text.length >= skim.minChars;
  let skimming = false;
  /** Next `[` and `]` at or after the entry being skimmed (-1: none left; -2: not looked yet). */
  let nextOpen = -2;
  let nextClose = -2;
  /** Next `ilename"` (as in `"filename"`) after the name of the entry being skimmed (-1: none left; -2: not looked yet). */
  let nextNameKey = -2;
  for (;;) {
    if (skimming) {
      const next = skimmed(sc.p);
      if (next >= 0) {
        sc.p = next;
        entries++;
        continue;
      }
    }
    // An entry of a shape seen before: its literal runs compared, its holes found (json-entry-template.ts).
    const matched = matchTemplates(sc, templates, sc.p, r);
    if (matched !== null) addLink(matched);
    else {
      const entryStart = sc.p;
      const yanked = readEntry(sc, r);
      if (learned < MAX_LEARNED) {
        learned++;
        const template = EntryTemplate.learn(text, entryStart, sc.p, r, yanked);
        if (template !== undefined) {
          if (templates.length >= MAX_TEMPLATES) templates.pop();
          templates.unshift(template);
          const prefix = template.namePrefix();
          if (prefix !== undefined) {
            if (prefixes.length >= MAX_TEMPLATES) prefixes.pop();
            prefixes.unshift(prefix);
          }
        }
      }
      addLink(yanked);
    }
    entries++;
    sc.ws();
    const d = text.charCodeAt(sc.p);
    if (d === 93) {
      sc.p++;
      if (skimming) links.fit();
      return links;
    }
    sc.expect(44);
    sc.ws();
    if (maySkim && entries >= SKIM_AFTER) {
      maySkim = false;
      skimming = startSkim();
    }
  }

  function addLink(yanked: false | true | string): void {
    const filename = sc.text(r[0] as number, r[1] as number);
    const refusal = names.check(filename);
    if (refusal !== undefined) {
      refused.push(refusal);
      return;
    }
    const base = links.add(filename, undefined, yanked);
    const rp = fill(links, links.length - 1, r);
    if (rp === null) giveUp();
    links.requiresPythons[links.length - 1] = rp;
    links.ranges[base + HEAD_ID] = names.headId;
    links.ranges[base + TAG_ID] = names.tagId;
  }

  /**
   * Whether the entries from the cursor on may be skimmed: not when the body holds a `\` from here
   * (then a `"` may be part of a string, not its end). The skimmed entries are read in full, when
   * they are asked for, by a scanner forked from here (json-page-entry.ts).
   */
  function startSkim(): boolean {
    if (prefixes.length === 0 || sc.backslashFrom(sc.p)) return false;
    const from = sc.fork();
    // The rest of the list holds about as many entries per character as its first ones (+1/8);
    // at most MAX_RESERVED links (2.4 MB), so a hostile page's tiny first entries reserve no more.
    const perEntry = Math.max(1, (sc.p - filesStart) / entries);
    const estimate = Math.ceil(((text.length - sc.p) / perEntry) * 1.125);
    links.reserve(links.length + Math.min(estimate, MAX_RESERVED));
    links.skimmed = {
      read: lazyEntryReader(from, fill.fork(from), (i) => links.misread(i), templates),
      reread: (skim as SkimOptions).reread,
    };
    return true;
  }

  /**
   * Skims the entry at `start` (its `{`): kept as a skimmed link (or a refused name) and the offset
   * of the next entry's `{` returned, or -1 when the entry is to be read in full. The entry must
   * begin like one of the entries read in full up to its file name (`EntryPrefix`: the name is the
   * entry's own top-level `filename`), and it ends at the first `}`, `,`, `{` (whitespace between
   * them allowed) after the name: with no `\` in the body and no `[` in the entry (PEP 691 entries
   * hold no arrays), such text outside strings ends an object in a list of objects — the entry,
   * when no `]` closed the list before it. So the last entry of `files` (no such end) and any
   * entry holding `[` or `]` are read in full; a `}, {` inside a string value gives a wrong end,
   * after which no entry begins like one and the scanner, reading on in full, gives the page to
   * the general parser (or the entry, when it is read, to `CompactLinks.misread`).
   */
  function skimmed(start: number): number {
    const n = text.length;
    let first = -1;
    for (let k = 0; k < prefixes.length && first < 0; k++)
      first = (prefixes[k] as EntryPrefix).nameAt(text, start);
    if (first < 0) return -1;
    const close = text.indexOf('"', first);
    if (close < 0) return -1;
    let end = close;
    let next = -1;
    if (spaceOnly) {
      if (nextCompact !== -1 && nextCompact < close) nextCompact = text.indexOf('},{', close);
      const compact = nextCompact;
      if (nextSpace !== -1 && nextSpace < close) nextSpace = text.indexOf(' ', close);
      if (compact >= 0 && (nextSpace === -1 || nextSpace > compact)) {
        end = compact;
        next = compact + 2;
      }
    }
    while (next < 0) {
      end = text.indexOf('}', end + 1);
      if (end < 0) return -1;
      // Bounded reads: a charCodeAt past the end (at the page's last `}`) deoptimized this function
      // on every skimmed page (TurboFan's bounds check), sending it back to baseline code.
      let q = end + 1;
      while (q < n && isWs(text.charCodeAt(q))) q++;
      if (q >= n || text.charCodeAt(q) !== 44 /* , */) continue;
      q++;
      while (q < n && isWs(text.charCodeAt(q))) q++;
      if (q < n && text.charCodeAt(q) === 123 /* { */) next = q;
    }
    if (nextOpen !== -1 && nextOpen < start) nextOpen = text.indexOf('[', start);
    if (nextOpen !== -1 && nextOpen < end) return -1;
    if (nextClose !== -1 && nextClose < start) nextClose = text.indexOf(']', start);
    if (nextClose !== -1 && nextClose < end) return -1;
    // A second "filename" key in the entry (JSON.parse, and so pip, take the last one; the skim
    // found the first): the entry is read in full. Looked for by its tail `ilename"`, which holds
    // no `"` to start with: V8 finds a pattern by its first character, and `"` is every few
    // characters of a page (three times slower, measured); any such text before the end is enough.
    if (nextNameKey !== -1 && nextNameKey < close) nextNameKey = text.indexOf('ilename"', close);
    if (nextNameKey !== -1 && nextNameKey < end) return -1;
    const refusal = names.checkAt(text, first, close);
    if (refusal !== undefined) refused.push(refusal);
    else {
      const base = links.add(names.name, undefined, false);
      const ranges = links.ranges;
      ranges[base + URL_START] = SKIMMED;
      ranges[base + ENTRY_START] = start;
      ranges[base + ENTRY_END] = end + 1;
      ranges[base + NAME_AT] = first;
      ranges[base + NAME_END] = close;
      ranges[base + HEAD_ID] = names.headId;
      ranges[base + TAG_ID] = names.tagId;
    }
    return next;
  }
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
