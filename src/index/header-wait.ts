/**
 * How long a server may take over its response headers (issue 10 §2, docs/reliability.md "Memory
 * and time are bounded"). Two different waits hide in "the headers are late":
 *
 * - Before the first byte of the response, an honest server may be computing: a proxy index
 *   fetching a page upstream on a miss, a large page rendered on demand. pip waits 15 s for any
 *   read of a socket (its default `--timeout`), so wheelhouse waits as long for the first byte
 *   (`firstByteMs`, env `WHEELHOUSE_HTTP_HEADERS_TIMEOUT`): a slow index pip copes with is not cut off.
 * - Once the first byte has arrived, the server has its answer; a real server writes the status
 *   line and header fields in one go (a few hundred bytes to a few KiB: one or two TCP segments).
 *   A server that trickles them (one byte every few seconds) is stalling on purpose; pip's per-read
 *   timeout never ends that, undici's `headersTimeout` only at its full length. So the header block
 *   must be complete within `headerBlockMs` (3 s) of its first byte.
 * - Whatever happens (interim 1xx responses, a request whose socket could not be observed), the
 *   final headers must arrive within `firstByteMs + headerBlockMs` of sending the request.
 *
 * Bytes are observed on the request's own socket (`socket.bytesRead`: plaintext bytes for TLS
 * sockets too), read on a short tick; no listener is added to the socket, so undici's reading is
 * untouched. undici does not hand the socket to a dispatch handler, so each request is matched to
 * it through undici's documented diagnostics channel `undici:client:sendHeaders` ("published right
 * before the first byte of the request is written to the socket", with that socket): undici calls
 * the handler's `onRequestStart` and then publishes that message synchronously, in the same call
 * (client-h1.js `writeH1`), so the request that claimed the next message in `onRequestStart` is the
 * one being written. The claim lapses at the next microtask and is checked against the request's
 * method and path, so a message of another request (Node's own fetch publishes on the same
 * channel) is never taken for ours.
 */
import { subscribe } from 'node:diagnostics_channel';
import { HEADERS_TIMEOUT_HINT, LIMIT_CODES, TransferLimitError } from './transfer-limits.js';

export interface HeaderWaitLimits {
  /** Longest wait for the first byte of the response after the request is sent (ms; 0 = no wait). */
  firstByteMs: number;
  /** Longest time from the first byte of the response to its complete header block (ms). */
  headerBlockMs: number;
}

/** What a header wait needs of a socket. */
interface ObservedSocket {
  readonly bytesRead: number;
}

interface Claim {
  method: string;
  path: string;
  bind(socket: ObservedSocket): void;
}

let claimant: Claim | undefined;
let subscribed = false;

function onSendHeaders(message: unknown): void {
  const claim = claimant;
  claimant = undefined;
  if (claim === undefined) return;
  const { request, socket } = (message ?? {}) as {
    request?: { method?: unknown; path?: unknown };
    socket?: { bytesRead?: unknown };
  };
  if (request?.method !== claim.method || request?.path !== claim.path) return;
  if (typeof socket?.bytesRead !== 'number') return;
  claim.bind(socket as ObservedSocket);
}

/**
 * The header wait of one exchange. `sent` when undici writes the request (the handler's
 * `onRequestStart`), `headersDone` at each response head (interim or final), `end` when the
 * exchange is over; `fail` is called once, with the limit error, when a wait is exceeded.
 */
export class HeaderWait {
  private socket: ObservedSocket | undefined;
  private sentAt = 0;
  /** Socket bytes before the current response began, and when its first byte was seen. */
  private base = 0;
  private firstSeenAt: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private over = false;

  constructor(
    private readonly limits: HeaderWaitLimits,
    /** `host:port` for messages. */
    private readonly host: string,
    private readonly fail: (error: TransferLimitError) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The request is being written now; `method` and `path` as given to undici. */
  sent(method: string, path: string): void {
    if (this.over || this.limits.firstByteMs <= 0) return;
    this.sentAt = this.now();
    if (!subscribed) {
      subscribe('undici:client:sendHeaders', onSendHeaders);
      subscribed = true;
    }
    const claim: Claim = {
      method,
      path,
      bind: (socket) => {
        this.socket = socket;
        this.base = socket.bytesRead;
      },
    };
    claimant = claim;
    queueMicrotask(() => {
      if (claimant === claim) claimant = undefined;
    });
    const tick = Math.max(10, Math.min(250, this.limits.headerBlockMs / 4, this.limits.firstByteMs / 4));
    this.timer = setInterval(() => this.check(), tick);
    this.timer.unref();
  }

  /** A response head is complete: the final one ends the wait, an interim (1xx) one starts the next. */
  headersDone(final: boolean): void {
    if (final) return this.end();
    if (this.socket !== undefined) this.base = this.socket.bytesRead;
    this.firstSeenAt = undefined;
  }

  end(): void {
    this.over = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    if (this.over) return;
    const now = this.now();
    const { firstByteMs, headerBlockMs } = this.limits;
    const received = this.socket === undefined ? 0 : this.socket.bytesRead - this.base;
    if (received > 0 && this.firstSeenAt === undefined) this.firstSeenAt = now;
    let message: string | undefined;
    if (this.firstSeenAt !== undefined && now - this.firstSeenAt >= headerBlockMs) {
      message = `${this.host} is too slow sending its response headers: ${received} bytes in ${seconds(now - this.firstSeenAt)} s without completing them (a server sends its headers at once; limit ${seconds(headerBlockMs)} s after the first byte)`;
    } else if (
      this.firstSeenAt === undefined &&
      this.socket !== undefined &&
      now - this.sentAt >= firstByteMs
    ) {
      message = `${this.host} sent no response headers within ${seconds(firstByteMs)} s ${HEADERS_TIMEOUT_HINT}`;
    } else if (now - this.sentAt >= firstByteMs + headerBlockMs) {
      message = `${this.host} sent no complete response headers within ${seconds(firstByteMs + headerBlockMs)} s ${HEADERS_TIMEOUT_HINT}`;
    }
    if (message === undefined) return;
    this.end();
    this.fail(new TransferLimitError(message, LIMIT_CODES.headers));
  }
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
