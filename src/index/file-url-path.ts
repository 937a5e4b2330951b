/**
 * The local path of a `file:` URL the user gave (a find-links location or an index URL), or an
 * input error naming it. Node's `fileURLToPath` throws a TypeError for a URL with a host
 * (`file://server/share/…`, UNC style) on POSIX, which reached the CLI as "internal error"
 * (review 14b #11); pip 23.2 cannot use such a URL either ("non-local file URIs are not supported
 * on this platform"), so it is refused — as the user's input, with the location in the message.
 */
import { fileURLToPath } from 'node:url';
import { redactUrl } from './redact.js';

export class FileUrlError extends Error {
  constructor(
    /** The redacted URL. */
    readonly url: string,
    readonly reason: string,
  ) {
    super(`unusable file: URL ${url}: ${reason}`);
    this.name = 'FileUrlError';
  }
}

export function filePathOfUrl(url: string | URL): string {
  try {
    return fileURLToPath(url);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason =
      code === 'ERR_INVALID_FILE_URL_HOST'
        ? 'a file: URL with a host (a network share) is not supported; give the path, or file:///path'
        : (e as Error).message;
    throw new FileUrlError(redactUrl(String(url)), reason);
  }
}
