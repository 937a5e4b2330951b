/**
 * Review 15b F11 (src/download/fetch-file.ts): a chunk is hashed only once it is written. A local
 * write that fails once (ENOSPC while another process frees space, a transient EIO) is resumed at
 * the bytes held; the re-sent chunk used to be hashed twice, and the index's correct file ended as
 * a "sha256 mismatch". The FileHandle's write is made to fail once (no real disk fills here).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';

let failNext = true;
const realFs = await import('node:fs/promises');
jest.unstable_mockModule('node:fs/promises', () => ({
  ...realFs,
  default: realFs,
  open: async (...args: Parameters<typeof realFs.open>) => {
    const handle = await realFs.open(...args);
    const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    (handle as unknown as { write: (...a: unknown[]) => Promise<unknown> }).write = async (
      ...a: unknown[]
    ) => {
      if (String(args[0]).endsWith('.part') && failNext) {
        failNext = false;
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return write(...a);
    };
    return handle;
  },
}));
const { fetchFile } = await import('../../src/download/fetch-file.js');
const { createHttpClient } = await import('../../src/index/http.js');
const { RecordingLogger } = await import('../../src/util/logger.js');

const body = Buffer.alloc(200_000, 7);
let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    const part = body.subarray(start);
    res.writeHead(m ? 206 : 200, {
      'content-length': String(part.length),
      ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    res.end(part);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

it('one failed local write is resumed without counting its chunk twice: the correct file is kept', async () => {
  const dest = await realFs.mkdtemp(join(tmpdir(), 'wh-write-error-'));
  const http = createHttpClient({ logger: new RecordingLogger(), env: {}, backoffBaseMs: 1 });
  try {
    const got = await fetchFile(
      {
        filename: 'x-1.0-py3-none-any.whl',
        url: `${origin}/x-1.0-py3-none-any.whl`,
        redactedUrl: `${origin}/x-1.0-py3-none-any.whl`,
        sha256: createHash('sha256').update(body).digest('hex'),
        size: body.length,
        kind: 'wheel',
      },
      { http, dest, logger: new RecordingLogger(), retryDelayMs: 1 },
    );
    expect(failNext).toBe(false); // the write did fail once
    expect(
      createHash('sha256')
        .update(await realFs.readFile(got.path))
        .digest('hex'),
    ).toBe(createHash('sha256').update(body).digest('hex'));
  } finally {
    await http.close();
    await realFs.rm(dest, { recursive: true, force: true });
  }
});
