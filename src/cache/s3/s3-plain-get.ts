/**
 * Streamed ("plain": whole-object, not ranged) GETs of store objects over keep-alive connections of
 * their own, each read into one fixed buffer (`net.connect` / `tls.connect` `onread`). undici allocates a new 64 KiB buffer for every socket
 * read and passes each body chunk through two streams; for the hundreds of MB a warm restore
 * receives, that machinery and the garbage it leaves cost more of the runner's CPU than hashing the
 * bytes (docs/benchmarks.md, S3 section, "Session 8"). Here the body's bytes go straight from the
 * connection's buffer to the caller's sink, which must use them before it returns.
 *
 * Only the shapes a wheel GET answers are read here: a 200 with a Content-Length and no
 * Transfer-Encoding (RFC 9112 §6.3: the body is exactly that many bytes), and a 404. Anything else
 * (another status, a chunked or close-delimited body, a connection that fails before the head is
 * complete, a stale keep-alive connection) answers `fallback`: the caller asks again through undici
 * (s3-client.ts), which owns retries, S3's error documents and their messages. Over TLS the
 * server's certificate is checked against the host's name with Node's CA store, as undici does (a
 * failed handshake is a connection lost before the head: fallback, and undici reports it).
 * Timeouts are undici's three, under undici's codes, so that S3Client.observe treats them alike
 * (the store is then not asked again); the minimum rate and the deadline are the same TransferGuard
 * the client's undici requests run under (s3-transfer-guard.ts). The request and response heads are
 * s3-http-head.ts's.
 */
import { connect, isIP, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { DEFAULT_S3_TRANSFER_LIMITS, TransferGuard, type S3TransferLimits } from './s3-transfer-guard.js';
import { parseResponseHead } from './s3-http-head.js';

/** Where the body's bytes go, in order. `chunk` is valid only during the call. */
export interface PlainGetSink {
  /** A promise pauses the connection until it settles (rejected: the GET fails with its error). */
  data(chunk: Buffer): Promise<void> | undefined;
  /**
   * Optional: memory of the sink's own for the connection's next read (at most `max` bytes), so
   * the body's bytes need no copy; `filled(n)` then answers as `data` would for those `n` bytes.
   * Lent memory must stay the sink's until `filled` took it back or the sink is thrown away.
   */
  room?(max: number): Buffer | undefined;
  filled?(n: number): Promise<void> | undefined;
}

export type PlainGetResult = { status: 200; size: number } | { status: 404 } | { status: 'fallback' };

export interface PlainGetOptions {
  host: string;
  port: number;
  /**
   * TLS (an https endpoint): the server's name is checked against `host` with Node's CA store, as
   * undici does; `ca` replaces that store (tests with their own certificate authority).
   */
  tls?: { ca?: string | Buffer };
  /** Connections open at once (more GETs wait for one). */
  maxConnections: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Minimum body rate and whole-exchange deadline (s3-transfer-guard.ts; its defaults when absent). */
  transfer?: S3TransferLimits;
}

/** A response head larger than this is not a wheel GET's: fallback. */
const HEAD_LIMIT = 64 * 1024;
/** Each connection's read buffer. */
const READ_BUFFER = 256 * 1024;

/** An error under one of undici's timeout codes (s3-client.ts TIMEOUT_CODES). */
class PlainGetTimeout extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The request being read on a connection. */
interface Reading {
  /** Bytes from the connection's buffer; false pauses the connection. */
  feed(bytes: Buffer): boolean;
  /** The request's own memory for the next read (a body being read into a sink with `room`). */
  room(): Buffer | undefined;
  /** The next read went into `room`'s memory: `n` bytes; false pauses the connection. */
  filled(n: number): boolean;
  /** The connection ended or failed. */
  ended(error: Error | undefined): void;
}

class Connection {
  readonly socket: Socket;
  reading: Reading | undefined;
  connected = false;
  /** The event after which requests may be sent: 'connect', or 'secureConnect' over TLS. */
  readonly connectEvent: 'connect' | 'secureConnect';
  closed = false;

  constructor(options: PlainGetOptions, onClose: (c: Connection) => void) {
    const own = Buffer.allocUnsafeSlow(READ_BUFFER);
    /** The reading whose memory the next read goes into (from `room`), if any. */
    let lentTo: Reading | undefined;
    const onread = {
      // Node asks for the next read's memory after every read (and once at the start). Over plain
      // TCP a body read into a sink with room goes straight there; over TLS, or when nobody reads,
      // into the connection's own buffer.
      buffer: (): Uint8Array => {
        lentTo = options.tls === undefined ? this.reading : undefined;
        const room = lentTo?.room();
        if (room === undefined) lentTo = undefined;
        return room ?? own;
      },
      callback: (n: number, buffer: Uint8Array): boolean => {
        const reading = this.reading;
        const lent = lentTo;
        lentTo = undefined;
        if (reading === undefined) {
          // Bytes nobody asked for: the connection's framing cannot be trusted any more.
          this.socket.destroy();
          return false;
        }
        if (lent !== undefined && buffer !== own) {
          if (lent !== reading) {
            this.socket.destroy(); // cannot happen: a reading ends only after a read or with the connection
            return false;
          }
          return reading.filled(n);
        }
        return reading.feed(Buffer.from(buffer.buffer, buffer.byteOffset, n));
      },
    };
    const at = { host: options.host, port: options.port, noDelay: true, onread };
    this.socket =
      options.tls === undefined
        ? connect(at)
        : connectTls({
            ...at,
            // SNI names a host, never an address (RFC 6066 §3).
            ...(isIP(options.host) === 0 ? { servername: options.host } : {}),
            ALPNProtocols: ['http/1.1'],
            ...(options.tls.ca !== undefined ? { ca: options.tls.ca } : {}),
          });
    this.connectEvent = options.tls === undefined ? 'connect' : 'secureConnect';
    this.socket.once(this.connectEvent, () => (this.connected = true));
    this.socket.on('error', (error) => this.reading?.ended(error));
    this.socket.on('end', () => this.socket.destroy());
    this.socket.on('close', () => {
      this.closed = true;
      this.reading?.ended(undefined);
      onClose(this);
    });
  }
}

export class PlainGetPool {
  /** Answers read here (200 and 404), answers left to undici, connections opened: for tests and logs. */
  readonly counts = { read: 0, fallback: 0, connections: 0 };
  private readonly idle: Connection[] = [];
  private readonly waiting: (() => void)[] = [];
  private open = 0;
  private closing = false;

  constructor(private readonly options: PlainGetOptions) {}

  /** A connection for one request: an idle one, a new one, or the next one released. */
  private async acquire(): Promise<{ connection: Connection; reused: boolean }> {
    for (;;) {
      const idle = this.idle.pop();
      if (idle !== undefined) {
        if (idle.closed) continue;
        idle.socket.ref();
        return { connection: idle, reused: true };
      }
      if (this.open < this.options.maxConnections) {
        this.open++;
        this.counts.connections++;
        const connection = new Connection(this.options, (c) => {
          this.open--;
          const at = this.idle.indexOf(c);
          if (at >= 0) this.idle.splice(at, 1);
          this.waiting.shift()?.();
        });
        return { connection, reused: false };
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(connection: Connection, reusable: boolean): void {
    connection.reading = undefined;
    if (!reusable || this.closing || connection.closed) {
      connection.socket.destroy(); // 'close' lets the next waiter in
      return;
    }
    connection.socket.setTimeout(0);
    connection.socket.resume();
    connection.socket.unref();
    this.idle.push(connection);
    this.waiting.shift()?.();
  }

  /**
   * Sends `head` (a complete HTTP/1.1 GET request head: request line, Host and the signed headers,
   * the blank line) and streams a 200's body into `sink`, refusing a Content-Length over `limit`.
   */
  async get(head: string, limit: number, sink: PlainGetSink, signal?: AbortSignal): Promise<PlainGetResult> {
    signal?.throwIfAborted();
    const { connection, reused } = await this.acquire();
    if (signal?.aborted === true) {
      // Aborted while waiting for a connection: nothing was sent on it, it stays usable.
      this.release(connection, reused);
      throw signal.reason as Error;
    }
    const socket = connection.socket;
    return new Promise<PlainGetResult>((resolve, reject) => {
      let headBytes: Buffer[] = [];
      let headSize = 0;
      let left = -1; // body bytes still expected; -1 while the head is read
      let received = 0;
      let total = 0;
      let keepAlive = true;
      let done = false;
      let pausedBy: Promise<void> | undefined;
      /** The whole head must arrive within headersTimeoutMs of the request (undici's headersTimeout). */
      let headTimer: NodeJS.Timeout | undefined;
      const guard = new TransferGuard(this.options.transfer ?? DEFAULT_S3_TRANSFER_LIMITS, (error) =>
        finish(error, false),
      );
      const finish = (result: PlainGetResult | Error, reusable: boolean): void => {
        if (done) return;
        done = true;
        guard.stop();
        clearTimeout(headTimer);
        signal?.removeEventListener('abort', onAbort);
        socket.off('timeout', onTimeout);
        socket.off(connection.connectEvent, onConnect);
        this.release(connection, reusable && !(result instanceof Error));
        if (!(result instanceof Error)) this.counts[result.status === 'fallback' ? 'fallback' : 'read']++;
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const onAbort = (): void => finish(signal!.reason as Error, false);
      signal?.addEventListener('abort', onAbort, { once: true });

      /** `n` body bytes, handed to the sink by `give`. */
      const body = (n: number, give: () => Promise<void> | undefined): boolean => {
        if (n > left) {
          finish(new Error(`the server sent more than its Content-Length of ${total} bytes`), false);
          return false;
        }
        left -= n;
        received += n;
        guard.data(n);
        let paused: Promise<void> | undefined;
        try {
          paused = give();
        } catch (error) {
          finish(error as Error, false);
          return false;
        }
        if (paused !== undefined) {
          pausedBy = paused;
          socket.pause(); // with `onread`, net.Socket's pause/resume stop and restart the reads
          // Our own sink's wait is not the server's silence (undici's body timeout stops while paused).
          socket.setTimeout(0);
          guard.pause();
          paused.then(
            () => {
              if (pausedBy !== paused || done) return;
              pausedBy = undefined;
              guard.resume();
              if (left === 0) finish({ status: 200, size: received }, keepAlive);
              else {
                socket.setTimeout(this.options.bodyTimeoutMs);
                socket.resume();
              }
            },
            (error: unknown) => finish(error as Error, false),
          );
          return false;
        }
        if (left === 0) finish({ status: 200, size: received }, keepAlive);
        return true;
      };

      const parseHead = (bytes: Buffer): boolean => {
        headBytes.push(Buffer.from(bytes)); // a copy: `bytes` is the connection's buffer
        headSize += bytes.length;
        const all = headBytes.length === 1 ? headBytes[0]! : Buffer.concat(headBytes, headSize);
        headBytes = [all];
        const head = parseResponseHead(all);
        if (head === 'incomplete') {
          if (headSize > HEAD_LIMIT) finish({ status: 'fallback' }, false);
          return headSize <= HEAD_LIMIT;
        }
        if (head === 'unreadable') {
          finish({ status: 'fallback' }, false);
          return false;
        }
        const { length } = head;
        keepAlive = head.keepAlive;
        if (head.status === '404') {
          finish({ status: 404 }, false);
          return false;
        }
        if (head.status !== '200' || head.chunked || length === undefined || Number.isNaN(length)) {
          finish({ status: 'fallback' }, false);
          return false;
        }
        if (length > limit) {
          finish(new Error(`more than the entry's ${limit} bytes (Content-Length ${length})`), false);
          return false;
        }
        total = length;
        left = length;
        clearTimeout(headTimer);
        guard.bodyStarted(length);
        socket.setTimeout(this.options.bodyTimeoutMs);
        const rest = all.subarray(head.bodyAt);
        headBytes = [];
        if (left === 0) {
          if (rest.length > 0) finish(new Error('the server sent a body after an empty one'), false);
          else finish({ status: 200, size: 0 }, keepAlive);
          // Released for the next request, which reads on: false here would stop the connection's reads.
          return keepAlive;
        }
        return rest.length > 0 ? body(rest.length, () => sink.data(rest)) : true;
      };

      connection.reading = {
        feed: (bytes) => {
          if (done) return false;
          return left < 0 ? parseHead(bytes) : body(bytes.length, () => sink.data(bytes));
        },
        // Never more than the body's rest: a read never holds bytes past it.
        // Also while the sink holds the connection paused: it keeps lent memory as it was.
        room: () => (done || left <= 0 || sink.room === undefined ? undefined : sink.room(left)),
        filled: (n) => (done ? false : body(n, () => sink.filled!(n))),
        ended: (error) => {
          if (done) return;
          // Before the head: a stale keep-alive connection, a refused one…: undici asks again.
          if (left < 0) return finish({ status: 'fallback' }, false);
          finish(
            new Error(
              `the connection ${error !== undefined ? `failed (${error.message})` : 'closed'} after ${received} of ${total} bytes`,
            ),
            false,
          );
        },
      };
      function onTimeout(): void {
        finish(
          !connection.connected
            ? new PlainGetTimeout('connect timeout', 'UND_ERR_CONNECT_TIMEOUT')
            : left < 0
              ? new PlainGetTimeout('headers timeout', 'UND_ERR_HEADERS_TIMEOUT')
              : new PlainGetTimeout('body timeout', 'UND_ERR_BODY_TIMEOUT'),
          false,
        );
      }
      const timeouts = this.options;
      // The socket's idle timeout restarts with every byte: a head sent a byte at a time would never
      // trip it, so the head also has one fixed deadline from the request.
      const armHead = (): void => {
        headTimer = setTimeout(() => {
          if (left < 0) finish(new PlainGetTimeout('headers timeout', 'UND_ERR_HEADERS_TIMEOUT'), false);
        }, timeouts.headersTimeoutMs);
      };
      function onConnect(): void {
        if (!done && left < 0) {
          socket.setTimeout(timeouts.headersTimeoutMs);
          armHead();
        }
      }
      socket.on('timeout', onTimeout);
      if (connection.connected || reused) {
        socket.setTimeout(this.options.headersTimeoutMs);
        armHead();
      } else {
        socket.setTimeout(this.options.connectTimeoutMs);
        socket.once(connection.connectEvent, onConnect);
      }
      guard.start();
      socket.write(head);
    });
  }

  /** Closes every connection (requests in flight fail). */
  close(): void {
    this.closing = true;
    for (const c of this.idle.splice(0)) c.socket.destroy();
  }
}
