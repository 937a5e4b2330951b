/**
 * Local files hashed in the installer's extraction workers (extract-pool.ts) instead of on the
 * main thread (issue 9 §4, the first install's critical path). `wheelhouse install --no-index
 * --find-links DIR` hashes every wheel of DIR while it resolves (the find-links listing needs each
 * local file's sha256 for the hash pins and the lock): on the main thread that was the largest
 * part of the resolve (real-ds: 360 MB, ≈ 0.4 s of main-thread CPU, docs/benchmarks.md, Install,
 * session 13), with both workers idle until the first wheel was verified. Here the bytes are read
 * and hashed in the workers, two files at once, while the main thread goes on resolving.
 *
 * The same contract as util/file-sha256.ts `fileSha256`: the file is opened without blocking (a
 * FIFO named like a wheel must not hang the run) and refused unless it is a regular file (EISDIR,
 * ENOTREG); fs errors reject unchanged; the size answered is the number of bytes hashed. At most
 * `reading` files are open at once (the listing asks for every file of the directory together).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileDigest, FileDigester } from '../util/file-sha256.js';
import type { ExtractPool } from './extract-pool.js';
import { limiter } from './priority-limiter.js';

export function workerDigester(pool: ExtractPool, reading = 4): FileDigester {
  const limit = limiter(Math.max(1, reading));
  return (path) =>
    limit(async (): Promise<FileDigest> => {
      const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      try {
        const info = await handle.stat();
        if (!info.isFile()) {
          const code = info.isDirectory() ? 'EISDIR' : 'ENOTREG';
          throw Object.assign(new Error(`${code}: not a regular file, ${path}`), { code, path });
        }
        return await pool.digest(path, handle.fd);
      } finally {
        await handle.close();
      }
    });
}
