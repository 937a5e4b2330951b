/**
 * The buffer between undici's HTTP/1 parser and whoever reads a response body, bounded in memory
 * WITHOUT pausing the parser unless that is known to be safe.
 *
 * Why: undici 7 (nodejs/undici#5360, fixed only in later majors by #5389/#5474) crashes the whole
 * process with an uncatchable `AssertionError: assert(!this.paused)` from `Parser.finish` in
 * `onHttpSocketEnd` when the parser is paused under backpressure (a handler's `onData` returned
 * false) and the server then closes the socket, which it does after every response that is not
 * keep-alive: `Connection: close`, HTTP/1.0 without `Connection: keep-alive` (`python3 -m
 * http.server`, simple private indexes, some proxies), or a body delimited by the connection's
 * end. `onHttpSocketEnd` calls `finish()` exactly when the parser's `shouldKeepAlive` is false; for
 * a keep-alive response it destroys the socket with a SocketError instead, which is safe.
 *
 * So the queue pauses the parser only when the response headers PROVE keep-alive (`canPause`, see
 * undici-dispatch.ts): then, above `highWaterMark` buffered bytes, it pauses and resumes once the
 * reader has drained half of it. Otherwise it never pauses: bytes beyond `highWaterMark` go to an
 * unlinked temporary file (the "spill"), written synchronously. Synchronous writes are what bound
 * memory: while a chunk is written the event loop does not read the socket, so a network faster
 * than the disk is slowed down by TCP flow control instead of piling up buffers of pending async
 * writes. Chunks are at most a socket read (64 KiB), and writes land in the page cache, so one
 * write blocks for microseconds. Once the reader has caught up with the spill, new chunks go to
 * memory again. A reader at least as fast as the network never touches the disk.
 *
 * Memory held per response: at most `highWaterMark` plus one chunk, plus one spill read block.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, read, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BodyQueueOptions {
  /** Bytes kept in memory before pausing (when allowed) or spilling to disk (default 1 MiB). */
  highWaterMark?: number;
  /** True only when pausing the parser cannot crash undici (a proven keep-alive response). */
  canPause: boolean;
  pause: () => void;
  resume: () => void;
  /** Directory of spill files (default os.tmpdir()). */
  spillDir?: string;
}

export const DEFAULT_BODY_HIGH_WATER_MARK = 1024 * 1024;
const SPILL_READ_BLOCK = 256 * 1024;

/** The temporary file that takes a body's bytes while the reader lags behind a close-delimited response. */
class Spill {
  readonly fd: number;
  private readonly path: string;
  private unlinked = false;
  /** Bytes written / read so far. */
  written = 0;
  readPos = 0;
  reading = false;
  private closed = false;

  constructor(dir: string) {
    this.path = join(dir, `.wheelhouse-body-${randomBytes(8).toString('hex')}.tmp`);
    this.fd = openSync(this.path, 'wx+', 0o600);
    try {
      // POSIX: the file lives on only as the open descriptor; nothing to clean up after a crash.
      unlinkSync(this.path);
      this.unlinked = true;
    } catch {
      // Windows may refuse; removed in close().
    }
  }

  get unread(): number {
    return this.written - this.readPos;
  }

  write(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length) {
      off += writeSync(this.fd, chunk, off, chunk.length - off, this.written + off);
    }
    this.written += chunk.length;
  }

  /** Reads the next block of unread bytes. */
  readBlock(): Promise<Buffer> {
    const n = Math.min(SPILL_READ_BLOCK, this.unread);
    const buf = Buffer.allocUnsafe(n);
    this.reading = true;
    return new Promise((resolve, reject) => {
      read(this.fd, buf, 0, n, this.readPos, (err, got) => {
        this.reading = false;
        if (err) return reject(err);
        if (got <= 0)
          return reject(new Error(`spill file ended at ${this.readPos} of ${this.written} bytes`));
        this.readPos += got;
        resolve(got === n ? buf : buf.subarray(0, got));
      });
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // already gone
    }
    if (!this.unlinked) {
      try {
        unlinkSync(this.path);
      } catch {
        // nothing left to remove
      }
    }
  }
}

export class BodyQueue {
  private readonly chunks: Buffer[] = [];
  private memBytes = 0;
  private spill: Spill | undefined;
  private paused = false;
  private ended = false;
  private error: unknown;
  private discarded = false;
  private waiter: (() => void) | undefined;
  private readonly highWaterMark: number;
  /** Bytes received from the network so far. */
  received = 0;
  /** Bytes ever written to a spill file (for tests and diagnostics). */
  spilled = 0;
  /** How often the parser was paused (a transfer-rate check must not blame the server for it). */
  pauses = 0;

  constructor(private readonly options: BodyQueueOptions) {
    this.highWaterMark = options.highWaterMark ?? DEFAULT_BODY_HIGH_WATER_MARK;
  }

  /** True when the parser may be paused (a proven keep-alive response, see undici-dispatch.ts). */
  get canPause(): boolean {
    return this.options.canPause;
  }

  /** True while the parser is paused because the reader lags behind. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** True once the body has ended or failed (nothing more will be pushed). */
  get settled(): boolean {
    return this.ended || this.error !== undefined;
  }

  /** Producer: one chunk from the parser. Throws only when a spill write fails (disk full). */
  push(chunk: Buffer): void {
    if (this.settled) return;
    this.received += chunk.length;
    if (this.discarded) return;
    if (this.spill) {
      this.spill.write(chunk);
      this.spilled += chunk.length;
    } else if (this.memBytes + chunk.length > this.highWaterMark && !this.options.canPause) {
      this.spill = new Spill(this.options.spillDir ?? tmpdir());
      this.spill.write(chunk);
      this.spilled += chunk.length;
    } else {
      this.chunks.push(chunk);
      this.memBytes += chunk.length;
      if (this.options.canPause && !this.paused && this.memBytes >= this.highWaterMark) {
        this.paused = true;
        this.pauses++;
        this.options.pause();
      }
    }
    this.wake();
  }

  end(): void {
    if (this.settled) return;
    this.ended = true;
    this.wake();
  }

  fail(error: unknown): void {
    if (this.settled) return;
    this.error = error ?? new Error('response body failed');
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  /** Consumer: the next chunk, or null at the end. Throws the body's error once buffered bytes run out. */
  async read(): Promise<Buffer | null> {
    for (;;) {
      if (this.discarded) return null;
      const head = this.chunks.shift();
      if (head) {
        this.memBytes -= head.length;
        if (this.paused && this.memBytes <= this.highWaterMark / 2) {
          this.paused = false;
          this.options.resume();
        }
        return head;
      }
      const spill = this.spill;
      if (spill && spill.unread > 0) {
        const block = await spill.readBlock();
        if (this.discarded) spill.close();
        else if (spill.unread === 0) {
          // Caught up: later chunks go to memory again (order holds: memory was empty).
          spill.close();
          if (this.spill === spill) this.spill = undefined;
        }
        return block;
      }
      if (this.error !== undefined) throw this.error;
      if (this.ended) return null;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /** Drops everything buffered and everything still to come; the caller decides about the request. */
  discard(): void {
    if (this.discarded) return;
    this.discarded = true;
    this.chunks.length = 0;
    this.memBytes = 0;
    if (this.spill && !this.spill.reading) this.spill.close();
    this.spill = undefined;
    if (this.paused) {
      this.paused = false;
      this.options.resume();
    }
    this.wake();
  }
}
