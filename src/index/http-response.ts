/**
 * Adapts an undici exchange (undici-dispatch.ts) to HttpResponse: lower-case single-string headers,
 * one-shot body access, the host permit released when the exchange is over (body complete,
 * failed, aborted or discarded), and body errors turned into NetworkError (redacted URL). `body()`
 * retries the whole request when the connection breaks mid-body (the request is idempotent);
 * `stream()` does not (callers resume themselves). A stream abandoned early discards the rest.
 */
import type { Logger } from '../util/logger.js';
import type { HttpResponse } from './http-client.js';
import { NetworkError } from './http-errors.js';
import { redactText } from './redact.js';
import { isRetryableError, retryDelayMs, type RetryPolicy } from './retry.js';
import type { DispatchedResponse } from './undici-dispatch.js';
import { bodyTooLarge, TransferLimitError } from './transfer-limits.js';
import { allocReleasable } from '../util/releasable-bytes.js';

/**
 * At most this many unread bytes of a keep-alive response are read and dropped by `discard()` to
 * keep its connection; a longer rest is cheaper to abort (the connection closes).
 */
export const DISCARD_DRAIN_LIMIT = 128 * 1024;

/** Largest declared Content-Length that `body()` allocates up front (larger bodies are joined from chunks). */
const PREALLOCATE_LIMIT = 64 * 1024 * 1024;

export interface WrapContext {
  url: string;
  method: string;
  redactedUrl: string;
  release: () => void;
  refetch?: () => Promise<HttpResponse>;
  retries: number;
  policy: RetryPolicy;
  logger: Logger;
  /** A body neither read nor discarded for this long is discarded with a warning (0: never). */
  unreadTimeoutMs: number;
  /** When the request named no limit: most bytes `body()` reads into memory. */
  maxBufferedBytes?: number;
}

function code(e: unknown): string | undefined {
  const c = (e as { code?: unknown })?.code;
  return typeof c === 'string' ? c : undefined;
}

export function wrapUndiciResponse(data: DispatchedResponse, ctx: WrapContext): HttpResponse {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(data.headers)) {
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  const queue = data.body;
  void data.done.then(() => {
    ctx.release();
    if (queue.spilled > 0) {
      ctx.logger.debug(
        `${ctx.method} ${ctx.redactedUrl}: ${queue.spilled} body bytes waited in a temporary file (read slower than received)`,
      );
    }
  });
  let used = false;
  let autoDiscarded = false;
  // Safety net: a body nobody claims would hold its connection and host permit (keep-alive,
  // paused) or its buffered bytes and spill file forever. Callers must consume or discard every
  // response; one forgotten for `unreadTimeoutMs` is discarded here, loudly.
  const unreadTimer =
    ctx.unreadTimeoutMs > 0
      ? setTimeout(() => {
          if (used) return;
          used = true;
          autoDiscarded = true;
          ctx.logger.warn(
            `${ctx.method} ${ctx.redactedUrl}: response body not read within ${ctx.unreadTimeoutMs} ms; discarded`,
          );
          void dropRest();
        }, ctx.unreadTimeoutMs)
      : undefined;
  unreadTimer?.unref();
  const claim = (what: string) => {
    if (used) {
      const why = autoDiscarded ? `discarded after ${ctx.unreadTimeoutMs} ms unread` : 'already consumed';
      throw new Error(`response body of ${ctx.method} ${ctx.redactedUrl} ${why} (${what})`);
    }
    used = true;
    clearTimeout(unreadTimer);
  };
  const toNetworkError = (e: unknown) =>
    e instanceof NetworkError
      ? e
      : new NetworkError(
          ctx.method,
          ctx.redactedUrl,
          redactText(
            e instanceof TransferLimitError ? e.message : `body: ${(e as Error)?.message ?? String(e)}`,
          ),
          code(e),
        );

  /** Drops the rest of the body: drains a short keep-alive rest, aborts anything else. */
  async function dropRest(): Promise<void> {
    queue.discard();
    if (!queue.settled) {
      const length = Number(headers['content-length']);
      const rest = Number.isFinite(length) ? length - queue.received : Infinity;
      if (!queue.canPause || rest > DISCARD_DRAIN_LIMIT) {
        data.abort(new Error(`response body of ${ctx.method} ${ctx.redactedUrl} discarded`));
      }
    }
    await data.done;
  }

  async function readAll(): Promise<Uint8Array> {
    const expected = headers['content-length'];
    const declared = expected === undefined || ctx.method === 'HEAD' ? NaN : Number(expected);
    // A declared length within bounds: the bytes are copied into one buffer as they arrive (one
    // copy, chunks freed at once); otherwise chunks are kept and joined at the end. A wrong length
    // is an error either way (below), so a short or long body never passes as the declared one.
    const into =
      Number.isSafeInteger(declared) &&
      declared > 0 &&
      declared <= PREALLOCATE_LIMIT &&
      (ctx.maxBufferedBytes === undefined || declared <= ctx.maxBufferedBytes)
        ? allocReleasable(declared)
        : undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = await queue.read();
      if (chunk === null) break;
      if (into !== undefined && total + chunk.length <= into.length) into.set(chunk, total);
      else if (into === undefined) chunks.push(chunk);
      total += chunk.length;
      if (ctx.maxBufferedBytes !== undefined && total > ctx.maxBufferedBytes) {
        const limit = { bytes: ctx.maxBufferedBytes, what: 'response body read into memory' };
        void dropRest();
        throw bodyTooLarge(limit, `at least ${total} bytes sent`);
      }
    }
    if (ctx.method !== 'HEAD' && expected !== undefined && Number(expected) !== total) {
      throw new NetworkError(
        ctx.method,
        ctx.redactedUrl,
        `body cut short: ${total} of ${expected} bytes`,
        'ESHORTBODY',
      );
    }
    // Small joins come from Node's shared pool: copied out. Larger ones (and `into`) own their memory,
    // which the caller may give back once done (util/releasable-bytes.ts `releaseBytes`).
    if (into !== undefined) return into;
    if (total < 4096) return new Uint8Array(Buffer.concat(chunks, total));
    const whole = allocReleasable(total);
    let at = 0;
    for (const chunk of chunks) {
      whole.set(chunk, at);
      at += chunk.length;
    }
    return whole;
  }

  return {
    status: data.status,
    url: ctx.url,
    headers,
    async body() {
      claim('body');
      try {
        return await readAll();
      } catch (e) {
        const err = toNetworkError(e);
        const retryable =
          isRetryableError(err.code) ||
          err.code === 'ESHORTBODY' ||
          err.code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH';
        if (!ctx.refetch || !retryable) throw err;
        let last = err;
        const started = Date.now();
        for (let attempt = 0; attempt < ctx.retries; attempt++) {
          const delay = retryDelayMs(ctx.policy, attempt, undefined);
          if (Date.now() - started + delay > ctx.policy.retryBudgetMs) break;
          ctx.logger.info(`retrying ${ctx.method} ${ctx.redactedUrl} in ${delay} ms after ${last.reason}`);
          await new Promise((r) => setTimeout(r, delay));
          try {
            const again = await ctx.refetch();
            if (again.status !== data.status) {
              await again.discard();
              throw new NetworkError(
                ctx.method,
                ctx.redactedUrl,
                `status changed to ${again.status} on retry`,
              );
            }
            return await again.body();
          } catch (e2) {
            last = toNetworkError(e2);
          }
        }
        throw last;
      }
    },
    stream() {
      claim('stream');
      return (async function* () {
        let finished = false;
        try {
          for (;;) {
            const chunk = await queue.read();
            if (chunk === null) break;
            yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
          }
          finished = true;
        } catch (e) {
          finished = true;
          throw toNetworkError(e);
        } finally {
          // A consumer that stopped early (break, throw) no longer wants the rest.
          if (!finished) await dropRest();
        }
      })();
    },
    async discard() {
      if (used) return;
      used = true;
      clearTimeout(unreadTimer);
      await dropRest();
    },
  };
}
