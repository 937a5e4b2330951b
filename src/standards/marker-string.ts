/**
 * Quoted strings in environment markers — the `python_str` of the dependency specifiers
 * specification, read the way packaging 26 reads it: the token runs from a quote to the next
 * quote of the same kind (no escape can hide a quote), and its text is then evaluated as a Python
 * string literal (packaging's `process_python_str` uses `ast.literal_eval`). So Python's escape
 * sequences apply (`\n`, `\t`, `\\`, `\x41`, `\u00e9`, `\101` …), a backslash before a line end
 * joins the lines, a line end without one is an error (an unterminated literal), a backslash just
 * before the closing quote escapes it (an error: the literal has no end), and unknown escapes such
 * as `\d` stay as written.
 * Not supported: `\N{NAME}` escapes (Unicode character names) are refused with that reason —
 * packaging decodes them through Python's Unicode database, which this module does not carry.
 */

/** Why a quoted marker string is not a valid Python literal; `offset` is into the raw token. */
export class MarkerStringError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'MarkerStringError';
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const HEX_WIDTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Decodes the body of a quoted marker string (the text between the quotes) as Python decodes a
 * non-raw `str` literal. Throws MarkerStringError for what Python refuses.
 */
export function decodeMarkerString(body: string): string {
  // Python reads source text with universal newlines: CR LF and lone CR are line ends too.
  const text = body.replace(/\r\n?/g, '\n');
  if (text.includes('\0')) throw new MarkerStringError(text.indexOf('\0'), 'a NUL character in a string');
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') throw new MarkerStringError(i, 'a line break inside a quoted string');
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    if (i + 1 >= text.length) {
      throw new MarkerStringError(i, 'a trailing backslash escapes the closing quote');
    }
    const e = text[i + 1]!;
    if (e === '\n') {
      i += 2; // line continuation
    } else if (SIMPLE_ESCAPES[e] !== undefined) {
      out += SIMPLE_ESCAPES[e];
      i += 2;
    } else if (e >= '0' && e <= '7') {
      const digits = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(digits, 8));
      i += 1 + digits.length;
    } else if (HEX_WIDTH[e] !== undefined) {
      const width = HEX_WIDTH[e]!;
      const digits = text.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9A-Fa-f]{${width}}$`).test(digits)) {
        throw new MarkerStringError(i, `"\\${e}" needs ${width} hex digits`);
      }
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) throw new MarkerStringError(i, `"\\${e}${digits}" is beyond Unicode`);
      out += String.fromCodePoint(code);
      i += 2 + width;
    } else if (e === 'N') {
      throw new MarkerStringError(i, '"\\N{...}" escapes (Unicode character names) are not supported');
    } else {
      out += `\\${e}`; // Python keeps unknown escapes as written
      i += 2;
    }
  }
  return out;
}

/**
 * A quoted form of `value` that decodes back to it: double quotes unless the value holds one and
 * no single quote; backslashes, control characters and a quote of the chosen kind escaped.
 */
export function quoteMarkerString(value: string): string {
  const q = value.includes('"') && !value.includes("'") ? "'" : '"';
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === q || code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${q}${out}${q}`;
}
