/**
 * Child process for http-close-delimited.test.ts (run with `node --import ./bench/register-swc.mjs`):
 * a raw net.Server answers one large body and then closes the socket (FIN), and the body is
 * consumed through our HttpClient in a way that applies backpressure. undici 7 (issue
 * nodejs/undici#5360) crashes the whole process with an uncatchable
 * `AssertionError: assert(!this.paused)` in that situation, so it must run in its own process:
 * the parent test sees a non-zero exit instead of a dead jest worker.
 *
 *   close-delimited-child.ts <mode> <framing> <bytes> [<files> [<bodyHighWaterMark>]]
 *     mode:    late      — request, wait while the server writes and closes, then body()
 *              slow      — the same wait, then stream() with pauses between chunks (a slow consumer)
 *              (late, slow and discard request <files> files at once)
 *              download  — downloadAll of <files> files (default 1) into a temp dir (streams to
 *                          disk with backpressure); file i has <bytes> + i * 40009 bytes
 *              discard   — request, never read the body, wait, then discard()
 *     framing: close     — HTTP/1.1, Content-Length, Connection: close
 *              http10    — HTTP/1.0, Content-Length, no Connection header (python http.server)
 *              eof       — HTTP/1.1, no Content-Length: the body ends when the socket does
 *              keepalive — HTTP/1.1, Content-Length, server closes after the body anyway
 *              keepalive-token — the same with `Connection: keep-alive` (the parser may pause)
 *
 * Prints one line `ok <bytes> <sha256>` on success: for downloads the sha256 of all files
 * concatenated, otherwise the sha256 of the files' hex sha256s concatenated (discard: `-`).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAll } from '../../src/download/download-all.js';
import { createHttpClient } from '../../src/index/http.js';
import { silentLogger } from '../../src/util/logger.js';

export type Mode = 'late' | 'slow' | 'download' | 'discard';
export type Framing = 'close' | 'http10' | 'eof' | 'keepalive' | 'keepalive-token';

/** The body the server sends: deterministic bytes, so parent and child agree on the hash. */
export function bodyBytes(size: number): Buffer {
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i++) body[i] = (i * 131 + (i >>> 12)) & 0xff;
  return body;
}

function head(framing: Framing, size: number): string {
  switch (framing) {
    case 'close':
      return `HTTP/1.1 200 OK\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n`;
    case 'http10':
      return `HTTP/1.0 200 OK\r\nContent-Length: ${size}\r\nContent-Type: application/octet-stream\r\n\r\n`;
    case 'eof':
      return `HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n`;
    case 'keepalive':
      return `HTTP/1.1 200 OK\r\nContent-Length: ${size}\r\n\r\n`;
    case 'keepalive-token':
      return `HTTP/1.1 200 OK\r\nContent-Length: ${size}\r\nConnection: keep-alive\r\n\r\n`;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Size of file `i` of a run whose first file has `size` bytes. */
export function fileSize(size: number, i: number): number {
  return size + i * 40009;
}

async function main(): Promise<void> {
  const [mode, framing, sizeArg, filesArg, hwmArg] = process.argv.slice(2) as [
    Mode,
    Framing,
    string,
    string?,
    string?,
  ];
  const size = Number(sizeArg);
  const files = Number(filesArg ?? 1);
  const body = bodyBytes(fileSize(size, files - 1));
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let seen = '';
    socket.on('data', (d) => {
      seen += d.toString('latin1');
      if (!seen.includes('\r\n\r\n')) return;
      const i = Number(/^GET \/f(\d+)-/.exec(seen)?.[1] ?? 0);
      seen = '';
      const n = fileSize(size, i);
      socket.write(head(framing, n));
      socket.write(body.subarray(0, n));
      socket.end();
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const filename = (i: number) => `f${i}-1.0-py3-none-any.whl`;
  const http = createHttpClient({
    logger: silentLogger,
    env: {},
    netrcPath: '/nonexistent',
    retries: 0,
    ...(hwmArg ? { bodyHighWaterMark: Number(hwmArg) } : {}),
  });
  const hash = createHash('sha256');
  let received = 0;
  try {
    if (mode === 'download') {
      const dest = await mkdtemp(join(tmpdir(), 'close-delimited-'));
      try {
        const wanted = Array.from({ length: files }, (_, i) => {
          const n = fileSize(size, i);
          const url = `${base}/${filename(i)}`;
          const sha256 = createHash('sha256').update(body.subarray(0, n)).digest('hex');
          return { filename: filename(i), url, redactedUrl: url, sha256, size: n, kind: 'wheel' as const };
        });
        await downloadAll(wanted, { http, dest, logger: silentLogger, retryDelayMs: 1 });
        for (let i = 0; i < files; i++) {
          const got = await readFile(join(dest, filename(i)));
          hash.update(got);
          received += got.length;
        }
      } finally {
        await rm(dest, { recursive: true, force: true });
      }
    } else {
      // Every file at once (at most 16 connections), hashed in file order.
      const hashes = await Promise.all(
        Array.from({ length: files }, async (_, i) => {
          const one = createHash('sha256');
          const res = await http.request(`${base}/${filename(i)}`);
          // Nobody reads the body while the server writes what the socket buffers take and, for a
          // body that fits in them, closes.
          await sleep(300);
          if (mode === 'discard') {
            await res.discard();
          } else if (mode === 'late') {
            const all = await res.body();
            one.update(all);
            received += all.length;
          } else {
            let n = 0;
            for await (const chunk of res.stream()) {
              one.update(chunk);
              received += chunk.length;
              // A slow consumer: far slower than loopback delivers.
              if (++n % 4 === 0) await sleep(2);
            }
          }
          return one.digest('hex');
        }),
      );
      for (const h of hashes) hash.update(h);
    }
  } finally {
    await http.close();
    for (const s of sockets) s.destroy();
    server.close();
  }
  process.stdout.write(`ok ${received} ${mode === 'discard' ? '-' : hash.digest('hex')}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().catch((e: unknown) => {
    process.stderr.write(`failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(2);
  });
}
