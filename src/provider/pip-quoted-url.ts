/**
 * A file URL as pip writes it in its report (review 16a F6): pip quotes every link it collects from
 * a page (pip 23.2 / 26 models/link.py `_ensure_quoted_url`, applied in `Link.from_element` and
 * `from_json`; a find-links directory's files go through `path_to_url`, the same quoting) — the
 * path is split at `@` and `%2F`, and each part is unquoted then quoted again with Python's
 * `urllib.parse.quote` (only `A–Z a–z 0–9 _ . - ~` and `/` stay as they are): a raw `+` of a local
 * version is written `%2B`, `%7e` becomes `~`, `%2b` becomes `%2B`. The scheme, host, `;params`
 * and query are left alone. A URL the user gave (`name @ URL`) is not a collected link: pip keeps it
 * as written. The URL is a redacted one: the mask (`***`) stays as it is, and the caller redacts
 * the result again (a secret written percent-encoded is decoded here).
 */
import { MASK } from '../index/redact.js';

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~/]/;

/** Python's `urllib.parse.unquote` (UTF-8, invalid sequences replaced). */
function unquote(part: string): string {
  if (!part.includes('%')) return part;
  const bytes: number[] = [];
  const utf8 = new TextEncoder();
  for (let i = 0; i < part.length;) {
    if (part[i] === '%' && /^[0-9a-fA-F]{2}$/.test(part.slice(i + 1, i + 3))) {
      bytes.push(parseInt(part.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    const cp = part.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    bytes.push(...utf8.encode(ch));
    i += ch.length;
  }
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}

/** Python's `urllib.parse.quote(text)` (safe `/`, UTF-8, upper-case hex). */
function quote(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ALWAYS_SAFE.test(ch)) {
      out += ch;
      continue;
    }
    for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** pip's `_clean_url_path` for a path (remote or local: the same on POSIX); the redaction mask is kept as it is. */
function cleanPath(path: string): string {
  return path
    .split(/(@|%2F)/i)
    .map((piece, i) =>
      i % 2 === 1
        ? piece.toUpperCase()
        : piece
            .split(MASK)
            .map((p) => quote(unquote(p)))
            .join(MASK),
    )
    .join('');
}

/** `url` with its path quoted as pip quotes a collected link's (see the module comment). */
export function pipQuotedUrl(url: string): string {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(\/\/[^/?#]*)?([^?#]*)(.*)$/s.exec(url);
  if (m === null) return url;
  const [, scheme, authority = '', pathAndParams = '', rest = ''] = m;
  // urlparse keeps `;params` of the last segment out of the path.
  const lastSlash = pathAndParams.lastIndexOf('/');
  const semicolon = pathAndParams.indexOf(';', lastSlash + 1);
  const path = semicolon < 0 ? pathAndParams : pathAndParams.slice(0, semicolon);
  const params = semicolon < 0 ? '' : pathAndParams.slice(semicolon);
  return `${scheme}${authority}${cleanPath(path)}${params}${rest}`;
}
