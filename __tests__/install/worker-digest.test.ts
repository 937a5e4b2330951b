/**
 * Local files hashed in the extraction workers (src/install/worker-digest.ts): the same answers as
 * util's fileSha256 — the sha256 and the number of bytes hashed (a file of several read chunks and
 * an empty one), the fs error unchanged for a missing file, EISDIR for a directory and ENOTREG for
 * a FIFO named like a wheel, refused without blocking on it — and the bytes are read by a worker
 * (the pool reports the budget it reserved), not by the calling thread.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExtractPool } from '../../src/install/extract-pool.js';
import { workerDigester } from '../../src/install/worker-digest.js';
import { fileSha256 } from '../../src/util/file-sha256.js';

let work: string;
let pool: ExtractPool;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-wdigest-'));
  pool = new ExtractPool(2);
});

afterAll(async () => {
  await pool.close();
  rmSync(work, { recursive: true, force: true });
});

describe('workerDigester', () => {
  it('answers what fileSha256 answers, read by a worker', async () => {
    const big = join(work, 'big-1.0-py3-none-any.whl');
    writeFileSync(big, randomBytes(3 * 1024 * 1024 + 17)); // several 1 MiB reads, a short last one
    const empty = join(work, 'empty-1.0-py3-none-any.whl');
    writeFileSync(empty, '');
    const digest = workerDigester(pool);
    const [a, b] = await Promise.all([digest(big), digest(empty)]);
    expect(a).toEqual(await fileSha256(big));
    expect(a.size).toBe(3 * 1024 * 1024 + 17);
    expect(b).toEqual(await fileSha256(empty));
    expect(b.size).toBe(0);
    expect(pool.peakInFlightBytes).toBeGreaterThan(0); // went through the workers
  });

  it('rejects as fileSha256 does: missing file, directory, FIFO (without blocking)', async () => {
    const digest = workerDigester(pool);
    await expect(digest(join(work, 'missing.whl'))).rejects.toMatchObject({ code: 'ENOENT' });
    mkdirSync(join(work, 'dir.whl'));
    await expect(digest(join(work, 'dir.whl'))).rejects.toMatchObject({ code: 'EISDIR' });
    const fifo = join(work, 'fifo-1.0-py3-none-any.whl');
    execFileSync('mkfifo', [fifo]);
    await expect(digest(fifo)).rejects.toMatchObject({ code: 'ENOTREG' });
  });
});

describe('read errors in the worker (review 3 of session 13)', () => {
  const linux = process.platform === 'linux' && existsSync('/proc/self/mem');
  (linux ? it : it.skip)("reject as the main thread's read does: the fs code kept", async () => {
    // /proc/self/mem: a regular file whose read at offset 0 fails with EIO.
    const dir = mkdtempSync(join(tmpdir(), 'wh-wd-eio-'));
    const pool = new ExtractPool(1);
    try {
      const link = join(dir, 'mem-1.0-py3-none-any.whl');
      symlinkSync('/proc/self/mem', link);
      const main = (await fileSha256(link).catch((e: unknown) => e)) as NodeJS.ErrnoException;
      const worker = (await workerDigester(pool)(link).catch((e: unknown) => e)) as NodeJS.ErrnoException;
      expect(main.code).toBe('EIO');
      expect(worker.code).toBe('EIO');
      expect(worker.message).toBe(`${link}: ${main.message}`);
    } finally {
      await pool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
