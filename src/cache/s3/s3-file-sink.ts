/**
 * A file written from chunks that are valid only while they are handed over (s3-plain-get.ts reads
 * every connection into one fixed buffer): each chunk is hashed and copied into a 1 MiB batch
 * buffer, and full batches are written in order (in calls of at most 256 KiB: s3-write-pieces.ts),
 * one batch at a time, while the next one fills.
 * A plain connection reads the body straight into the batch buffer instead (`room` lends the
 * free part of the batch being filled, `filled` takes what the read put there): no copy.
 * Batch buffers come from a small free list shared by every sink of the process, so a restore of
 * hundreds of MB reuses a few MB instead of allocating (and garbage-collecting) its size again.
 * Memory is bounded: at most QUEUED full batches wait behind the one being written; past that,
 * `data` answers a promise and the caller pauses its connection until the writes caught up.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { writeInPieces } from './s3-write-pieces.js';

const BATCH_BYTES = 1024 * 1024;
/** Full batches allowed to wait behind the one being written before the reader is paused. */
const QUEUED = 2;
/** Free batch buffers kept for later sinks (32 MiB at most). */
const FREE_LIMIT = 32;
const free: Buffer[] = [];

function takeBuffer(): Buffer {
  return free.pop() ?? Buffer.allocUnsafeSlow(BATCH_BYTES);
}
function giveBack(buffer: Buffer): void {
  if (free.length < FREE_LIMIT) free.push(buffer);
}

export class FileSink {
  private readonly hash = createHash('sha256');
  private size = 0;
  private filling: Buffer | undefined;
  private used = 0;
  private readonly full: { buffer: Buffer; bytes: number }[] = [];
  private writing: Promise<void> | undefined;
  private failure: unknown;
  private abandoned = false;
  /**
   * Bytes of `filling` that `room` lent to a connection and no `filled` took back yet: that batch buffer
   * never goes back to the free list (a read could still land in it), the collector takes it.
   */
  private lent = 0;
  /** The batch a read may still land in when `finish` came while it was lent: never given back. */
  private keptFromFreeList: Buffer | undefined;
  /** Resolved (or rejected) once the queue is short enough again: the paused reader resumes. */
  private waiter: { resolve: () => void; reject: (error: unknown) => void } | undefined;

  constructor(private readonly handle: FileHandle) {}

  /** Hashes and queues `chunk` (copied: the caller may reuse its memory once this returns). */
  data(chunk: Buffer): Promise<void> | undefined {
    if (this.lent > 0) throw new Error('FileSink.data while room is lent');
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.hash.update(chunk);
    this.size += chunk.length;
    let at = 0;
    while (at < chunk.length) {
      this.filling ??= takeBuffer();
      const n = chunk.copy(this.filling, this.used, at);
      this.used += n;
      at += n;
      if (this.used === this.filling.length) this.queue();
    }
    return this.backpressure();
  }

  /**
   * Room for the next read straight into the batch being filled: at most `max` bytes (≥ 1) at
   * the end of the batch, valid until `filled` or `finish`. Undefined once the sink failed.
   */
  room(max: number): Buffer | undefined {
    if (this.failure !== undefined || this.abandoned || max < 1) return undefined;
    this.filling ??= takeBuffer();
    this.lent = Math.min(max, this.filling.length - this.used);
    return this.filling.subarray(this.used, this.used + this.lent);
  }

  /** A read put `n` bytes into the last `room`: hashed and queued like `data`'s chunk. */
  filled(n: number): Promise<void> | undefined {
    if (this.lent === 0 || this.filling === undefined || n > this.lent)
      throw new Error('FileSink.filled without the room it was lent');
    this.lent = 0;
    if (this.failure !== undefined) return Promise.reject(this.failure);
    this.hash.update(this.filling.subarray(this.used, this.used + n));
    this.size += n;
    this.used += n;
    if (this.used === this.filling.length) this.queue();
    return this.backpressure();
  }

  private backpressure(): Promise<void> | undefined {
    if (this.full.length <= QUEUED) return undefined;
    return new Promise<void>((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  private queue(): void {
    if (this.filling === undefined || this.used === 0) return;
    this.full.push({ buffer: this.filling, bytes: this.used });
    this.filling = undefined;
    this.used = 0;
    this.pump();
  }

  private pump(): void {
    if (this.writing !== undefined || this.failure !== undefined || this.abandoned) return;
    const next = this.full.shift();
    if (next === undefined) return;
    this.writing = writeInPieces(this.handle, [next.buffer.subarray(0, next.bytes)]).then(
      () => {
        if (next.buffer !== this.keptFromFreeList) giveBack(next.buffer);
        this.writing = undefined;
        if (this.waiter !== undefined && this.full.length <= QUEUED) {
          const waiter = this.waiter;
          this.waiter = undefined;
          waiter.resolve();
        }
        this.pump();
      },
      (error: unknown) => {
        this.failure = error;
        this.writing = undefined;
        this.waiter?.reject(error);
        this.waiter = undefined;
      },
    );
  }

  /**
   * Writes what is left and answers the sha256 and size of every byte given; `abandon` only waits
   * for the write in progress (the file is being thrown away). Either way the batch buffers go back
   * to the free list once no write uses them.
   */
  async finish(abandon = false): Promise<{ sha256: string; size: number }> {
    // Room still lent (a caller that finished with a read outstanding, review 2 of session 10):
    // that batch is written if it holds bytes, but never reused by another sink.
    if (this.lent > 0) this.keptFromFreeList = this.filling;
    if (abandon) {
      this.abandoned = true;
      await this.writing;
    } else {
      this.queue();
      while (this.writing !== undefined && this.failure === undefined) await this.writing;
    }
    for (const { buffer } of this.full.splice(0)) if (buffer !== this.keptFromFreeList) giveBack(buffer);
    if (this.filling !== undefined && this.filling !== this.keptFromFreeList) giveBack(this.filling);
    this.filling = undefined;
    if (this.failure !== undefined) throw this.failure;
    return { sha256: this.hash.digest('hex'), size: this.size };
  }
}
