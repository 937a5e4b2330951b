import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient } from '../../src/index/http.js';
import { LIMIT_CODES } from '../../src/index/transfer-limits.js';
import { HttpError, NetworkError } from '../../src/index/http-errors.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';

const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const WHEEL = bytes(10_000);

describe('HttpClient against the test index server', () => {
  let server: IndexServer;
  let http: HttpClient;
  let logger: RecordingLogger;

  beforeAll(async () => {
    server = await startIndexServer({
      projects: [{ name: 'demo', files: [{ filename: 'demo-1.0-py3-none-any.whl', bytes: WHEEL }] }],
    });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(async () => {
    await http?.close();
    server.reset();
    server.setModes({ statusOnce: null, dropMidBody: null, rangeIgnored: false, requireAuth: null });
  });

  function client(extra: Partial<Parameters<typeof createHttpClient>[0]> = {}) {
    logger = new RecordingLogger();
    http = createHttpClient({
      logger,
      env: {},
      netrcPath: '/nonexistent',
      backoffBaseMs: 1,
      retryAfterMaxMs: 5,
      ...extra,
    });
    return http;
  }

  it('reads a whole file and counts one full-file request', async () => {
    const res = await client().request(server.fileUrl('demo-1.0-py3-none-any.whl'));
    expect(res.status).toBe(200);
    expect(await res.body()).toEqual(WHEEL);
    expect(server.counters.byKind['file-full']).toEqual({ requests: 1, bytes: WHEEL.length });
  });

  it('sends Range and gets 206 with the right slice and Content-Range', async () => {
    const res = await client().request(server.fileUrl('demo-1.0-py3-none-any.whl'), {
      headers: { Range: 'bytes=-100' },
    });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(
      `bytes ${WHEEL.length - 100}-${WHEEL.length - 1}/${WHEEL.length}`,
    );
    expect(await res.body()).toEqual(WHEEL.subarray(WHEEL.length - 100));
    expect(server.counters.byKind.range).toEqual({ requests: 1, bytes: 100 });
  });

  it('retries 429 honouring Retry-After and the counter shows every attempt', async () => {
    server.setModes({ statusOnce: { status: 429, count: 2, retryAfter: '1' } });
    const res = await client({ retryAfterMaxMs: 1000 }).request(server.fileUrl('demo-1.0-py3-none-any.whl'));
    expect(res.status).toBe(200);
    await res.body();
    expect(server.counters.requestsFor('/files/demo').map((e) => e.status)).toEqual([429, 429, 200]);
    expect(logger.text()).toMatch(/retrying GET .* in 1000 ms after HTTP 429/);
  });

  it('does not wait for a Retry-After over the cap: the status goes back at once, the host named', async () => {
    server.setModes({ statusOnce: { status: 503, count: 5, retryAfter: '100000' } });
    const started = Date.now();
    const res = await client({ retryAfterMaxMs: 30_000 }).request(
      server.fileUrl('demo-1.0-py3-none-any.whl'),
    );
    expect(res.status).toBe(503);
    await res.discard();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.counters.requestsFor('/files/demo')).toHaveLength(1);
    expect(logger.text()).toContain(`${new URL(server.origin).host} answered HTTP 503`);
    expect(logger.text()).toMatch(/Retry-After 100000 s, over the 30 s cap; not retrying/);
  });

  it('bounds the total retry time: no retry is started past the budget', async () => {
    server.setModes({ statusOnce: { status: 503, count: 50 } });
    const res = await client({
      retries: 40,
      backoffBaseMs: 100,
      backoffMaxMs: 100,
      retryBudgetMs: 300,
    }).request(server.fileUrl('demo-1.0-py3-none-any.whl'));
    expect(res.status).toBe(503);
    await res.discard();
    // Each wait is under 100 ms, so at least 3 attempts fit in 300 ms, and far fewer than 41.
    const attempts = server.counters.requestsFor('/files/demo').length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThan(41);
    expect(logger.text()).toMatch(/after 0 s of retries \(budget 0.3 s\); not retrying/);
  });

  it('retries 503 with an HTTP-date Retry-After, and gives the 503 back when retries run out', async () => {
    server.setModes({
      statusOnce: { status: 503, count: 5, retryAfter: new Date(Date.now() + 1000).toUTCString() },
    });
    const res = await client({ retries: 2, retryAfterMaxMs: 1000 }).request(
      server.fileUrl('demo-1.0-py3-none-any.whl'),
    );
    expect(res.status).toBe(503);
    await res.discard();
    expect(server.counters.requestsFor('/files/demo').length).toBe(3);
  });

  it('does not retry 501 (a capability answer)', async () => {
    server.setModes({ suffixRangeRefused: true });
    const res = await client().request(server.fileUrl('demo-1.0-py3-none-any.whl'), {
      headers: { range: 'bytes=-10' },
    });
    expect(res.status).toBe(501);
    await res.discard();
    expect(server.counters.byKind.range.requests).toBe(1);
    server.setModes({ suffixRangeRefused: false });
  });

  it('body() re-fetches when the connection drops mid-body', async () => {
    server.setModes({ dropMidBody: { afterBytes: 1000 } });
    const res = await client().request(server.fileUrl('demo-1.0-py3-none-any.whl'));
    expect(await res.body()).toEqual(WHEEL);
    expect(server.counters.byKind['file-full'].requests).toBe(2);
  });

  it('raises NetworkError naming the URL when drops never stop', async () => {
    server.setModes({ dropMidBody: { afterBytes: 1000, always: true } });
    const res = await client({ retries: 1 }).request(server.fileUrl('demo-1.0-py3-none-any.whl'));
    await expect(res.body()).rejects.toThrow(NetworkError);
  });

  it('follows the 301 of a non-normalized project name', async () => {
    const res = await client().request(`${server.indexUrl}Demo/`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${server.indexUrl}demo/`);
    await res.discard();
  });

  it('bounds concurrency per host', async () => {
    server.setModes({ latencyMs: 20 });
    const c = client({ maxConnectionsPerHost: 3 });
    await Promise.all(
      Array.from({ length: 12 }, async () =>
        (await c.request(server.fileUrl('demo-1.0-py3-none-any.whl'))).body(),
      ),
    );
    server.setModes({ latencyMs: 0 });
    expect(server.counters.peakInFlight).toBeLessThanOrEqual(3);
    expect(server.counters.peakInFlight).toBeGreaterThan(1);
    expect(server.counters.peakConnections).toBeLessThanOrEqual(3);
  });

  it('sends Basic auth from URL userinfo and keeps it through a same-origin redirect', async () => {
    server.setModes({ requireAuth: { username: 'alice', password: 's3cret' } });
    const url = new URL(`${server.indexUrl}Demo/`);
    url.username = 'alice';
    url.password = 's3cret';
    const res = await client().request(url.href);
    expect(res.status).toBe(200);
    await res.discard();
    expect(server.counters.log.map((e) => [e.status, e.authorization])).toEqual([
      [301, true],
      [200, true],
    ]);
  });

  it('drops URL credentials on a redirect to another origin', async () => {
    server.setModes({ requireAuth: { username: 'alice', password: 's3cret' } });
    const redirector = createServer((req, res) => {
      res.writeHead(302, { location: `${server.indexUrl}demo/` }).end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', () => r()));
    const port = (redirector.address() as AddressInfo).port;
    try {
      const res = await client().request(`http://alice:s3cret@127.0.0.1:${port}/simple/demo/`);
      expect(res.status).toBe(401);
      await res.discard();
      expect(server.counters.log.map((e) => [e.status, e.authorization])).toEqual([[401, false]]);
      expect(logger.text()).toContain(`http://***@127.0.0.1:${port}/simple/demo/ redirected (302)`);
    } finally {
      await new Promise<void>((r) => redirector.close(() => r()));
    }
  });

  it('turns a refused connection into a NetworkError with the redacted URL', async () => {
    const err = await client({ retries: 1 })
      .request('http://user:pw@127.0.0.1:1/simple/')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect(String((err as Error).message)).toContain('http://***@127.0.0.1:1/simple/');
    expect(String((err as Error).message)).not.toContain('pw');
  });

  it('retries refused connections with backoff, then fails', async () => {
    const err = await client({ retries: 2 })
      .request('http://127.0.0.1:1/x')
      .catch((e: unknown) => e);
    expect((err as NetworkError).code).toBe('ECONNREFUSED');
    expect(
      logger.lines.filter((l) => l.message.startsWith('retrying GET http://127.0.0.1:1/x')),
    ).toHaveLength(2);
  });

  it('requests cut short by close() fail quietly: no retry, no warning (the end of an unsatisfiable run)', async () => {
    server.setModes({ latencyMs: 300 });
    try {
      const c = client({ retries: 3 });
      const pending = Array.from({ length: 4 }, (_, i) =>
        c.request(`${server.indexUrl}demo/?n=${i}`).catch((e: unknown) => e),
      );
      await new Promise((r) => setTimeout(r, 50));
      await c.close();
      const late = await c.request(server.projectUrl('demo')).catch((e: unknown) => e);
      expect(late).toBeInstanceOf(NetworkError);
      expect((late as NetworkError).reason).toBe('the HTTP client was closed');
      // Those in flight either complete or fail as closed; none is retried.
      for (const r of await Promise.all(pending)) {
        if (r instanceof NetworkError) expect(r.reason).toBe('the HTTP client was closed');
        else await (r as { discard(): Promise<void> }).discard();
      }
      expect(logger.lines.filter((l) => /retrying|UND_ERR/.test(l.message))).toEqual([]);
    } finally {
      server.setModes({ latencyMs: 0 });
    }
  });

  it('applies the headers timeout', async () => {
    // undici checks header timeouts with coarse (~0.5 s) timers, hence the long latency here.
    server.setModes({ latencyMs: 2000 });
    const err = await client({ retries: 0, headersTimeoutMs: 100 })
      .request(server.fileUrl('demo-1.0-py3-none-any.whl'))
      .catch((e: unknown) => e);
    server.setModes({ latencyMs: 0 });
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe(LIMIT_CODES.headers);
  });

  it('serves file: URLs with Range', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-http-'));
    const p = join(dir, 'x.whl');
    await writeFile(p, WHEEL);
    const c = client();
    const full = await c.request(pathToFileURL(p).href);
    expect(await full.body()).toEqual(WHEEL);
    const part = await c.request(pathToFileURL(p).href, { headers: { Range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-19/${WHEEL.length}`);
    expect(await part.body()).toEqual(WHEEL.subarray(10, 20));
    const bad = await c.request(pathToFileURL(p).href, { headers: { Range: `bytes=${WHEEL.length}-` } });
    expect(bad.status).toBe(416);
    expect((await c.request(pathToFileURL(join(dir, 'missing')).href)).status).toBe(404);
  });

  it('HttpError carries status, method and the redacted URL', () => {
    const e = new HttpError(404, 'GET', 'https://***@x/simple/');
    expect(e.message).toBe('HTTP 404 for GET https://***@x/simple/');
  });
});

describe('body(): the whole body in one buffer of its own', () => {
  // Served in pieces, with and without Content-Length: with a declared length the bytes are copied
  // into one buffer as they arrive, without one the chunks are joined at the end. Either way the
  // caller gets exactly the body, in a Uint8Array whose ArrayBuffer holds nothing else.
  const sizes = [0, 1, 4095, 4096, 70_000, 1_500_000];
  let server: ReturnType<typeof createServer>;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const n = Number(url.searchParams.get('n'));
      const body = bytes(n, 7);
      const declared = url.searchParams.get('declared');
      if (declared === 'yes') res.setHeader('content-length', String(n));
      if (declared === 'more') res.setHeader('content-length', String(n + 10));
      res.writeHead(200);
      // Pieces of uneven sizes, each written in its own turn of the event loop.
      let at = 0;
      const step = (): void => {
        if (at >= body.length) {
          if (declared === 'more') res.destroy();
          else res.end();
          return;
        }
        const next = Math.min(body.length, at + 1 + ((at * 7919) % 65_000));
        res.write(body.subarray(at, next));
        at = next;
        setImmediate(step);
      };
      step();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  for (const declared of ['yes', 'no']) {
    it(`gives every byte, own buffer (Content-Length: ${declared})`, async () => {
      const http = createHttpClient({ logger: new RecordingLogger(), env: {}, netrcPath: '/nonexistent' });
      try {
        for (const n of sizes) {
          const res = await http.request(`${base}?n=${n}&declared=${declared}`);
          const got = await res.body();
          expect(got.length).toBe(n);
          expect(Buffer.from(got).equals(Buffer.from(bytes(n, 7)))).toBe(true);
          expect(got.byteOffset).toBe(0);
          expect(got.buffer.byteLength).toBe(n);
        }
      } finally {
        await http.close();
      }
    });
  }

  it('refuses a body shorter than its Content-Length (connection closed early)', async () => {
    const http = createHttpClient({
      logger: new RecordingLogger(),
      env: {},
      netrcPath: '/nonexistent',
      retries: 1,
      backoffBaseMs: 1,
    });
    try {
      const res = await http.request(`${base}?n=70000&declared=more`);
      const err = await res.body().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(NetworkError);
    } finally {
      await http.close();
    }
  });
});
