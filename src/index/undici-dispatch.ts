/**
 * One HTTP request through undici's low-level `dispatch` with our own handler, instead of
 * `dispatcher.request()`, whose body stream pauses the HTTP/1 parser whenever its 64 KiB buffer is
 * full. A paused parser followed by the server closing the socket crashes undici 7 with an
 * uncatchable `assert(!this.paused)` (nodejs/undici#5360; see body-queue.ts). Here the parser is
 * paused only when `pausingIsSafe` proves the response keep-alive; otherwise the body is read as
 * fast as it arrives into a BodyQueue, which bounds memory by spilling to a temporary file.
 */
import type { Dispatcher } from 'undici';
import { BodyQueue, type BodyQueueOptions } from './body-queue.js';

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

    const settle = (): void => {
      if (settled) return;
      settled = true;
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

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (signal?.aborted) onAbort();
      },
      onResponseStart(c, status, headers) {
        // 1xx responses are informational; the final response follows on the same exchange.
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
      },
      onResponseData(c, chunk) {
        try {
          response?.body.push(chunk);
        } catch (e) {
          // A spill write failed (e.g. disk full): the body cannot be kept, so end the exchange.
          response?.body.fail(e);
          c.abort(e as Error);
        }
      },
      onResponseEnd() {
        response?.body.end();
        settle();
      },
      onResponseError(_c, error) {
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
