import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** sha256 (lower-case hex) and size in bytes of a file. */
export interface FileDigest {
  sha256: string;
  size: number;
}

/**
 * Computes a file's digest; rejects with the fs error when the file cannot be read. `fileSha256`
 * reads the bytes; src/cache/file-stamps.ts answers from a stamp when the file is unchanged. Layers
 * that hash local files take one as a collaborator.
 */
export type FileDigester = (path: string) => Promise<FileDigest>;

const CHUNK = 1024 * 1024;
/**
 * Files read at once by this process; later calls wait their turn. The hashing itself runs on
 * the calling thread, so more reads in flight add memory, not speed: the resolver asks for the
 * digests of every local wheel at once (139 for real-ds), which held 139 × 1 MiB of read buffers.
 */
const MAX_READING = 4;
let reading = 0;
const waiting: (() => void)[] = [];
/** Read buffers of finished calls, reused by the next ones (at most MAX_READING are kept). */
const spare: Buffer[] = [];

/**
 * The sha256 (lower-case hex) and size of a file, read in 1 MiB chunks (memory stays bounded
 * whatever the file size; larger reads than the stream default of 64 KiB cost a fraction of the
 * system calls and callbacks on wheels of hundreds of MB). One buffer per call, reused for every
 * chunk and then by later calls: a read stream allocated a fresh 1 MiB buffer per chunk, and
 * hashing a 360 MB wheel set left up to ~240 MB of dead buffers waiting for the garbage collector
 * (measured with process.memoryUsage().arrayBuffers during `wheelhouse install`). Rejects with the
 * fs error (ENOENT, EISDIR, …) unchanged, and with code ENOTREG for anything but a regular file.
 */
export async function fileSha256(path: string): Promise<FileDigest> {
  // A finishing call hands its slot straight to the first waiter.
  if (reading >= MAX_READING) await new Promise<void>((go) => waiting.push(go));
  else reading++;
  try {
    const hash = createHash('sha256');
    let size = 0;
    // Opened without blocking and refused unless a regular file: a FIFO named like a wheel (in a
    // wheelhouse, a find-links directory) hung the step waiting for a writer (review 1 of session
    // 12). Symbolic links are still followed — local wheels may be links — and checked by fstat.
    const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const buffer = spare.pop() ?? Buffer.allocUnsafe(CHUNK);
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        const code = info.isDirectory() ? 'EISDIR' : 'ENOTREG';
        throw Object.assign(new Error(`${code}: not a regular file, ${path}`), { code, path });
      }
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        size += bytesRead;
      }
    } finally {
      if (spare.length < MAX_READING) spare.push(buffer);
      await handle.close();
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    const next = waiting.shift();
    if (next !== undefined) next();
    else reading--;
  }
}
