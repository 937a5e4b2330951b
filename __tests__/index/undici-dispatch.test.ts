import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createHttpClient } from '../../src/index/http.js';
import type { HttpClient } from '../../src/index/http-client.js';
import { pausingIsSafe } from '../../src/index/undici-dispatch.js';
import { RecordingLogger } from '../../src/util/logger.js';

describe('pausingIsSafe (llhttp keep-alive, proven from the headers alone)', () => {
  it.each([
    [
      'explicit keep-alive with Content-Length',
      'GET',
      200,
      { connection: 'keep-alive', 'content-length': '5' },
      true,
    ],
    [
      'explicit keep-alive, chunked',
      'GET',
      200,
      { connection: 'Keep-Alive', 'transfer-encoding': 'chunked' },
      true,
    ],
    [
      'keep-alive token among others',
      'GET',
      206,
      { connection: 'Upgrade, keep-alive', 'content-length': '1' },
      true,
    ],
    ['no Connection header (HTTP/1.0 looks the same)', 'GET', 200, { 'content-length': '5' }, false],
    ['Connection: close', 'GET', 200, { connection: 'close', 'content-length': '5' }, false],
    ['keep-alive and close', 'GET', 200, { connection: 'keep-alive, close', 'content-length': '5' }, false],
    [
      'Proxy-Connection: close',
      'GET',
      200,
      { connection: 'keep-alive', 'proxy-connection': 'close', 'content-length': '5' },
      false,
    ],
    ['close-delimited body', 'GET', 200, { connection: 'keep-alive' }, false],
    [
      'last coding not chunked',
      'GET',
      200,
      { connection: 'keep-alive', 'transfer-encoding': 'chunked, gzip' },
      false,
    ],
    ['HEAD needs no body framing', 'HEAD', 200, { connection: 'keep-alive' }, true],
    ['304 needs no body framing', 'GET', 304, { connection: 'keep-alive' }, true],
  ] as const)('%s (%s %d, %j) → %s', (_name, method, status, headers, safe) => {
    expect(pausingIsSafe(method, status, { ...headers })).toBe(safe);
  });
});

/**
 * A server answering every request with `size` bytes after `head` (status line and headers, no
 * blank line); `close` ends the connection after each response.
 */
async function rawServer(
  size: number,
  head = `HTTP/1.1 200 OK\r\nContent-Length: ${size}\r\nConnection: close`,
  close = true,
): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  const body = Buffer.alloc(size, 7);
  const sockets = new Set<Socket>();
  let requests = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let seen = '';
    socket.on('data', (d) => {
      seen += d.toString('latin1');
      while (seen.includes('\r\n\r\n')) {
        seen = seen.slice(seen.indexOf('\r\n\r\n') + 4);
        requests++;
        socket.write(`${head}\r\n\r\n`);
        socket.write(body);
        if (close) socket.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/f.whl`,
    requests: () => requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('HttpClient bodies on connections the server closes', () => {
  let http: HttpClient | undefined;
  let server: Awaited<ReturnType<typeof rawServer>> | undefined;
  afterEach(async () => {
    await http?.close();
    await server?.close();
  });

  it('a slow reader gets every byte; what it could not take yet waited in a spill file', async () => {
    server = await rawServer(4 * 1024 * 1024);
    const logger = new RecordingLogger();
    http = createHttpClient({ logger, env: {}, netrcPath: '/nonexistent', bodyHighWaterMark: 64 * 1024 });
    const res = await http.request(server.url);
    let total = 0;
    let n = 0;
    for await (const c of res.stream()) {
      total += c.length;
      if (++n % 8 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    expect(total).toBe(4 * 1024 * 1024);
    expect(logger.text()).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/f\.whl: \d+ body bytes waited in a temporary file/,
    );
  });

  it('discarding an unread large body frees the host permit (one connection per host, second request completes)', async () => {
    server = await rawServer(8 * 1024 * 1024);
    http = createHttpClient({
      logger: new RecordingLogger(),
      env: {},
      netrcPath: '/nonexistent',
      maxConnectionsPerHost: 1,
    });
    const first = await http.request(server.url);
    await first.discard();
    const second = await http.request(server.url);
    expect((await second.body()).length).toBe(8 * 1024 * 1024);
    expect(server.requests()).toBe(2);
  });

  it('a stream abandoned early discards the rest and frees the permit', async () => {
    server = await rawServer(8 * 1024 * 1024);
    http = createHttpClient({
      logger: new RecordingLogger(),
      env: {},
      netrcPath: '/nonexistent',
      maxConnectionsPerHost: 1,
    });
    const first = await http.request(server.url);
    for await (const c of first.stream()) {
      expect(c.length).toBeGreaterThan(0);
      break;
    }
    const second = await http.request(server.url);
    expect((await second.body()).length).toBe(8 * 1024 * 1024);
  });

  it('a forgotten keep-alive response (parser paused) is discarded after the unread timeout, freeing its permit', async () => {
    server = await rawServer(
      1024 * 1024,
      'HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\nConnection: keep-alive',
      false,
    );
    const logger = new RecordingLogger();
    http = createHttpClient({
      logger,
      env: {},
      netrcPath: '/nonexistent',
      maxConnectionsPerHost: 1,
      bodyHighWaterMark: 64 * 1024,
      unreadBodyTimeoutMs: 50,
    });
    const forgotten = await http.request(server.url);
    const second = await http.request(server.url);
    expect((await second.body()).length).toBe(1024 * 1024);
    expect(logger.text()).toMatch(
      /warn: GET http:\/\/127\.0\.0\.1:\d+\/f\.whl: response body not read within 50 ms; discarded/,
    );
    await expect(forgotten.body()).rejects.toThrow(/discarded after 50 ms unread/);
  });

  it('close() ends exchanges whose bodies nobody reads instead of waiting for them', async () => {
    server = await rawServer(
      1024 * 1024,
      'HTTP/1.1 200 OK\r\nContent-Length: 1048576\r\nConnection: keep-alive',
      false,
    );
    const client = createHttpClient({
      logger: new RecordingLogger(),
      env: {},
      netrcPath: '/nonexistent',
      bodyHighWaterMark: 64 * 1024,
      unreadBodyTimeoutMs: 0,
    });
    const unread = await client.request(server.url);
    await client.close();
    await expect(unread.body()).rejects.toThrow(/HTTP client closed/);
  });
});
