/**
 * The one redaction point. Every writer — loggers, error messages, annotations, the job summary,
 * the lock, report and pylock files, the manifest, cache keys and cache entries — shows URLs and
 * text only through the functions of this module.
 *
 * Rule: a value that came from a `${VAR}` expansion in a requirement file and stands in a URL's
 * userinfo, query or non-layout path segment, or in a build option's argument
 * (`expansion-secrets.ts`; a version or a name is data: review 18b F12), or that is a URL's
 * userinfo, a path token (`looksLikeToken`) or its query, is a secret for the whole run. Such values
 * are registered in the run's `SecretRegistry` (`runSecrets`) as soon as they are read, before
 * anything is printed; a listener lets the action pass each one to `core.setSecret` too. Then:
 *
 * - `redactText(text)` (logs, errors): registered values → `***`, URLs → `redactUrl`, and a
 *   scheme-less `user:password@host` → `***@host`.
 * - `redactUrl(url)` (URLs people read): userinfo → `***@` (also after one slash or none:
 *   `https:/user:pw@host`), every query value → `***` (`name=***`; a bare item `?<token>` → `?***`),
 *   registered values in the path → `***`. pip's own redact_auth_from_url masks only the password
 *   of the netloc (a username alone), never the query: this masks more.
 * - `publicUrl(url)` (URLs written to files: pylock, report, cache entries): no userinfo, no query,
 *   no fragment, registered values in the path → `***`. A URL without userinfo is still usable with
 *   credentials from netrc or the environment, which is why lock files do not carry `***@`.
 */

import { expansionSecrets } from './expansion-secrets.js';
import { MASK, SecretRegistry, bareQueryItems, safeDecode } from './secret-registry.js';
import { FILE_SEGMENT } from './token-shape.js';

export { MASK, MIN_SECRET_LENGTH, SecretRegistry } from './secret-registry.js';
export { looksLikeToken, readsAsWords } from './token-shape.js';

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
 * Registers what is secret in a `${VAR}` expansion of a requirement file. With `where` (the
 * expanded line and the run's offsets, as the parser reports them) only the parts that stand in a
 * secret position are (`expansionSecrets`: a URL's password or lone username, query, non-layout
 * path segment, a build option's argument) — a version, a name, a host or a local path is data and
 * must reach pylock/report URLs unchanged (review 18b F12). Without `where`, the whole value; and
 * a value that is a whole http(s) URL gives its userinfo and query values and every path segment
 * that is not layout (LAYOUT_SEGMENTS, `v<N>`, a file name), whatever they look like.
 */
export function registerExpansion(value: string, where?: { text: string; start: number; end: number }): void {
  if (where !== undefined) {
    for (const secret of expansionSecrets(where.text, where.start, where.end, isLayoutSegment))
      runSecrets.add(secret);
    return;
  }
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
    if (!isLayoutSegment(decoded) && !FILE_SEGMENT.test(decoded)) runSecrets.add(decoded);
  }
}

function isLayoutSegment(segment: string): boolean {
  return LAYOUT_SEGMENTS.has(segment.toLowerCase()) || /^v\d+$/i.test(segment);
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
  // `scheme:/userinfo@host` (one slash): a non-special scheme parses it as a path (review 15a F5).
  const text = String(url).replace(ONE_SLASH_USERINFO_AT_START, `$1${MASK}@`);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return runSecrets.mask(redactUnparsed(text));
  }
  if (u.username || u.password) {
    u.username = MASK;
    u.password = '';
  }
  if (u.search !== '') {
    // Every value → `***`; a bare item (`?<token>`, no `=`) is all value → `***` (review 15a F8).
    const bare = bareQueryItems(u.search).length > 0;
    const params = new URLSearchParams(
      u.search
        .replace(/^\?/, '')
        .split('&')
        .filter((item) => item.includes('='))
        .join('&'),
    );
    const masked = new URLSearchParams();
    for (const name of params.keys()) if (!masked.has(name)) masked.append(name, MASK);
    const named = masked.toString().replace(/%2A%2A%2A/g, MASK);
    u.search = [named, bare ? MASK : ''].filter((part) => part !== '').join('&');
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
  return s
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, `$1${MASK}@`)
    .replace(QUERY_ITEM, (item: string, sep: string, name: string, eq: string | undefined) =>
      eq !== undefined ? `${sep}${name}=${MASK}` : name === '' ? item : `${sep}${MASK}`,
    );
}

/**
 * `scheme:/userinfo@` at the start of a value: one slash, which WHATWG parsers read as an
 * authority for http(s) (`https:/user:pw@host` is `https://user:pw@host`) — review 15a F5.
 */
const ONE_SLASH_USERINFO_AT_START = /^([a-z][a-z0-9+.-]*:\/)(?!\/)[^/@\s]*@/i;

/**
 * The same in free text: a scheme-like run (starting where such a run starts, as URL_IN_FREE_TEXT,
 * so the cost stays linear), `:/`, userinfo without `/`, `@`.
 */
const ONE_SLASH_USERINFO = /(?<![A-Za-z0-9+.-])([A-Za-z0-9+.-]+:\/)(?!\/)[^\s"'<>@/]*@/g;

/**
 * A query item in text that does not parse as a URL: `name=value` (the value is masked) or a bare
 * `token` (all of it is masked: review 15a F8). The name holds no `?`:
 * otherwise every `?` of a run `????…` would start a match that scans to the end of the run
 * (quadratic; review 2 s12). The value masked is the same — the one after the first `=` — since a
 * match from a `?` further left would only have carried the `?…` before it along unchanged.
 */
const QUERY_ITEM = /([?&])([^=&#?]*)(?:(=[^&#\s]*)|(?=[&#]|$))/g;

/**
 * Hides every `//userinfo@` of one value that may not even parse as a URL (a bad `--index-url`
 * shown back in an error): whatever stands between `//` and `@` becomes `***`, spaces included;
 * a scheme-less `user:password@` at the start too, and registered values.
 */
export function maskUserinfo(value: string): string {
  return runSecrets.mask(
    value
      .replace(/\/\/[^/@]*@/g, `//${MASK}@`)
      .replace(ONE_SLASH_USERINFO_AT_START, `$1${MASK}@`)
      .replace(/^[^/@\s:]+:[^/@\s]*@/, `${MASK}@`),
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
  const masked = runSecrets
    .mask(text)
    .replace(ONE_SLASH_USERINFO, `$1${MASK}@`)
    .replace(URL_IN_FREE_TEXT, (m) => {
      const [before, url] = splitUrl(m);
      return before + redactUrl(url);
    });
  return maskBareUserinfo(masked);
}
