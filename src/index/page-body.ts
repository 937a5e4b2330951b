/**
 * A project page's bytes as text, decoded the way `new TextDecoder().decode(bytes)` does (UTF-8,
 * WHATWG Encoding: a leading BOM dropped, invalid sequences as U+FFFD), with one fact learned on
 * the way: whether the text is plain ASCII holding no control character other than TAB, LF and CR
 * — none of the characters RFC 8259 forbids anywhere in JSON text (§7: U+0000–U+001F inside
 * strings; outside them only the four whitespace characters are allowed). The PEP 691 scanner
 * (json-page-scan.ts) then skips its own whole-text search for them.
 *
 * PyPI's pages are ASCII (file names, URLs, hashes, times; project names are normalized), so the
 * usual page is checked four bytes at a time and decoded as Latin-1, which for ASCII is the same
 * text as UTF-8 and needs no validation; any other byte sends the page through TextDecoder.
 */

export interface PageText {
  text: string;
  /** True only when the text is ASCII without control characters other than TAB, LF and CR. */
  controlFree: boolean;
  /** With `controlFree`: which of `\`, TAB, LF, CR the text holds (SEEN_* bits). */
  seen?: number;
}

/** Whether byte `c` is outside printable ASCII + TAB/LF/CR (a control character or not ASCII). */
function unusual(c: number): boolean {
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c > 127;
}

/** Bits of `PageBytes.seen`: which of the characters a JSON scanner looks out for the body holds. */
export const SEEN_BACKSLASH = 1;
export const SEEN_TAB = 2;
export const SEEN_LF = 4;
export const SEEN_CR = 8;

export interface PageBytes {
  /** The offset of the first control character other than TAB/LF/CR or non-ASCII byte, or -1. */
  unusual: number;
  /** SEEN_* bits for the bytes before `unusual` (all of them when it is -1). */
  seen: number;
}

/**
 * The first byte of `bytes` that is a control character other than TAB/LF/CR or not ASCII, and
 * which of `\`, TAB, LF and CR come before it. Word test: for each byte b of x, `(b - 0x20) | b`
 * has its top bit set exactly when b < 0x20 or b >= 0x80 (a borrow only leaves a byte below 0x20,
 * which is itself flagged), and for y = x ^ 0x5c5c5c5c, `(y - 0x01010101) & ~y` has a top bit set
 * when some byte of x is `\` (a borrow only starts at a zero byte of y); a word without flags holds
 * only printable ASCII other than `\`, and a flagged one is looked at byte by byte.
 */
export function scanPageBytes(bytes: Uint8Array): PageBytes {
  const n = bytes.length;
  let seen = 0;
  const look = (from: number, to: number): number => {
    for (let j = from; j < to; j++) {
      const c = bytes[j] as number;
      if (unusual(c)) return j;
      seen |= c === 92 ? SEEN_BACKSLASH : c === 9 ? SEEN_TAB : c === 10 ? SEEN_LF : c === 13 ? SEEN_CR : 0;
    }
    return -1;
  };
  let i = 0;
  while (i < n && ((bytes.byteOffset + i) & 3) !== 0) i++;
  const head = look(0, i);
  if (head >= 0) return { unusual: head, seen };
  // Aligned here unless fewer than 4 bytes are left (then no word is read).
  const count = (n - i) >>> 2;
  if (count > 0) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, count);
    const k = 0x20202020;
    const top = 0x80808080 | 0;
    const bs = 0x5c5c5c5c;
    const ones = 0x01010101;
    for (let w = 0; w < count; w++) {
      const x = words[w] as number;
      const y = x ^ bs;
      if ((((x - k) | x | ((y - ones) & ~y)) & top) !== 0) {
        const at = i + w * 4;
        const found = look(at, at + 4);
        if (found >= 0) return { unusual: found, seen };
      }
    }
  }
  return { unusual: look(i + count * 4, n), seen };
}

/** The offset of the first control character other than TAB/LF/CR or non-ASCII byte, or -1. */
export function firstUnusualByte(bytes: Uint8Array): number {
  return scanPageBytes(bytes).unusual;
}

const utf8 = new TextDecoder();

/** The page text (as TextDecoder gives it) and whether it is known free of forbidden control characters. */
export function decodePageBody(bytes: Uint8Array): PageText {
  const scan = scanPageBytes(bytes);
  if (scan.unusual === -1) {
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
      controlFree: true,
      seen: scan.seen,
    };
  }
  return { text: utf8.decode(bytes), controlFree: false };
}
