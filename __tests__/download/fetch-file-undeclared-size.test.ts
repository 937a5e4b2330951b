/**
 * Review 15b F3: a file of undeclared size (HTML simple pages and find-links pages carry none)
 * keeps to the client's maximum download size (WHEELHOUSE_MAX_DOWNLOAD_BYTES) over all its
 * resumed responses — a server that drops the connection just below the limit and answers each
 * Range request with a matching 206 used to grow the `.part` file to 12× the limit.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { fetchFile } from '../../src/download/fetch-file.js';
import { createHttpClient } from '../../src/index/http.js';
import type { ResolvedFile } from '../../src/provider/resolution.js';
import { RecordingLogger } from '../../src/util/logger.js';

const LIMIT = 10_000;
const PER_RESPONSE = 6_000; // under the limit each time, over it in two
let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const declared = PER_RESPONSE + 500;
    const headers = { 'content-length': String(declared), 'content-type': 'application/octet-stream' };
    if (range)
      res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${start + declared - 1}/*` });
    else res.writeHead(200, headers);
    // The body ends short of its declared length: the connection drops, the client resumes.
    res.write(Buffer.alloc(PER_RESPONSE, 0x41), () => res.socket?.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

it('a download of undeclared size stops at WHEELHOUSE_MAX_DOWNLOAD_BYTES over all its resumes', async () => {
  const dest = await mkdtemp(join(tmpdir(), 'wh-undeclared-'));
  const http = createHttpClient({
    logger: new RecordingLogger(),
    env: { WHEELHOUSE_MAX_DOWNLOAD_BYTES: String(LIMIT) },
    backoffBaseMs: 1,
  });
  const file: ResolvedFile = {
    filename: 'big-1.0-py3-none-any.whl',
    url: `${origin}/big-1.0-py3-none-any.whl`,
    redactedUrl: `${origin}/big-1.0-py3-none-any.whl`,
    sha256: 'a'.repeat(64),
    kind: 'wheel',
  };
  let held = 0;
  let most = 0;
  try {
    const error = await fetchFile(file, {
      http,
      dest,
      logger: new RecordingLogger(),
      retryDelayMs: 1,
      onBytes: (d) => {
        held += d;
        most = Math.max(most, held);
      },
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(most).toBeLessThanOrEqual(LIMIT);
    expect((error as Error).message).toMatch(/limit|too large|more than/i);
    expect(await readdir(dest)).toEqual([]);
  } finally {
    await http.close();
    await rm(dest, { recursive: true, force: true });
  }
});
