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
}

/** Whether byte `c` is outside printable ASCII + TAB/LF/CR (a control character or not ASCII). */
function unusual(c: number): boolean {
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c > 127;
}

/**
 * The offset of the first byte of `bytes` that is a control character other than TAB/LF/CR or not
 * ASCII, or -1. Word test: for each byte b of x, `(b - 0x20) | b` has its top bit set exactly when
 * b < 0x20 or b >= 0x80 (a borrow only leaves a byte below 0x20, which is itself flagged), so a
 * word without flags holds only printable ASCII and a flagged one is looked at byte by byte.
 */
export function firstUnusualByte(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n && ((bytes.byteOffset + i) & 3) !== 0) {
    if (unusual(bytes[i] as number)) return i;
    i++;
  }
  // Aligned here unless fewer than 4 bytes are left (then no word is read).
  const count = (n - i) >>> 2;
  if (count > 0) {
    const words = new Int32Array(bytes.buffer, bytes.byteOffset + i, count);
    const k = 0x20202020;
    const top = 0x80808080 | 0;
    for (let w = 0; w < count; w++) {
      const x = words[w] as number;
      if ((((x - k) | x) & top) !== 0) {
        const at = i + w * 4;
        for (let j = at; j < at + 4; j++) if (unusual(bytes[j] as number)) return j;
      }
    }
  }
  for (let j = i + count * 4; j < n; j++) if (unusual(bytes[j] as number)) return j;
  return -1;
}

const utf8 = new TextDecoder();

/** The page text (as TextDecoder gives it) and whether it is known free of forbidden control characters. */
export function decodePageBody(bytes: Uint8Array): PageText {
  if (firstUnusualByte(bytes) === -1) {
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
      controlFree: true,
    };
  }
  return { text: utf8.decode(bytes), controlFree: false };
}
