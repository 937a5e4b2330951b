import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

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

/**
 * The sha256 (lower-case hex) and size of a file, read as a stream in 1 MiB chunks (memory stays
 * bounded whatever the file size; larger reads than the stream default of 64 KiB cost a fraction of
 * the system calls and callbacks on wheels of hundreds of MB). Rejects with the fs error (ENOENT, EISDIR, …) unchanged.
 */
export async function fileSha256(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}
