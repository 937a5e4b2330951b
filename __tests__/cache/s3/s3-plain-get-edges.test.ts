/**
 * Edges of the fixed-buffer GET reader (s3-plain-get.ts) against a raw HTTP/1.1 server on 127.0.0.1
 * (review 1 of session 8): a kept-alive connection after an empty 200 reads on; conflicting
 * Content-Length headers are not framed here; our own sink's wait does not count as the server's
 * silence; a head sent a byte at a time is held to one headers deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlainGetPool, type PlainGetOptions, type PlainGetSink } from '../../../src/cache/s3/s3-plain-get.js';
import { rawHttpServer, type RawHttpServer } from '../../helpers/raw-http-server.js';

const answers: Record<string, string> = {
  '/empty': 'HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n',
  '/abc': 'HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nabc',
  '/ten': 'HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\n0123456789',
  '/two-lengths': 'HTTP/1.1 200 OK\r\ncontent-length: 6\r\ncontent-length: 3\r\n\r\nabc',
};
// The head of /trickle, sent one byte every 100 ms (about 4 s in all).
const TRICKLED = `HTTP/1.1 200 OK\r\nx-pad: ${'p'.repeat(20)}\r\ncontent-length: 1\r\n\r\nz`;

let server: RawHttpServer;
let port: number;

beforeAll(async () => {
  server = await rawHttpServer((path, socket, { every }) => {
    if (path !== '/trickle') {
      socket.write(answers[path] ?? 'HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    let sent = 0;
    every(100, () => sent < TRICKLED.length && socket.write(TRICKLED[sent++]!) !== undefined);
  });
  port = server.port;
});
afterAll(() => server.close());

function pool(options: Partial<PlainGetOptions> = {}): PlainGetPool {
  return new PlainGetPool({
    host: '127.0.0.1',
    port,
    maxConnections: 1,
    connectTimeoutMs: 5_000,
    headersTimeoutMs: 5_000,
    bodyTimeoutMs: 5_000,
    ...options,
  });
}
const head = (path: string): string => `GET ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`;
function collect(): PlainGetSink & { text(): string } {
  const got: Buffer[] = [];
  return { data: (chunk) => void got.push(Buffer.from(chunk)), text: () => Buffer.concat(got).toString() };
}
const outcome = (error: Error & { code?: string }): string => error.code ?? error.message;

describe('PlainGetPool edges (raw HTTP/1.1 server on 127.0.0.1)', () => {
  it('reads the next answer on a kept-alive connection after an empty 200', async () => {
    const p = pool({ headersTimeoutMs: 2_000 });
    try {
      expect(await p.get(head('/abc'), 10, collect())).toEqual({ status: 200, size: 3 });
      expect(await p.get(head('/empty'), 10, collect())).toEqual({ status: 200, size: 0 });
      const sink = collect();
      expect(await p.get(head('/abc'), 10, sink).catch(outcome)).toEqual({ status: 200, size: 3 });
      expect(sink.text()).toBe('abc');
      expect(p.counts.connections).toBe(1);
    } finally {
      p.close();
    }
  });

  it('leaves an answer with two Content-Length headers to undici, unread', async () => {
    const p = pool();
    try {
      const sink = collect();
      expect(await p.get(head('/two-lengths'), 10, sink)).toEqual({ status: 'fallback' });
      expect(sink.text()).toBe('');
    } finally {
      p.close();
    }
  });

  it("does not count the sink's own wait as the server's silence", async () => {
    const p = pool({ bodyTimeoutMs: 300 });
    try {
      let first = true;
      const got: string[] = [];
      const slowDisk: PlainGetSink = {
        data: (chunk) => {
          got.push(chunk.toString());
          if (!first) return undefined;
          first = false;
          return new Promise<void>((resolve) => setTimeout(resolve, 900));
        },
      };
      expect(await p.get(head('/ten'), 10, slowDisk).catch(outcome)).toEqual({ status: 200, size: 10 });
      expect(got.join('')).toBe('0123456789');
    } finally {
      p.close();
    }
  });

  it('holds a head sent a byte at a time to one headers deadline from the request', async () => {
    const p = pool({ headersTimeoutMs: 400, bodyTimeoutMs: 400 });
    try {
      // Every byte arrives well within the socket's 400 ms idle timeout; the whole head needs ~4 s.
      expect(await p.get(head('/trickle'), 10, collect()).catch(outcome)).toBe('UND_ERR_HEADERS_TIMEOUT');
    } finally {
      p.close();
    }
  });
});
