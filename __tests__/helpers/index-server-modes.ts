/**
 * Fault and behaviour switches of the test index server (see index-server.ts). Every switch can be
 * given at start and changed at run time with `server.setModes({...})`.
 */

export interface StatusOnceMode {
  /** Status to answer, e.g. 429 or 503. */
  status: number;
  /** How many requests of each matching path get that status before it is served normally. */
  count: number;
  /** `Retry-After` header value (seconds or an HTTP-date); omitted when undefined. */
  retryAfter?: string;
  /** Only paths containing this substring are affected (default: every path). */
  pathContains?: string;
}

export interface DropMidBodyMode {
  /** Bytes of the body written before the socket is destroyed. */
  afterBytes: number;
  /** Drop on every request, not only the first one per path (default false: once per path). */
  always?: boolean;
  /** Only paths containing this substring are affected (default: `/files/`). */
  pathContains?: string;
}

/**
 * A hostile server's behaviours, for the bounds tests (docs/reliability.md, "Memory and time are
 * bounded"). Each applies to GET requests whose path contains `pathContains`. Bodies are
 * generated, never held: the server writes with backpressure and stops when the client goes away
 * (or after `HOSTILE_MAX_BYTES`, so every loop is bounded).
 *
 *   endless-body         200 (206 with a matching Content-Range for a Range request), no
 *                        Content-Length, bytes until the client stops reading
 *   huge-content-length  the same, but declaring `contentLength` bytes (e.g. 3 GiB for a 64 KiB range)
 *   drip                 headers at once, then one byte every `intervalMs`
 *   slow-headers         the status line and header fields trickled, one byte every `intervalMs`,
 *                        never complete (written raw to the socket)
 *   raw-page             this body with this Content-Type instead of the real answer
 */
export type HostileMode = HostileBehaviour & {
  /** Only paths that also end with this (e.g. `.whl`, so that `<file>.metadata` is served normally). */
  pathEndsWith?: string;
};

type HostileBehaviour =
  | { kind: 'endless-body'; pathContains: string }
  | { kind: 'huge-content-length'; pathContains: string; contentLength: number }
  | { kind: 'drip'; pathContains: string; intervalMs: number }
  | { kind: 'slow-headers'; pathContains: string; intervalMs: number }
  | { kind: 'raw-page'; pathContains: string; contentType: string; body: string };

/** Most bytes a hostile body writes before the server gives up (bounds every loop). */
export const HOSTILE_MAX_BYTES = 16 * 1024 * 1024 * 1024;

/**
 * Holds whole-file GET requests (no Range header: a resolver reading METADATA by ranges is not
 * held) whose path contains `pathContains` (and ends with `pathEndsWith`, when given) until
 * `until` settles, then answers them as usual (or as the other modes say then): lets a test order
 * one response after events it observes, with no timer.
 */
export interface HoldMode {
  pathContains: string;
  pathEndsWith?: string;
  until: Promise<unknown>;
  /** Told each time a request is held (its path), before it waits for `until`. */
  arrived?: (path: string) => void;
}

export interface ServerModes {
  /** Serve only PEP 503 HTML, ignoring a JSON `Accept`. */
  noJson: boolean;
  /** Do not serve `<file>.metadata` and do not declare it on pages. */
  noMetadataFiles: boolean;
  /** Omit `size` from PEP 691 JSON files. */
  noSize: boolean;
  /** Answer 501 to suffix ranges (`bytes=-N`), like the main public CDN. */
  suffixRangeRefused: boolean;
  /** Ignore `Range`: 200 with the whole body. */
  rangeIgnored: boolean;
  /** Answer 405 to HEAD. */
  headRefused: boolean;
  /** Serve the requested bytes but declare shifted offsets in `Content-Range`. */
  wrongContentRange: boolean;
  /** Delay before each response, in milliseconds. */
  latencyMs: number;
  /** Throttle each response body to this many bytes per second (0 = unlimited). */
  bandwidthBytesPerSec: number;
  /** Destroy the socket after N body bytes of a file response. */
  dropMidBody: DropMidBodyMode | null;
  /** Answer the first N requests of each path with an error status. */
  statusOnce: StatusOnceMode | null;
  /** Serve only the first half of every file (pages still declare the full size and hash). */
  truncateFiles: boolean;
  /** Declare no sha256 for files on pages (no `#sha256=` on HTML links, empty JSON `hashes`). */
  noHashes: boolean;
  /** Declare a wrong sha256 for `.metadata` files on pages. */
  wrongMetadataHash: boolean;
  /** Require HTTP Basic auth with these credentials (401 otherwise). */
  requireAuth: { username: string; password: string } | null;
  /**
   * Hostile file names: real file name → the name pages advertise for it (the HTML href's last
   * segment, percent-encoded, and the JSON `filename`). The file's bytes are served at the
   * advertised URL too, so a client that trusts the name writes wherever the name points.
   */
  advertisedNames: Record<string, string> | null;
  /** Hostile behaviour for one kind of path (see HostileMode). */
  hostile: HostileMode | null;
  /** Requests held back until the test lets them go (see HoldMode). */
  hold: HoldMode | null;
  /**
   * Serve everything under `/<token>/` only (a tokenised private index, `https://host/<token>/simple/`);
   * other paths answer 404. Relative links then carry the token into file URLs.
   */
  pathToken: string | null;
  /** `Cache-Control` sent with project pages (200 and 304), e.g. PyPI's `max-age=600`; none when null. */
  pageCacheControl: string | null;
  /** `Age` header sent with project pages (seconds the answer already spent in a cache); none when null. */
  pageAge: string | null;
  /**
   * ETag of project pages: `digest` (default) the first 32 hex digits of the body's sha256;
   * `opaque` a Last-Modified/size tag that is no digest (an index whose 304s cannot vouch for a
   * restored page's bytes, src/index/page-trust.ts).
   */
  pageEtag: 'digest' | 'opaque';
  /**
   * `Cache-Control` sent with files and `.metadata` files (200 and 304), e.g. what PyPI's file host
   * sends, `max-age=365000000, immutable, public`, so that an HTTP cache (pip's) keeps them; none when null.
   */
  fileCacheControl: string | null;
  /**
   * Absolute base for file links on pages (`http://localhost:PORT/files/`), as PyPI links its files
   * absolutely (files.pythonhosted.org); null = links relative to the page (`../../files/…`).
   */
  fileUrlBase: string | null;
}

export function defaultModes(): ServerModes {
  return {
    noJson: false,
    noMetadataFiles: false,
    noSize: false,
    suffixRangeRefused: false,
    rangeIgnored: false,
    headRefused: false,
    wrongContentRange: false,
    latencyMs: 0,
    bandwidthBytesPerSec: 0,
    dropMidBody: null,
    statusOnce: null,
    truncateFiles: false,
    noHashes: false,
    wrongMetadataHash: false,
    requireAuth: null,
    advertisedNames: null,
    hostile: null,
    hold: null,
    pathToken: null,
    pageCacheControl: null,
    pageAge: null,
    pageEtag: 'digest',
    fileCacheControl: null,
    fileUrlBase: null,
  };
}
