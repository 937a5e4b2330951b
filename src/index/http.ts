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
import type { HttpClientOptions } from './http-client-options.js';
import { HostLimiter } from './host-limiter.js';
import { basicAuthHeader, findCredentials, type Credentials } from './credentials.js';
import { loadNetrc, netrcPathsFrom, type Netrc } from './netrc.js';
import { proxyEnvFrom, proxyFor, type ProxyEnv } from './proxy.js';
import { redactUrl } from './redact.js';
import { NetworkError } from './http-errors.js';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableError,
  isRetryableStatus,
  parseRetryAfter,
  retryDelayMs,
  sleep,
  type RetryPolicy,
} from './retry.js';
import { fetchFileUrl } from './file-fetch.js';
import {
  bodyTooLarge,
  DEFAULT_TRANSFER_LIMITS,
  smallBodyEarnedMs,
  SMALL_BODY_BYTES,
  transferLimitsFromEnv,
  type BodyLimit,
  type TransferLimits,
} from './transfer-limits.js';
import { wrapUndiciResponse } from './http-response.js';
import { dispatchRequest, type DispatchedResponse } from './undici-dispatch.js';
import type { HeaderWaitLimits } from './header-wait.js';
import { errorCode, failureReason, finalCode, isSilence } from './http-failure.js';
import { isRedirect, redirectTarget } from './http-redirect.js';

export type { HttpClientOptions };

const DEFAULT_USER_AGENT = 'wheelhouse (+https://github.com/)';

class UndiciHttpClient implements HttpClient {
  private readonly logger: Logger;
  private readonly limiter: HostLimiter;
  private readonly direct: Agent;
  private readonly proxies: ProxyEnv;
  private readonly proxyAgents = new Map<string, ProxyAgent>();
  private readonly policy: RetryPolicy;
  private readonly env: Record<string, string | undefined>;
  private readonly netrc: Promise<Netrc | undefined>;
  /** Credential variables read from `env`, by prefix (credentials.ts; env is read once per run). */
  private readonly credentialMemo = new Map<string, Credentials | undefined>();
  private readonly credentialPinMemo = new Map<string, string | undefined>();
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
      if (!isRedirect(res.status, location)) return res;
      await res.discard();
      if (redirects >= maxRedirects) {
        throw new NetworkError(method, redactUrl(url), `more than ${maxRedirects} redirects`);
      }
      const next = redirectTarget(method, current, location);
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
      ...(this.options.configuredHosts !== undefined
        ? { configuredHosts: this.options.configuredHosts }
        : {}),
      memo: this.credentialMemo,
      pinMemo: this.credentialPinMemo,
      onWithheld: (host, pin) =>
        this.logger.warn(
          `credentials of the WHEELHOUSE_HTTP_ variables for a host spelled like "${host}" are not sent to it: ` +
            `its name holds characters the variable name cannot tell apart (another host has the same key); ` +
            `set ${pin}=${host} if they are meant for it`,
        ),
    });
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent ?? DEFAULT_USER_AGENT };
    for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
    if (credentials && headers.authorization === undefined) {
      headers.authorization = basicAuthHeader(credentials);
    }
    const dispatcher = this.dispatcherFor(url);
    const path = `${url.pathname}${url.search}`;
    const deadlineMs = options.deadlineMs ?? this.limits.requestTimeoutMs;
    // A small body (a .metadata file) earns its time by what arrives (review 17b F3).
    const earnedDeadline =
      options.earnedDeadline ??
      (options.deadlineMs === undefined &&
      typeof options.limit === 'object' &&
      options.limit.bytes <= SMALL_BODY_BYTES
        ? smallBodyEarnedMs(deadlineMs)
        : undefined);
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
            ...(earnedDeadline !== undefined ? { earnedDeadline } : {}),
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
        // A silent host (no headers, no TCP handshake) is not asked again (http-failure.ts); our
        // own header wait fails with a limit code, which is not retryable either.
        const delay =
          attempt < retries && isRetryableError(code) && !isSilence(code)
            ? nextDelay(attempt, undefined)
            : undefined;
        if (delay !== undefined) {
          this.logger.info(
            `retrying ${method} ${redacted} in ${delay} ms after ${code} (attempt ${attempt + 2}/${retries + 1})`,
          );
          await sleep(delay, options.signal);
          continue;
        }
        const reason = failureReason(e, code, {
          host: url.host,
          attempt,
          started,
          undiciHeadersTimeoutMs: this.agentOptions.headersTimeout ?? 0,
          connectTimeoutMs: this.connectTimeoutMs,
        });
        throw new NetworkError(method, redacted, reason, finalCode(code));
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

  get maxDownloadBytes(): number {
    return this.limits.maxDownloadBytes;
  }

  /** The body limit of a response to `options` with `status`. */
  private limitFor(options: HttpRequestOptions, status: number): BodyLimit {
    const chosen = typeof options.limit === 'function' ? options.limit(status) : options.limit;
    return chosen ?? { bytes: this.limits.maxDownloadBytes, what: 'response body' };
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
