/**
 * PlainGetPool (src/cache/s3/s3-plain-get.ts) against a real HTTP server on 127.0.0.1 (node:http,
 * answers chosen per path): a 200's body arrives whole and in order, also when the sink pauses the
 * connection after every chunk; connections are kept alive and reused; a 404 is a 404; any other
 * status, a chunked body, or a connection lost before the answer began is left to undici
 * (`fallback`); an over-limit Content-Length is refused before the body is read; a connection lost
 * mid-body, an abort and a stalled body are errors (the stall under undici's body-timeout code).
 * Over TLS (node:https with __tests__/fixtures/tls's certificate): the same reads, pausing included;
 * a server whose certificate is not trusted is left to undici.
 */
import { afterAll, beforeAll, expect, it, describe } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { PlainGetPool, type PlainGetSink } from '../../../src/cache/s3/s3-plain-get.js';
import { listenLocally } from '../../helpers/listen-locally.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const big = randomBytes(3 * 1024 * 1024 + 11);

describe('PlainGetPool (node:http server on 127.0.0.1)', () => {
  let server: Server;
  let port: number;
  let close: () => Promise<void>;
  let requestsOnSecondUse = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '';
      if (path === '/big') {
        res.writeHead(200, { 'content-length': big.length });
        res.end(big);
      } else if (path === '/empty') {
        res.writeHead(200, { 'content-length': 0 });
        res.end();
      } else if (path === '/chunked') {
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        res.write(big.subarray(0, 1000));
        res.end(big.subarray(1000, 2000));
      } else if (path === '/forbidden') {
        res.writeHead(403, { 'content-type': 'application/xml', 'content-length': 5 });
        res.end('<x/>\n');
      } else if (path === '/cut') {
        // Half the body, then the connection is gone.
        res.writeHead(200, { 'content-length': 1000 });
        res.write(big.subarray(0, 500), () => req.socket.destroy());
      } else if (path === '/stall') {
        res.writeHead(200, { 'content-length': 1000 });
        res.write(big.subarray(0, 10)); // and nothing more until the test ends
      } else if (path === '/drop-on-reuse') {
        // A keep-alive connection the server dropped: the second request on it gets no answer.
        const seen = (req.socket as Socket & { uses?: number }).uses ?? 0;
        (req.socket as Socket & { uses?: number }).uses = seen + 1;
        if (seen > 0) {
          requestsOnSecondUse++;
          req.socket.destroy();
          return;
        }
        res.writeHead(200, { 'content-length': 3 });
        res.end('abc');
      } else {
        res.writeHead(404, { 'content-length': 0 });
        res.end();
      }
    });
    ({ port, close } = await listenLocally(server));
  });
  afterAll(() => close());

  const pool = (bodyTimeoutMs = 600_000): PlainGetPool =>
    new PlainGetPool({
      host: '127.0.0.1',
      port,
      maxConnections: 2,
      connectTimeoutMs: 600_000,
      headersTimeoutMs: 600_000,
      bodyTimeoutMs,
    });
  const head = (path: string): string => `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n\r\n`;
  /** Collects (copies) the body; `pause` answers a promise for every chunk, settled a tick later. */
  const collector = (pause = false): PlainGetSink & { bytes: () => Buffer; chunks: number } => {
    const parts: Buffer[] = [];
    const sink = {
      chunks: 0,
      data(chunk: Buffer): Promise<void> | undefined {
        parts.push(Buffer.from(chunk));
        sink.chunks++;
        return pause ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined;
      },
      bytes: () => Buffer.concat(parts),
    };
    return sink;
  };

  it('a 200 arrives whole, in order; one kept-alive connection serves GETs in turn', async () => {
    const p = pool();
    try {
      for (let i = 0; i < 3; i++) {
        const sink = collector();
        expect(await p.get(head('/big'), big.length, sink)).toEqual({ status: 200, size: big.length });
        expect(sha(sink.bytes())).toBe(sha(big));
      }
      expect(await p.get(head('/empty'), 10, collector())).toEqual({ status: 200, size: 0 });
      expect(p.counts).toEqual({ read: 4, fallback: 0, connections: 1 });
    } finally {
      p.close();
    }
  });

  it('a sink that pauses the connection after every chunk still gets every byte, in order', async () => {
    const p = pool();
    try {
      const sink = collector(true);
      expect(await p.get(head('/big'), big.length, sink)).toEqual({ status: 200, size: big.length });
      expect(sha(sink.bytes())).toBe(sha(big));
      expect(sink.chunks).toBeGreaterThan(1);
      // The paused connection went back to the pool reading again: the next GET on it works.
      const again = collector();
      expect(await p.get(head('/big'), big.length, again)).toEqual({ status: 200, size: big.length });
      expect(p.counts.connections).toBe(1);
    } finally {
      p.close();
    }
  });

  it('404 is missing; 403, chunked and a dropped keep-alive connection are left to undici', async () => {
    const p = pool();
    try {
      expect(await p.get(head('/nothing'), 10, collector())).toEqual({ status: 404 });
      const chunked = collector();
      expect(await p.get(head('/chunked'), big.length, chunked)).toEqual({ status: 'fallback' });
      expect(await p.get(head('/forbidden'), 10, collector())).toEqual({ status: 'fallback' });
      const first = collector();
      expect(await p.get(head('/drop-on-reuse'), 10, first)).toEqual({ status: 200, size: 3 });
      expect(first.bytes().toString()).toBe('abc');
      expect(await p.get(head('/drop-on-reuse'), 10, collector())).toEqual({ status: 'fallback' });
      expect(requestsOnSecondUse).toBe(1);
    } finally {
      p.close();
    }
  });

  it('an over-limit Content-Length is refused unread; a cut body, an abort and a stall are errors', async () => {
    const p = pool();
    const short = pool(300); // only for the stall: every other answer here comes at once
    try {
      const unread = collector();
      await expect(p.get(head('/big'), big.length - 1, unread)).rejects.toThrow(
        `more than the entry's ${big.length - 1} bytes (Content-Length ${big.length})`,
      );
      expect(unread.chunks).toBe(0);
      await expect(p.get(head('/cut'), 1000, collector())).rejects.toThrow(/closed after 500 of 1000 bytes/);
      const controller = new AbortController();
      const aborted = p.get(
        head('/stall'),
        1000,
        {
          data: () => {
            controller.abort(new Error('stop here'));
            return undefined;
          },
        },
        controller.signal,
      );
      await expect(aborted).rejects.toThrow('stop here');
      // The body stops after 10 bytes: undici's body-timeout code, so S3Client.observe stops asking.
      await expect(short.get(head('/stall'), 1000, collector())).rejects.toMatchObject({
        code: 'UND_ERR_BODY_TIMEOUT',
      });
    } finally {
      p.close();
      short.close();
    }
  });
  it('a GET aborted while it waits for a connection is not sent', async () => {
    const p = new PlainGetPool({
      host: '127.0.0.1',
      port,
      maxConnections: 1,
      connectTimeoutMs: 600_000,
      headersTimeoutMs: 600_000,
      bodyTimeoutMs: 600_000,
    });
    try {
      const first = new AbortController();
      const holding = p.get(head('/stall'), 1000, { data: () => undefined }, first.signal);
      const second = new AbortController();
      const waiting = p.get(head('/big'), big.length, collector(), second.signal);
      second.abort(new Error('not wanted any more'));
      first.abort(new Error('released'));
      await expect(holding).rejects.toThrow('released');
      await expect(waiting).rejects.toThrow('not wanted any more');
      expect(p.counts.read).toBe(0);
    } finally {
      p.close();
    }
  });
});

describe('PlainGetPool over TLS (node:https server on 127.0.0.1)', () => {
  const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'tls');
  const cert = readFileSync(join(fixtures, 'localhost-cert.pem'));
  let server: ReturnType<typeof createHttpsServer>;
  let port: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    server = createHttpsServer(
      { cert, key: readFileSync(join(fixtures, 'localhost-key.pem')) },
      (req, res) => {
        res.writeHead(200, { 'content-length': big.length });
        res.end(big);
      },
    );
    ({ port, close } = await listenLocally(server));
  });
  afterAll(() => close());

  /** Trusting the fixture's certificate, or (no `ca`) only Node's CA store, as production does. */
  const pool = (ca?: Buffer): PlainGetPool =>
    new PlainGetPool({
      host: 'localhost', // the certificate's name, checked
      port,
      tls: ca !== undefined ? { ca } : {},
      maxConnections: 2,
      connectTimeoutMs: 600_000,
      headersTimeoutMs: 600_000,
      bodyTimeoutMs: 600_000,
    });
  const head = (): string => `GET /big HTTP/1.1\r\nhost: localhost:${port}\r\n\r\n`;

  it('a 200 arrives whole and in order, also paused after every chunk, on one kept-alive connection', async () => {
    const p = pool(cert);
    try {
      for (const pause of [false, true]) {
        const parts: Buffer[] = [];
        const sink: PlainGetSink = {
          data(chunk) {
            parts.push(Buffer.from(chunk));
            return pause ? new Promise<void>((resolve) => setImmediate(resolve)) : undefined;
          },
        };
        expect(await p.get(head(), big.length, sink)).toEqual({
          status: 200,
          size: big.length,
        });
        expect(sha(Buffer.concat(parts))).toBe(sha(big));
      }
      expect(p.counts).toEqual({ read: 2, fallback: 0, connections: 1 });
    } finally {
      p.close();
    }
  });

  it('a certificate nobody trusts: left to undici (whose error the caller reports)', async () => {
    const p = pool();
    try {
      expect(await p.get(head(), big.length, { data: () => undefined })).toEqual({ status: 'fallback' });
    } finally {
      p.close();
    }
  });
});
