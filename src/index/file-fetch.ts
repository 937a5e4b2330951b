/**
 * `file:` URLs answered like HTTP, for find-links pages and file:// indexes: 200 with the whole
 * file, 206 for one `Range` (`bytes=a-b`, `bytes=a-`, suffix `bytes=-N`, RFC 9110 §14.1.2) with
 * `Content-Range`, 416 when unsatisfiable, 404 when missing. A directory is served through its
 * `index.html`. `Content-Type` is guessed from the extension (html/json) so page negotiation works
 * alike.
 *
 * Only the bytes a response hands out are read: HEAD is a `stat`, a range reads that range at its
 * offset, and a whole-file GET is read in chunks as the body is consumed (`stream`) — a lazy wheel
 * reading the central directory of a 500 MB file reads kilobytes, not the file. The file is opened
 * when the body is first asked for and closed when it has been read or discarded.
 */
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { filePathOfUrl } from './file-url-path.js';
import type { HttpResponse } from './http-client.js';
import { JSON_PAGE_TYPE } from './json-page.js';

/** The file reads file-fetch makes, so tests can count the bytes read. */
export interface FileFetchFs {
  stat(path: string): Promise<{ size: number; mtime: Date; isDirectory(): boolean }>;
  open(path: string): Promise<FileFetchHandle>;
}

export interface FileFetchHandle {
  /** Reads up to `length` bytes at `position` into `buffer` at `offset` (fs.FileHandle.read). */
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}

export const nodeFileFetchFs: FileFetchFs = {
  stat: (path) => stat(path),
  open: (path) => open(path, 'r'),
};

/** Bytes read per chunk when a whole file is streamed. */
const CHUNK = 1 << 20;

/**
 * Whether a local file is an HTML page by its name: pip asks `mimetypes.guess_type(url)` for
 * "text/html", which Python's own table answers for `.html` and `.htm` in any case (a system
 * /etc/mime.types may add `.shtml`; not followed).
 */
export function isHtmlFileName(path: string): boolean {
  return /\.html?$/i.test(path);
}

function contentType(path: string): string {
  if (isHtmlFileName(path)) return 'text/html';
  if (/\.json$/i.test(path)) return JSON_PAGE_TYPE;
  return 'application/octet-stream';
}

function empty(url: string, status: number, headers: Record<string, string | undefined>): HttpResponse {
  return {
    status,
    url,
    headers,
    body: async () => new Uint8Array(0),
    stream: async function* () {},
    discard: async () => {},
  };
}

/** Reads until `buffer` is full or the file ends; returns how many bytes were read. */
async function readFully(handle: FileFetchHandle, buffer: Uint8Array, position: number): Promise<number> {
  let at = 0;
  while (at < buffer.length) {
    const { bytesRead } = await handle.read(buffer, at, buffer.length - at, position + at);
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at;
}

/** A response whose body is bytes `start..end` (inclusive) of `path`, read only when consumed. */
function fileSlice(
  fs: FileFetchFs,
  url: string,
  status: number,
  headers: Record<string, string | undefined>,
  path: string,
  start: number,
  end: number,
): HttpResponse {
  const length = end - start + 1;
  return {
    status,
    url,
    headers,
    body: async () => {
      if (length <= 0) return new Uint8Array(0);
      const handle = await fs.open(path);
      try {
        const buffer = new Uint8Array(length);
        const n = await readFully(handle, buffer, start);
        return n === length ? buffer : buffer.subarray(0, n);
      } finally {
        await handle.close();
      }
    },
    stream: async function* () {
      if (length <= 0) return;
      const handle = await fs.open(path);
      try {
        for (let at = start; at <= end;) {
          const buffer = new Uint8Array(Math.min(CHUNK, end + 1 - at));
          const n = await readFully(handle, buffer, at);
          if (n === 0) return;
          yield n === buffer.length ? buffer : buffer.subarray(0, n);
          at += n;
        }
      } finally {
        await handle.close();
      }
    },
    discard: async () => {},
  };
}

export async function fetchFileUrl(
  url: URL,
  method: 'GET' | 'HEAD',
  headers: Record<string, string>,
  fs: FileFetchFs = nodeFileFetchFs,
): Promise<HttpResponse> {
  let path = filePathOfUrl(url);
  let info;
  try {
    info = await fs.stat(path);
    if (info.isDirectory()) {
      path = join(path, 'index.html');
      info = await fs.stat(path);
    }
  } catch {
    return empty(url.href, 404, {});
  }
  const size = info.size;
  const base: Record<string, string | undefined> = {
    'content-type': contentType(path),
    'accept-ranges': 'bytes',
    'last-modified': info.mtime.toUTCString(),
  };
  if (method === 'HEAD') return empty(url.href, 200, { ...base, 'content-length': String(size) });
  const whole = (): HttpResponse =>
    fileSlice(fs, url.href, 200, { ...base, 'content-length': String(size) }, path, 0, size - 1);
  const rangeHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'range')?.[1];
  const m = rangeHeader ? /^\s*bytes=(\d*)-(\d*)\s*$/i.exec(rangeHeader) : null;
  if (!m || (m[1] === '' && m[2] === '')) return whole();
  let start: number;
  let end: number;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return empty(url.href, 416, { 'content-range': `bytes */${size}` });
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (start >= size) return empty(url.href, 416, { 'content-range': `bytes */${size}` });
    // An invalid range (last < first) is ignored, as RFC 9110 §14.2 allows: the whole file.
    if (end < start) return whole();
  }
  return fileSlice(
    fs,
    url.href,
    206,
    {
      ...base,
      'content-length': String(end - start + 1),
      'content-range': `bytes ${start}-${end}/${size}`,
    },
    path,
    start,
    end,
  );
}
