import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The sha256 (lower-case hex) and size of a file, read as a stream in 64 KiB chunks so memory stays
 * bounded whatever the file size. Rejects with the fs error (ENOENT, EISDIR, …) unchanged.
 */
export async function fileSha256(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
