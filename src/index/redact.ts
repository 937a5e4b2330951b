/**
 * The one redaction point. Every writer — loggers, error messages, annotations, the job summary,
 * the lock, report and pylock files, the manifest, cache keys and cache entries — shows URLs and
 * text only through the functions of this module.
 *
 * Rule: a value that came from a `${VAR}` expansion in a requirement file, or from a URL's
 * userinfo, a path token (`looksLikeToken`) or its query, is a secret for the whole run. Such values
 * are registered in the run's `SecretRegistry` (`runSecrets`) as soon as they are read, before
 * anything is printed; a listener lets the action pass each one to `core.setSecret` too. Then:
 *
 * - `redactText(text)` (logs, errors): registered values → `***`, URLs → `redactUrl`, and a
 *   scheme-less `user:password@host` → `***@host`.
 * - `redactUrl(url)` (URLs people read): userinfo → `***@`, every query value → `***`, registered
 *   values in the path → `***`.
 * - `publicUrl(url)` (URLs written to files: pylock, report, cache entries): no userinfo, no query,
 *   no fragment, registered values in the path → `***`. A URL without userinfo is still usable with
 *   credentials from netrc or the environment, which is why lock files do not carry `***@`.
 */

/** Values shorter than this are not masked by value (they would garble every line); URL structure still is. */
export const MIN_SECRET_LENGTH = 4;

export const MASK = '***';

/** Path segments that are file names, not tokens (a token-looking name such as `pkg-1.0-py3-none-any.whl`). */
const FILE_SEGMENT = /\.(whl|zip|tar|gz|tgz|bz2|tbz|xz|txz|html?|json|metadata)$/i;

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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();
/** Query names of uv.lock git sources (`git+https://…?rev=…#<commit>`), which hold no secret. */
const LOCK_SOURCE_KEYS: ReadonlySet<string> = new Set(['branch', 'tag', 'rev', 'subdirectory']);

export class SecretRegistry {
  private readonly values = new Set<string>();
  private readonly listeners = new Set<(value: string) => void>();
  private pattern: RegExp | undefined;

  /** Registers `value` (and its percent-encoded and -decoded forms) as a secret of the run. */
  add(value: string | undefined): void {
    if (value === undefined) return;
    const decoded = safeDecode(value);
    for (const form of new Set([value, decoded, encodeURIComponent(decoded)])) this.addExact(form);
  }

  /**
   * Registers the secret parts of a URL the user gave (index, find-links, direct URL): its
   * credentials (`addCredentialsFromUrl`) and every token-looking path segment.
   */
  addFromUrl(text: string): void {
    const u = this.addCredentials(text);
    // The path of `scheme://authority/path` that did not parse (a bad port, a space) is read as
    // a parsed one's would be (review 3 s12).
    const path =
      u !== undefined ? u.pathname : /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)/i.exec(text.trim())?.[1];
    // Local paths (`file:`) hold directory names, not tokens.
    if (path === undefined || /^file:/i.test(text.trim())) return;
    for (const segment of path.split('/')) {
      const decoded = safeDecode(segment);
      if (looksLikeToken(decoded)) this.add(decoded);
    }
  }

  /**
   * Registers a URL's credentials only: the password (or a username standing alone: a token for
   * some indexes) and every query value — not its path, for URLs of which there are many and whose
   * paths are public (a lock's file URLs: `…/packages/d9/5a/<hash>/…` would look like tokens). A
   * value that does not parse as a URL is read as `[scheme://]user:password@host…`.
   */
  addCredentialsFromUrl(text: string): void {
    // A lock's git sources name their branch, tag or commit in the query (uv: `?rev=…`): public,
    // and masking them would hide words such as `main` in every line of the job (review 4 s12).
    this.addCredentials(text, LOCK_SOURCE_KEYS);
  }

  /**
   * `addCredentialsFromUrl` (query values of the names in `keep` excepted); answers the URL when
   * `text` parses as one with a scheme.
   */
  private addCredentials(text: string, keep: ReadonlySet<string> = NO_NAMES): URL | undefined {
    let u: URL | undefined;
    try {
      u = new URL(text);
    } catch {
      u = undefined;
    }
    if (u === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      const m = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/@\s]*)@/i.exec(text.trim());
      if (m !== null) {
        const userinfo = m[1] as string;
        const colon = userinfo.indexOf(':');
        this.add(colon >= 0 ? userinfo.slice(colon + 1) : userinfo);
      }
      for (const [, name, value] of text.matchAll(/[?&]([^=&#\s?]*)=([^&#\s]*)/g))
        if (!keep.has(name as string)) this.add(value);
      return undefined;
    }
    if (u.password !== '') this.add(u.password);
    else this.add(u.username);
    for (const [name, value] of new URLSearchParams(u.search)) if (!keep.has(name)) this.add(value);
    return u;
  }

  /**
   * Calls `listener` for every registered form, now and whenever one is added (the action passes
   * `core.setSecret`). Returns the unsubscribe function.
   */
  onAdd(listener: (value: string) => void): () => void {
    for (const value of this.values) listener(value);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every registered value in `text` → `***` (longest first, so no part of a longer one survives). */
  mask(text: string): string {
    if (this.values.size === 0) return text;
    this.pattern ??= new RegExp(
      [...this.values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    return text.replace(this.pattern, MASK);
  }

  /** Every registered form, now. */
  snapshot(): string[] {
    return [...this.values];
  }

  /**
   * Registers `value` exactly as given (no decoded or encoded forms), e.g. another writer's
   * spelling of a registered secret; false when it was already registered or too short.
   */
  addExact(value: string): boolean {
    if (value.length < MIN_SECRET_LENGTH || this.values.has(value)) return false;
    this.values.add(value);
    this.pattern = undefined;
    for (const listener of this.listeners) listener(value);
    return true;
  }

  /** Whether `text` holds a registered value. */
  includes(text: string): boolean {
    return this.mask(text) !== text;
  }

  /** Forgets every value (tests; a new run in the same process). Listeners stay. */
  clear(): void {
    this.values.clear();
    this.pattern = undefined;
  }
}

/** The secrets of this run (one process is one run: the CLI or the action). */
export const runSecrets = new SecretRegistry();

/**
 * Path segments of index URLs that are layout, not secrets (PEP 503's `simple`, and the common
 * layouts of devpi, Artifactory, Nexus, GitLab, CodeArtifact, Azure Artifacts, Gemfury…).
 */
const LAYOUT_SEGMENTS = new Set([
  'simple',
  '+simple',
  'pypi',
  'api',
  'packages',
  'package',
  'repository',
  'repositories',
  'artifactory',
  'nexus',
  'projects',
  'groups',
  'index',
  'files',
  'root',
  'public',
  'private',
  'feeds',
  'packaging',
  'upload',
  'legacy',
]);

/** Registers one secret value (a credential) with the run. */
export function registerSecret(value: string): void {
  runSecrets.add(value);
}

/**
 * Registers the value of a `${VAR}` expansion with the run. A value that is a whole http(s) URL
 * was declared secret as a whole, yet its parts reach outputs separately (a file URL under a
 * tokenised index keeps the token but not the rest of the index URL): then its userinfo and query
 * values, and every path segment that is not layout (LAYOUT_SEGMENTS, `v<N>`, a file name), are
 * secrets too, whatever they look like — an all-letters token that `looksLikeToken` cannot tell
 * from a folder name.
 */
export function registerExpansion(value: string): void {
  runSecrets.add(value);
  if (!/^https?:\/\//i.test(value.trim())) return;
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return;
  }
  runSecrets.addFromUrl(u.href);
  for (const segment of u.pathname.split('/')) {
    const decoded = safeDecode(segment);
    const layout = LAYOUT_SEGMENTS.has(decoded.toLowerCase()) || /^v\d+$/i.test(decoded);
    if (!layout && !FILE_SEGMENT.test(decoded)) runSecrets.add(decoded);
  }
}

/** Registers the secret parts of a URL (or `user:password@host` text) with the run. */
export function registerUrlSecrets(url: string): void {
  runSecrets.addFromUrl(url);
}

/** Registers only the credentials (userinfo, query values) of a URL with the run (`addCredentialsFromUrl`). */
export function registerUrlCredentials(url: string): void {
  runSecrets.addCredentialsFromUrl(url);
}

/** URL for people to read: userinfo → `***@`, every query value → `***`, registered values → `***`. */
export function redactUrl(url: string | URL): string {
  // A parsed URL with nothing to mask but registered values (every request's): no second parse.
  if (url instanceof URL && url.username === '' && url.password === '' && url.search === '')
    return runSecrets.mask(url.href);
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return runSecrets.mask(redactUnparsed(String(url)));
  }
  if (u.username || u.password) {
    u.username = MASK;
    u.password = '';
  }
  if (u.search !== '') {
    const params = new URLSearchParams(u.search);
    const masked = new URLSearchParams();
    for (const name of params.keys()) if (!masked.has(name)) masked.append(name, MASK);
    u.search = masked.toString().replace(/%2A%2A%2A/g, MASK);
  }
  return runSecrets.mask(u.toString());
}

/**
 * URL to write into files (pylock, report, cache entries): no userinfo, no query, no fragment,
 * registered values in the path → `***`. Unparseable input gets the text treatment.
 */
export function publicUrl(url: string | URL): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return redactText(String(url));
  }
  u.username = '';
  u.password = '';
  u.search = '';
  u.hash = '';
  return runSecrets.mask(u.toString());
}

function redactUnparsed(s: string): string {
  return s.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, `$1${MASK}@`).replace(QUERY_NAME, `$1${MASK}`);
}

/**
 * A query parameter's name and its `=` in text that does not parse as a URL. The name holds no `?`:
 * otherwise every `?` of a run `????…` would start a match that scans to the end of the run
 * (quadratic; review 2 s12). The value masked is the same — the one after the first `=` — since a
 * match from a `?` further left would only have carried the `?…` before it along unchanged.
 */
const QUERY_NAME = /([?&][^=&#?]*=)[^&#\s]*/g;

/**
 * Hides every `//userinfo@` of one value that may not even parse as a URL (a bad `--index-url`
 * shown back in an error): whatever stands between `//` and `@` becomes `***`, spaces included;
 * a scheme-less `user:password@` at the start too, and registered values.
 */
export function maskUserinfo(value: string): string {
  return runSecrets.mask(
    value.replace(/\/\/[^/@]*@/g, `//${MASK}@`).replace(/^[^/@\s:]+:[^/@\s]*@/, `${MASK}@`),
  );
}

/**
 * Scheme-less `user:password@host` (no `//` before it; pip accepts such index values) → `***@host`.
 * What is masked is what the pattern
 *
 *     (^|[\s"'(<=,;[])[^\s"'<>@/:()[\]]+:[^\s"'<>@/()]*@(?=[A-Za-z0-9[])     (global, leftmost)
 *
 * would match — a start (the text's or after a delimiter, which stays), a user part, `:`, a
 * password part, an `@` before a host — but found in linear time: as a regular expression every
 * `;` of a run `;;;;…` started a match that scanned to the end of the run (review 2 s12: 1 MB took
 * 15 minutes of a blocked event loop, and hostile file names reach the logs). Neither part holds an
 * `@`, so each match ends at the first `@` after its start: for every `@` before a host, the starts
 * lie between the previous `@` and it, and the leftmost one whose user part runs up to a `:` wins.
 */
export function maskBareUserinfo(text: string): string {
  let out = '';
  let copied = 0;
  let previousAt = -1;
  for (let at = text.indexOf('@'); at >= 0; previousAt = at, at = text.indexOf('@', at + 1)) {
    if (!/[A-Za-z0-9[]/.test(text.charAt(at + 1))) continue;
    // The run of password characters before the `@`: every start lies inside it.
    let run = at;
    while (run > previousAt + 1 && !NOT_PASSWORD.test(text.charAt(run - 1))) run--;
    let start = -1;
    let userEnd = run;
    for (let s = run; s < at; s++) {
      const opens =
        s === run ? s === 0 || DELIMITER.test(text.charAt(s - 1)) : INNER_DELIMITER.test(text.charAt(s - 1));
      if (!opens) continue;
      if (userEnd < s) userEnd = s;
      while (userEnd < at && !NOT_USER.test(text.charAt(userEnd))) userEnd++;
      if (userEnd > s && text.charAt(userEnd) === ':') {
        start = s;
        break;
      }
    }
    if (start < 0) continue;
    out += text.slice(copied, start) + MASK + '@';
    copied = at + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Characters a password part cannot hold; a user part cannot hold these nor `:`, `[`, `]`. */
const NOT_PASSWORD = /[\s"'<>@/()]/;
const NOT_USER = /[\s"'<>@/:()[\]]/;
/** What a match may start after; of these only `=`, `,`, `;`, `[` can stand inside a password run. */
const DELIMITER = /[\s"'(<=,;[]/;
const INNER_DELIMITER = /[=,;[]/;

/**
 * A URL in free text, with whatever scheme-like characters run before its scheme (`-https://…`):
 * the look-behind lets a match start only where such a run starts, so a long run of `a.a.a…`
 * without `://` costs linear time, not quadratic (review 3 s11). splitUrl drops what runs before
 * the first letter.
 */
const URL_IN_FREE_TEXT = /(?<![A-Za-z0-9+.-])[A-Za-z0-9+.-]+:\/\/[^\s"'<>]+/g;

/** A URL_IN_FREE_TEXT match as what runs before its scheme and the URL itself. */
function splitUrl(match: string): [string, string] {
  const k = Math.max(0, match.search(/[a-z]/i));
  return [match.slice(0, k), match.slice(k)];
}

/** The URLs quoted in a free text (an error message, a line shown to people). */
export function urlsInText(text: string): string[] {
  return [...text.matchAll(URL_IN_FREE_TEXT)].map(([m]) => splitUrl(m)[1]);
}

/** Replaces registered values, every URL-looking substring and scheme-less userinfo of a free text. */
export function redactText(text: string): string {
  const masked = runSecrets.mask(text).replace(URL_IN_FREE_TEXT, (m) => {
    const [before, url] = splitUrl(m);
    return before + redactUrl(url);
  });
  return maskBareUserinfo(masked);
}
