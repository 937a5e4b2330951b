/**
 * Page bodies give their memory back once decoded (util/releasable-bytes.ts): a body read by the
 * HTTP client (declared length or joined from chunks) is a buffer `releaseBytes` can shrink to
 * nothing, and the project page fetch does so after decoding; buffers the module did not make,
 * parts of buffers and small bodies are never touched.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { fetchProjectPage } from '../../src/index/project-page-fetch.js';
import { normalizeName } from '../../src/standards/names.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { allocReleasable, RELEASABLE_MIN_BYTES, releaseBytes } from '../../src/util/releasable-bytes.js';

describe('allocReleasable / releaseBytes', () => {
  it('a buffer made here is given back whole: every view of it is empty afterwards', () => {
    const bytes = allocReleasable(RELEASABLE_MIN_BYTES * 4);
    bytes.fill(7);
    const other = new Uint8Array(bytes.buffer, 10, 100);
    expect(releaseBytes(bytes)).toBe(true);
    expect(bytes.byteLength).toBe(0);
    expect(bytes.buffer.byteLength).toBe(0);
    expect(other.length).toBe(0);
    expect(releaseBytes(bytes)).toBe(false);
  });

  it('leaves parts, small buffers and buffers made elsewhere alone', () => {
    const ours = allocReleasable(RELEASABLE_MIN_BYTES * 2).fill(1);
    expect(releaseBytes(ours.subarray(0, 10))).toBe(false);
    expect(releaseBytes(ours.subarray(10))).toBe(false);
    expect(ours.byteLength).toBe(RELEASABLE_MIN_BYTES * 2);
    expect(ours[RELEASABLE_MIN_BYTES]).toBe(1);

    const small = allocReleasable(RELEASABLE_MIN_BYTES - 1).fill(2);
    expect(releaseBytes(small)).toBe(false);
    expect(small.byteLength).toBe(RELEASABLE_MIN_BYTES - 1);

    const n = RELEASABLE_MIN_BYTES * 2;
    const foreign = new Uint8Array(
      new (ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer)(n, {
        maxByteLength: n,
      }),
    ).fill(3);
    expect(releaseBytes(foreign)).toBe(false);
    expect(foreign.byteLength).toBe(n);
    expect(releaseBytes(Buffer.alloc(n, 4))).toBe(false);
  });
});

/** A JSON project page of ~`files` links (well above RELEASABLE_MIN_BYTES for 2,000). */
function jsonPage(files: number): string {
  const list = [];
  for (let i = 0; i < files; i++) {
    const filename = `demo-1.${i}.0-py3-none-any.whl`;
    list.push({ filename, url: `/files/${filename}`, hashes: { sha256: 'ab'.repeat(32) } });
  }
  return JSON.stringify({ meta: { 'api-version': '1.1' }, name: 'demo', files: list });
}

let server: Server;
let origin: string;
const page = jsonPage(2000);

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/vnd.pypi.simple.v1+json');
    // /chunked/: no Content-Length, so the client joins the chunks itself.
    if (req.url?.startsWith('/chunked/')) {
      res.write(page.slice(0, 1000));
      res.end(page.slice(1000));
    } else {
      res.setHeader('content-length', Buffer.byteLength(page));
      res.end(page);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** An HttpClient that hands over the bytes of every body it read. */
function recordingClient(inner: HttpClient, bodies: Uint8Array[]): HttpClient {
  return {
    close: () => inner.close(),
    async request(url, options) {
      const res = await inner.request(url, options);
      return {
        ...res,
        body: async () => {
          const bytes = await res.body();
          bodies.push(bytes);
          return bytes;
        },
      };
    },
  };
}

describe('fetchProjectPage', () => {
  it.each(['simple', 'chunked'])('gives back the bytes of a page once decoded (%s)', async (path) => {
    expect(page.length).toBeGreaterThan(RELEASABLE_MIN_BYTES);
    const logger = new RecordingLogger();
    const http = createHttpClient({ logger, env: {}, netrcPath: '/nonexistent' });
    const bodies: Uint8Array[] = [];
    try {
      const got = await fetchProjectPage(
        { http: recordingClient(http, bodies), logger },
        `${origin}/${path}/demo/`,
        normalizeName('demo'),
      );
      expect(got!.links?.length ?? got!.files.length).toBe(2000);
      expect(bodies).toHaveLength(1);
      expect(bodies[0]!.byteLength).toBe(0);
      expect(bodies[0]!.buffer.byteLength).toBe(0);
    } finally {
      await http.close();
    }
  });
});
