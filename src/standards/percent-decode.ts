/**
 * Percent-decoding as Python's `urllib.parse.unquote` does it (what pip uses for a link's file name,
 * `Link.filename`, and for the user name and password of a URL, `split_auth_from_netloc`): every run
 * of valid `%XX` escapes becomes the UTF-8 text of its bytes (an invalid sequence becomes U+FFFD, as
 * `errors='replace'`), and a `%` not followed by two hex digits stays as written — never an error,
 * where `decodeURIComponent` throws a URIError (review 14b #6).
 */

const ESCAPES = /(?:%[0-9A-Fa-f]{2})+/g;
const utf8 = new TextDecoder('utf-8');

export function unquote(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(ESCAPES, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return utf8.decode(bytes);
  });
}
