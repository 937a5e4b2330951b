/**
 * Errors of the download layer. Messages name the redacted URL only (never the credentialed one).
 */

/** A file could not be fetched (HTTP status, connection failures past the retry budget, …). */
export class DownloadError extends Error {
  override name = 'DownloadError';
  constructor(
    message: string,
    readonly filename: string,
    readonly redactedUrl: string,
  ) {
    super(message);
  }
}

/** The bytes received do not have the sha256 (or size) the resolution expects; the file was deleted. */
export class HashMismatchError extends DownloadError {
  override name = 'HashMismatchError';
  constructor(
    filename: string,
    redactedUrl: string,
    readonly expected: string,
    readonly actual: string,
    /** pip's name of the digest that did not match (a declared sha512 too: review 14d F6). */
    readonly algorithm = 'sha256',
  ) {
    super(
      `${algorithm} mismatch for ${filename} from ${redactedUrl}: expected ${expected}, got ${actual}; the file was deleted`,
      filename,
      redactedUrl,
    );
  }
}

/** Several files failed; `failures` holds each one's error. */
export class DownloadFailures extends Error {
  override name = 'DownloadFailures';
  constructor(readonly failures: DownloadError[]) {
    super(
      failures.length === 1
        ? failures[0]!.message
        : `${failures.length} downloads failed:\n${failures.map((f) => `  - ${f.message}`).join('\n')}`,
    );
  }
}
