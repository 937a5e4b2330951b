/**
 * The limits on one S3 exchange that undici's own timeouts leave open (review 1 of session 9):
 * those fire only when NO byte arrives for a while, so a store that answers one byte every few
 * seconds — a degraded Ceph or MinIO, a misbehaving proxy, a hostile endpoint — would hold a run
 * for as long as it liked. As the index client bounds its exchanges (src/index/transfer-limits.ts,
 * docs/reliability.md): a minimum body rate over a sliding window, and a deadline for the whole
 * exchange that grows with the size the response declares.
 *
 * Time the reader spends paused (the consumer's own backpressure: a file sink waiting for the
 * disk, a restore waiting for a batch buffer) is not the store's slowness and does not count
 * against the rate; a window starts again when reading resumes.
 *
 * Violations end the exchange with an error whose code (`TOO_SLOW`, `DEADLINE`) s3-error.ts words
 * as a timeout, so the client treats the store as unresponsive for the rest of the run, as for its
 * other timeouts.
 */
import type { Dispatcher } from 'undici';

export const S3_TOO_SLOW = 'S3_TOO_SLOW';
export const S3_DEADLINE = 'S3_DEADLINE';

export interface S3TransferLimits {
  /** Minimum body rate: at least `minBytesPerSec` on average over every `windowMs` of reading. */
  minBytesPerSec: number;
  windowMs: number;
  /** Deadline of a whole exchange (ms), plus the declared body size at `deadlineBytesPerSec`. */
  deadlineMs: number;
  deadlineBytesPerSec: number;
}

export const DEFAULT_S3_TRANSFER_LIMITS: S3TransferLimits = {
  minBytesPerSec: 1024,
  windowMs: 5_000,
  deadlineMs: 300_000,
  deadlineBytesPerSec: 64 * 1024,
};

const MAX_TIMER_MS = 2 ** 31 - 1;

export class S3TransferLimitError extends Error {
  override name = 'S3TransferLimitError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * One exchange's watchdog: `start` when the request is sent, `bodyStarted(size)` at the response
 * headers, `data(n)` per body chunk, `pause`/`resume` around the reader's own waits, `stop` at the
 * end. `violated` is called at most once.
 */
export class TransferGuard {
  private deadline?: NodeJS.Timeout;
  private window?: NodeJS.Timeout;
  private windowBytes = 0;
  private paused = false;
  private reading = false;
  private stopped = false;
  private startedAt = 0;

  constructor(
    private readonly limits: S3TransferLimits,
    private readonly violated: (error: S3TransferLimitError) => void,
  ) {}

  /** The request is sent (with a body of `uploadSize` bytes: the deadline grows with it too). */
  start(uploadSize = 0): void {
    this.startedAt = Date.now();
    this.base = this.limits.deadlineMs + this.sizeMs(uploadSize);
    this.armDeadline(this.base);
  }

  private base = 0;

  private sizeMs(size: number | undefined): number {
    return size !== undefined && size > 0 && this.limits.deadlineBytesPerSec > 0
      ? Math.ceil((size / this.limits.deadlineBytesPerSec) * 1000)
      : 0;
  }

  /** The response headers arrived: the body (of `size` bytes, when declared) is read from now. */
  bodyStarted(size: number | undefined): void {
    if (this.stopped) return;
    const extra = this.sizeMs(size);
    if (extra > 0) this.armDeadline(this.base + extra - (Date.now() - this.startedAt));
    this.reading = true;
    this.openWindow();
  }

  data(bytes: number): void {
    this.windowBytes += bytes;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    clearTimeout(this.window);
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.openWindow();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.deadline);
    clearTimeout(this.window);
  }

  private armDeadline(ms: number): void {
    if (this.limits.deadlineMs <= 0) return;
    clearTimeout(this.deadline);
    this.deadline = setTimeout(
      () =>
        this.fail(
          new S3TransferLimitError(
            `no complete answer in ${Math.round((Date.now() - this.startedAt) / 1000)} s (the deadline: ${this.limits.deadlineMs / 1000} s, more for a large body)`,
            S3_DEADLINE,
          ),
        ),
      // setTimeout takes at most 2^31 − 1 ms (a longer delay fires at once, with a warning).
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
    this.deadline.unref();
  }

  private openWindow(): void {
    if (this.stopped || !this.reading || this.paused || this.limits.minBytesPerSec <= 0) return;
    clearTimeout(this.window);
    this.windowBytes = 0;
    this.window = setTimeout(() => {
      const need = (this.limits.minBytesPerSec * this.limits.windowMs) / 1000;
      if (this.windowBytes < need) {
        this.fail(
          new S3TransferLimitError(
            `the answer came too slowly: ${this.windowBytes} bytes in ${this.limits.windowMs / 1000} s, under the minimum of ${this.limits.minBytesPerSec} bytes/s`,
            S3_TOO_SLOW,
          ),
        );
      } else {
        this.openWindow();
      }
    }, this.limits.windowMs);
    this.window.unref();
  }

  private fail(error: S3TransferLimitError): void {
    if (this.stopped) return;
    this.stop();
    this.violated(error);
  }
}

type Dispatch = Dispatcher['dispatch'];
type Handler = Dispatcher.DispatchHandler;
type Controller = Dispatcher.DispatchController;

/** The request body's declared size (its Content-Length header), else 0. */
function requestSize(headers: Dispatcher.DispatchOptions['headers']): number {
  let value: unknown;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2)
      if (String(headers[i]).toLowerCase() === 'content-length') value = headers[i + 1];
  } else if (headers !== null && typeof headers === 'object') {
    for (const [name, v] of Object.entries(headers as Record<string, unknown>))
      if (name.toLowerCase() === 'content-length') value = v;
  }
  const size = Number(value);
  return Number.isFinite(size) && size > 0 ? size : 0;
}

/**
 * An undici interceptor (`agent.compose(...)`) that puts every exchange of the dispatcher under a
 * TransferGuard: the guard sees the body's chunks and the reader's pauses; a violation aborts the
 * exchange with the guard's error (the request, or the reading of its body, fails with it).
 */
export function transferGuardInterceptor(limits: S3TransferLimits): (dispatch: Dispatch) => Dispatch {
  return (dispatch) => (opts, handler) => {
    let controller: Controller | undefined;
    let early: S3TransferLimitError | undefined;
    const guard = new TransferGuard(limits, (error) => {
      if (controller !== undefined) controller.abort(error);
      else early = error;
    });
    // What the inner handler pauses and resumes is seen by the guard on its way to undici.
    let watched: Controller | undefined;
    const watch = (c: Controller): Controller =>
      (watched ??= {
        abort: (reason: Error) => c.abort(reason),
        pause: () => {
          guard.pause();
          c.pause();
        },
        resume: () => {
          guard.resume();
          c.resume();
        },
        get paused() {
          return c.paused;
        },
        get aborted() {
          return c.aborted;
        },
        get reason() {
          return c.reason;
        },
      });
    const wrapped: Handler = {
      onRequestStart: (c, context) => {
        // The clock starts when the request goes out on a connection, not while it waits for one
        // (16 connections, up to 64 exchanges dispatched by a save).
        guard.start(requestSize(opts.headers));
        controller = c;
        if (early !== undefined) c.abort(early);
        handler.onRequestStart?.(watch(c), context);
      },
      onRequestUpgrade: (c, statusCode, headers, socket) =>
        handler.onRequestUpgrade?.(watch(c), statusCode, headers, socket),
      onResponseStart: (c, statusCode, headers, statusMessage) => {
        if (statusCode >= 200) {
          const length = Number(headers['content-length']);
          guard.bodyStarted(Number.isFinite(length) ? length : undefined);
        }
        handler.onResponseStart?.(watch(c), statusCode, headers, statusMessage);
      },
      onResponseData: (c, chunk) => {
        guard.data(chunk.length);
        handler.onResponseData?.(watch(c), chunk);
      },
      onResponseEnd: (c, trailers) => {
        guard.stop();
        handler.onResponseEnd?.(watch(c), trailers);
      },
      onResponseError: (c, error) => {
        guard.stop();
        handler.onResponseError?.(watch(c), error);
      },
    };
    return dispatch(opts, wrapped);
  };
}
