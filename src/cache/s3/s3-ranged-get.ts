/**
 * A large object fetched as byte ranges in parallel (RFC 9110 §14: `Range: bytes=a-b` → 206 with
 * `Content-Range: bytes a-b/total`), each range written at its offset of one new file. Every range
 * must be answered with exactly that range of an object of the expected size and exactly that many
 * bytes (reading stops past it); the caller then checks the whole file's sha256 before using it.
 */
import { open } from 'node:fs/promises';
import type { S3Client } from './s3-client.js';
import { S3Error } from './s3-client.js';
import { partLayout } from './s3-multipart.js';
import { runLimited } from '../../util/for-each-limited.js';

export interface RangedGetOptions {
  partBytes: number;
  concurrency: number;
}

/** Writes the `size` bytes of `key` into `path` (created here, exclusively). */
export async function getRanges(
  client: S3Client,
  key: string,
  path: string,
  size: number,
  options: RangedGetOptions,
): Promise<void> {
  const ranges = partLayout(size, options.partBytes);
  const handle = await open(path, 'wx');
  try {
    await runLimited(ranges, options.concurrency, (range) =>
      fetchRange(client, key, handle, range.start, range.size, size),
    );
  } finally {
    await handle.close();
  }
}

async function fetchRange(
  client: S3Client,
  key: string,
  handle: import('node:fs/promises').FileHandle,
  start: number,
  length: number,
  total: number,
): Promise<void> {
  const end = start + length - 1;
  const response = await client.getRange(key, start, end, total);
  let written = 0;
  try {
    for await (const chunk of response.body) {
      const buf = chunk as Buffer;
      if (written + buf.length > length)
        throw new S3Error(`S3 GET ${client.describe(key)} bytes ${start}-${end}: more than ${length} bytes`);
      await handle.write(buf, 0, buf.length, start + written);
      written += buf.length;
    }
  } catch (error) {
    response.body.destroy();
    throw client.observe(error, `S3 GET ${client.describe(key)} bytes ${start}-${end}`);
  }
  if (written !== length)
    throw new S3Error(`S3 GET ${client.describe(key)} bytes ${start}-${end}: ${written} of ${length} bytes`);
}
