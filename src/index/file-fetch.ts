/**
 * `file:` URLs answered like HTTP, for find-links pages and file:// indexes: 200 with the whole
 * file, 206 for one `Range` (`bytes=a-b`, `bytes=a-`, suffix `bytes=-N`) with `Content-Range`,
 * 416 when unsatisfiable, 404 when missing. A directory is served through its `index.html`.
 * `Content-Type` is guessed from the extension (html/json) so page negotiation works alike.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpResponse } from './http-client.js';

function contentType(path: string): string {
  if (/\.html?$/i.test(path)) return 'text/html';
  if (/\.json$/i.test(path)) return 'application/vnd.pypi.simple.v1+json';
  return 'application/octet-stream';
}

function once(bytes: Uint8Array): Pick<HttpResponse, 'body' | 'stream' | 'discard'> {
  return {
    body: async () => bytes,
    stream: async function* () {
      if (bytes.length > 0) yield bytes;
    },
    discard: async () => {},
  };
}

function response(
  url: string,
  status: number,
  headers: Record<string, string | undefined>,
  body: Uint8Array,
): HttpResponse {
  return { status, url, headers, ...once(body) };
}

export async function fetchFileUrl(
  url: URL,
  method: 'GET' | 'HEAD',
  headers: Record<string, string>,
): Promise<HttpResponse> {
  let path = fileURLToPath(url);
  const empty = new Uint8Array(0);
  let info;
  try {
    info = await stat(path);
    if (info.isDirectory()) {
      path = join(path, 'index.html');
      info = await stat(path);
    }
  } catch {
    return response(url.href, 404, {}, empty);
  }
  const size = info.size;
  const base: Record<string, string | undefined> = {
    'content-type': contentType(path),
    'accept-ranges': 'bytes',
    'last-modified': info.mtime.toUTCString(),
  };
  const rangeHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'range')?.[1];
  if (method === 'HEAD') return response(url.href, 200, { ...base, 'content-length': String(size) }, empty);
  const data = new Uint8Array(await readFile(path));
  const m = rangeHeader ? /^\s*bytes=(\d*)-(\d*)\s*$/i.exec(rangeHeader) : null;
  if (!m || (m[1] === '' && m[2] === '')) {
    return response(url.href, 200, { ...base, 'content-length': String(data.length) }, data);
  }
  let start: number;
  let end: number;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) {
      return response(url.href, 416, { 'content-range': `bytes */${size}` }, empty);
    }
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (start >= size) return response(url.href, 416, { 'content-range': `bytes */${size}` }, empty);
    if (end < start) return response(url.href, 200, { ...base, 'content-length': String(size) }, data);
  }
  const slice = data.subarray(start, end + 1);
  return response(
    url.href,
    206,
    { ...base, 'content-length': String(slice.length), 'content-range': `bytes ${start}-${end}/${size}` },
    slice,
  );
}
