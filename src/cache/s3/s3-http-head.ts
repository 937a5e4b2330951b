/**
 * The HTTP/1.1 message heads of the plain GET (s3-plain-get.ts): the request head it writes and the
 * response head it reads (RFC 9112 §3 request line, §4 status line, §5 field lines, §6.3 message
 * body length). Pure: bytes in, a description out; what to do with an answer is the caller's.
 */

/**
 * The head of a GET of `encodedPath` with `headers` (Host and the signed ones), or undefined when a
 * value holds a line break, which would end the head early (a session token is the only outside
 * input): such a request goes through undici instead.
 */
export function getRequestHead(encodedPath: string, headers: Record<string, string>): string | undefined {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  if (lines.some((line) => /[\r\n]/.test(line.slice(0, -2)))) return undefined;
  return `GET ${encodedPath} HTTP/1.1\r\n${lines.join('')}\r\n`;
}

/** A complete response head, as far as the plain GET reads it. */
export interface ResponseHead {
  /** The status code's three digits. */
  status: string;
  /**
   * The Content-Length; undefined when absent, NaN when it is not digits or appears twice
   * (RFC 9112 §6.3: conflicting ones are an error — left to undici).
   */
  length: number | undefined;
  /** Whether a Transfer-Encoding was named (the body is not Content-Length framed). */
  chunked: boolean;
  /** HTTP/1.1 without `Connection: close`. */
  keepAlive: boolean;
  /** Where the body begins in the bytes given (after the blank line). */
  bodyAt: number;
}

/**
 * Reads the response head at the start of `bytes`: 'incomplete' while its blank line has not
 * arrived, 'unreadable' when the status line is not HTTP/1.0 or 1.1 with a three-digit status.
 */
export function parseResponseHead(bytes: Buffer): ResponseHead | 'incomplete' | 'unreadable' {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return 'incomplete';
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0] ?? '');
  if (status === null) return 'unreadable';
  let length: number | undefined;
  let chunked = false;
  let keepAlive = status[1] === '1';
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-length')
      length = length === undefined && /^\d+$/.test(value) ? Number(value) : Number.NaN;
    else if (name === 'transfer-encoding') chunked = true;
    else if (name === 'connection') keepAlive = keepAlive && !/\bclose\b/i.test(value);
  }
  return { status: status[2]!, length, chunked, keepAlive, bodyAt: end + 4 };
}
