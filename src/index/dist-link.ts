/**
 * Shared pieces of turning an index link into a DistFile: resolving the URL against the page
 * (credentials of the page carry over to same-origin links, as pip does), splitting `#<hash>=`
 * fragments (PEP 503: any `hashlib` algorithm name), and PEP 658/714 metadata declarations.
 */
import { redactUrl } from './redact.js';

/** hashlib's guaranteed algorithm names (lower case) accepted in fragments and JSON hashes. */
const HASH_NAMES = new Set([
  'md5',
  'sha1',
  'sha224',
  'sha256',
  'sha384',
  'sha512',
  'sha3_224',
  'sha3_256',
  'sha3_384',
  'sha3_512',
  'blake2b',
  'blake2s',
]);

export function isHashName(name: string): boolean {
  return HASH_NAMES.has(name.toLowerCase());
}

export interface ResolvedLink {
  /** Absolute URL without fragment; page userinfo added for same-origin links. */
  url: string;
  redactedUrl: string;
  /** Last path segment, percent-decoded. */
  filename: string;
  /** From a `#name=hex` fragment. */
  hashes: Record<string, string>;
}

const SCHEMES = ['http:', 'https:', 'file:'];

/** `#name=hex[&name=hex…]` fragment hashes (names and digests lower case); '' gives none. */
export function fragmentHashes(hash: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  if (hash === '') return hashes;
  for (const part of hash.slice(1).split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).toLowerCase();
    const value = declaredDigest(name, part.slice(eq + 1));
    if (value !== undefined) hashes[name] = value;
  }
  return hashes;
}

/**
 * A declared digest as kept: hex, lower-cased; for one of pip's algorithms a value that is not hex
 * is kept too — pip 23.2 keeps whatever follows `<name>=` (models/link.py `LinkHash`) and the
 * download then fails its hash check — cut to 100 characters behind a `!`, so it can never equal
 * a digest (review 14b #10: dropped, it made the file one "without a declared hash", accepted after
 * hashing); so is a hex value of the wrong length. Other names with a value that is not hex:
 * undefined (dropped).
 */
function declaredDigest(name: string, raw: string): string | undefined {
  if (!isHashName(name)) return undefined;
  const value = raw.toLowerCase();
  const length = Object.hasOwn(PIP_DIGEST_HEX_LENGTH, name) ? PIP_DIGEST_HEX_LENGTH[name] : undefined;
  if (/^[0-9a-f]+$/.test(value) && (length === undefined || value.length === length)) return value;
  return length !== undefined ? `!${value.slice(0, 100)}` : undefined;
}

/**
 * pip 23.2's `_SUPPORTED_HASHES` (models/link.py), strongest first, with the hex length of each
 * one's digest: a declared value of another length is no digest either (`#sha256=abc`), kept
 * unmatchable like one that is not hex (it used to reach the metadata cache as a key it refuses:
 * "internal error").
 */
const PIP_DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = {
  sha512: 128,
  sha384: 96,
  sha256: 64,
  sha224: 56,
  sha1: 40,
  md5: 32,
};

/** pip's algorithms, strongest first. */
export const PIP_HASH_NAMES: readonly string[] = Object.keys(PIP_DIGEST_HEX_LENGTH);

/** A kept declared digest that is not hex (`declaredDigest`): no file can match it. */
export function isUnmatchableDigest(value: string): boolean {
  return value.startsWith('!');
}

/**
 * An absolute http(s) link already in the form the WHATWG URL parser would serialize it to:
 * lower-case scheme and host (no IP-address-like or IDNA host, no userinfo, no default port),
 * a path of characters the parser leaves as they are (no `.`/`..` segment, no query), and an
 * optional fragment of hash characters. Such a link is its own `href`, so no URL object is needed
 * (PyPI's JSON pages list thousands of them). Groups: origin, path, fragment.
 */
const CANONICAL_LINK =
  /^(https?:\/\/(?:[a-z0-9-]+\.)*[a-z-][a-z0-9-]*(?::(?!0)\d{1,5})?)(\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)(#[A-Za-z0-9=&_-]*)?$/;
const DOT_SEGMENT = /\/\.{1,2}(?:\/|$)/;

function canonicalLink(
  href: string,
): { origin: string; url: string; filename: string; hash: string } | undefined {
  const m = CANONICAL_LINK.exec(href);
  if (m === null) return undefined;
  const origin = m[1] as string;
  const path = m[2] as string;
  // Dot segments (also percent-encoded) are removed by the parser, IDNA labels checked: leave them to it.
  if (path.includes('/.') && DOT_SEGMENT.test(path)) return undefined;
  if (path.includes('%') && /%2e/i.test(path)) return undefined;
  if (origin.includes('xn--')) return undefined;
  const port = origin.slice(origin.lastIndexOf(':') + 1);
  if (origin.lastIndexOf(':') > 5) {
    // A default port is dropped by the parser, one above 65535 refused: leave both to it.
    if (Number(port) > 65535 || port === (origin.startsWith('https:') ? '443' : '80')) return undefined;
  }
  const last = path.slice(path.lastIndexOf('/') + 1);
  let filename = last;
  if (last.includes('%')) {
    try {
      filename = decodeURIComponent(last);
    } catch {
      filename = last;
    }
  }
  return { origin, url: origin + path, filename, hash: m[3] ?? '' };
}

/**
 * The link resolution of one page (`base` and the page URL fixed, the page URL parsed once): a
 * large page lists thousands of files. A canonical absolute link (CANONICAL_LINK) is taken as
 * written; any other is resolved by the URL parser.
 */
export function linkResolver(base: string, pageUrl: string): (href: string) => ResolvedLink | undefined {
  const page = new URL(pageUrl);
  const pageAuth = page.username !== '' || page.password !== '';
  return (href) => {
    const fast = canonicalLink(href);
    // A same-origin link under a page with credentials gets them: the URL parser does that.
    if (fast !== undefined && fast.filename !== '' && !(pageAuth && fast.origin === page.origin)) {
      return {
        url: fast.url,
        redactedUrl: fast.url,
        filename: fast.filename,
        hashes: fragmentHashes(fast.hash),
      };
    }
    let u: URL;
    try {
      u = new URL(href.trim(), base);
    } catch {
      return undefined;
    }
    if (!SCHEMES.includes(u.protocol)) return undefined;
    const hashes = fragmentHashes(u.hash);
    if (pageAuth && u.origin === page.origin && !u.username && !u.password) {
      u.username = page.username;
      u.password = page.password;
    }
    // Without the fragment; a `#` can only start it (elsewhere it is percent-encoded).
    let url = u.href;
    const cut = url.indexOf('#');
    if (cut >= 0) url = url.slice(0, cut);
    const last = u.pathname.split('/').pop() ?? '';
    let filename: string;
    try {
      filename = decodeURIComponent(last);
    } catch {
      filename = last;
    }
    if (filename === '') return undefined;
    // Nothing to hide without userinfo or a query: the URL is its own redacted form.
    const redactedUrl = u.username || u.password || u.search !== '' ? redactUrl(url) : url;
    return { url, redactedUrl, filename, hashes };
  };
}

/**
 * The origin part of CANONICAL_LINK alone, and its path and fragment parts (sticky, no captures).
 * The path is that of CANONICAL_LINK less what the URL parser must see — a percent escape
 * (decoded file names, `%2e`) or a segment starting with "." (dot segments) — so a path holding
 * one ends the match early, where the fragment test then fails.
 */
const CANONICAL_ORIGIN = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z-][a-z0-9-]*(?::(?!0)\d{1,5})?$/;
const CANONICAL_PATH = /(?:\/(?!\.)[A-Za-z0-9\-._~!$&'()*+,;=:@]*)+/y;
const CANONICAL_FRAGMENT = /#[A-Za-z0-9=&_-]*/y;

/**
 * The CANONICAL_LINK test of `linkResolver`, made on a link that sits in `text` between `start` and
 * `end` (a large page's body) without cutting it out: returns where the link's path ends (its
 * fragment, if any, runs from there to `end`), or -1 when the link is not certainly canonical and
 * must go through `linkResolver`. Same answers as `linkResolver` for the links it accepts:
 * url = text[start, pathEnd), redacted the same, filename non-empty.
 */
export function canonicalLinkScanner(text: string, pageUrl: string): (start: number, end: number) => number {
  const page = new URL(pageUrl);
  const pageAuth = page.username !== '' || page.password !== '';
  let origin = '';
  return (start, end) => {
    // The origin: the same as the last link's (one comparison) or checked once.
    if (origin === '' || !text.startsWith(origin, start) || text.charCodeAt(start + origin.length) !== 47) {
      const scheme = text.startsWith('https://', start) ? 8 : text.startsWith('http://', start) ? 7 : 0;
      if (scheme === 0) return -1;
      const slash = text.indexOf('/', start + scheme);
      if (slash < 0 || slash >= end) return -1;
      const candidate = text.slice(start, slash);
      if (!CANONICAL_ORIGIN.test(candidate) || candidate.includes('xn--')) return -1;
      const colon = candidate.lastIndexOf(':');
      if (colon > 5) {
        const port = candidate.slice(colon + 1);
        if (Number(port) > 65535 || port === (candidate.startsWith('https:') ? '443' : '80')) return -1;
      }
      if (pageAuth && candidate === page.origin) return -1;
      origin = candidate;
    }
    CANONICAL_PATH.lastIndex = start + origin.length;
    if (!CANONICAL_PATH.test(text)) return -1;
    const pathEnd = CANONICAL_PATH.lastIndex;
    if (pathEnd < end) {
      CANONICAL_FRAGMENT.lastIndex = pathEnd;
      if (!CANONICAL_FRAGMENT.test(text) || CANONICAL_FRAGMENT.lastIndex !== end) return -1;
    } else if (pathEnd !== end) return -1;
    // An empty file name is the URL parser's.
    if (text.charCodeAt(pathEnd - 1) === 47) return -1;
    return pathEnd;
  };
}

/** Resolves `href` against `base`; undefined when it is not a usable file link. */
export function resolveLink(href: string, base: string, pageUrl: string): ResolvedLink | undefined {
  return linkResolver(base, pageUrl)(href);
}

/**
 * PEP 658/714 `data-core-metadata` / `data-dist-info-metadata` attribute value as pip 23.2 reads it
 * (models/link.py `Link.from_element`): absent → no metadata file; any value declares one —
 * `<name>=<hex>` with `name` one of pip's supported hash names (exactly: sha512, sha384, sha256,
 * sha224, sha1, md5) gives its hash, anything else (`true`, `false`, `SHA256=…`, text) none.
 */
export function parseMetadataAttribute(value: string | undefined): false | Record<string, string> {
  if (value === undefined) return false;
  const eq = value.indexOf('=');
  if (eq < 0) return {};
  const name = value.slice(0, eq);
  if (!Object.hasOwn(PIP_DIGEST_HEX_LENGTH, name)) return {};
  // A value that is no digest of `name` is kept unmatchable, as for a link's fragment (pip keeps it
  // and the .metadata file then fails its hash check; review 14d F4: it was dropped, so the file's
  // bytes chose the dependencies unchecked).
  const digest = declaredDigest(name, value.slice(eq + 1));
  return digest === undefined ? {} : { [name]: digest };
}

/**
 * Python's truth value of a parsed JSON value, which pip tests PEP 691 fields by: false, null, 0,
 * "", [] and {} are false, everything else true.
 */
export function jsonTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * PEP 691 `yanked` as pip 23.2 reads it (models/link.py `Link.from_json`): a true value is yanked —
 * a string's text is the reason —, a false one (`""` included) is not.
 */
export function yankedJson(value: unknown): false | true | string {
  if (!jsonTruthy(value)) return false;
  return typeof value === 'string' ? value : true;
}

/**
 * PEP 691 `core-metadata` / `dist-info-metadata` JSON value as pip reads it: a dict gives hashes,
 * any other true value a metadata file without hashes, a false one none.
 */
export function parseMetadataJson(value: unknown): false | Record<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return normalizeHashes(value);
  return jsonTruthy(value) ? {} : false;
}

export function normalizeHashes(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') continue;
    const name = k.toLowerCase();
    const value = declaredDigest(name, v);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
