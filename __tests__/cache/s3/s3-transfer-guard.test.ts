/**
 * The S3 client's minimum body rate and whole-exchange deadline (s3-transfer-guard.ts; review 1 of
 * session 9): undici's timeouts fire only when no byte arrives for a while, so a store dripping one
 * byte at a time held a restore for as long as it liked. Against a raw HTTP/1.1 server on 127.0.0.1:
 * both read paths (the fixed-buffer plain GET and undici's) end such an answer within a window,
 * as a store that stopped answering; the reader's own pauses do not count against the store.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '../../../src/cache/s3/s3-client.js';
import { STORE_UNRESPONSIVE } from '../../../src/cache/s3/s3-error.js';
import { PlainGetPool, type PlainGetSink } from '../../../src/cache/s3/s3-plain-get.js';
import {
  S3_DEADLINE,
  S3_TOO_SLOW,
  TransferGuard,
  transferGuardInterceptor,
  type S3TransferLimits,
} from '../../../src/cache/s3/s3-transfer-guard.js';
import { Agent, request } from '../../../src/index/undici-parts.js';
import { S3Store } from '../../../src/cache/s3-store.js';
import { silentLogger } from '../../../src/util/logger.js';
import { rawHttpServer, type RawHttpServer } from '../../helpers/raw-http-server.js';

let server: RawHttpServer;
let port: number;

beforeAll(async () => {
  server = await rawHttpServer((path, socket, { every }) => {
    if (path.endsWith('/huge')) {
      // Declares 100 GB and sends 3,000 bytes/s: fast enough for any minimum rate the tests set.
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100000000000\r\n\r\n');
      let ticks = 0;
      every(100, () => ++ticks <= 300 && socket.write('x'.repeat(300)) !== undefined);
      return;
    }
    if (path.endsWith('/ten')) {
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n0123456789');
      return;
    }
    // Anything else: a 200 of 100,000 bytes, dripped a byte every 100 ms (at most 30 s).
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n');
    let sent = 0;
    every(100, () => ++sent <= 300 && socket.write(' ') !== undefined);
  });
  port = server.port;
});
afterAll(() => server.close());

/** 100 bytes/s over 400 ms windows; the deadline far away unless a test sets it. */
const tight = (more: Partial<S3TransferLimits> = {}): S3TransferLimits => ({
  minBytesPerSec: 100,
  windowMs: 400,
  deadlineMs: 60_000,
  deadlineBytesPerSec: 1e9,
  ...more,
});

function pool(transfer: S3TransferLimits): PlainGetPool {
  return new PlainGetPool({
    host: '127.0.0.1',
    port,
    maxConnections: 1,
    connectTimeoutMs: 5_000,
    headersTimeoutMs: 5_000,
    bodyTimeoutMs: 5_000,
    transfer,
  });
}
const head = (path: string): string => `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`;
const sink: PlainGetSink = { data: () => undefined };
const outcome = (error: Error & { code?: string }): string => error.code ?? error.message;

describe('the plain GET path', () => {
  it('ends a dripping body after one window, well within the body timeout', async () => {
    const p = pool(tight());
    const started = Date.now();
    try {
      expect(await p.get(head('/drip'), 200_000, sink).catch(outcome)).toBe(S3_TOO_SLOW);
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      p.close();
    }
  });

  it('ends an answer past its deadline even when each window has bytes enough', async () => {
    const p = pool(tight({ minBytesPerSec: 0, deadlineMs: 600 }));
    try {
      expect(await p.get(head('/drip'), 200_000, sink).catch(outcome)).toBe(S3_DEADLINE);
    } finally {
      p.close();
    }
  });

  it("does not count the reader's own pause against the store", async () => {
    const p = pool(tight());
    try {
      let first = true;
      const slowDisk: PlainGetSink = {
        data: () => {
          if (!first) return undefined;
          first = false;
          return new Promise<void>((resolve) => setTimeout(resolve, 1_500)); // ~4 windows
        },
      };
      expect(await p.get(head('/ten'), 10, slowDisk).catch(outcome)).toEqual({ status: 200, size: 10 });
    } finally {
      p.close();
    }
  });
});

describe("undici's path (small objects, lists, fallbacks)", () => {
  it('a dripping answer marks the store unresponsive within a window; later requests fail at once', async () => {
    const client = new S3Client({
      bucket: 'b',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
      retries: 0,
      transfer: tight(),
    });
    try {
      const started = Date.now();
      const error = (await client
        .getBuffer('entries/x.json', 1_000_000)
        .catch((e: unknown) => e)) as Error & {
        code?: string;
      };
      expect(error.code).toBe(STORE_UNRESPONSIVE);
      expect(error.message).toContain('too slowly');
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(client.unresponsiveReason).toContain('too slowly');
      await expect(client.getBuffer('entries/y.json', 1_000)).rejects.toThrow('not sent');
      expect(await client.getBuffer('ten', 100).catch(outcome)).toBe(STORE_UNRESPONSIVE);
    } finally {
      await client.close();
    }
  });

  it('a restore from a dripping store settles as a miss with a warning instead of waiting on it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'wh-s3-drip-'));
    const warnings: string[] = [];
    const store = new S3Store({
      bucket: 'b',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
      prefix: 'p',
      logger: { ...silentLogger, warn: (m: string) => void warnings.push(m) },
      retries: 0,
      transfer: tight(),
    });
    try {
      const paths = ['wh', 'm', 'p', 'b'].map((d) => join(work, d));
      const started = Date.now();
      const restored = await store.restore(paths, 'wheelhouse-v1-x', ['wheelhouse-v1-']);
      expect(Date.now() - started).toBeLessThan(6_000);
      expect(restored).toEqual({ exact: false });
      expect(warnings.join('\n')).toContain('S3 cache restore failed (continuing without cache)');
      expect(warnings.join('\n')).toContain('too slowly');
    } finally {
      await store.close();
      rmSync(work, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('the deadline', () => {
  it('starts when a request goes out on a connection, not while it waits for one (review 2 of session 9)', async () => {
    const slow = createHttpServer((_req, res) => {
      setTimeout(() => res.end('x'.repeat(1000)), 700); // a healthy store, 0.7 s per answer
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/`;
    // One connection, three requests: the third waits 1.4 s for it; each exchange takes 0.7 s.
    const agent = new Agent({ connections: 1, pipelining: 1 }).compose(
      transferGuardInterceptor({
        minBytesPerSec: 0,
        windowMs: 5_000,
        deadlineMs: 1_200,
        deadlineBytesPerSec: 0,
      }),
    );
    const one = async (): Promise<string> => {
      try {
        return await (await request(url, { dispatcher: agent })).body.text();
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    };
    try {
      const answers = await Promise.all([one(), one(), one()]);
      expect(answers).toEqual(['x'.repeat(1000), 'x'.repeat(1000), 'x'.repeat(1000)]);
    } finally {
      await agent.close();
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  }, 20_000);
});

describe('a declared size (review 1 of session 10)', () => {
  it('over what the reader keeps is refused before reading, not allowed a deadline sized by it', async () => {
    const client = new S3Client({
      bucket: 'b',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
      retries: 0,
      transfer: tight({ minBytesPerSec: 1_000, deadlineMs: 1_000, deadlineBytesPerSec: 64 * 1024 }),
    });
    try {
      const started = Date.now();
      const error = (await client.getBuffer('huge', 30_000).catch((e: unknown) => e)) as Error;
      // Before: read at 3 KB/s until the 30,000-byte limit (~10 s), the deadline lifted by 17 days.
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(error.message).toContain('larger than 30000 bytes (Content-Length 100000000000)');
    } finally {
      await client.close();
    }
  });

  it('too large for a timer leaves the deadline at the longest timer, without a warning', async () => {
    const fired: string[] = [];
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(w.name);
    process.on('warning', onWarning);
    const guard = new TransferGuard(
      { minBytesPerSec: 0, windowMs: 1_000, deadlineMs: 100, deadlineBytesPerSec: 1 },
      (e) => void fired.push(e.message),
    );
    try {
      guard.start();
      guard.bodyStarted(1e12); // 1e15 ms past the base: Node's timers stop at 2^31 − 1 ms
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(fired).toEqual([]); // before: the overflowing delay became 1 ms and fired at once
      expect(warnings).toEqual([]);
    } finally {
      guard.stop();
      process.off('warning', onWarning);
    }
  });
});
