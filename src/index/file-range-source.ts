/**
 * A RangeSource (remote-zip.ts) over a local file, so a downloaded wheel or a zip sdist is read
 * with the same ZIP code as a remote one, without loading the whole file.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { RangeSource } from './remote-zip.js';

/** Opens `path`, hands a RangeSource over it to `use`, and closes the file afterwards. */
export async function withFileRangeSource<T>(
  path: string,
  use: (source: RangeSource) => Promise<T>,
): Promise<T> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
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
