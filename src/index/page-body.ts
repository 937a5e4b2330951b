/**
 * A project page's bytes as text, decoded the way `new TextDecoder().decode(bytes)` does (UTF-8,
 * WHATWG Encoding: a leading BOM dropped, invalid sequences as U+FFFD), with one fact learned on
 * the way: whether the text is plain ASCII holding no control character other than TAB, LF and CR
 * — none of the characters RFC 8259 forbids anywhere in JSON text (§7: U+0000–U+001F inside
 * strings; outside them only the four whitespace characters are allowed). The PEP 691 scanner
 * (json-page-scan.ts) then skips its own whole-text search for them.
 *
 * PyPI's pages are ASCII (file names, URLs, hashes, times; project names are normalized), so the
 * usual page is checked natively for ASCII and then 64 bytes at a time (a WebAssembly SIMD
 * function, control-byte-scan.ts; four at a time in JavaScript where that is missing), and decoded
 * as Latin-1, which for ASCII is the same text as UTF-8 and needs no validation; any other byte
 * sends the page through TextDecoder.
 */
import { isAscii } from 'node:buffer';
import { controlByteScanner, type ControlByteScanner, WS_CR, WS_LF, WS_TAB } from './control-byte-scan.js';

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
 * which of `\`, TAB, LF and CR come before it. An ASCII body (Node's `isAscii`, native) is looked
 * at 32 bytes at a time for bytes below 0x20 — for a word x of ASCII bytes, `x - 0x20202020` has
 * a byte's top bit set exactly when that byte is below 0x20 or a lower one is (a borrow starts only
 * at such a byte), so a word without flags holds only printable characters, and a flagged one is
 * looked at byte by byte — and searched for `\` natively (`indexOf`, memchr). Any other body is
 * looked at byte by byte up to its first unusual byte (it is decoded by TextDecoder anyway).
 * With `simd` (the default where WebAssembly SIMD exists) an ASCII body is searched by it instead,
 * and `\` before its answer by the same native search.
 */
export function scanPageBytes(
  bytes: Uint8Array,
  /** The WebAssembly SIMD search (control-byte-scan.ts) when available; null: the word loop below. */
  simd: ControlByteScanner | null = controlByteScanner() ?? null,
): PageBytes {
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
  if (!isAscii(bytes)) return { unusual: look(0, n), seen };
  if (simd !== null) {
    // 64 bytes per step (TAB/LF/CR noted on the way); `\` by the native search, as below.
    const { found, whitespace } = simd(bytes, 0, n);
    seen =
      (whitespace & WS_TAB ? SEEN_TAB : 0) |
      (whitespace & WS_LF ? SEEN_LF : 0) |
      (whitespace & WS_CR ? SEEN_CR : 0);
    const backslash = Buffer.from(bytes.buffer, bytes.byteOffset, n).indexOf(92);
    if (backslash >= 0 && (found < 0 || backslash < found)) seen |= SEEN_BACKSLASH;
    return { unusual: found, seen };
  }
  let i = 0;
  while (i < n && ((bytes.byteOffset + i) & 3) !== 0) i++;
  let found = look(0, i);
  // Aligned here unless fewer than 4 bytes are left (then no word is read).
  const count = found >= 0 ? 0 : (n - i) >>> 2;
  if (count > 0) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, count);
    const steps = count & ~7;
    for (let w = flaggedStep(words, 0, steps); w >= 0 && found < 0; w = flaggedStep(words, w + 8, steps))
      found = look(i + w * 4, i + w * 4 + 32);
    for (let w = steps; w < count && found < 0; w++)
      if ((((words[w] as number) - 0x20202020) & 0x80808080) !== 0) found = look(i + w * 4, i + w * 4 + 4);
  }
  if (found < 0) found = look(i + count * 4, n);
  // `look` saw only flagged words: the native search decides about `\`.
  const backslash = Buffer.from(bytes.buffer, bytes.byteOffset, n).indexOf(92);
  if (backslash >= 0 && (found < 0 || backslash < found)) seen |= SEEN_BACKSLASH;
  else seen &= ~SEEN_BACKSLASH;
  return { unusual: found, seen };
}

/**
 * The first step of eight words from `from` (a multiple of 8, below `steps`) in which some word of
 * ASCII bytes has a byte below 0x20 (see scanPageBytes), or -1: one test for 32 bytes.
 */
function flaggedStep(words: Int32Array, from: number, steps: number): number {
  const k = 0x20202020;
  for (let w = from; w < steps; w += 8) {
    const flags =
      ((words[w] as number) - k) |
      ((words[w + 1] as number) - k) |
      ((words[w + 2] as number) - k) |
      ((words[w + 3] as number) - k) |
      ((words[w + 4] as number) - k) |
      ((words[w + 5] as number) - k) |
      ((words[w + 6] as number) - k) |
      ((words[w + 7] as number) - k);
    if ((flags & 0x80808080) !== 0) return w;
  }
  return -1;
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
