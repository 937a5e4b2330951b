/**
 * Adapts an undici response to HttpResponse: lower-case single-string headers, one-shot body
 * access, the host permit released when the body ends, fails or is discarded, and body errors
 * turned into NetworkError (redacted URL). `body()` retries the whole request when the connection
 * breaks mid-body (the request is idempotent); `stream()` does not (callers resume themselves).
 */
import type { Dispatcher } from 'undici';
import type { Logger } from '../util/logger.js';
import type { HttpResponse } from './http-client.js';
import { NetworkError } from './http-errors.js';
import { redactText } from './redact.js';
import { isRetryableError, retryDelayMs, type RetryPolicy } from './retry.js';

export interface WrapContext {
  url: string;
  method: string;
  redactedUrl: string;
  release: () => void;
  refetch?: () => Promise<HttpResponse>;
  retries: number;
  policy: RetryPolicy;
  logger: Logger;
}

function code(e: unknown): string | undefined {
  const c = (e as { code?: unknown })?.code;
  return typeof c === 'string' ? c : undefined;
}

export function wrapUndiciResponse(data: Dispatcher.ResponseData, ctx: WrapContext): HttpResponse {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(data.headers)) {
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  const body = data.body;
  body.once('close', ctx.release);
  body.once('end', ctx.release);
  body.once('error', ctx.release);
  let used = false;
  const claim = (what: string) => {
    if (used) throw new Error(`response body of ${ctx.method} ${ctx.redactedUrl} already consumed (${what})`);
    used = true;
  };
  const toNetworkError = (e: unknown) =>
    e instanceof NetworkError
      ? e
      : new NetworkError(
          ctx.method,
          ctx.redactedUrl,
          redactText(`body: ${(e as Error)?.message ?? String(e)}`),
          code(e),
        );

  async function readAll(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of body) {
        chunks.push(chunk as Buffer);
        total += (chunk as Buffer).length;
      }
    } finally {
      ctx.release();
    }
    const expected = headers['content-length'];
    if (ctx.method !== 'HEAD' && expected !== undefined && Number(expected) !== total) {
      throw new NetworkError(
        ctx.method,
        ctx.redactedUrl,
        `body cut short: ${total} of ${expected} bytes`,
        'ESHORTBODY',
      );
    }
    return new Uint8Array(Buffer.concat(chunks, total));
  }

  return {
    status: data.statusCode,
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
        for (let attempt = 0; attempt < ctx.retries; attempt++) {
          const delay = retryDelayMs(ctx.policy, attempt, undefined);
          ctx.logger.info(`retrying ${ctx.method} ${ctx.redactedUrl} in ${delay} ms after ${last.reason}`);
          await new Promise((r) => setTimeout(r, delay));
          try {
            const again = await ctx.refetch();
            if (again.status !== data.statusCode) {
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
        try {
          for await (const chunk of body) yield new Uint8Array(chunk as Buffer);
        } catch (e) {
          throw toNetworkError(e);
        } finally {
          ctx.release();
        }
      })();
    },
    async discard() {
      if (used) return;
      used = true;
      try {
        await body.dump();
      } catch {
        // a failed discard only matters for the connection, which undici handles
      } finally {
        ctx.release();
      }
    },
  };
}
