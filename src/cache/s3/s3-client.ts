/**
 * A small S3 client over undici (already a dependency) with our own SigV4 (sigv4.ts): the handful
 * of operations the wheel store needs — GET (streamed, size-bounded), HEAD, conditional PUT
 * (`If-None-Match: *`, RFC 9110 §13.1.2; S3 answers 412 when the key exists), DELETE and
 * ListObjectsV2 (paged) — with path-style or virtual-host addressing.
 *
 * Retries: connection errors and 408/429/5xx (src/index/retry.ts's classification), exponential
 * backoff with full jitter, a capped Retry-After. Error bodies are read up to 64 KiB. Messages name
 * the method, bucket and key and S3's error code, never a header (credentials live only there).
 *
 * A store that stops answering (timeouts, a body slower than the transfer guard allows) is not
 * asked again in this run (s3-store-health.ts). The store is a cache: whatever it did not deliver
 * comes from the index.
 *
 * Streamed object GETs go over connections of their own read into a fixed buffer (`getInto`,
 * s3-plain-get.ts): the bytes of a warm restore cost the runner a third less CPU that way.
 * Whatever that path does not read (other statuses, chunked bodies, lost connections, a failed
 * TLS handshake) is asked again here, through undici.
 *
 * Its parts: addressing (s3-address.ts), request and response bodies (s3-body.ts), the error class
 * and its codes (s3-error.ts), signing (sigv4.ts), the XML it reads (s3-xml.ts), whether the store
 * still answers (s3-store-health.ts).
 */
import type { Dispatcher } from 'undici';
import { Agent, ProxyAgent, request } from '../../index/undici-parts.js';
import { proxyEnvFrom, proxyFor } from '../../index/proxy.js';
import { errorCode } from '../../index/http-failure.js';
import { isRetryableError, isRetryableStatus, parseRetryAfter } from '../../index/retry.js';
import { EMPTY_SHA256, signRequest, type S3Credentials } from './sigv4.js';
import { parseErrorDocument, parseListPage, type ListPage } from './s3-xml.js';
import { PlainGetPool, type PlainGetSink } from './s3-plain-get.js';
import { getRequestHead } from './s3-http-head.js';
import { addressOf, usePathStyle, type S3Address } from './s3-address.js';
import { bodyLength, bodySource, readBounded, type S3Body } from './s3-body.js';
import { S3Error } from './s3-error.js';
import { StoreHealth } from './s3-store-health.js';
import {
  DEFAULT_S3_TRANSFER_LIMITS,
  transferGuardInterceptor,
  type S3TransferLimits,
} from './s3-transfer-guard.js';

export interface S3Config {
  bucket: string;
  /** e.g. http://127.0.0.1:9000 (MinIO, Ceph, R2); default https://s3.<region>.amazonaws.com. */
  endpoint?: string;
  region: string;
  /** Path-style (`endpoint/bucket/key`) instead of virtual-host (`bucket.endpoint/key`) URLs. */
  forcePathStyle?: boolean;
  credentials: S3Credentials;
  retries?: number;
  backoffBaseMs?: number;
  /** Longest wait for a response's headers once the request's body is sent (default 10 s). */
  headersTimeoutMs?: number;
  /** Longest pause within a response's body (default 20 s). */
  bodyTimeoutMs?: number;
  /** Minimum body rate and whole-exchange deadline (s3-transfer-guard.ts; defaults there). */
  transfer?: Partial<S3TransferLimits>;
  /** HTTP(S)_PROXY / ALL_PROXY / NO_PROXY are read from here (default process.env). */
  env?: Record<string, string | undefined>;
}

export interface S3Request {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  key?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: S3Body;
  /** Hex sha256 of the body (wheels: their known digest); required with a body. */
  payloadSha256?: string;
  /** Ends the request (and its body) when aborted; an aborted request is not retried. */
  signal?: AbortSignal;
  /** One more status retried as the transient ones are (a conditional PUT's 409). */
  retryStatus?: number;
}

const ERROR_BODY_LIMIT = 64 * 1024;
const CONNECT_TIMEOUT_MS = 5_000;
const LIST_BODY_LIMIT = 8 * 1024 * 1024;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class S3Client {
  /** Requests sent (attempts included), by method: for logs and tests. */
  readonly sent = { GET: 0, HEAD: 0, PUT: 0, POST: 0, DELETE: 0, LIST: 0 };
  private readonly dispatcher: Dispatcher;
  /** Streamed whole-object GETs read into fixed buffers (s3-plain-get.ts); none behind a proxy. */
  private readonly plain: PlainGetPool | undefined;
  private readonly base: URL;
  private readonly pathStyle: boolean;
  /** Whether the store still answers (its first timeout marks it unresponsive for good). */
  private readonly health: StoreHealth;

  constructor(private readonly config: S3Config) {
    this.base = new URL(config.endpoint ?? `https://s3.${config.region}.amazonaws.com`);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:')
      throw new S3Error(`S3 endpoint ${this.base.origin}: only http: and https: are supported`);
    this.pathStyle = usePathStyle(config.forcePathStyle, config.bucket, this.base.host);
    const headersTimeoutMs = config.headersTimeoutMs ?? 10_000;
    const bodyTimeoutMs = config.bodyTimeoutMs ?? 20_000;
    this.health = new StoreHealth({
      connectMs: CONNECT_TIMEOUT_MS,
      headersMs: headersTimeoutMs,
      bodyMs: bodyTimeoutMs,
    });
    const transfer = { ...DEFAULT_S3_TRANSFER_LIMITS, ...config.transfer };
    const agentOptions = {
      connections: 16,
      headersTimeout: headersTimeoutMs,
      bodyTimeout: bodyTimeoutMs,
      connect: { timeout: CONNECT_TIMEOUT_MS },
    };
    const https = this.base.protocol === 'https:';
    const hostname = this.base.hostname.replace(/^\[|\]$/g, '');
    // The host every request of this client names (urlOf): the endpoint, or the bucket's.
    const host = this.pathStyle ? hostname : `${config.bucket}.${hostname}`;
    // The proxy the index client would use for this host (review 14c F9): same variables, same
    // NO_PROXY rules (index/proxy.ts), CONNECT for https:, a forwarding request for http: as the
    // index client does by default (index/http.ts dispatcherFor).
    const target = new URL(this.base.href);
    target.hostname = this.base.hostname.startsWith('[') ? this.base.hostname : host;
    const proxy = proxyFor(target, proxyEnvFrom(config.env ?? process.env));
    this.dispatcher = (
      proxy !== undefined
        ? new ProxyAgent({ ...agentOptions, uri: proxy, proxyTunnel: https })
        : new Agent(agentOptions)
    ).compose(transferGuardInterceptor(transfer));
    // The plain-GET pool connects to the host itself: behind a proxy every GET goes through undici.
    this.plain =
      proxy !== undefined
        ? undefined
        : new PlainGetPool({
            host,
            port: this.base.port !== '' ? Number(this.base.port) : https ? 443 : 80,
            ...(https ? { tls: {} } : {}),
            maxConnections: 16,
            connectTimeoutMs: CONNECT_TIMEOUT_MS,
            headersTimeoutMs,
            bodyTimeoutMs: bodyTimeoutMs,
            transfer,
          });
  }

  /** `getInto`'s answers so far: read on its own connections, or left to undici (s3-plain-get.ts). */
  get plainCounts(): { read: number; fallback: number; connections: number } {
    return this.plain !== undefined ? { ...this.plain.counts } : { read: 0, fallback: 0, connections: 0 };
  }

  /** Why the store counts as unresponsive for the rest of this client's life, or undefined. */
  get unresponsiveReason(): string | undefined {
    return this.health.unresponsiveReason;
  }

  /**
   * Marks the store unresponsive when `error` is a timeout (readers of a body call this with what
   * the body threw) and answers the error to throw (s3-store-health.ts).
   */
  observe(error: unknown, what: string): unknown {
    return this.health.observe(error, what);
  }

  describe(key = ''): string {
    return `s3://${this.config.bucket}/${key}`;
  }

  private urlOf(key: string, query: Record<string, string>): S3Address {
    return addressOf(this.base, this.config.bucket, this.pathStyle, key, query);
  }

  /** One signed request with retries; the caller consumes or dumps the body of the answer. */
  async send(req: S3Request): Promise<Dispatcher.ResponseData> {
    const retries = this.config.retries ?? 3;
    const base = this.config.backoffBaseMs ?? 200;
    const query = req.query ?? {};
    const { url, encodedPath, host } = this.urlOf(req.key ?? '', query);
    const what = `S3 ${req.method} ${this.describe(req.key)}`;
    for (let attempt = 0; ; attempt++) {
      req.signal?.throwIfAborted();
      // Also between attempts: another request may have found the store unresponsive meanwhile.
      this.health.refuse(what);
      this.sent[req.method === 'GET' && 'list-type' in query ? 'LIST' : req.method]++;
      const headers = signRequest({
        method: req.method,
        encodedPath,
        query,
        headers: {
          host,
          ...(req.body !== undefined ? { 'content-length': String(bodyLength(req.body)) } : {}),
          ...req.headers,
        },
        payloadSha256: req.payloadSha256 ?? EMPTY_SHA256,
        region: this.config.region,
        credentials: this.config.credentials,
        now: new Date(),
      });
      delete headers.host;
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: req.method,
          headers,
          dispatcher: this.dispatcher,
          ...(req.signal !== undefined ? { signal: req.signal } : {}),
          ...(req.body !== undefined ? { body: bodySource(req.body) } : {}),
        });
      } catch (error) {
        if (req.signal?.aborted === true) throw error;
        const code = errorCode(error);
        // A timeout is not retried: the store stopped answering (see the top of this file).
        const observed = this.observe(error, what);
        if (observed !== error) throw observed;
        if (attempt < retries && isRetryableError(code)) {
          await sleep(Math.floor(Math.random() * base * 2 ** attempt));
          continue;
        }
        throw new S3Error(`${what}: ${code ?? (error as Error).message} (endpoint ${this.base.origin})`);
      }
      if (
        attempt < retries &&
        (isRetryableStatus(response.statusCode) || response.statusCode === req.retryStatus)
      ) {
        await response.body.dump();
        const after = parseRetryAfter(response.headers['retry-after'] as string | undefined);
        await sleep(Math.min(after ?? Math.floor(Math.random() * base * 2 ** attempt), 10_000));
        continue;
      }
      return response;
    }
  }

  /** The error for a response that was not what `what` expected (reads a bounded error body). */
  async failure(
    response: Dispatcher.ResponseData,
    method: string,
    key: string | undefined,
  ): Promise<S3Error> {
    let detail: string | undefined;
    try {
      detail = parseErrorDocument((await readBounded(response, ERROR_BODY_LIMIT)).toString('utf8'));
    } catch {
      await response.body.dump().catch(() => {});
    }
    const code = detail?.split(':')[0];
    return new S3Error(
      `S3 ${method} ${this.describe(key)}: HTTP ${response.statusCode}${detail !== undefined ? ` ${detail}` : ''}`,
      response.statusCode,
      code,
    );
  }

  /** Whether the object exists. */
  async head(key: string): Promise<boolean> {
    const response = await this.send({ method: 'HEAD', key });
    await response.body.dump();
    if (response.statusCode === 200) return true;
    if (response.statusCode === 404) return false;
    throw new S3Error(`S3 HEAD ${this.describe(key)}: HTTP ${response.statusCode}`, response.statusCode);
  }

  /** The whole object, at most `limit` bytes; undefined when it does not exist. */
  async getBuffer(key: string, limit: number, signal?: AbortSignal): Promise<Buffer | undefined> {
    const response = await this.send({ method: 'GET', key, ...(signal !== undefined ? { signal } : {}) });
    if (response.statusCode === 404) {
      await response.body.dump();
      return undefined;
    }
    if (response.statusCode !== 200) throw await this.failure(response, 'GET', key);
    return readBounded(response, limit, `${this.describe(key)}`).catch((error: unknown) => {
      throw this.observe(error, `S3 GET ${this.describe(key)}`);
    });
  }

  /** A streaming GET; the caller reads (and bounds) the body. 404 → undefined. */
  async getStream(key: string, signal?: AbortSignal): Promise<Dispatcher.ResponseData | undefined> {
    const response = await this.send({ method: 'GET', key, ...(signal !== undefined ? { signal } : {}) });
    if (response.statusCode === 404) {
      await response.body.dump();
      return undefined;
    }
    if (response.statusCode !== 200) throw await this.failure(response, 'GET', key);
    return response;
  }

  /**
   * A streamed GET of `key` into `sink` over a connection read into a fixed buffer
   * (s3-plain-get.ts): the body's size, or 'missing'. Undefined when that path does not read this
   * answer (any status but 200 and 404, a body without a Content-Length, a connection lost or a TLS
   * handshake failed before the answer began, a session token with a line break): the caller then asks
   * through `getStream`, whose retries and error messages apply. A body over `limit` bytes is
   * refused from its Content-Length, before it is read.
   */
  async getInto(
    key: string,
    limit: number,
    sink: PlainGetSink,
    signal?: AbortSignal,
  ): Promise<number | 'missing' | undefined> {
    signal?.throwIfAborted();
    if (this.plain === undefined) return undefined;
    const plain = this.plain;
    const what = `S3 GET ${this.describe(key)}`;
    this.health.refuse(what);
    const { encodedPath, host } = this.urlOf(key, {});
    const headers = signRequest({
      method: 'GET',
      encodedPath,
      query: {},
      headers: { host },
      payloadSha256: EMPTY_SHA256,
      region: this.config.region,
      credentials: this.config.credentials,
      now: new Date(),
    });
    const head = getRequestHead(encodedPath, { host, ...headers });
    if (head === undefined) return undefined;
    this.sent.GET++;
    let result;
    try {
      result = await plain.get(head, limit, sink, signal);
    } catch (error) {
      if (signal?.aborted === true) throw error;
      const observed = this.observe(error, what);
      if (observed !== error) throw observed;
      throw new S3Error(`${what}: ${(error as Error).message}`);
    }
    if (result.status === 'fallback') return undefined;
    return result.status === 404 ? 'missing' : result.size;
  }

  /**
   * PUT; with `ifNoneMatch` a 412 (the key exists) answers 'exists'. A 409
   * ConditionalRequestConflict (AWS: a concurrent write of the same key was in progress; "on a 409
   * failure you should retry the upload" — PutObject IfNoneMatch, S3 API Reference) is retried like
   * the transient statuses; if it persists, a HEAD that finds the key answers 'exists' (review 14c
   * F12: another runner storing the same wheel must not fail this save).
   */
  async put(key: string, body: S3Body, sha256: string, ifNoneMatch: boolean): Promise<'created' | 'exists'> {
    const response = await this.send({
      method: 'PUT',
      key,
      body,
      payloadSha256: sha256,
      headers: ifNoneMatch ? { 'if-none-match': '*' } : {},
      ...(ifNoneMatch ? { retryStatus: 409 } : {}),
    });
    if (response.statusCode === 412 && ifNoneMatch) {
      await response.body.dump();
      return 'exists';
    }
    if (response.statusCode === 409 && ifNoneMatch) {
      const error = await this.failure(response, 'PUT', key);
      if (await this.head(key)) return 'exists';
      throw error;
    }
    if (response.statusCode !== 200 && response.statusCode !== 201)
      throw await this.failure(response, 'PUT', key);
    await response.body.dump();
    return 'created';
  }

  /** Creates the bucket (tests and first-time setup; 409 BucketAlreadyOwnedByYou is fine). */
  async createBucket(): Promise<void> {
    const response = await this.send({ method: 'PUT' });
    if (response.statusCode !== 200 && response.statusCode !== 409)
      throw await this.failure(response, 'PUT', '');
    await response.body.dump();
  }

  async delete(key: string): Promise<void> {
    const response = await this.send({ method: 'DELETE', key });
    if (response.statusCode !== 204 && response.statusCode !== 200 && response.statusCode !== 404)
      throw await this.failure(response, 'DELETE', key);
    await response.body.dump();
  }

  /** One ListObjectsV2 page of keys starting with `prefix`. */
  async list(prefix: string, token?: string): Promise<ListPage> {
    const query: Record<string, string> = { 'list-type': '2', prefix };
    if (token !== undefined) query['continuation-token'] = token;
    const response = await this.send({ method: 'GET', query });
    if (response.statusCode !== 200) throw await this.failure(response, 'LIST', prefix);
    const body = await readBounded(response, LIST_BODY_LIMIT, `list of ${this.describe(prefix)}`).catch(
      (error: unknown) => {
        throw this.observe(error, `S3 LIST ${this.describe(prefix)}`);
      },
    );
    const xml = body.toString('utf8');
    return parseListPage(xml);
  }

  async close(): Promise<void> {
    this.plain?.close();
    await this.dispatcher.close().catch(() => {});
  }
}
