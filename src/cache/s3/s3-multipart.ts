/**
 * Multipart upload of one large file (S3 API Reference: CreateMultipartUpload, UploadPart,
 * CompleteMultipartUpload, AbortMultipartUpload; parts of at least 5 MiB except the last, at most
 * 10,000 parts).
 *
 * Integrity: one sequential read hashes the whole file and each part; the whole digest must be the
 * one the object is stored under, and each part is sent with its own sha256 in
 * `x-amz-content-sha256`, which S3 checks against the bytes it receives. So the assembled object is
 * exactly the bytes whose sha256 names it, even if the file changes meanwhile (then a part's hash
 * no longer matches, S3 refuses it, and the upload is aborted).
 *
 * Written once: CompleteMultipartUpload carries `If-None-Match: *` (AWS S3 supports it there since
 * 2024 and answers 412 when the key exists; 409 ConditionalRequestConflict when another completion
 * races, which we treat like 412). A server that ignores the header completes anyway and replaces
 * the object with identical bytes (the key is the content's sha256), so readers never see other
 * bytes. Every failure aborts the upload, so no parts are left behind to pay for.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { S3Client } from './s3-client.js';
import { readBounded } from './s3-body.js';
import { S3Error } from './s3-error.js';
import { completeMultipartBody, parseErrorDocument, parseUploadId } from './s3-xml.js';
import { runLimited } from '../../util/for-each-limited.js';

/** S3's smallest part (all but the last) and largest part count. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;
const SMALL_BODY_LIMIT = 1024 * 1024;

export interface MultipartOptions {
  /** Preferred part size; raised to 5 MiB and to size/10,000 when needed. */
  partBytes: number;
  /** Parts in flight at once. */
  concurrency: number;
}

interface Part {
  partNumber: number;
  start: number;
  size: number;
  sha256: string;
}

/** Part boundaries for `size` bytes (every part but the last exactly `partBytes`). */
export function partLayout(size: number, preferred: number): { start: number; size: number }[] {
  const partBytes = Math.max(preferred, MIN_PART_BYTES, Math.ceil(size / MAX_PARTS));
  const out: { start: number; size: number }[] = [];
  for (let start = 0; start < size; start += partBytes)
    out.push({ start, size: Math.min(partBytes, size - start) });
  return out;
}

/** sha256 of the whole file and of each part, in one sequential read. */
async function hashParts(
  path: string,
  layout: { start: number; size: number }[],
): Promise<{ whole: string; size: number; parts: string[] }> {
  const whole = createHash('sha256');
  const parts: string[] = [];
  let index = 0;
  let part = createHash('sha256');
  let inPart = 0;
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    let buf = chunk as Buffer;
    size += buf.length;
    whole.update(buf);
    while (buf.length > 0 && index < layout.length) {
      const take = Math.min(buf.length, layout[index]!.size - inPart);
      part.update(buf.subarray(0, take));
      inPart += take;
      buf = buf.subarray(take);
      if (inPart === layout[index]!.size) {
        parts.push(part.digest('hex'));
        part = createHash('sha256');
        inPart = 0;
        index++;
      }
    }
  }
  return { whole: whole.digest('hex'), size, parts };
}

/**
 * Stores `path` (whose sha256 must be `sha256` and size `size`) under `key` in parts. 'exists' when
 * the key was already there at completion (412/409 to `If-None-Match: *`).
 */
export async function uploadMultipart(
  client: S3Client,
  key: string,
  path: string,
  file: { sha256: string; size: number },
  options: MultipartOptions,
): Promise<'created' | 'exists'> {
  const layout = partLayout(file.size, options.partBytes);
  const hashed = await hashParts(path, layout);
  if (hashed.whole !== file.sha256 || hashed.size !== file.size)
    throw new S3Error(
      `${path} changed before its upload: sha256 ${hashed.whole} (${hashed.size} bytes), expected ${file.sha256} (${file.size} bytes)`,
    );
  const parts: Part[] = layout.map((p, i) => ({ ...p, partNumber: i + 1, sha256: hashed.parts[i]! }));

  const created = await client.send({ method: 'POST', key, query: { uploads: '' } });
  if (created.statusCode !== 200) throw await client.failure(created, 'POST (CreateMultipartUpload)', key);
  const uploadId = parseUploadId((await readBounded(created, SMALL_BODY_LIMIT)).toString('utf8'));
  try {
    const etags = new Map<number, string>();
    await runLimited(parts, options.concurrency, async (part) => {
      const response = await client.send({
        method: 'PUT',
        key,
        query: { partNumber: String(part.partNumber), uploadId },
        body: { kind: 'file', path, start: part.start, size: part.size },
        payloadSha256: part.sha256,
      });
      if (response.statusCode !== 200)
        throw await client.failure(response, `PUT (UploadPart ${part.partNumber})`, key);
      await response.body.dump();
      const etag = response.headers.etag;
      if (typeof etag !== 'string' || etag === '')
        throw new S3Error(
          `S3 UploadPart ${part.partNumber} of ${client.describe(key)}: no ETag in the answer`,
        );
      etags.set(part.partNumber, etag);
    });
    const body = Buffer.from(
      completeMultipartBody(parts.map((p) => ({ partNumber: p.partNumber, etag: etags.get(p.partNumber)! }))),
    );
    const response = await client.send({
      method: 'POST',
      key,
      query: { uploadId },
      headers: { 'if-none-match': '*', 'content-type': 'application/xml' },
      body: { kind: 'buffer', data: body },
      payloadSha256: createHash('sha256').update(body).digest('hex'),
    });
    if (response.statusCode === 412 || response.statusCode === 409) {
      await response.body.dump();
      await abort(client, key, uploadId);
      return 'exists';
    }
    if (response.statusCode !== 200)
      throw await client.failure(response, 'POST (CompleteMultipartUpload)', key);
    // "a 200 OK response can contain an error" (S3 API Reference, CompleteMultipartUpload).
    const answer = (await readBounded(response, SMALL_BODY_LIMIT)).toString('utf8');
    const error = parseErrorDocument(answer);
    if (error !== undefined)
      throw new S3Error(
        `S3 CompleteMultipartUpload ${client.describe(key)}: ${error}`,
        200,
        error.split(':')[0],
      );
    return 'created';
  } catch (error) {
    await abort(client, key, uploadId);
    throw error;
  }
}

/** AbortMultipartUpload; its own failure is not reported over the one that caused it. */
async function abort(client: S3Client, key: string, uploadId: string): Promise<void> {
  try {
    const response = await client.send({ method: 'DELETE', key, query: { uploadId } });
    await response.body.dump();
  } catch {
    // The bucket's lifecycle rule for incomplete uploads (docs/cache-backends.md) cleans up.
  }
}
