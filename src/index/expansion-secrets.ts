/**
 * Which `${VAR}` expansions of a requirement file are secrets (review 18b F12). pip's own
 * redaction (`redact_auth_from_url`) masks only a URL's password; masking every expanded value
 * instead garbled outputs that must stay usable — `zeta==${ZETA_VERSION}` put
 * `zeta-***-py3-none-any.whl` into pylock.toml and report.json. So a value is a secret by where it
 * stands in the expanded line:
 *
 * - in a URL's userinfo (the password, or a username standing alone: a token for some indexes),
 * - in a URL's query (a signature, a token),
 * - in a path segment of a non-`file:` URL that is neither index layout (`simple`, `v2`, …) nor a
 *   file name (a tokenised index `https://host/${TOKEN}/simple/`),
 * - in the password of a scheme-less `user:password@host`,
 * - in the argument of an option handed to builds (`--config-settings`, `--global-option`,
 *   `--build-option`), which may carry a token and never lands in a written URL.
 *
 * Anywhere else — a name, a version, a marker, a host, a file name, a local path or `file:` URL,
 * a fragment (`#egg=`, `#sha256=`) — it is data that outputs must carry as it is.
 */

import { safeDecode } from './secret-registry.js';
import { FILE_SEGMENT } from './token-shape.js';

/** Path segments of index URLs that are layout, not secrets (redact.ts `LAYOUT_SEGMENTS`). */
export type IsLayout = (segment: string) => boolean;

interface Span {
  start: number;
  end: number;
}

/** A URL in the line: scheme, then `//authority`, path, query, fragment up to a space or quote. */
const URL_IN_LINE = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>]+/g;
/** A scheme-less `user:password@host` word (or option value after `=`). */
const BARE_USERINFO = /(?<=^|[\s=])[^\s"'<>@/:=]+:([^\s"'<>@/]*)@(?=[A-Za-z0-9[])/g;
/** Options whose arguments reach builds, not URLs. */
const BUILD_OPTION = /(?:^|\s)(?:--config-settings|-C|--global-option|--build-option)(?=[\s=]|$)/;

/** The secret spans of one URL that starts at `at` in the line. */
function urlSecretSpans(url: string, at: number, isLayout: IsLayout): Span[] {
  const spans: Span[] = [];
  const schemeEnd = url.indexOf('://');
  const file = /^file$/i.test(url.slice(0, schemeEnd));
  const authStart = schemeEnd + 3;
  let authEnd = url.slice(authStart).search(/[/?#]/);
  authEnd = authEnd < 0 ? url.length : authStart + authEnd;
  const atSign = url.lastIndexOf('@', authEnd - 1);
  if (atSign >= authStart) {
    const colon = url.indexOf(':', authStart);
    // The password; a username alone is the secret when there is no password.
    if (colon >= 0 && colon < atSign) spans.push({ start: at + colon + 1, end: at + atSign });
    else spans.push({ start: at + authStart, end: at + atSign });
  }
  const hash = url.indexOf('#', authEnd);
  const end = hash < 0 ? url.length : hash;
  const question = url.indexOf('?', authEnd);
  const pathEnd = question >= 0 && question < end ? question : end;
  if (question >= 0 && question < end) {
    // Each query value (`name=value`), or a bare item whole.
    for (let s = question + 1; s < end;) {
      const amp = url.indexOf('&', s);
      const e = amp < 0 || amp > end ? end : amp;
      const eq = url.indexOf('=', s);
      spans.push({ start: at + (eq >= 0 && eq < e ? eq + 1 : s), end: at + e });
      s = e + 1;
    }
  }
  if (!file) {
    let s = authEnd;
    while (s < pathEnd) {
      const next = url.indexOf('/', s + 1);
      const e = next < 0 || next > pathEnd ? pathEnd : next;
      const segment = safeDecode(url.slice(s + 1, e));
      if (segment !== '' && !isLayout(segment) && !FILE_SEGMENT.test(segment))
        spans.push({ start: at + s + 1, end: at + e });
      s = e;
    }
  }
  return spans;
}

/**
 * The secret values of the run `line.slice(start, end)` that came from `${VAR}` values: the run
 * itself when it lies inside one secret span; each secret span it overlaps otherwise (a whole
 * `${INDEX_URL}` gives its password, query and path token, not the whole URL, whose host and
 * layout reach every file URL written); nothing when it stands where data stands.
 */
export function expansionSecrets(line: string, start: number, end: number, isLayout: IsLayout): string[] {
  const spans: Span[] = [];
  let inUrl = false;
  for (const m of line.matchAll(URL_IN_LINE)) {
    const at = m.index;
    if (at >= end || at + m[0].length <= start) continue;
    inUrl = true;
    spans.push(...urlSecretSpans(m[0], at, isLayout));
  }
  for (const m of line.matchAll(BARE_USERINFO)) {
    const password = m[1] as string;
    const pwEnd = m.index + m[0].length - 1;
    if (m.index >= end || pwEnd < start) continue;
    inUrl = true;
    spans.push({ start: pwEnd - password.length, end: pwEnd });
  }
  if (!inUrl && BUILD_OPTION.test(line.slice(0, start))) return [line.slice(start, end)];
  const out: string[] = [];
  for (const span of spans) {
    if (span.end <= start || span.start >= end || span.end === span.start) continue;
    if (span.start <= start && end <= span.end) return [line.slice(start, end)];
    out.push(line.slice(span.start, span.end));
  }
  return out;
}
