/**
 * One entry of a PEP 691 page's `files` list read in full by the page scanner's cursor
 * (json-scanner.ts) — every key checked, every field noted as offsets into the body — and the link
 * record made of those offsets (compact-links.ts `CompactLinks`). The scanner (json-page-scan.ts) reads
 * entries this way while it scans, or leaves a skimmed entry to `lazyEntryReader`, which reads it
 * the same way when the entry is first asked for.
 */
import { canonicalLinkScanner, linkResolver, yankedJson, type ResolvedLink } from './dist-link.js';
import { ENTRY_FIELDS, type EntryTemplate, YANKED_END, YANKED_START } from './json-entry-template.js';
import { GIVE_UP, giveUp, Scanner } from './json-scanner.js';
import { quoteCapped } from './dist-filename-check.js';
import { redactUrl } from './redact.js';
import {
  CORE_END,
  CORE_START,
  ENTRY_END,
  ENTRY_START,
  FIELDS as ENTRY_RECORD,
  FRAG_END,
  FRAG_START,
  HASHES_END,
  HASHES_START,
  NAME_AT,
  SIZE_END,
  SIZE_START,
  UPLOAD_END,
  UPLOAD_START,
  URL_END,
  URL_START,
} from './compact-link-fields.js';
import type { CompactLinks } from './compact-links.js';

/** Entry keys the page uses; each may appear once per entry. */
const K_FILENAME = 1;
const K_URL = 2;
const K_HASHES = 4;
const K_RP = 8;
const K_YANKED = 16;
const K_CORE = 32;
const K_DIST_INFO = 64;
const K_SIZE = 128;
const K_UPLOAD = 256;

/** `r[YANKED_START]` of an entry no template may be learned from. */
const NOT_A_SHAPE = -2;

/**
 * The entry at the cursor (its `{`), read in full: its fields' offsets in `r` (json-entry-template.ts
 * layout: file name, URL, Requires-Python and upload time as string contents, hashes, core metadata,
 * dist-info metadata and size as JSON values; -1 when absent), the cursor after its `}`. Returns
 * its yanked value. Gives up (GIVE_UP) on a repeated key or a missing or non-string file name or URL.
 */
export function readEntry(sc: Scanner, r: Int32Array): false | true | string {
  const text = sc.s;
  sc.expect(123);
  sc.ws();
  let seen = 0;
  let yanked: false | true | string = false;
  r.fill(-1);
  if (text.charCodeAt(sc.p) !== 125) {
    for (;;) {
      sc.keyStart = sc.p + 1;
      const close = sc.key();
      const len = close - sc.keyStart;
      let k = 0;
      if (len === 8 && sc.is(close, 'filename')) k = K_FILENAME;
      else if (len === 3 && sc.is(close, 'url')) k = K_URL;
      else if (len === 6) k = sc.is(close, 'hashes') ? K_HASHES : sc.is(close, 'yanked') ? K_YANKED : 0;
      else if (len === 15 && sc.is(close, 'requires-python')) k = K_RP;
      else if (len === 13 && sc.is(close, 'core-metadata')) k = K_CORE;
      else if (len === 18 && sc.is(close, 'dist-info-metadata')) k = K_DIST_INFO;
      else if (len === 4 && sc.is(close, 'size')) k = K_SIZE;
      else if (len === 11 && sc.is(close, 'upload-time')) k = K_UPLOAD;
      if ((seen & k) !== 0) giveUp();
      seen |= k;
      const start = sc.p;
      const c = text.charCodeAt(start);
      switch (k) {
        case K_FILENAME:
        case K_URL:
        case K_RP:
        case K_UPLOAD: {
          const at = k === K_FILENAME ? 0 : k === K_URL ? 2 : k === K_RP ? 4 : 6;
          const first = sc.stringStart();
          if (first === -1) {
            if (k === K_FILENAME || k === K_URL) giveUp();
            sc.value();
            break;
          }
          r[at] = first;
          r[at + 1] = sc.stringEnd;
          break;
        }
        case K_YANKED: {
          const first = sc.stringStart();
          if (first !== -1) {
            // PEP 691: a string is the reason; pip reads an empty one as not yanked.
            const reason = sc.text(first, sc.stringEnd);
            yanked = reason === '' ? false : reason;
            r[YANKED_START] = first;
            r[YANKED_END] = sc.stringEnd;
          } else {
            sc.value();
            // `true` / `false` / `null`, else the value's truth as pip tests it (a number, a list…).
            if (c === 116 || c === 102 || c === 110) yanked = c === 116;
            else {
              yanked = yankedJson(JSON.parse(text.slice(start, sc.p)));
              // A template keeps one verdict per shape, and a number is a hole of its shape (`1`
              // and `0` alike): no shape is learned from such an entry (json-entry-template.ts
              // `learn` refuses a field offset outside the entry).
              r[YANKED_START] = NOT_A_SHAPE;
            }
          }
          break;
        }
        default: {
          sc.value();
          const at = k === K_HASHES ? 8 : k === K_CORE ? 10 : k === K_DIST_INFO ? 12 : k === K_SIZE ? 14 : -1;
          if (at >= 0 && !(k === K_SIZE && c !== 45 && (c < 48 || c > 57))) {
            r[at] = start;
            r[at + 1] = sc.p;
          }
        }
      }
      sc.ws();
      const d = text.charCodeAt(sc.p);
      if (d === 125) break;
      sc.expect(44);
      sc.ws();
    }
  }
  sc.p++; // }
  if ((seen & (K_FILENAME | K_URL)) !== (K_FILENAME | K_URL)) giveUp();
  return yanked;
}

/**
 * The entry at `p` matched against `templates` (json-entry-template.ts), the shape matched moved
 * to the front: its yanked value, the record in `r` and the cursor after its `}` — or null when it
 * is of none of these shapes (nothing read).
 */
export function matchTemplates(
  sc: Scanner,
  templates: EntryTemplate[],
  p: number,
  r: Int32Array,
): false | true | string | null {
  for (let t = 0; t < templates.length; t++) {
    const template = templates[t] as EntryTemplate;
    const end = template.match(sc, p, r);
    if (end < 0) continue;
    sc.p = end;
    if (t > 0) {
      // The shape last matched is tried first.
      templates[t] = templates[0] as EntryTemplate;
      templates[0] = template;
    }
    const reasonStart = r[YANKED_START] as number;
    if (reasonStart < 0) return template.yanked;
    // PEP 691: a string is the reason; pip reads an empty one as not yanked.
    const reason = sc.s.slice(reasonStart, r[YANKED_END]);
    return reason === '' ? false : reason;
  }
  return null;
}

/** Writes a link's fields from an entry record (see `linkFiller`); `fork` as Scanner.fork. */
export interface LinkFiller {
  (links: CompactLinks, index: number, r: Int32Array): string | undefined | null;
  fork(sc: Scanner): LinkFiller;
}

/**
 * Writes the fields of link `index` (already added to `links`) from an entry record `r`: its URL
 * checked in place when canonical, else through the URL parser; Requires-Python as a string (the
 * last one reused when the text is the same). Returns the Requires-Python (trimmed, undefined when
 * absent or blank), or null when the URL is unusable. `fork` makes a filler over another scanner
 * of the same text.
 */
export function linkFiller(sc: Scanner, pageUrl: string): LinkFiller {
  const text = sc.s;
  const canonicalAt = canonicalLinkScanner(text, pageUrl);
  let resolveLink: ((href: string) => ResolvedLink | undefined) | undefined;
  let lastRp = '';
  let lastRpStart = 0;
  let lastRpEnd = 0;
  const fill = (links: CompactLinks, index: number, r: Int32Array): string | undefined | null => {
    const urlStart = r[2] as number;
    const urlEnd = r[3] as number;
    const pathEnd = urlStart >= 0 ? canonicalAt(urlStart, urlEnd) : -1;
    const ranges = links.ranges;
    const base = index * ENTRY_RECORD;
    if (pathEnd < 0) {
      resolveLink ??= linkResolver(pageUrl, pageUrl);
      const link = resolveLink(sc.text(urlStart, urlEnd));
      if (link === undefined) return null;
      links.resolved.set(index, link);
      ranges[base + URL_START] = -1;
    } else {
      ranges[base + URL_START] = urlStart;
      ranges[base + URL_END] = pathEnd;
      ranges[base + FRAG_START] = pathEnd;
      ranges[base + FRAG_END] = urlEnd;
    }
    ranges[base + HASHES_START] = r[8] as number;
    ranges[base + HASHES_END] = r[9] as number;
    // PEP 714: core-metadata when the key is there and not null (pip), else dist-info-metadata.
    const core = (r[10] as number) !== -1 && !sc.s.startsWith('null', r[10] as number) ? 10 : 12;
    ranges[base + CORE_START] = r[core] as number;
    ranges[base + CORE_END] = r[core + 1] as number;
    ranges[base + SIZE_START] = r[14] as number;
    ranges[base + SIZE_END] = r[15] as number;
    ranges[base + UPLOAD_START] = r[6] as number;
    ranges[base + UPLOAD_END] = r[7] as number;
    // Requires-Python: a page repeats a few values; reuse the last string when the text is the same.
    const rpStart = r[4] as number;
    if (rpStart === -1) return undefined;
    const rpEnd = r[5] as number;
    let rp: string;
    if (rpStart >= 0 && rpEnd - rpStart === lastRpEnd - lastRpStart && text.startsWith(lastRp, rpStart))
      rp = lastRp;
    else {
      rp = sc.text(rpStart, rpEnd);
      if (rpStart >= 0) {
        lastRp = rp;
        lastRpStart = rpStart;
        lastRpEnd = rpEnd;
      }
    }
    const trimmed = rp.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  fill.fork = (other: Scanner) => linkFiller(other, pageUrl);
  return fill;
}

/**
 * Reads a skimmed link's entry when it is first asked for (`CompactLinks.ensure`): the entry read
 * in full as the scanner reads one, which must end where the skim said and hold the file name the
 * skim took. An entry whose URL is unusable is left out (`CompactLinks.unusable`); anything else —
 * the entry is not valid JSON, a key repeats, the skim cut the list elsewhere than at its entries —
 * is `misread`, which answers for the whole page.
 */
export function lazyEntryReader(
  /** A scanner and a filler at the first skimmed entry, never used themselves: forked from. */
  from: Scanner,
  fillFrom: LinkFiller,
  misread: (index: number) => void,
  /** Shapes of the entries the scanner read in full: an entry of one is matched, not read key by key. */
  templates: EntryTemplate[] = [],
): (links: CompactLinks, index: number) => void {
  let sc = from.fork();
  let fill = fillFrom.fork(sc);
  const r = new Int32Array(ENTRY_FIELDS);
  return (links, index) => {
    const ranges = links.ranges;
    const base = index * ENTRY_RECORD;
    const start = ranges[base + ENTRY_START] as number;
    const end = ranges[base + ENTRY_END] as number;
    // The cursor and the link check look ahead from the last offset: start again to go back.
    if (start < sc.p) {
      sc = from.fork();
      fill = fillFrom.fork(sc);
    }
    sc.p = start;
    let yanked: false | true | string | null;
    try {
      yanked = matchTemplates(sc, templates, start, r) ?? readEntry(sc, r);
    } catch (e) {
      if (e !== GIVE_UP) throw e;
      misread(index);
      return;
    }
    if (sc.p !== end || r[0] !== ranges[base + NAME_AT]) {
      misread(index);
      return;
    }
    const rp = fill(links, index, r);
    if (rp === null) {
      // Left out as the eager parse leaves it out (review 14b #12), not the whole page.
      const url = redactUrl(sc.text(r[2] as number, r[3] as number));
      links.unusable(
        index,
        `the url ${quoteCapped(url)} of ${quoteCapped(links.filename(index))} is unusable`,
      );
      return;
    }
    links.settle(index, rp, yanked);
  };
}
