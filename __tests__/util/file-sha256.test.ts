/**
 * fileSha256 (src/util/file-sha256.ts): the digest and size of files of every size class, with its
 * read buffers reused across calls — concurrent calls on different files still answer each file's
 * own digest — and fs errors passed through unchanged.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileSha256 } from '../../src/util/file-sha256.js';
import { plantFifo, settles } from '../helpers/fifo.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wh-sha-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fileSha256', () => {
  it('answers the digest and size of empty, small, chunk-sized and multi-chunk files, also concurrently', async () => {
    const sizes = [0, 1, 1024 * 1024, 1024 * 1024 + 1, 3 * 1024 * 1024 + 17];
    const files = await Promise.all(
      sizes.map(async (size, i) => {
        const bytes = randomBytes(size);
        const path = join(dir, `f${i}`);
        await writeFile(path, bytes);
        return { path, size, sha256: createHash('sha256').update(bytes).digest('hex') };
      }),
    );
    // Twice over, all at once: buffers handed back by one call are reused by the next.
    for (let round = 0; round < 2; round++) {
      const got = await Promise.all(files.map((f) => fileSha256(f.path)));
      expect(got).toEqual(files.map((f) => ({ sha256: f.sha256, size: f.size })));
    }
  });

  it('answers every one of many concurrent calls (more than it reads at once), failures included', async () => {
    const paths = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const path = join(dir, `many${i}`);
        await writeFile(path, `file ${i}\n`.repeat(i * 1000));
        return path;
      }),
    );
    const got = await Promise.allSettled([...paths, join(dir, 'nope1'), join(dir, 'nope2')].map(fileSha256));
    expect(got.slice(0, 24)).toEqual(
      paths.map((_, i) => ({
        status: 'fulfilled',
        value: {
          sha256: createHash('sha256')
            .update(`file ${i}\n`.repeat(i * 1000))
            .digest('hex'),
          size: `file ${i}\n`.length * i * 1000,
        },
      })),
    );
    expect(got.slice(24).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    // The slots were all given back: a later call still answers.
    expect((await fileSha256(paths[1] as string)).size).toBe('file 1\n'.length * 1000);
  });

  it('rejects with the fs error for a missing file and a directory', async () => {
    await expect(fileSha256(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    await mkdir(join(dir, 'sub'));
    await expect(fileSha256(join(dir, 'sub'))).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('refuses a FIFO at once instead of waiting for a writer, also through a symbolic link (review 1 of session 12)', async () => {
    const fifo = plantFifo(join(dir, 'named-like-a-1.0-py3-none-any.whl'));
    const link = join(dir, 'link-1.0-py3-none-any.whl');
    await symlink(fifo, link);
    for (const path of [fifo, link]) {
      const outcome = await settles(fileSha256(path).catch((error: unknown) => error));
      expect(outcome).toMatchObject({ code: 'ENOTREG' });
    }
    const target = join(dir, 'target.bin');
    await writeFile(target, 'abc');
    await symlink(target, join(dir, 'regular-link'));
    expect((await fileSha256(join(dir, 'regular-link'))).size).toBe(3);
  });
});
