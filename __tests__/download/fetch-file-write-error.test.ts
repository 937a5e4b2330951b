/**
 * Review 15b F11: a local write error while a download's body is written (ENOSPC, EDQUOT, EIO) is
 * this machine's failure: it ends the download with the path and the error, without resuming — as
 * pip lets the OSError of writing a downloaded chunk end the run. Before the fix the chunk was hashed
 * before the failed write and the resume hashed it again: a correct file was refused as a "sha256
 * mismatch" blamed on the index. The write fails by a wrapped FileHandle.write (the only way to make
 * one write fail on a real disk from a test); the server and the rest of the transfer are real.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';

const fsp = await import('node:fs/promises');
let writesToFail = 0;
jest.unstable_mockModule('node:fs/promises', () => ({
  ...fsp,
  default: fsp,
  open: async (...args: Parameters<typeof fsp.open>) => {
    const handle = await fsp.open(...args);
    const original = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    Object.assign(handle, {
      write: async (...a: unknown[]): Promise<unknown> => {
        if (writesToFail > 0) {
          writesToFail--;
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        return original(...a);
      },
    });
    return handle;
  },
}));
const { fetchFile } = await import('../../src/download/fetch-file.js');
const { DownloadError, HashMismatchError } = await import('../../src/download/download-error.js');
const { createHttpClient } = await import('../../src/index/http.js');
const { RecordingLogger } = await import('../../src/util/logger.js');

const body = Buffer.alloc(300_000, 0x5a);
let server: Server;
let origin: string;
const ranges: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    ranges.push(req.headers.range ?? '');
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    res.writeHead(m ? 206 : 200, {
      'content-length': String(body.length - start),
      ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    res.end(body.subarray(start));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

it('a failed write of the .part file ends the download with the write error, not a resume nor a sha256 mismatch', async () => {
  const dest = await fsp.mkdtemp(join(tmpdir(), 'wh-write-error-'));
  const http = createHttpClient({ logger: new RecordingLogger(), env: {}, backoffBaseMs: 1 });
  writesToFail = 1;
  try {
    const error = await fetchFile(
      {
        filename: 'x-1.0-py3-none-any.whl',
        url: `${origin}/x-1.0-py3-none-any.whl`,
        redactedUrl: `${origin}/x-1.0-py3-none-any.whl`,
        sha256: createHash('sha256').update(body).digest('hex'),
        size: body.length,
        kind: 'wheel',
      },
      { http, dest, logger: new RecordingLogger(), retryDelayMs: 1 },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(writesToFail).toBe(0);
    expect(error).toBeInstanceOf(DownloadError);
    expect(error).not.toBeInstanceOf(HashMismatchError);
    expect((error as Error).message).toMatch(/could not write .*x-1\.0-py3-none-any\.whl.*ENOSPC/);
    expect(ranges).toEqual(['']); // one request: nothing resumed
    expect(await fsp.readdir(dest)).toEqual([]); // the .part file removed
  } finally {
    await http.close();
    await fsp.rm(dest, { recursive: true, force: true });
  }
});
