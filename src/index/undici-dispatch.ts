/**
 * One HTTP request through undici's low-level `dispatch` with our own handler, instead of
 * `dispatcher.request()`, whose body stream pauses the HTTP/1 parser whenever its 64 KiB buffer is
 * full. A paused parser followed by the server closing the socket crashes undici 7 with an
 * uncatchable `assert(!this.paused)` (nodejs/undici#5360; see body-queue.ts). Here the parser is
 * paused only when `pausingIsSafe` proves the response keep-alive; otherwise the body is read as
 * fast as it arrives into a BodyQueue, which bounds memory by spilling to a temporary file.
 *
 * The exchange's limits (transfer-limits.ts) are enforced here, as bytes arrive: a body over its
 * byte limit (declared by Content-Length or counted) ends the exchange at once, and a watchdog ends
 * it when the whole exchange outlives its deadline or the body arrives slower than the minimum
 * rate over a window (time the parser spends paused for a slow reader does not count); before the
 * response headers, a HeaderWait (header-wait.ts) bounds the wait for them.
 */
import type { Dispatcher } from 'undici';
import { BodyQueue, type BodyQueueOptions } from './body-queue.js';
import { HeaderWait, type HeaderWaitLimits } from './header-wait.js';
import {
  bodyTooLarge,
  formatBytes,
  LIMIT_CODES,
  TransferLimitError,
  type BodyLimit,
} from './transfer-limits.js';

export interface DispatchedResponse {
  status: number;
  /** Lower-case names; repeated headers as arrays. */
  headers: Record<string, string | string[] | undefined>;
  body: BodyQueue;
  /** Settles when the exchange is over: body complete, failed or aborted (never rejects). */
  done: Promise<void>;
  /** Ends the exchange now (closes the connection); the body fails with `reason`. */
  abort(reason: Error): void;
}

export interface DispatchRequest {
  origin: string;
  path: string;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** Most body bytes accepted, chosen by the response status (none when absent). */
  limit?: (status: number) => BodyLimit | undefined;
  /** Deadline of the whole exchange in ms (0 or absent: none). */
  deadlineMs?: number;
  /** Ms allowed since the response headers arrived for the body bytes received so far (http-client.ts). */
  earnedDeadline?: (receivedBytes: number) => number;
  /** Minimum body rate: at least `bytesPerSec` on average over every `windowMs` (absent: none). */
  minRate?: { bytesPerSec: number; windowMs: number };
  /** Bounds of the wait for the response headers (absent: none besides the deadline). */
  headerWait?: HeaderWaitLimits;
  /** `host:port` for messages. */
  host?: string;
}

function tokens(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v.join(',') : v)
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
}

/**
 * True only when llhttp is certain to treat the response as keep-alive (its
 * `llhttp_should_keep_alive`), whatever the HTTP version, which the handler cannot see: HTTP/1.0 is
 * keep-alive only with a `Connection: keep-alive` token, HTTP/1.1 unless `Connection: close`
 * (llhttp reads `Proxy-Connection` the same way), and never when the body ends with the connection
 * (no Content-Length, or a Transfer-Encoding whose last coding is not chunked; RFC 9112 §6.3).
 * An HTTP/1.1 response without a Connection header is keep-alive too, but it looks exactly like
 * the HTTP/1.0 responses of `python3 -m http.server`, so it does not count as proven.
 */
export function pausingIsSafe(
  method: string,
  status: number,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  const connection = [...tokens(headers.connection), ...tokens(headers['proxy-connection'])];
  if (connection.includes('close') || !connection.includes('keep-alive')) return false;
  // Bodies with no bytes never pause anything.
  if (method === 'HEAD' || status === 204 || status === 304) return true;
  const codings = tokens(headers['transfer-encoding']);
  if (codings.length > 0) return codings[codings.length - 1] === 'chunked';
  return headers['content-length'] !== undefined;
}

/**
 * True when every byte a Content-Length promised has arrived. A keep-alive response whose parser
 * is paused right after its last body byte (before llhttp reports the message complete) fails
 * with "other side closed" when the server then closes the connection; the body is whole, and
 * callers verify hashes anyway, so that error is not the body's.
 */
function hasAllDeclaredBytes(response: DispatchedResponse): boolean {
  if (response.headers['transfer-encoding'] !== undefined) return false;
  const declared = response.headers['content-length'];
  if (typeof declared !== 'string' || !/^\d+$/.test(declared.trim())) return false;
  return response.body.received === Number(declared);
}

/** Sends the request; resolves at the response headers, rejects when no response arrives. */
export function dispatchRequest(
  dispatcher: Dispatcher,
  request: DispatchRequest,
  queueOptions: Omit<BodyQueueOptions, 'canPause' | 'pause' | 'resume'> = {},
): Promise<DispatchedResponse> {
  return new Promise<DispatchedResponse>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let response: DispatchedResponse | undefined;
    let finish!: () => void;
    const done = new Promise<void>((r) => (finish = r));
    let settled = false;
    const { signal } = request;

    const host = request.host ?? request.origin;
    const timers: NodeJS.Timeout[] = [];
    const settle = (): void => {
      if (settled) return;
      settled = true;
      headerWait?.end();
      for (const t of timers) clearTimeout(t); // also clears intervals
      signal?.removeEventListener('abort', onAbort);
      finish();
    };
    const abortWith = (reason: Error): void => {
      if (controller && !controller.aborted) controller.abort(reason);
    };
    function onAbort(): void {
      const reason = signal?.reason instanceof Error ? signal.reason : new Error('aborted');
      abortWith(reason);
    }
    /** Ends the exchange for a limit: the body fails with `error`, or the request rejects. */
    const stop = (error: TransferLimitError): void => {
      if (settled) return;
      if (response) response.body.fail(error);
      else reject(error);
      abortWith(error);
      settle();
    };
    const { deadlineMs, minRate, earnedDeadline } = request;
    const headerWait =
      request.headerWait === undefined ? undefined : new HeaderWait(request.headerWait, host, stop);
    let limit: BodyLimit | undefined;
    if (deadlineMs !== undefined && deadlineMs > 0) {
      const t = setTimeout(
        () =>
          stop(
            new TransferLimitError(
              `${host} did not complete the ${response ? 'response body' : 'response'} within ${deadlineMs / 1000} s (request deadline)`,
              LIMIT_CODES.deadline,
            ),
          ),
        deadlineMs,
      );
      t.unref();
      timers.push(t);
    }
    const startRateWatch = (): void => {
      // The earned deadline counts from the headers: their wait has its own bound (review 17c F3).
      const bodyStartedAt = Date.now();
      if (minRate === undefined || minRate.bytesPerSec <= 0 || minRate.windowMs <= 0) return;
      // Every window must bring its share of bytes, counted from the response headers on; a
      // window in which the parser was paused (our reader was slow) is not held against the server.
      let lastReceived = 0;
      let lastPauses = 0;
      const need = Math.ceil((minRate.bytesPerSec * minRate.windowMs) / 1000);
      const interval = setInterval(() => {
        const body = response?.body;
        if (settled || body === undefined || body.settled) return;
        const got = body.received - lastReceived;
        const paused = body.isPaused || body.pauses !== lastPauses;
        lastReceived = body.received;
        lastPauses = body.pauses;
        if (earnedDeadline !== undefined) {
          const allowed = earnedDeadline(body.received);
          if (Date.now() - bodyStartedAt > allowed) {
            stop(
              new TransferLimitError(
                `${host} did not complete the response body within ${Math.round(allowed / 1000)} s (the deadline earned by ${body.received} bytes received)`,
                LIMIT_CODES.deadline,
              ),
            );
            return;
          }
        }
        if (!paused && got < need) {
          stop(
            new TransferLimitError(
              `${host} is too slow: ${got} body bytes in ${minRate.windowMs / 1000} s, under the minimum of ${formatBytes(minRate.bytesPerSec)}/s`,
              LIMIT_CODES.tooSlow,
            ),
          );
        }
      }, minRate.windowMs);
      interval.unref();
      timers.push(interval);
    };

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (settled) c.abort(new Error('request stopped before it started'));
        else if (signal?.aborted) onAbort();
        else headerWait?.sent(request.method, request.path);
      },
      onResponseStart(c, status, headers) {
        // 1xx responses are informational; the final response follows on the same exchange.
        headerWait?.headersDone(status >= 200);
        if (status < 200 || response) return;
        const canPause = pausingIsSafe(request.method, status, headers);
        const body = new BodyQueue({
          ...queueOptions,
          canPause,
          pause: () => c.pause(),
          resume: () => c.resume(),
        });
        response = { status, headers: { ...headers }, body, done, abort: abortWith };
        resolve(response);
        startRateWatch();
        limit = request.limit?.(status);
        const declared = headers['content-length'];
        if (
          limit !== undefined &&
          request.method !== 'HEAD' &&
          typeof declared === 'string' &&
          /^\d+$/.test(declared.trim()) &&
          Number(declared) > limit.bytes
        ) {
          stop(bodyTooLarge(limit, `Content-Length: ${declared.trim()}`));
        }
      },
      onResponseData(c, chunk) {
        if (settled) return;
        if (limit !== undefined && response && response.body.received + chunk.length > limit.bytes) {
          stop(bodyTooLarge(limit, `at least ${response.body.received + chunk.length} bytes sent`));
          return;
        }
        try {
          response?.body.push(chunk);
        } catch (e) {
          // A spill write failed (e.g. disk full): the body cannot be kept, so end the exchange.
          response?.body.fail(e);
          c.abort(e as Error);
        }
      },
      onResponseEnd() {
        if (settled) return;
        response?.body.end();
        settle();
      },
      onResponseError(_c, error) {
        if (settled) return;
        if (!response) reject(error);
        else if (hasAllDeclaredBytes(response)) response.body.end();
        else response.body.fail(error);
        settle();
      },
    };

    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      dispatcher.dispatch(
        { origin: request.origin, path: request.path, method: request.method, headers: request.headers },
        handler,
      );
    } catch (e) {
      settle();
      reject(e);
    }
  });
}
