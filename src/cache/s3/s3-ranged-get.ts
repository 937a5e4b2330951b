/**
 * A large object fetched as byte ranges in parallel (RFC 9110 §14: `Range: bytes=a-b` → 206 with
 * `Content-Range: bytes a-b/total`), each range written at its offset of one new file, and its
 * sha256 computed while the bytes stream in — in object order, without reading the file again
 * (issue 12: a 2 GiB wheel cost a second full read and hash after its download).
 *
 * Ranges arrive in parallel, a hash takes bytes in order. The range holding the next unhashed byte
 * (the head) is hashed as its chunks arrive. A later range keeps its first chunks in memory, up to
 * RETAINED_BYTES for the whole object (the bound: 16 large objects at once keep at most 16 × that),
 * and only writes the rest; when it becomes the head, the kept chunks are hashed, then whatever of
 * it is only on disk is read back from the file (the page cache, just written), then its unwritten
 * chunks, and from there on its chunks as they arrive. With the default part size the read-back is
 * a small part of the object; `readBack` says how much.
 *
 * Every range must be answered with exactly that range of an object of the expected size and
 * exactly that many bytes (reading stops past it); the caller compares the digest with the entry's
 * before the file is used.
 */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { Dispatcher } from 'undici';
import type { S3Client } from './s3-client.js';
import { refuseDeclaredOver } from './s3-body.js';
import { RANGE_IGNORED, S3Error } from './s3-error.js';
import { partLayout } from './s3-multipart.js';
import { runLimited } from '../../util/for-each-limited.js';
import { writeInPieces } from './s3-write-pieces.js';

export interface RangedGetOptions {
  partBytes: number;
  concurrency: number;
  /** Bytes of later ranges kept in memory for the hash (default RETAINED_BYTES). */
  retainedBytes?: number;
  /** Ends every range request when aborted. */
  signal?: AbortSignal;
}

export interface RangedGetResult {
  sha256: string;
  size: number;
  /** Bytes hashed by reading them back from the file (not kept in memory while they arrived). */
  readBack: number;
}

/** Chunks of later ranges kept in memory per object for the in-order hash. */
export const RETAINED_BYTES = 8 * 1024 * 1024;
/** A range's chunks are written in batches of about this many bytes (in ≤ 256 KiB calls: s3-write-pieces.ts). */
const WRITE_BATCH = 1024 * 1024;
/** Read-back piece. */
const READ_PIECE = 1024 * 1024;

/** One range's progress. Offsets are within the range. */
interface RangeState {
  start: number;
  length: number;
  /** Bytes received (written, being written or in `batch`). */
  received: number;
  /** Bytes written to the file. */
  written: number;
  /** Chunks being written now, then `batch` (not yet written): together [written, received). */
  writing: Buffer[];
  batch: Buffer[];
  /** Chunks kept for the hash, covering [0, kept) (only while the range is not the head). */
  kept: Buffer[];
  keptBytes: number;
  /** Whether it stopped keeping chunks (the retained bound was reached). */
  spilled: boolean;
  /** Bytes hashed (the head only). */
  hashed: number;
  /** Hashed up to `received` and hashing its chunks as they arrive. */
  live: boolean;
  /** All its bytes received and written. */
  complete: boolean;
}

/** The object's sha256 in byte order, fed by its ranges as they arrive (see the top of this file). */
class InOrderHash {
  private readonly hash = createHash('sha256');
  private head = 0;
  private retained = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private failure: unknown;
  readBack = 0;

  constructor(
    private readonly ranges: RangeState[],
    private readonly handle: FileHandle,
    private readonly retainedLimit: number,
  ) {}

  /** A chunk of range `k` arrived (in order within the range); it is in `k`'s batch already. */
  take(k: number, chunk: Buffer): void {
    const r = this.ranges[k]!;
    if (k === this.head && r.live) {
      this.hash.update(chunk);
      r.hashed += chunk.length;
    } else if (k !== this.head && !r.spilled && this.retained + chunk.length <= this.retainedLimit) {
      r.kept.push(chunk);
      r.keptBytes += chunk.length;
      this.retained += chunk.length;
    } else if (k !== this.head) r.spilled = true;
    // The head that is not live yet: `advance` hashes this chunk from the batch.
  }

  /** Range `k` received and wrote its last byte. */
  completed(k: number): void {
    this.ranges[k]!.complete = true;
    if (k === this.head) this.pump();
  }

  /**
   * Runs `advance` (once at a time, again when asked meanwhile). A request that arrives while a run
   * is finishing — even in its last turns, after `advance` returned — is answered by the run's own
   * end, so a completed head is never left unhashed.
   */
  pump(): void {
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.advance()
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => {
        this.running = undefined;
        if (this.again && this.failure === undefined) this.pump();
      });
  }

  /** Hashes the head up to what it received, makes it live; on to the next while heads are complete. */
  private async advance(): Promise<void> {
    while (this.head < this.ranges.length) {
      const r = this.ranges[this.head]!;
      if (!r.live) {
        for (const c of r.kept) this.hash.update(c);
        r.hashed = r.keptBytes;
        this.retained -= r.keptBytes;
        r.kept = [];
        r.keptBytes = 0;
        // What was only written: read back. `written` may grow meanwhile; its chunks then left memory.
        while (r.hashed < r.written) {
          const n = Math.min(READ_PIECE, r.written - r.hashed);
          const piece = Buffer.allocUnsafe(n);
          const { bytesRead } = await this.handle.read(piece, 0, n, r.start + r.hashed);
          if (bytesRead !== n)
            throw new Error(`read back ${bytesRead} of ${n} bytes at ${r.start + r.hashed}`);
          this.hash.update(piece);
          r.hashed += n;
          this.readBack += n;
        }
        // The rest is in memory, [written, received): hashed without awaiting, so no chunk slips by.
        let at = r.written;
        for (const c of [...r.writing, ...r.batch]) {
          if (at + c.length > r.hashed) this.hash.update(at >= r.hashed ? c : c.subarray(r.hashed - at));
          at += c.length;
        }
        r.hashed = r.received;
        r.live = true;
      }
      if (!r.complete) return;
      this.head++;
    }
  }

  /** The digest once every range completed (throws what went wrong while hashing). */
  async digest(): Promise<{ sha256: string; size: number }> {
    while (this.running !== undefined) await this.running;
    if (this.failure !== undefined) throw this.failure;
    const size = this.ranges.reduce((n, r) => n + r.hashed, 0);
    if (this.head !== this.ranges.length) throw new Error(`hashed ${size} bytes: not every range was`);
    return { sha256: this.hash.digest('hex'), size };
  }

  /** Settles a running read-back (before the file is closed). */
  async settle(): Promise<void> {
    while (this.running !== undefined) await this.running.catch(() => {});
  }
}

/** Writes the `size` bytes of `key` into `path` (created here, exclusively); answers their digest. */
export async function getRanges(
  client: S3Client,
  key: string,
  path: string,
  size: number,
  options: RangedGetOptions,
): Promise<RangedGetResult> {
  const ranges: RangeState[] = partLayout(size, options.partBytes).map((p) => ({
    start: p.start,
    length: p.size,
    received: 0,
    written: 0,
    writing: [],
    batch: [],
    kept: [],
    keptBytes: 0,
    spilled: false,
    hashed: 0,
    live: false,
    complete: false,
  }));
  // Read and write: what was written before its range could be hashed is read back.
  const handle = await open(path, 'wx+');
  const hasher = new InOrderHash(ranges, handle, options.retainedBytes ?? RETAINED_BYTES);
  hasher.pump(); // the first range is the head from its first byte
  try {
    await runLimited(ranges, options.concurrency, (range, k) =>
      fetchRange(client, key, handle, range, size, options.signal, (chunk) => hasher.take(k, chunk)).then(
        () => hasher.completed(k),
      ),
    );
    return { ...(await hasher.digest()), readBack: hasher.readBack };
  } finally {
    await hasher.settle();
    await handle.close();
  }
}

/**
 * Bytes `start`..`end` (inclusive) of an object (RFC 9110 §14.1.2 byte range). Anything but a 206
 * whose Content-Range is exactly that range of an object of `total` bytes is an error: a server
 * that ignores Range must not be read as if it had honoured it.
 */
async function getRange(
  client: S3Client,
  key: string,
  start: number,
  end: number,
  total: number,
  signal?: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  const response = await client.send({
    method: 'GET',
    key,
    headers: { range: `bytes=${start}-${end}` },
    ...(signal !== undefined ? { signal } : {}),
  });
  if (response.statusCode !== 206) {
    if (response.statusCode === 200) {
      await response.body.dump().catch(() => {});
      throw new S3Error(
        `S3 GET ${client.describe(key)} bytes ${start}-${end}: the server ignored the range`,
        200,
        RANGE_IGNORED,
      );
    }
    throw await client.failure(response, 'GET', key);
  }
  const range = response.headers['content-range'];
  if (range !== `bytes ${start}-${end}/${total}`) {
    await response.body.dump().catch(() => {});
    throw new S3Error(
      `S3 GET ${client.describe(key)}: Content-Range ${JSON.stringify(range)} is not bytes ${start}-${end}/${total}`,
    );
  }
  return response;
}

async function fetchRange(
  client: S3Client,
  key: string,
  handle: FileHandle,
  r: RangeState,
  total: number,
  signal: AbortSignal | undefined,
  take: (chunk: Buffer) => void,
): Promise<void> {
  const end = r.start + r.length - 1;
  const what = `S3 GET ${client.describe(key)} bytes ${r.start}-${end}`;
  const response = await getRange(client, key, r.start, end, total, signal);
  refuseDeclaredOver(response, r.length, what);
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    r.writing = r.batch;
    r.batch = [];
    const n = batchBytes;
    batchBytes = 0;
    await writeInPieces(handle, r.writing, r.start + r.written);
    r.written += n;
    r.writing = [];
  };
  try {
    for await (const chunk of response.body) {
      const buf = chunk as Buffer;
      if (r.received + buf.length > r.length) throw new S3Error(`${what}: more than ${r.length} bytes`);
      r.batch.push(buf);
      r.received += buf.length;
      batchBytes += buf.length;
      take(buf);
      if (batchBytes >= WRITE_BATCH) await flush();
    }
    if (batchBytes > 0) await flush();
  } catch (error) {
    response.body.destroy();
    throw client.observe(error, what);
  }
  if (r.received !== r.length) throw new S3Error(`${what}: ${r.received} of ${r.length} bytes`);
}
