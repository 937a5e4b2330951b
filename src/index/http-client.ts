/**
 * The HTTP seam of wheelhouse. src/index/http.ts implements it over an undici pool
 * (keep-alive per origin, bounded concurrency per host, timeouts, retries, proxies, credentials);
 * everything above the index layer (metadata fetch, downloads) takes an `HttpClient` as a
 * collaborator so tests can pass the real client pointed at the local test index server.
 *
 * URLs handed in may carry credentials (userinfo); the client resolves credentials itself
 * (userinfo, netrc, per-index environment variables) and must only ever put the redacted form
 * of a URL into errors and log lines.
 */

import type { BodyLimit } from './transfer-limits.js';

export interface HttpRequestOptions {
  method?: 'GET' | 'HEAD';
  /** Extra request headers, e.g. `Range`, `Accept`, `If-None-Match`. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * Retry on connection errors, 408, 429 and 5xx with backoff (default true). Callers that
   * resume partial transfers themselves may turn it off.
   */
  retry?: boolean;
  /**
   * Most body bytes accepted, by what the body is (transfer-limits.ts BODY_LIMITS), enforced while
   * the body streams in. Without it: `maxDownloadBytes` for `stream()`, and the smaller
   * `maxBufferedBytes` for `body()`. A function chooses by status (a range request answered
   * with the whole file, 200, is bounded as a whole file, not as the range); undefined from it
   * means the client's `maxDownloadBytes`.
   */
  limit?: BodyLimit | ((status: number) => BodyLimit | undefined);
  /** Deadline of each exchange in ms, overriding the client's (0: none). */
  deadlineMs?: number;
  /**
   * A deadline that grows with the body received: the exchange ends once more ms have passed
   * since it started than this gives for the bytes received so far (checked every rate window).
   */
  earnedDeadline?: (receivedBytes: number) => number;
}

export interface HttpResponse {
  status: number;
  /** The final URL after redirects (may carry credentials: redact before logging). */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** The whole body. A response's body is read once: call one of body/stream/discard. */
  body(): Promise<Uint8Array>;
  stream(): AsyncIterable<Uint8Array>;
  discard(): Promise<void>;
}

export interface HttpClient {
  request(url: string, options?: HttpRequestOptions): Promise<HttpResponse>;
  close(): Promise<void>;
  /**
   * The most body bytes of a response given no `limit` (WHEELHOUSE_MAX_DOWNLOAD_BYTES): a download
   * of undeclared size keeps to it over all its resumed responses, not per response.
   */
  readonly maxDownloadBytes?: number;
}
