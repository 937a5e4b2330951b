/**
 * Errors of the HTTP client. Both carry only the redacted URL (see redact.ts).
 * - HttpError: the server answered with a status the caller cannot use (after retries).
 * - NetworkError: no usable answer (connection refused/reset, timeout, body cut short, proxy
 *   failure, missing file: path).
 */

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    /** Redacted. */
    readonly url: string,
    detail?: string,
  ) {
    super(`HTTP ${status} for ${method} ${url}${detail ? `: ${detail}` : ''}`);
    this.name = 'HttpError';
  }
}

export class NetworkError extends Error {
  constructor(
    readonly method: string,
    /** Redacted. */
    readonly url: string,
    /** Short description of the failure, already redacted. */
    readonly reason: string,
    readonly code?: string,
  ) {
    super(`network error for ${method} ${url}: ${reason}`);
    this.name = 'NetworkError';
  }
}
