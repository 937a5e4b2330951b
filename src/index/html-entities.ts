/**
 * HTML character references in text and attribute values (HTML Living Standard §13.2.5.72/73):
 * decimal `&#60;` and hexadecimal `&#x3C;` numeric references (invalid code points become
 * U+FFFD), and the named references index pages use in practice. Not supported: the full named
 * reference table (2,000+ names); an unknown name is left as written, as browsers do.
 */

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  equals: '=',
  excl: '!',
  comma: ',',
  period: '.',
  colon: ':',
  semi: ';',
  num: '#',
  percnt: '%',
  plus: '+',
  lowbar: '_',
  sol: '/',
  tilde: '~',
  ast: '*',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  lbrack: '[',
  rbrack: ']',
  hyphen: '\u2010',
  copy: '\u00a9',
};
/** Names that HTML also recognises without the trailing semicolon (legacy). */
const LEGACY_NO_SEMICOLON = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy']);

function fromCodePoint(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(cp);
}

export function decodeHtmlEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(
    /&(?:#([0-9]+);?|#[xX]([0-9a-fA-F]+);?|([A-Za-z][A-Za-z0-9]*)(;?))/g,
    (m, dec, hex, name, semi) => {
      if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
      if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
      const value = NAMED[name as string];
      if (value === undefined) return m;
      if (semi === ';' || LEGACY_NO_SEMICOLON.has(name as string)) return value;
      return m;
    },
  );
}
