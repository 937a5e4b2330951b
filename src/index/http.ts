/**
 * The HttpClient (http-client.ts) over undici: one keep-alive Pool per origin (an undici Agent),
 * at most `maxConnectionsPerHost` requests per host in flight (HostLimiter: a permit is held from
 * sending until the exchange ends: body received in full, failed, aborted or discarded; bodies
 * are buffered, so that can be before the caller reads them), connect/headers/body timeouts, retries
 * (retry.ts) on connection errors, 408, 429 and 5xx honouring `Retry-After`, redirects followed
 * (301/302/303/307/308, at most 10; URL userinfo is kept only while the origin stays the same),
 * proxies from the environment (proxy.ts; `http:` targets go through the proxy in absolute form
 * unless `proxyTunnel`, `https:` targets always through CONNECT), credentials (credentials.ts) as
 * a Basic `Authorization` header, and `file:` URLs from disk (file-fetch.ts).
 * Requests go through undici's `dispatch` with our own handler (undici-dispatch.ts), never
 * `dispatcher.request()`: that one pauses the HTTP/1 parser under backpressure, and undici 7 crashes
 * the process when a paused parser sees the server close the socket (nodejs/undici#5360). Bodies
 * are buffered in a BodyQueue (body-queue.ts): bounded memory, spilled to a temporary file when
 * pausing is not safe. Every response must be consumed or discarded: an unread body holds its host
 * permit (keep-alive responses) or its buffered bytes and spill file (others) until then.
 * Only redacted URLs (redact.ts) reach the logger and error messages.
 * Every exchange is bounded (transfer-limits.ts): body bytes by what the body is, a deadline, a
 * minimum transfer rate; retries are bounded in number and in total time, and a `Retry-After`
 * over the cap ends the retries instead of holding the run.
 */
import type { Dispatcher } from 'undici';
import { Agent, ProxyAgent, type AgentOptions } from './undici-parts.js';
import type { Logger } from '../util/logger.js';
import type { HttpClient, HttpRequestOptions, HttpResponse } from './http-client.js';
import { HostLimiter } from './host-limiter.js';
import { basicAuthHeader, findCredentials, type NamedIndex } from './credentials.js';
import { loadNetrc, netrcPathsFrom, type Netrc } from './netrc.js';
import { proxyEnvFrom, proxyFor, type ProxyEnv } from './proxy.js';
import { redactText, redactUrl } from './redact.js';
import { NetworkError } from './http-errors.js';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableError,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
} from './retry.js';
import { fetchFileUrl } from './file-fetch.js';
import {
  bodyTooLarge,
  DEFAULT_TRANSFER_LIMITS,
  LIMIT_CODES,
  LIMIT_ENV,
  transferLimitsFromEnv,
  type BodyLimit,
  type TransferLimits,
} from './transfer-limits.js';
import { wrapUndiciResponse } from './http-response.js';
import { dispatchRequest, type DispatchedResponse } from './undici-dispatch.js';
import type { HeaderWaitLimits } from './header-wait.js';

export interface HttpClientOptions {
  logger: Logger;
  /** Requests in flight per host (default 16); also the undici pool size per origin. */
  maxConnectionsPerHost?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Retries after the first attempt (default 4). */
  retries?: number;
  /** First backoff step (default 250 ms); tests set a few ms. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Cap of a server's Retry-After (default 30 s): a longer one ends the retries. */
  retryAfterMaxMs?: number;
  /** Time one logical request may spend retrying, from its first attempt (default 60 s). */
  retryBudgetMs?: number;
  /**
   * Deadline, minimum rate and byte bounds of every exchange (transfer-limits.ts); unset fields
   * come from the environment (`WHEELHOUSE_HTTP_TIMEOUT`, …), then the defaults.
   */
  limits?: Partial<TransferLimits>;
  /** Environment for proxies, netrc location and credential variables (default process.env). */
  env?: Record<string, string | undefined>;
  netrcPath?: string;
  /** Named indexes for `WHEELHOUSE_INDEX_<NAME>_USERNAME/PASSWORD` (see docs/credentials.md). */
  namedIndexes?: NamedIndex[];
  userAgent?: string;
  maxRedirects?: number;
  /** Tunnel `http:` targets through the proxy with CONNECT too (default false: absolute form). */
  proxyTunnel?: boolean;
  /** Body bytes buffered in memory per response before pausing or spilling (default 1 MiB). */
  bodyHighWaterMark?: number;
  /** Directory for spill files of bodies read slower than they arrive (default os.tmpdir()). */
  spillDir?: string;
  /**
   * A response whose body is neither read nor discarded for this long is discarded with a
   * warning, so a forgotten response cannot hold a connection and host permit forever
   * (default: bodyTimeoutMs, 60 s; 0 turns it off).
   */
  unreadBodyTimeoutMs?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_USER_AGENT = 'wheelhouse (+https://github.com/)';

function errorCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } };
  if (typeof err?.code === 'string') return err.code;
  if (typeof err?.cause?.code === 'string') return err.cause.code;
  return undefined;
}

function errorReason(e: unknown): string {
  const err = e as { message?: unknown; cause?: { message?: unknown } };
  const msg = typeof err?.message === 'string' ? err.message : String(e);
  const cause =
    typeof err?.cause?.message === 'string' && err.cause.message !== msg ? ` (${err.cause.message})` : '';
  return redactText(`${msg}${cause}`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ms <= 0) return resolve();
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

class UndiciHttpClient implements HttpClient {
  private readonly logger: Logger;
  private readonly limiter: HostLimiter;
  private readonly direct: Agent;
  private readonly proxies: ProxyEnv;
  private readonly proxyAgents = new Map<string, ProxyAgent>();
  private readonly policy: RetryPolicy;
  private readonly env: Record<string, string | undefined>;
  private readonly netrc: Promise<Netrc | undefined>;
  private readonly agentOptions: AgentOptions;
  private readonly limits: TransferLimits;
  private readonly headerWait: HeaderWaitLimits | undefined;
  /** See DEFAULT_TRANSFER_LIMITS.connectTimeoutMs (0 = the system's own limit). */
  private readonly connectTimeoutMs: number;

  constructor(private readonly options: HttpClientOptions) {
    this.logger = options.logger;
    const perHost = options.maxConnectionsPerHost ?? 16;
    this.limiter = new HostLimiter(perHost);
    this.env = options.env ?? process.env;
    this.limits = {
      ...DEFAULT_TRANSFER_LIMITS,
      ...transferLimitsFromEnv(this.env),
      ...options.limits,
      ...(options.headersTimeoutMs !== undefined ? { headersTimeoutMs: options.headersTimeoutMs } : {}),
    };
    this.connectTimeoutMs = options.connectTimeoutMs ?? this.limits.connectTimeoutMs;
    const { headersTimeoutMs, headerBlockMs } = this.limits;
    this.headerWait = headersTimeoutMs > 0 ? { firstByteMs: headersTimeoutMs, headerBlockMs } : undefined;
    this.agentOptions = {
      connections: perHost,
      keepAliveTimeout: 10_000,
      connect: { timeout: this.connectTimeoutMs },
      // The header wait is ours (header-wait.ts); undici's, on its coarse timer, is only a backstop
      // (and bounds a proxy's answer to CONNECT, which our handler never sees).
      headersTimeout: headersTimeoutMs > 0 ? headersTimeoutMs + headerBlockMs + 2_000 : 0,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000,
    };
    this.direct = new Agent(this.agentOptions);
    this.proxies = proxyEnvFrom(this.env);
    this.policy = {
      retries: options.retries ?? DEFAULT_RETRY_POLICY.retries,
      backoffBaseMs: options.backoffBaseMs ?? DEFAULT_RETRY_POLICY.backoffBaseMs,
      backoffMaxMs: options.backoffMaxMs ?? DEFAULT_RETRY_POLICY.backoffMaxMs,
      retryAfterMaxMs: options.retryAfterMaxMs ?? DEFAULT_RETRY_POLICY.retryAfterMaxMs,
      retryBudgetMs: options.retryBudgetMs ?? DEFAULT_RETRY_POLICY.retryBudgetMs,
    };
    // Read lazily once; a missing netrc is no credentials.
    this.netrc = loadNetrc(netrcPathsFrom(this.env, options.netrcPath));
  }

  private dispatcherFor(url: URL): Dispatcher {
    const proxy = proxyFor(url, this.proxies);
    if (!proxy) return this.direct;
    const tunnel = url.protocol === 'https:' || this.options.proxyTunnel === true;
    const key = `${tunnel ? 'tunnel' : 'forward'} ${proxy}`;
    let agent = this.proxyAgents.get(key);
    if (!agent) {
      this.logger.debug(
        `using proxy ${redactUrl(proxy)} for ${url.protocol} (${tunnel ? 'CONNECT' : 'forward'})`,
      );
      agent = new ProxyAgent({ ...this.agentOptions, uri: proxy, proxyTunnel: tunnel });
      this.proxyAgents.set(key, agent);
    }
    return agent;
  }

  async request(url: string, options: HttpRequestOptions = {}): Promise<HttpResponse> {
    const method = options.method ?? 'GET';
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw new NetworkError(method, redactUrl(url), 'invalid URL');
    }
    const maxRedirects = this.options.maxRedirects ?? 10;
    let currentMethod = method;
    for (let redirects = 0; ; redirects++) {
      if (current.protocol === 'file:') {
        const res = await fetchFileUrl(current, currentMethod, options.headers ?? {});
        const length = Number(res.headers['content-length']);
        const limit = this.limitFor(options, res.status);
        if (currentMethod === 'GET' && length > limit.bytes) {
          await res.discard();
          const why = bodyTooLarge(limit, `the file has ${length} bytes`);
          throw new NetworkError(method, redactUrl(current), why.message, why.code);
        }
        return res;
      }
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new NetworkError(method, redactUrl(current), `unsupported URL scheme ${current.protocol}`);
      }
      const res = await this.attempt(current, currentMethod, options);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || location === undefined) return res;
      await res.discard();
      if (redirects >= maxRedirects) {
        throw new NetworkError(method, redactUrl(url), `more than ${maxRedirects} redirects`);
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new NetworkError(method, redactUrl(current), `bad redirect location ${redactText(location)}`);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new NetworkError(method, redactUrl(current), `redirect to unsupported scheme ${next.protocol}`);
      }
      if (next.origin === current.origin) {
        // Relative Locations inherit userinfo already; absolute same-origin ones get it back.
        if (!next.username && !next.password) {
          next.username = current.username;
          next.password = current.password;
        }
      } else {
        next.username = '';
        next.password = '';
      }
      if (res.status === 303) currentMethod = 'GET';
      this.logger.debug(`${method} ${redactUrl(current)} redirected (${res.status}) to ${redactUrl(next)}`);
      current = next;
    }
  }

  /** One logical request with retries; the returned response holds a host permit until consumed. */
  private async attempt(
    url: URL,
    method: 'GET' | 'HEAD',
    options: HttpRequestOptions,
  ): Promise<HttpResponse> {
    const redacted = redactUrl(url);
    const retries = options.retry === false ? 0 : this.policy.retries;
    const credentials = findCredentials(url, {
      env: this.env,
      netrc: await this.netrc,
      namedIndexes: this.options.namedIndexes,
    });
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent ?? DEFAULT_USER_AGENT };
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
    if (credentials && headers.authorization === undefined) {
      headers.authorization = basicAuthHeader(credentials);
    }
    const dispatcher = this.dispatcherFor(url);
    const path = `${url.pathname}${url.search}`;
    const deadlineMs = options.deadlineMs ?? this.limits.requestTimeoutMs;
    const started = Date.now();
    /** The wait before another attempt, or undefined when the retry budget does not allow one. */
    const nextDelay = (attempt: number, retryAfter: number | undefined): number | undefined => {
      const delay = retryDelayMs(this.policy, attempt, retryAfter);
      return Date.now() - started + delay > this.policy.retryBudgetMs ? undefined : delay;
    };
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new NetworkError(method, redacted, 'the HTTP client was closed');
      const release = await this.limiter.acquire(url.host);
      let data: DispatchedResponse;
      try {
        data = await dispatchRequest(
          dispatcher,
          {
            origin: url.origin,
            path,
            method,
            headers,
            ...(options.signal ? { signal: options.signal } : {}),
            host: url.host,
            limit: (status) => this.limitFor(options, status),
            deadlineMs,
            minRate: { bytesPerSec: this.limits.minBytesPerSec, windowMs: this.limits.rateWindowMs },
            ...(this.headerWait !== undefined ? { headerWait: this.headerWait } : {}),
          },
          {
            ...(this.options.bodyHighWaterMark !== undefined
              ? { highWaterMark: this.options.bodyHighWaterMark }
              : {}),
            ...(this.options.spillDir !== undefined ? { spillDir: this.options.spillDir } : {}),
          },
        );
      } catch (e) {
        release();
        const code = errorCode(e);
        if (options.signal?.aborted) throw new NetworkError(method, redacted, 'aborted', code);
        // The run is over (the client was closed, e.g. after an unsatisfiable resolution): a
        // request cut short by that is not a network problem worth a retry or a warning.
        if (this.closed) throw new NetworkError(method, redacted, 'the HTTP client was closed', code);
        // A server silent for the whole headers wait, or a host that did not complete the TCP
        // handshake within the connect timeout (the kernel already resent the SYN 3-4 times in
        // it), is not asked again: each further wait would add the whole timeout to the time a
        // hostile, firewalled or stuck host holds the run (issue 10 §2: 4 connect attempts took
        // 64 s). (Our own header wait fails with a limit code, which is not retryable either.)
        const silent = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
        const delay =
          attempt < retries && isRetryableError(code) && !silent ? nextDelay(attempt, undefined) : undefined;
        if (delay !== undefined) {
          this.logger.info(
            `retrying ${method} ${redacted} in ${delay} ms after ${code} (attempt ${attempt + 2}/${retries + 1})`,
          );
          await sleep(delay, options.signal);
          continue;
        }
        // Silence is a limit like the others: no layer above (downloads, resumes) asks again.
        const finalCode =
          code === 'UND_ERR_CONNECT_TIMEOUT'
            ? LIMIT_CODES.connect
            : code === 'UND_ERR_HEADERS_TIMEOUT'
              ? LIMIT_CODES.headers
              : code;
        throw new NetworkError(
          method,
          redacted,
          this.failureReason(e, code, url, attempt, started),
          finalCode,
        );
      }
      this.exchanges.add(data);
      void data.done.then(() => this.exchanges.delete(data));
      const response = wrapUndiciResponse(data, {
        url: url.href,
        method,
        redactedUrl: redacted,
        release,
        // body() re-requests the same thing when the connection breaks mid-body.
        refetch: retries > 0 ? () => this.attempt(url, method, { ...options, retry: false }) : undefined,
        retries,
        policy: this.policy,
        logger: this.logger,
        unreadTimeoutMs: this.options.unreadBodyTimeoutMs ?? this.agentOptions.bodyTimeout ?? 60_000,
        maxBufferedBytes: options.limit === undefined ? this.limits.maxBufferedBytes : undefined,
      });
      if (attempt < retries && isRetryableStatus(data.status)) {
        const retryAfter = parseRetryAfter(headerValue(data.headers['retry-after']));
        let delay: number | undefined;
        if (retryAfter !== undefined && retryAfter > this.policy.retryAfterMaxMs) {
          // Waiting that long would hold the run; the status goes back to the caller now.
          this.logger.warn(
            `${url.host} answered HTTP ${data.status} to ${method} ${redacted} with Retry-After ${Math.round(retryAfter / 1000)} s, over the ${this.policy.retryAfterMaxMs / 1000} s cap; not retrying`,
          );
        } else {
          delay = nextDelay(attempt, retryAfter);
          if (delay === undefined) {
            this.logger.warn(
              `${url.host} still answers HTTP ${data.status} to ${method} ${redacted} after ${Math.round((Date.now() - started) / 1000)} s of retries (budget ${this.policy.retryBudgetMs / 1000} s); not retrying`,
            );
          }
        }
        if (delay === undefined) return response;
        await response.discard();
        this.logger.info(
          `retrying ${method} ${redacted} in ${delay} ms after HTTP ${data.status} (attempt ${attempt + 2}/${retries + 1})`,
        );
        await sleep(delay, options.signal);
        continue;
      }
      this.logger.debug(
        `${method} ${redacted}${headers.range ? ` [${headers.range}]` : ''} → ${data.status}${credentials ? ` (auth: ${credentials.source})` : ''}`,
      );
      return response;
    }
  }

  /** The body limit of a response to `options` with `status`. */
  private limitFor(options: HttpRequestOptions, status: number): BodyLimit {
    const chosen = typeof options.limit === 'function' ? options.limit(status) : options.limit;
    return chosen ?? { bytes: this.limits.maxDownloadBytes, what: 'response body' };
  }

  /** Why an exchange failed, naming the host and what was slow for timeouts. */
  private failureReason(
    e: unknown,
    code: string | undefined,
    url: URL,
    attempt: number,
    started: number,
  ): string {
    const tries =
      attempt > 0 ? ` (${attempt + 1} attempts in ${Math.round((Date.now() - started) / 1000)} s)` : '';
    const knob = `(${LIMIT_ENV.headersTimeout} sets the wait, in seconds)`;
    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
      return `${url.host} sent no response headers within ${(this.agentOptions.headersTimeout ?? 0) / 1000} s${tries} ${knob}`;
    }
    if (code === LIMIT_CODES.headers) {
      const reason = errorReason(e);
      return /sent no (complete )?response headers/.test(reason) ? `${reason} ${knob}` : reason;
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return `connecting to ${url.host} timed out after ${this.connectTimeoutMs / 1000} s${tries} (no answer to the TCP handshake; ${LIMIT_ENV.connectTimeout} sets the wait, in seconds)`;
    }
    if (code === LIMIT_CODES.deadline || code === LIMIT_CODES.tooSlow) return errorReason(e);
    return `${errorReason(e)}${tries}`;
  }

  private closed = false;
  /** Exchanges not over yet (bodies still arriving or paused). */
  private readonly exchanges = new Set<DispatchedResponse>();

  /** Closes every pool; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // undici's close() waits for every exchange; one whose body nobody reads would hold it up.
    for (const exchange of this.exchanges) exchange.abort(new Error('HTTP client closed'));
    await Promise.all([this.direct.close(), ...[...this.proxyAgents.values()].map((a) => a.close())]);
  }
}

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new UndiciHttpClient(options);
}
