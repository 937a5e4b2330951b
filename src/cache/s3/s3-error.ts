/**
 * The S3 client's one error class and the codes callers act on: a range ignored by the server
 * (the caller asks for the whole object instead) and a store that stopped answering (nothing more
 * is asked of it in this run; s3-client.ts `observe`). Messages name the method, bucket and key and
 * S3's error code, never a header (credentials live only there).
 */

/** S3Error code of a range request answered with the whole object (200). */
export const RANGE_IGNORED = 'RangeIgnored';
/** S3Error code of a body over the reader's limit (s3-body.ts readBounded / refuseDeclaredOver). */
export const TOO_LARGE = 'TooLarge';
/** S3Error code once a request timed out: the store is not asked again by this client. */
export const STORE_UNRESPONSIVE = 'StoreUnresponsive';

export class S3Error extends Error {
  override name = 'S3Error';
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** The error a request gets once the store stopped answering (not worth another request). */
export function isStoreUnresponsive(error: unknown): boolean {
  return error instanceof S3Error && error.code === STORE_UNRESPONSIVE;
}

/** undici's timeout error codes (connect, response headers, pause within a body). */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * The limit an error `code` says was passed — one of undici's three timeouts (the plain GETs of
 * s3-plain-get.ts use the same codes) — worded for a message; undefined for any other code.
 */
export function timeoutLimit(
  code: string | undefined,
  limits: { connectMs: number; headersMs: number; bodyMs: number },
): string | undefined {
  if (code === undefined || !TIMEOUT_CODES.has(code)) return undefined;
  return code === 'UND_ERR_CONNECT_TIMEOUT'
    ? `no connection in ${limits.connectMs} ms`
    : code === 'UND_ERR_HEADERS_TIMEOUT'
      ? `no answer in ${limits.headersMs} ms`
      : `the answer paused for ${limits.bodyMs} ms`;
}
