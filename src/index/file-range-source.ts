/**
 * A RangeSource (remote-zip.ts) over a local file, so a downloaded wheel or a zip sdist is read
 * with the same ZIP code as a remote one, without loading the whole file.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { RangeSource } from './remote-zip.js';

/** A local archive that is not a regular file where one was expected (a FIFO, a device). */
export class LocalArchiveError extends Error {
  constructor(readonly path: string) {
    super(`${path} is not a regular file (a FIFO or device put in its place?); not read`);
    this.name = 'LocalArchiveError';
  }
}

/**
 * Opens `path` without waiting (a FIFO put in its place would block open(2) forever), hands a
 * RangeSource over it to `use`, and closes the file afterwards. Anything but a regular file (a
 * link is followed, as pip reads a user's linked file): LocalArchiveError (review 14d F5).
 */
export async function withFileRangeSource<T>(
  path: string,
  use: (source: RangeSource) => Promise<T>,
): Promise<T> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new LocalArchiveError(path);
    const { size } = info;
    return await use(handleRangeSource(handle, size));
  } finally {
    await handle.close();
  }
}

/** A RangeSource over an open file of `size` bytes; the caller keeps owning (and closes) `handle`. */
export function handleRangeSource(handle: FileHandle, size: number): RangeSource {
  const read = async (start: number, end: number): Promise<Uint8Array> => {
    const buf = Buffer.alloc(end - start);
    let at = 0;
    while (at < buf.length) {
      const { bytesRead } = await handle.read(buf, at, buf.length - at, start + at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, at);
  };
  return {
    readTail: async (length) => ({ bytes: await read(Math.max(0, size - length), size), size }),
    read,
  };
}
