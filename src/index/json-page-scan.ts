/**
 * A PEP 691 JSON project page read without building it as objects: one pass over the body checks
 * that it is JSON (RFC 8259 grammar: structure, string escapes, number syntax, no control
 * characters in strings, nothing after the value) and notes, for each entry of `files`, where its
 * fields are; only the fields every link is judged by (file name, Requires-Python, yanked) become
 * strings, the rest is read from the body when a link is chosen (page-links.ts). A 10,000-link,
 * 6 MB page (pydantic-core) is JSON.parse'd in 11+ ms on our CI-class machine, then its tree is
 * collected; this pass allocates a few strings per link.
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

/** Thrown inside the scanner when it leaves the page to the general parser. */
class GiveUp {}
const GIVE_UP = new GiveUp();
function giveUp(): never {
  throw GIVE_UP;
}

/** Deeper nesting (inside values the page does not use) is left to JSON.parse. */
const MAX_DEPTH = 256;
/** A control character other than tab, LF and CR: invalid anywhere in JSON text. */
const STRAY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

const Q = 34; // "
const BACKSLASH = 92;

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

class Scanner {
  p = 0;
  /** Whether the last string scanned held an escape. */
  escaped = false;
  /** Next positions of `\`, LF, CR, TAB at or after the last string start (-1: none left). */
  private nextBackslash = -2;
  private nextLf = -2;
  private nextCr = -2;
  private nextTab = -2;
  readonly stack: number[] = [];

  constructor(readonly s: string) {}

  ws(): void {
    const s = this.s;
    let p = this.p;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.p = p;
  }

  expect(code: number): void {
    if (this.s.charCodeAt(this.p) !== code) giveUp();
    this.p++;
  }

  private after(needle: string, known: number, from: number): number {
    return known === -1 || known >= from ? known : this.s.indexOf(needle, from);
  }

  /**
   * The nearest of nextBackslash/Lf/Cr/Tab (Infinity when none is left): a string that closes
   * before it holds none of them, which one comparison tells.
   */
  private nextSpecial = -1;

  private refreshSpecial(from: number): void {
    this.nextBackslash = this.after('\\', this.nextBackslash, from);
    this.nextLf = this.after('\n', this.nextLf, from);
    this.nextCr = this.after('\r', this.nextCr, from);
    this.nextTab = this.after('\t', this.nextTab, from);
    let next = Infinity;
    for (const at of [this.nextBackslash, this.nextLf, this.nextCr, this.nextTab])
      if (at >= 0 && at < next) next = at;
    this.nextSpecial = next;
  }

  /** A string at `p` (its opening quote); returns the closing quote's offset, `p` after it. */
  string(): number {
    const s = this.s;
    const open = this.p;
    if (s.charCodeAt(open) !== Q) giveUp();
    const from = open + 1;
    const close = s.indexOf('"', from);
    if (close < 0) giveUp();
    if (this.nextSpecial < from) this.refreshSpecial(from);
    if (this.nextSpecial < close) {
      if (this.nextBackslash !== -1 && this.nextBackslash < close) return this.escapedString(from);
      // Raw LF/CR/TAB are not allowed in strings (the other control characters nowhere: checked once).
      giveUp();
    }
    this.escaped = false;
    this.p = close + 1;
    return close;
  }

  /** RFC 8259 §7: `\` followed by one of `"\/bfnrt` or `u` and four hex digits. */
  private escapedString(from: number): number {
    const s = this.s;
    for (let i = from; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === Q) {
        this.escaped = true;
        this.p = i + 1;
        return i;
      }
      if (c < 32) giveUp();
      if (c === BACKSLASH) {
        const e = s.charCodeAt(i + 1);
        if (e === 117 /* u */) {
          if (!HEX4.test(s.slice(i + 2, i + 6))) giveUp();
          i += 5;
        } else if (
          e === Q ||
          e === BACKSLASH ||
          e === 47 ||
          e === 98 ||
          e === 102 ||
          e === 110 ||
          e === 114 ||
          e === 116
        )
          i += 1;
        else giveUp();
      }
    }
    return giveUp();
  }

  /** A key and its colon; returns the closing quote's offset (gives up on escaped keys). */
  key(): number {
    const close = this.string();
    if (this.escaped) giveUp();
    this.ws();
    this.expect(58 /* : */);
    this.ws();
    return close;
  }

  /** A member name inside a value the page does not use (escapes allowed), and its colon. */
  private memberName(): void {
    this.string();
    this.ws();
    this.expect(58 /* : */);
  }

  private primitive(): void {
    const s = this.s;
    const c = s.charCodeAt(this.p);
    if (c === Q) this.string();
    else if (c === 116 /* t */ && s.startsWith('true', this.p)) this.p += 4;
    else if (c === 102 /* f */ && s.startsWith('false', this.p)) this.p += 5;
    else if (c === 110 /* n */ && s.startsWith('null', this.p)) this.p += 4;
    else {
      NUMBER.lastIndex = this.p;
      if (!NUMBER.test(s)) giveUp();
      this.p = NUMBER.lastIndex;
    }
  }

  /** Any JSON value at `p` (after whitespace), checked and stepped over. */
  value(): void {
    const s = this.s;
    const stack = this.stack;
    let depth = 0;
    for (;;) {
      this.ws();
      const c = s.charCodeAt(this.p);
      if (c === 123 /* { */ || c === 91 /* [ */) {
        if (depth >= MAX_DEPTH) giveUp();
        this.p++;
        this.ws();
        const close = c === 123 ? 125 : 93;
        if (s.charCodeAt(this.p) === close) this.p++;
        else {
          stack[depth++] = close;
          if (close === 125) this.memberName();
          continue;
        }
      } else this.primitive();
      // After a value: close what ends here, or go on to the next member.
      for (;;) {
        if (depth === 0) return;
        this.ws();
        const close = stack[depth - 1] as number;
        const d = s.charCodeAt(this.p);
        if (d === 44 /* , */) {
          this.p++;
          if (close === 125) {
            this.ws();
            this.memberName();
          }
          break;
        }
        if (d !== close) giveUp();
        this.p++;
        depth--;
      }
    }
  }

  /** End (closing quote) of the last `stringStart`. */
  stringEnd = 0;

  /**
   * A string value at `p`: the start of its content (as ~start when it holds escapes), its end in
   * `stringEnd`; -1 (nothing read) when the value is not a string.
   */
  stringStart(): number {
    if (this.s.charCodeAt(this.p) !== Q) return -1;
    const start = this.p + 1;
    this.stringEnd = this.string();
    return this.escaped ? ~start : start;
  }

  text(start: number, end: number): string {
    return start < 0 ? (JSON.parse(this.s.slice(~start - 1, end + 1)) as string) : this.s.slice(start, end);
  }

  /** Whether the key closing at `close` is `name` (char by char: no substring, no runtime call). */
  is(close: number, name: string): boolean {
    const start = this.keyStart;
    if (close - start !== name.length) return false;
    const s = this.s;
    for (let k = 0; k < name.length; k++) if (s.charCodeAt(start + k) !== name.charCodeAt(k)) return false;
    return true;
  }
  keyStart = 0;
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
): ProjectPage | undefined {
  if (STRAY_CONTROL.test(text)) return undefined;
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
  const r = [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1];
  for (;;) {
    // One entry: every field noted as offsets first (keys may come in any order).
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
    addLink(yanked);
    sc.ws();
    const d = text.charCodeAt(sc.p);
    if (d === 93) {
      sc.p++;
      return links;
    }
    sc.expect(44);
    sc.ws();
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
