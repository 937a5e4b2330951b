/**
 * Reading a body straight into the sink's memory (PlainGetSink `room`/`filled`, FileSink's batch
 * buffers; src/cache/s3/s3-plain-get.ts, s3-file-sink.ts), against a real HTTP server on 127.0.0.1:
 * the file holds exactly the body, GET after GET on one kept-alive connection (each head read into
 * the connection's own buffer, the body into the batch), also when the sink pauses the connection
 * after every read; over TLS the body is copied as before and the file is the same. A batch buffer
 * lent to a connection never goes back to the free list when the sink is thrown away before the
 * read came (a later read could still land in it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSink } from '../../../src/cache/s3/s3-file-sink.js';
import { PlainGetPool, type PlainGetSink } from '../../../src/cache/s3/s3-plain-get.js';
import { listenLocally } from '../../helpers/listen-locally.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
// Over 2 batches (1 MiB each) and not a multiple of any buffer size.
const big = randomBytes(5 * 1024 * 1024 + 77);
const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'tls');
const cert = readFileSync(join(fixtures, 'localhost-cert.pem'));

/** A FileSink into a new file under `dir` that counts how its bytes arrived. */
async function countingSink(dir: string, name: string) {
  const path = join(dir, name);
  const handle = await open(path, 'wx');
  const sink = new FileSink(handle);
  const counts = { copied: 0, copyCalls: 0, inPlace: 0 };
  const data = sink.data.bind(sink);
  const filled = sink.filled.bind(sink);
  sink.data = (chunk) => {
    counts.copied += chunk.length;
    counts.copyCalls++;
    return data(chunk);
  };
  sink.filled = (n) => {
    counts.inPlace += n;
    return filled(n);
  };
  return { path, handle, sink, counts };
}

describe('PlainGetPool reading into the sink', () => {
  let dir: string;
  let plain: { port: number; close: () => Promise<void> };
  let tls: { port: number; close: () => Promise<void> };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wh-plain-room-'));
    plain = await listenLocally(
      createServer((req, res) => {
        res.writeHead(200, { 'content-length': big.length });
        res.end(big);
      }),
    );
    tls = await listenLocally(
      createHttpsServer({ cert, key: readFileSync(join(fixtures, 'localhost-key.pem')) }, (req, res) => {
        res.writeHead(200, { 'content-length': big.length });
        res.end(big);
      }),
    );
  });
  afterAll(async () => {
    await plain.close();
    await tls.close();
    await rm(dir, { recursive: true, force: true });
  });

  const pool = (o: { tls?: boolean } = {}): PlainGetPool =>
    new PlainGetPool({
      host: o.tls === true ? 'localhost' : '127.0.0.1',
      port: o.tls === true ? tls.port : plain.port,
      ...(o.tls === true ? { tls: { ca: cert } } : {}),
      maxConnections: 1,
      connectTimeoutMs: 600_000,
      headersTimeoutMs: 600_000,
      bodyTimeoutMs: 600_000,
    });
  const head = (host: string): string => `GET /big HTTP/1.1\r\nhost: ${host}\r\n\r\n`;

  it('plain: the body goes into the batch buffers; the file is exactly the body, GET after GET', async () => {
    const p = pool();
    try {
      for (let i = 0; i < 3; i++) {
        const { path, handle, sink, counts } = await countingSink(dir, `plain-${i}`);
        try {
          expect(await p.get(head(`127.0.0.1:${plain.port}`), big.length, sink)).toEqual({
            status: 200,
            size: big.length,
          });
          expect(await sink.finish()).toEqual({ sha256: sha(big), size: big.length });
        } finally {
          await handle.close();
        }
        expect(sha(await readFile(path))).toBe(sha(big));
        // Only what came with the head (one read into the connection's own buffer) is copied, also
        // when the writes fell behind and paused the connection.
        expect(counts.copied + counts.inPlace).toBe(big.length);
        expect(counts.copyCalls).toBeLessThanOrEqual(1);
        expect(counts.inPlace).toBeGreaterThan(big.length - 256 * 1024);
      }
      expect(p.counts).toEqual({ read: 3, fallback: 0, connections: 1 });
    } finally {
      p.close();
    }
  });

  it('a sink that pauses the connection after every read still gets every byte in place', async () => {
    const p = pool();
    try {
      const parts: Buffer[] = [];
      let lent: Buffer | undefined;
      let reads = 0;
      const sink: PlainGetSink = {
        data(chunk) {
          parts.push(Buffer.from(chunk));
          return new Promise<void>((resolve) => setImmediate(resolve));
        },
        room(max) {
          lent = Buffer.alloc(Math.min(max, 64 * 1024));
          return lent;
        },
        filled(n) {
          parts.push(lent!.subarray(0, n));
          reads++;
          return new Promise<void>((resolve) => setImmediate(resolve));
        },
      };
      expect(await p.get(head(`127.0.0.1:${plain.port}`), big.length, sink)).toEqual({
        status: 200,
        size: big.length,
      });
      expect(sha(Buffer.concat(parts))).toBe(sha(big));
      expect(reads).toBeGreaterThan(1);
      // The connection is reusable afterwards, reading in place again.
      const again = await countingSink(dir, 'after-pauses');
      try {
        expect(await p.get(head(`127.0.0.1:${plain.port}`), big.length, again.sink)).toEqual({
          status: 200,
          size: big.length,
        });
        expect((await again.sink.finish()).sha256).toBe(sha(big));
      } finally {
        await again.handle.close();
      }
      expect(again.counts.inPlace).toBeGreaterThan(0);
      expect(p.counts.connections).toBe(1);
    } finally {
      p.close();
    }
  });

  it('TLS: the body is copied from the connection buffer (no room lent); the file is the same', async () => {
    const p = pool({ tls: true });
    try {
      const { path, handle, sink, counts } = await countingSink(dir, 'tls');
      try {
        expect(await p.get(head(`localhost:${tls.port}`), big.length, sink)).toEqual({
          status: 200,
          size: big.length,
        });
        expect((await sink.finish()).sha256).toBe(sha(big));
      } finally {
        await handle.close();
      }
      expect(sha(await readFile(path))).toBe(sha(big));
      expect(counts).toMatchObject({ copied: big.length, inPlace: 0 });
    } finally {
      p.close();
    }
  });
});

describe('FileSink lending', () => {
  it('a batch lent and not taken back is never handed to another sink', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-sink-lend-'));
    try {
      const a = await open(join(dir, 'a'), 'wx');
      const first = new FileSink(a);
      const lent = first.room(100)!;
      await first.finish(true);
      await a.close();
      // Taken back before finishing: the batch is free again.
      const b = await open(join(dir, 'b'), 'wx');
      const second = new FileSink(b);
      const given = second.room(100)!;
      expect(given.buffer).not.toBe(lent.buffer);
      given.fill(1, 0, 10);
      expect(second.filled(10)).toBeUndefined();
      await second.finish(true);
      await b.close();
      const c = await open(join(dir, 'c'), 'wx');
      const third = new FileSink(c);
      expect(third.room(100)!.buffer).toBe(given.buffer);
      await third.finish(true);
      await c.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a batch still lent when the sink finishes normally is written but never handed to another sink (review 2 of session 10)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-sink-lend-'));
    try {
      const a = await open(join(dir, 'a'), 'wx');
      const first = new FileSink(a);
      first.room(10)!.fill(7);
      first.filled(10);
      const lent = first.room(100)!; // a read still outstanding
      expect(await first.finish(false)).toEqual({ sha256: sha(Buffer.alloc(10, 7)), size: 10 });
      await a.close();
      expect(await readFile(join(dir, 'a'))).toEqual(Buffer.alloc(10, 7));
      const b = await open(join(dir, 'b'), 'wx');
      const second = new FileSink(b);
      expect(second.room(100)!.buffer).not.toBe(lent.buffer);
      await second.finish(true);
      await b.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('filled without room, or data while room is lent, is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-sink-lend-'));
    try {
      const h = await open(join(dir, 'x'), 'wx');
      const sink = new FileSink(h);
      expect(() => sink.filled(1)).toThrow('without the room');
      sink.room(10);
      expect(() => sink.data(Buffer.from('x'))).toThrow('while room is lent');
      expect(() => sink.filled(11)).toThrow('without the room');
      await sink.finish(true);
      await h.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
