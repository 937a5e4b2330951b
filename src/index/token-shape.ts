/**
 * The shape of an access token in a URL path (`looksLikeToken`), as opposed to a folder or layout
 * name; used by the one redaction point (redact.ts) to register path tokens as secrets.
 */

/** Path segments that are file names, not tokens (a token-looking name such as `pkg-1.0-py3-none-any.whl`). */
export const FILE_SEGMENT = /\.(whl|zip|tar|gz|tgz|bz2|tbz|xz|txz|html?|json|metadata)$/i;

/**
 * A path segment of a URL the user gave that is an access token (a "path token": tokenised private
 * indexes put one in the path, e.g. `https://host/<token>/simple/`). Only URL-safe token characters
 * (`A-Z a-z 0-9 . _ ~ + = -`), never a file name, and either
 *
 * 1. at least 8 characters with both letters and digits, or
 * 2. at least 16 characters without a digit that do not read as words (`readsAsWords`): a random
 *    token of letters only, such as `AbCdEfGhIjKlMnOpQrStUvWx`.
 *
 * Everything else stays readable: `simple`, `pypi-remote`, `scientific-python-nightly-wheels`,
 * `MyCompanyPackages`. Not recognised (documented in docs/reliability.md): a letters-only token
 * shorter than 16 characters or one made of words; such a token is kept secret by giving it
 * through a `${VAR}` (`registerExpansion`) or as credentials.
 */
export function looksLikeToken(segment: string): boolean {
  if (segment.length < 8 || FILE_SEGMENT.test(segment)) return false;
  if (!/^[A-Za-z0-9._~+=-]+$/.test(segment) || !/[A-Za-z]/.test(segment)) return false;
  if (/[0-9]/.test(segment)) return true;
  return segment.length >= 16 && !readsAsWords(segment);
}

/** Words of a name: runs of capitals (an acronym), a capital and lower-case letters, lower-case letters. */
const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g;

/**
 * Whether a letters-only segment reads as words, as names people give folders and repositories do
 * and random tokens do not. It is split at `-`, `_`, `.`, `~`, `+`, `=` and camel-case humps; then
 * a segment in mixed case must average at least 4 letters a word (a random mix of capitals and
 * lower case makes a hump every two letters), and every word must be an acronym of up to 6
 * capitals, a short word (up to 3 letters: `cpp`, `ml`), or a word of at most 20 letters with a
 * vowel (`aeiouy`) and no 5 consonants in a row. Measured on random letters-only strings (seeded,
 * 20,000 each): 16 characters single-case 80 % recognised as tokens, mixed case 97 %; 24 characters
 * 100 % / 99 %.
 */
export function readsAsWords(segment: string): boolean {
  const words = segment.match(WORD) ?? [];
  if (words.length === 0) return false;
  const letters = words.reduce((n, w) => n + w.length, 0);
  if (/[a-z]/.test(segment) && /[A-Z]/.test(segment) && letters / words.length < 4) return false;
  return words.every((w) => {
    if (/^[A-Z]{1,6}$/.test(w) || w.length <= 3) return true;
    return w.length <= 20 && /[aeiouy]/i.test(w) && !/[^aeiouy]{5}/i.test(w);
  });
}
