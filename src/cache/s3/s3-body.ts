/**
 * Bodies of S3 requests and responses: a request's body is bytes in memory or a slice of a file
 * (streamed, never read whole); a response's body the client keeps is read up to a limit, and
 * refused (the rest not read) past it.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { S3Error, TOO_LARGE } from './s3-error.js';

/** A body: bytes in memory, or `size` bytes of a file from offset `start` (default 0). */
export type S3Body =
  { kind: 'buffer'; data: Buffer } | { kind: 'file'; path: string; size: number; start?: number };

/** The body's length in bytes (its Content-Length). */
export function bodyLength(body: S3Body): number {
  return body.kind === 'buffer' ? body.data.length : body.size;
}

/** What undici sends for `body`: the buffer, or a stream of the file's slice. */
export function bodySource(body: S3Body): Buffer | Readable {
  if (body.kind === 'buffer') return body.data;
  if (body.size === 0) return Readable.from([]);
  const start = body.start ?? 0;
  return createReadStream(body.path, { start, end: start + body.size - 1 }); // `end` is inclusive
}

/**
 * Refuses, before a byte of it is read, a body whose declared Content-Length exceeds `limit`: the
 * transfer guard's deadline grows with the declared size (s3-transfer-guard.ts), so a store
 * declaring 100 GB and dripping bytes must not buy itself hours before the reader's own limit
 * stops it (review 1 of session 10).
 */
export function refuseDeclaredOver(response: Dispatcher.ResponseData, limit: number, shown: string): void {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    response.body.destroy();
    throw new S3Error(
      `${shown}: larger than ${limit} bytes (Content-Length ${declared})`,
      undefined,
      TOO_LARGE,
    );
  }
}

/** The body, refusing more than `limit` bytes (from its Content-Length, else while reading). */
export async function readBounded(
  response: Dispatcher.ResponseData,
  limit: number,
  shown = 'S3 response',
): Promise<Buffer> {
  refuseDeclaredOver(response, limit, shown);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += (chunk as Buffer).length;
    if (total > limit) {
      response.body.destroy();
      throw new S3Error(`${shown}: larger than ${limit} bytes`, undefined, TOO_LARGE);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}
