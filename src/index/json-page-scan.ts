/**
 * A PEP 691 JSON project page read without building it as objects: one pass over the body checks
 * that it is JSON (RFC 8259 grammar: structure, string escapes, number syntax, no control
 * characters in strings — known already when the body was decoded by page-body.ts —, nothing
 * after the value) and notes, for each entry of `files`, where its fields are (the grammar itself:
 * json-scanner.ts); only the fields every link is judged by (file name, Requires-Python, yanked)
 * become strings, the rest is read from the body when a link is chosen (page-links.ts). An entry
 * shaped like one already read in full is matched against that shape (json-entry-template.ts)
 * instead of being read key by key. A 10,000-link, 6 MB page (pydantic-core) is JSON.parse'd in 11+ ms on
 * our CI-class machine, then its tree is collected; this pass allocates a few strings per link.
 *
 * Exactness by construction: the scanner only answers for pages it fully understands. Anything
 * else — a syntax error, an escaped key, a key given twice, a non-string `filename`/`url`, an entry
 * that is not an object, an unusable link, nesting deeper than MAX_DEPTH, a missing or non-list
 * `files` — makes it give up (`undefined`), and the caller parses the page the general way
 * (json-page.ts), which produces the result or the error. Differential tests hold the two to
 * identical pages (__tests__/index/json-page-scan.test.ts).
 */
import type { NormalizedName } from '../standards/names.js';
import { normalizeName } from '../standards/names.js';
import type { Logger } from '../util/logger.js';
import type { ProjectPage } from './dist-file.js';
import { canonicalLinkScanner, linkResolver, type ResolvedLink } from './dist-link.js';
import { PageFilenameChecker, type FilenameRefusal } from './dist-filename-check.js';
import {
  CORE_END,
  CORE_START,
  CompactLinks,
  compactPage,
  FRAG_END,
  FRAG_START,
  HASHES_END,
  HASHES_START,
  HEAD_ID,
  SIZE_END,
  SIZE_START,
  TAG_ID,
  UPLOAD_END,
  UPLOAD_START,
  URL_END,
  URL_START,
} from './page-links.js';
import { GIVE_UP, giveUp, Scanner, STRAY_CONTROL } from './json-scanner.js';
import { ENTRY_FIELDS, EntryTemplate, YANKED_END, YANKED_START } from './json-entry-template.js';

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

/** Entry shapes kept per page, and how many entries the full scanner may learn one from. */
const MAX_TEMPLATES = 6;
const MAX_LEARNED = 24;

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
): ProjectPage | undefined {
  if (!controlFree && STRAY_CONTROL.test(text)) return undefined;
  const sc = new Scanner(text);
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
          links = scanFiles(sc, pageUrl, project, source, refused);
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
  return compactPage(links, refused);
}

function scanFiles(
  sc: Scanner,
  pageUrl: string,
  project: NormalizedName,
  source: string,
  refused: FilenameRefusal[],
): CompactLinks {
  const text = sc.s;
  const links = new CompactLinks(text, project, source);
  const canonicalAt = canonicalLinkScanner(text, pageUrl);
  const names = new PageFilenameChecker(source);
  let resolveLink: ((href: string) => ResolvedLink | undefined) | undefined;
  let lastRp = '';
  let lastRpRange = [0, 0];
  sc.p++; // [
  sc.ws();
  if (text.charCodeAt(sc.p) === 93) {
    sc.p++;
    return links;
  }
  const r = new Int32Array(ENTRY_FIELDS);
  const templates: EntryTemplate[] = [];
  let learned = 0;
  for (;;) {
    // An entry of a shape seen before: its literal runs compared, its holes found (json-entry-template.ts).
    let end = -1;
    for (let t = 0; t < templates.length && end < 0; t++) {
      const template = templates[t] as EntryTemplate;
      end = template.match(sc, sc.p, r);
      if (end >= 0) {
        sc.p = end;
        let yanked: boolean | string = template.yanked;
        const reasonStart = r[YANKED_START] as number;
        if (reasonStart >= 0) {
          // PEP 691: a string is the reason (empty: yanked without one).
          const reason = text.slice(reasonStart, r[YANKED_END]);
          yanked = reason === '' ? true : reason;
        }
        addLink(yanked);
        if (t > 0) {
          // The shape last matched is tried first.
          templates[t] = templates[0] as EntryTemplate;
          templates[0] = template;
        }
      }
    }
    if (end < 0) {
      const entryStart = sc.p;
      const yanked = fullEntry();
      if (learned < MAX_LEARNED) {
        learned++;
        const template = EntryTemplate.learn(text, entryStart, sc.p, r, yanked);
        if (template !== undefined) {
          if (templates.length >= MAX_TEMPLATES) templates.pop();
          templates.unshift(template);
        }
      }
      addLink(yanked);
    }
    sc.ws();
    const d = text.charCodeAt(sc.p);
    if (d === 93) {
      sc.p++;
      return links;
    }
    sc.expect(44);
    sc.ws();
  }

  /** One entry read in full: every field noted as offsets first (keys may come in any order). */
  function fullEntry(): false | true | string {
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
              // PEP 691: a string is the reason (empty: yanked without one).
              const reason = sc.text(first, sc.stringEnd);
              yanked = reason === '' ? true : reason;
              r[YANKED_START] = first;
              r[YANKED_END] = sc.stringEnd;
            } else {
              sc.value();
              yanked = c === 116 && sc.p - start === 4; // `true`
            }
            break;
          }
          default: {
            sc.value();
            const at =
              k === K_HASHES ? 8 : k === K_CORE ? 10 : k === K_DIST_INFO ? 12 : k === K_SIZE ? 14 : -1;
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

  function addLink(yanked: false | true | string): void {
    const filename = sc.text(r[0] as number, r[1] as number);
    const refusal = names.check(filename);
    if (refusal !== undefined) {
      refused.push(refusal);
      return;
    }
    const urlStart = r[2] as number;
    const urlEnd = r[3] as number;
    const pathEnd = urlStart >= 0 ? canonicalAt(urlStart, urlEnd) : -1;
    let link: ResolvedLink | undefined;
    if (pathEnd < 0) {
      resolveLink ??= linkResolver(pageUrl, pageUrl);
      link = resolveLink(sc.text(urlStart, urlEnd));
      if (link === undefined) giveUp();
    }
    // Requires-Python: a page repeats a few values; reuse the last string when the text is the same.
    let rp: string | undefined;
    const rpStart = r[4] as number;
    if (rpStart !== -1) {
      const rpEnd = r[5] as number;
      if (
        rpStart >= 0 &&
        rpEnd - rpStart === lastRpRange[1]! - lastRpRange[0]! &&
        text.startsWith(lastRp, rpStart)
      )
        rp = lastRp;
      else {
        const raw = sc.text(rpStart, rpEnd);
        rp = raw;
        if (rpStart >= 0) {
          lastRp = raw;
          lastRpRange = [rpStart, rpEnd];
        }
      }
    }
    const trimmed = rp === undefined ? undefined : rp.trim();
    const base = links.add(filename, trimmed === '' ? undefined : trimmed, yanked);
    const ranges = links.ranges;
    if (link !== undefined) {
      links.resolved.set(links.length - 1, link);
      ranges[base + URL_START] = -1;
    } else {
      ranges[base + URL_START] = urlStart;
      ranges[base + URL_END] = pathEnd;
      ranges[base + FRAG_START] = pathEnd;
      ranges[base + FRAG_END] = urlEnd;
    }
    ranges[base + HASHES_START] = r[8] as number;
    ranges[base + HASHES_END] = r[9] as number;
    // PEP 714: core-metadata when the key is there (whatever its value), else dist-info-metadata.
    const core = (r[10] as number) !== -1 ? 10 : 12;
    ranges[base + CORE_START] = r[core] as number;
    ranges[base + CORE_END] = r[core + 1] as number;
    ranges[base + SIZE_START] = r[14] as number;
    ranges[base + SIZE_END] = r[15] as number;
    ranges[base + UPLOAD_START] = r[6] as number;
    ranges[base + UPLOAD_END] = r[7] as number;
    ranges[base + HEAD_ID] = names.headId;
    ranges[base + TAG_ID] = names.tagId;
  }
}
