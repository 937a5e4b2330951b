/**
 * What the HttpClient over undici (http.ts) can be told: pool size per host, timeouts, retries and
 * their budget, transfer limits, environment (proxies, netrc, credential variables), redirects,
 * body buffering and spilling.
 */
import type { Logger } from '../util/logger.js';
import type { NamedIndex } from './credentials.js';
import type { TransferLimits } from './transfer-limits.js';

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
  /** Hosts of the run's index and find-links URLs (credentials.ts `configuredHosts`). */
  configuredHosts?: readonly string[];
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
