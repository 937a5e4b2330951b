/**
 * A checking pass over JSON text (RFC 8259) that steps over values without building them: the
 * cursor of the PEP 691 page scanner (json-page-scan.ts). It answers only for text it fully
 * understands and otherwise throws GIVE_UP (any syntax error, an escaped key, nesting deeper than
 * MAX_DEPTH), after which the caller parses the text with JSON.parse. Strings are found with
 * `indexOf`; whether one holds an escape or a raw LF/CR/TAB is one comparison against the next such
 * character's position (looked up once, reused while the scan moves forward); the other control
 * characters, invalid anywhere in JSON text, are checked once for the whole text (STRAY_CONTROL).
 */
import { SEEN_BACKSLASH, SEEN_CR, SEEN_LF, SEEN_TAB } from './page-body.js';

/** Thrown inside the scanner when it leaves the page to the general parser. */
export class GiveUp {}
export const GIVE_UP = new GiveUp();
export function giveUp(): never {
  throw GIVE_UP;
}

/** Deeper nesting (inside values the page does not use) is left to JSON.parse. */
const MAX_DEPTH = 256;
/** A control character other than tab, LF and CR: invalid anywhere in JSON text. */
export const STRAY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
export const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

const Q = 34; // "
const BACKSLASH = 92;

export class Scanner {
  p = 0;
  /** Whether the last string scanned held an escape. */
  escaped = false;
  /** Next positions of `\`, LF, CR, TAB at or after the last string start (-1: none left). */
  private nextBackslash = -2;
  private nextLf = -2;
  private nextCr = -2;
  private nextTab = -2;
  readonly stack: number[] = [];

  /**
   * `seen`: which of `\`, TAB, LF, CR the text holds, when known (page-body.ts SEEN_* bits): the
   * others are never looked for.
   */
  constructor(
    readonly s: string,
    seen?: number,
  ) {
    if (seen !== undefined) {
      if ((seen & SEEN_BACKSLASH) === 0) this.nextBackslash = -1;
      if ((seen & SEEN_TAB) === 0) this.nextTab = -1;
      if ((seen & SEEN_LF) === 0) this.nextLf = -1;
      if ((seen & SEEN_CR) === 0) this.nextCr = -1;
    }
  }

  /**
   * A scanner over the same text with this one's position and look-ahead: it may read anything at
   * or after the position (its own reads must then move forward; fork again to go back).
   */
  fork(): Scanner {
    const other = new Scanner(this.s);
    other.p = this.p;
    other.nextBackslash = this.nextBackslash;
    other.nextLf = this.nextLf;
    other.nextCr = this.nextCr;
    other.nextTab = this.nextTab;
    other.nextSpecial = this.nextSpecial;
    return other;
  }

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

  /** Whether the text holds a `\` at or after `from` (known without a search when `seen` said none). */
  backslashFrom(from: number): boolean {
    if (this.nextBackslash === -1) return false;
    if (this.nextBackslash >= from) return true;
    return this.s.indexOf('\\', from) !== -1;
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

  /**
   * Whether the text is known to hold no `\`, LF, CR or TAB from the positions read so far on (known
   * from the body's SEEN_* bits or from a search that found none; nothing is searched here): every
   * string from here is then plain (`plainUntil` is true for it).
   */
  plainAhead(): boolean {
    return this.nextBackslash === -1 && this.nextLf === -1 && this.nextCr === -1 && this.nextTab === -1;
  }

  /**
   * Whether the text from `from` (a string's first character) to `close` (its closing quote) holds
   * no `\`, LF, CR or TAB: then it is a whole string without escapes (other control characters are
   * the STRAY_CONTROL check's). Calls must come in increasing `from` order, as `string()`'s.
   */
  plainUntil(from: number, close: number): boolean {
    if (this.nextSpecial < from) this.refreshSpecial(from);
    return !(this.nextSpecial < close);
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
