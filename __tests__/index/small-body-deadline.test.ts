/**
 * Review 17b F3 and 17c F3: a `.metadata` file (a small body: its limit is at most SMALL_BODY_BYTES) trickled
 * just above the minimum rate held the run the whole request deadline. It now earns its time by
 * the bytes that arrive, counted from the headers (transfer-limits.ts smallBodyEarnedMs: a tenth of
 * the request deadline plus 4 KiB/s); a project page keeps the request deadline. A raw 127.0.0.1
 * server sends, on `/trickle`, a chunked body of 200 bytes every 100 ms (2 KiB/s, above the 1 KiB/s
 * minimum), endlessly; the client's request deadline is 10 s, so the small body ends after ~2 s,
 * the page after 10 s. On `/honest` it sends a 40 KiB body at 8 KB/s (800 bytes every 100 ms: the
 * reviewer's 400 KiB at 8 KB/s scaled with the 10 s deadline), which must complete (at 64 KiB/s
 * earned, fix17d, it failed after ~1 s); `/late-honest` first waits 3 s for the headers.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { BODY_LIMITS, smallBodyEarnedMs } from '../../src/index/transfer-limits.js';
import { RecordingLogger } from '../../src/util/logger.js';
import { rawHttpServer, type RawHttpServer } from '../helpers/raw-http-server.js';

const HONEST_BYTES = 40 * 1024;
let server: RawHttpServer;
let http: HttpClient;
beforeAll(async () => {
  server = await rawHttpServer((path, socket, tools) => {
    if (path === '/trickle') {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
      tools.every(100, () => {
        socket.write(`c8\r\n${'x'.repeat(200)}\r\n`);
        return true;
      });
      return;
    }
    // An honest slow mirror: HONEST_BYTES at 8 KB/s, after a wait for the headers on /late-honest.
    let sent = -1;
    let waited = 0;
    tools.every(100, () => {
      if (path === '/late-honest' && (waited += 100) < 3_000) return true;
      if (sent < 0) {
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${HONEST_BYTES}\r\n\r\n`,
        );
        sent = 0;
      }
      const n = Math.min(800, HONEST_BYTES - sent);
      socket.write('x'.repeat(n));
      sent += n;
      return sent < HONEST_BYTES;
    });
  });
  http = createHttpClient({
    logger: new RecordingLogger(),
    env: {},
    netrcPath: '/nonexistent',
    limits: { requestTimeoutMs: 10_000, rateWindowMs: 1_000 },
  });
});
afterAll(async () => {
  await http.close();
  await server.close();
});

/** How long reading the body with `limit` took, and how it failed. */
async function trickled(
  limit: { bytes: number; what: string },
  path = '/trickle',
): Promise<{ secs: number; error: string; got: number }> {
  const t0 = Date.now();
  let error = '(no error)';
  let got = 0;
  try {
    const res = await http.request(`http://127.0.0.1:${server.port}${path}`, { limit });
    got = (await res.body()).length;
  } catch (e) {
    error = (e as Error).message;
  }
  return { secs: (Date.now() - t0) / 1000, error, got };
}

const METADATA = { bytes: BODY_LIMITS.metadata, what: 'PEP 658 .metadata file' };

it('a trickled .metadata body ends after the time its bytes earn, not the request deadline', async () => {
  const got = await trickled(METADATA);
  expect(got.error).toMatch(
    /did not complete the response body within \d+ s \(the deadline earned by \d+ bytes received\)/,
  );
  expect(got.secs).toBeLessThan(6);
}, 30_000);

it('a trickled project page keeps the request deadline', async () => {
  const got = await trickled({ bytes: BODY_LIMITS.projectPage, what: 'project page' });
  expect(got.error).toMatch(/within 10 s \(request deadline\)/);
  expect(got.secs).toBeGreaterThanOrEqual(9.5);
}, 30_000);

it('an honest slow mirror (8 KB/s) completes a .metadata body that takes half the request deadline', async () => {
  const got = await trickled(METADATA, '/honest');
  expect(got).toEqual({ secs: expect.any(Number), error: '(no error)', got: HONEST_BYTES });
}, 30_000);

it('the wait for the headers does not use up the time a .metadata body earns', async () => {
  const got = await trickled(METADATA, '/late-honest');
  expect(got).toEqual({ secs: expect.any(Number), error: '(no error)', got: HONEST_BYTES });
  expect(got.secs).toBeGreaterThanOrEqual(3);
}, 30_000);

it('the small-body deadline: a tenth of the request deadline plus 4 KiB/s, capped by it; none without one', () => {
  const earned = smallBodyEarnedMs(300_000)!;
  expect(earned(0)).toBe(30_000);
  expect(earned(4 * 1024 * 10)).toBe(40_000);
  expect(earned(1024 ** 3)).toBe(300_000);
  expect(smallBodyEarnedMs(0)).toBeUndefined();
});
