import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { createHash } from 'node:crypto';
import { startIndexServer, type IndexServer } from './index-server.js';
import { parseRange } from './index-server-range.js';

/** Raw node:http client: the server is tested without the code under test in between. */
function get(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  error?: string;
}> {
  return new Promise((resolve) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', (e) =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          error: e.message,
        }),
      );
    });
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), error: e.message }));
    req.end();
  });
}

const FILE = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
const META = new TextEncoder().encode('Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n');
const NAME = 'demo-1.0-py3-none-any.whl';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('parseRange', () => {
  it.each([
    ['bytes=0-9', { kind: 'range', start: 0, end: 9, suffix: false }],
    ['bytes=990-', { kind: 'range', start: 990, end: 999, suffix: false }],
    ['bytes=995-2000', { kind: 'range', start: 995, end: 999, suffix: false }],
    ['bytes=-10', { kind: 'range', start: 990, end: 999, suffix: true }],
    ['bytes=-5000', { kind: 'range', start: 0, end: 999, suffix: true }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'none' }],
    ['bytes=9-1', { kind: 'none' }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('test index server', () => {
  let s: IndexServer;
  beforeAll(async () => {
    s = await startIndexServer({
      projects: [{ name: 'Demo', files: [{ filename: NAME, bytes: FILE, metadata: META, yanked: 'bad' }] }],
    });
  });
  afterAll(() => s.close());
  afterEach(() => {
    s.reset();
    s.setModes({
      noJson: false,
      noMetadataFiles: false,
      noSize: false,
      suffixRangeRefused: false,
      rangeIgnored: false,
      headRefused: false,
      wrongContentRange: false,
      truncateFiles: false,
      wrongMetadataHash: false,
      dropMidBody: null,
      requireAuth: null,
    });
  });

  it('serves JSON pages with hashes, size, yanked and both metadata keys', async () => {
    const r = await get(s.projectUrl('demo'), { accept: 'application/vnd.pypi.simple.v1+json' });
    expect(r.headers['content-type']).toBe('application/vnd.pypi.simple.v1+json');
    const doc = JSON.parse(r.body.toString());
    expect(doc.files).toEqual([
      {
        filename: NAME,
        url: `../../files/${NAME}`,
        hashes: { sha256: sha(FILE) },
        yanked: 'bad',
        'core-metadata': { sha256: sha(META) },
        'dist-info-metadata': { sha256: sha(META) },
        size: 1000,
      },
    ]);
    expect(s.counters.byKind.page).toEqual({ requests: 1, bytes: r.body.length });
  });

  it('serves HTML by default, and always when noJson', async () => {
    const html = (await get(s.projectUrl('demo'))).body.toString();
    expect(html).toContain(`data-core-metadata="sha256=${sha(META)}"`);
    expect(html).toContain(`data-dist-info-metadata="sha256=${sha(META)}"`);
    expect(html).toContain('data-yanked="bad"');
    s.setModes({ noJson: true });
    const r = await get(s.projectUrl('demo'), { accept: 'application/vnd.pypi.simple.v1+json' });
    expect(r.headers['content-type']).toMatch(/^application\/vnd\.pypi\.simple\.v1\+html/);
  });

  it('noSize, noMetadataFiles and wrongMetadataHash change the declarations', async () => {
    s.setModes({ noSize: true, wrongMetadataHash: true });
    let f = JSON.parse(
      (await get(s.projectUrl('demo'), { accept: 'application/vnd.pypi.simple.v1+json' })).body.toString(),
    ).files[0];
    expect(f.size).toBeUndefined();
    expect(f['core-metadata']).toEqual({ sha256: '0'.repeat(64) });
    expect((await get(`${s.fileUrl(NAME)}.metadata`)).body).toEqual(Buffer.from(META));
    s.setModes({ noMetadataFiles: true });
    f = JSON.parse(
      (await get(s.projectUrl('demo'), { accept: 'application/vnd.pypi.simple.v1+json' })).body.toString(),
    ).files[0];
    expect(f['core-metadata']).toBe(false);
    expect((await get(`${s.fileUrl(NAME)}.metadata`)).status).toBe(404);
    expect(s.counters.byKind.metadata.requests).toBe(2);
  });

  it('answers ranges: positive, suffix, 416, and counts range bytes', async () => {
    const a = await get(s.fileUrl(NAME), { range: 'bytes=10-19' });
    expect([a.status, a.headers['content-range'], a.body]).toEqual([
      206,
      'bytes 10-19/1000',
      Buffer.from(FILE.subarray(10, 20)),
    ]);
    const b = await get(s.fileUrl(NAME), { range: 'bytes=-100' });
    expect([b.status, b.headers['content-range'], b.body.length]).toEqual([206, 'bytes 900-999/1000', 100]);
    const c = await get(s.fileUrl(NAME), { range: 'bytes=5000-' });
    expect([c.status, c.headers['content-range']]).toEqual([416, 'bytes */1000']);
    expect(s.counters.byKind.range).toEqual({ requests: 3, bytes: 110 });
  });

  it('fault modes: suffix refused, range ignored, wrong Content-Range, HEAD refused, truncated', async () => {
    s.setModes({ suffixRangeRefused: true });
    expect((await get(s.fileUrl(NAME), { range: 'bytes=-100' })).status).toBe(501);
    expect((await get(s.fileUrl(NAME), { range: 'bytes=0-1' })).status).toBe(206);
    s.setModes({ suffixRangeRefused: false, rangeIgnored: true });
    const ignored = await get(s.fileUrl(NAME), { range: 'bytes=0-1' });
    expect([ignored.status, ignored.body.length]).toEqual([200, 1000]);
    s.setModes({ rangeIgnored: false, wrongContentRange: true });
    const lying = await get(s.fileUrl(NAME), { range: 'bytes=10-19' });
    expect([lying.headers['content-range'], lying.body]).toEqual([
      'bytes 17-26/1000',
      Buffer.from(FILE.subarray(10, 20)),
    ]);
    s.setModes({ wrongContentRange: false });
    expect((await get(s.fileUrl(NAME), {}, 'HEAD')).headers['content-length']).toBe('1000');
    s.setModes({ headRefused: true });
    expect((await get(s.fileUrl(NAME), {}, 'HEAD')).status).toBe(405);
    expect(s.counters.byKind.head.requests).toBe(2);
    s.setModes({ truncateFiles: true });
    expect((await get(s.fileUrl(NAME))).body.length).toBe(500);
  });

  it('ETag and Last-Modified give 304 for files and pages', async () => {
    const full = await get(s.fileUrl(NAME));
    const etag = String(full.headers.etag);
    expect((await get(s.fileUrl(NAME), { 'if-none-match': etag })).status).toBe(304);
    expect(
      (await get(s.fileUrl(NAME), { 'if-modified-since': String(full.headers['last-modified']) })).status,
    ).toBe(304);
    const page = await get(s.projectUrl('demo'));
    expect((await get(s.projectUrl('demo'), { 'if-none-match': String(page.headers.etag) })).status).toBe(
      304,
    );
    expect(s.counters.notModified).toBe(3);
  });

  it('sends fileCacheControl with files, their 304s and .metadata files, never with pages', async () => {
    const immutable = 'max-age=365000000, immutable, public';
    expect((await get(s.fileUrl(NAME))).headers['cache-control']).toBeUndefined();
    s.setModes({ fileCacheControl: immutable });
    const full = await get(s.fileUrl(NAME));
    expect(full.headers['cache-control']).toBe(immutable);
    expect(
      (await get(s.fileUrl(NAME), { 'if-none-match': String(full.headers.etag) })).headers['cache-control'],
    ).toBe(immutable);
    expect((await get(`${s.fileUrl(NAME)}.metadata`)).headers['cache-control']).toBe(immutable);
    expect((await get(s.projectUrl('demo'))).headers['cache-control']).toBeUndefined();
    s.setModes({ fileCacheControl: null });
  });

  it('drops the connection mid-body once per path, and requires auth when asked', async () => {
    s.setModes({ dropMidBody: { afterBytes: 100 } });
    const first = await get(s.fileUrl(NAME));
    expect(first.body.length).toBeLessThan(1000);
    expect((await get(s.fileUrl(NAME))).body.length).toBe(1000);
    s.setModes({ dropMidBody: null, requireAuth: { username: 'u', password: 'p' } });
    expect((await get(s.fileUrl(NAME))).status).toBe(401);
    const ok = await get(s.fileUrl(NAME), {
      authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
    expect(ok.status).toBe(200);
  });

  it('statusOnce answers the first N requests of each path with Retry-After', async () => {
    s.setModes({ statusOnce: { status: 429, count: 2, retryAfter: '3' } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get(s.fileUrl(NAME))).status);
    const other = await get(`${s.fileUrl(NAME)}.metadata`);
    s.setModes({ statusOnce: null });
    expect(statuses).toEqual([429, 429, 200]);
    expect(other.status).toBe(429);
    expect(other.headers['retry-after']).toBe('3');
  });

  it('replaces files at run time and redirects non-normalized names', async () => {
    const newBytes = new Uint8Array([1, 2, 3]);
    s.addFile('demo', { filename: NAME, bytes: newBytes });
    expect(s.sha256(NAME)).toBe(sha(newBytes));
    expect((await get(s.fileUrl(NAME))).body).toEqual(Buffer.from(newBytes));
    const r = await get(`${s.indexUrl}DEMO/`);
    expect([r.status, r.headers.location]).toEqual([301, '/simple/demo/']);
    s.addFile('demo', { filename: NAME, bytes: FILE, metadata: META, yanked: 'bad' });
  });

  it('throttles bandwidth and tracks peak concurrency', async () => {
    s.setModes({ bandwidthBytesPerSec: 20_000, latencyMs: 5 });
    const results = await Promise.all([get(s.fileUrl(NAME)), get(s.fileUrl(NAME)), get(s.fileUrl(NAME))]);
    s.setModes({ bandwidthBytesPerSec: 0, latencyMs: 0 });
    expect(results.map((r) => r.body.length)).toEqual([1000, 1000, 1000]);
    expect(s.counters.peakInFlight).toBe(3);
    expect(s.counters.peakConnections).toBeGreaterThanOrEqual(3);
  });
});

describe('test index server with cachePages', () => {
  it('renders a page once, and again when the project or a page-shaping mode changes', async () => {
    const s = await startIndexServer({
      cachePages: true,
      projects: [{ name: 'demo', files: [{ filename: NAME, bytes: FILE, metadata: META }] }],
    });
    try {
      const json = { accept: 'application/vnd.pypi.simple.v1+json' };
      const urls = async () =>
        (
          JSON.parse((await get(s.projectUrl('demo'), json)).body.toString()) as { files: { url: string }[] }
        ).files.map((f) => f.url);
      const first = await get(s.projectUrl('demo'), json);
      const again = await get(s.projectUrl('demo'), json);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe(first.headers.etag);
      // HTML is kept apart from JSON.
      expect((await get(s.projectUrl('demo'))).body.toString()).toContain('<a href=');
      s.setModes({ fileUrlBase: `${s.origin}/files/` });
      expect(await urls()).toEqual([`${s.origin}/files/${NAME}`]);
      s.addFile('demo', { filename: 'demo-2.0-py3-none-any.whl', bytes: FILE });
      expect(await urls()).toEqual([
        `${s.origin}/files/${NAME}`,
        `${s.origin}/files/demo-2.0-py3-none-any.whl`,
      ]);
      s.setModes({ fileUrlBase: null });
      expect(await urls()).toEqual([`../../files/${NAME}`, '../../files/demo-2.0-py3-none-any.whl']);
    } finally {
      await s.close();
    }
  });
});
