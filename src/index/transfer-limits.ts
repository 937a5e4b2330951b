/**
 * Bounds on what one HTTP exchange may cost, whatever the server sends: how many body bytes
 * (chosen by what the body is: a project page, a `.metadata` file, a range of a wheel, a whole
 * file), how long the whole exchange may take (a deadline), and how slowly its body may arrive (a
 * minimum transfer rate over a sliding window, so a server dripping one byte every few seconds
 * cannot hold a run: undici's own body timeout fires only when NO byte arrives).
 *
 * The limits are enforced while the body streams in (undici-dispatch.ts), before anything is
 * buffered; a body whose Content-Length already exceeds its limit is refused at the headers.
 * Violations surface as NetworkError (http-errors.ts) with one of the LIMIT_CODES below, the
 * redacted URL and a message naming the limit; these codes are never retried by the client.
 *
 * Defaults can be changed per client (HttpClientOptions) or through the environment
 * (`transferLimitsFromEnv`), which is how the CLI and the action let a user raise them.
 */

export interface BodyLimit {
  /** Most body bytes accepted. */
  bytes: number;
  /** What the body is, for the message ("project page", ".metadata file", "range response"). */
  what: string;
}

export interface TransferLimits {
  /**
   * Longest wait for a TCP connection (and TLS handshake) to a host (ms; 0 = the system's own
   * limit). A host that did not answer is not asked again (see http.ts).
   */
  connectTimeoutMs: number;
  /** Overall deadline of one exchange, request sent to last body byte (ms; 0 = none). */
  requestTimeoutMs: number;
  /**
   * Longest wait for the first byte of the response of one exchange (ms; 0 = only the deadline,
   * and no `headerBlockMs` either). A server that stays silent this long is not asked again (a
   * second wait would double the time). See header-wait.ts.
   */
  headersTimeoutMs: number;
  /** Longest time from the first byte of a response to its complete header block (ms). */
  headerBlockMs: number;
  /** Minimum body transfer rate (bytes/s) averaged over `rateWindowMs` (0 = none). */
  minBytesPerSec: number;
  rateWindowMs: number;
  /** Most bytes of one whole-file download (also when the index declares no size). */
  maxDownloadBytes: number;
  /** Most bytes of a body read into memory by a caller that named no limit of its own. */
  maxBufferedBytes: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_TRANSFER_LIMITS: TransferLimits = {
  // Linux sends a SYN at 0 s and retransmits it after 1, 3, 7, 15, … s (initial RTO 1 s, doubling;
  // RFC 6298 §2 and tcp(7) `tcp_syn_retries`). Waiting 15 s (pip's `--timeout`) sends no more SYNs
  // than waiting 8 s does — the fifth would leave at the very moment 15 s expires — so 8 s keeps
  // every attempt pip makes plus 1 s for the answer to the last one (a geostationary satellite
  // round trip is ~0.6 s), and a firewalled or dead host ends a run in under 10 s (issue 10 §2).
  connectTimeoutMs: 8_000,
  requestTimeoutMs: 300_000,
  // The wait for a response to start. pip's `--timeout` (15 s per socket read) is read when the user
  // sets it (`--timeout`, PIP_TIMEOUT, pip.conf: src/flow/prepare.ts). By default a server silent for
  // 8 s ends the run with an error that names the setting, in under 10 s (issue 10 §2): PyPI and
  // its CDN start answering in well under a second; an index proxy that fetches a huge page
  // upstream on a miss can take longer, and its users say so with pip's own option.
  headersTimeoutMs: 8_000,
  // A real server writes its header block at once; one that trickles it is stalling.
  headerBlockMs: 3_000,
  minBytesPerSec: 1024,
  rateWindowMs: 5_000,
  // The largest wheels on PyPI (GPU builds) are a few GiB.
  maxDownloadBytes: 8 * GiB,
  maxBufferedBytes: 256 * MiB,
};

/**
 * Limits by what a body is. A project page of PyPI's largest projects is a few MiB of JSON; a
 * core metadata file is kilobytes (pip reads both whole without a bound); a central directory of
 * a wheel with 100,000 members is about 10 MiB.
 */
export const BODY_LIMITS = {
  projectPage: 64 * MiB,
  findLinksPage: 64 * MiB,
  metadata: 10 * MiB,
  centralDirectory: 64 * MiB,
} as const;

/** Error codes of limit violations (NetworkError.code); none is retried. */
export const LIMIT_CODES = {
  tooLarge: 'EBODYLIMIT',
  tooSlow: 'ETOOSLOW',
  deadline: 'EDEADLINE',
  headers: 'EHEADERS',
  /** The host did not complete the TCP handshake within the connect timeout. */
  connect: 'ECONNECTWAIT',
} as const;

const LIMIT_CODE_SET = new Set<string>(Object.values(LIMIT_CODES));

export function isLimitCode(code: string | undefined): boolean {
  return code !== undefined && LIMIT_CODE_SET.has(code);
}

/** An exchange stopped by a limit; the HTTP client turns it into a NetworkError with the URL. */
export class TransferLimitError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'TransferLimitError';
  }
}

export function formatBytes(n: number): string {
  if (n >= GiB && n % GiB === 0) return `${n / GiB} GiB`;
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

export function bodyTooLarge(limit: BodyLimit, detail: string): TransferLimitError {
  return new TransferLimitError(
    `${limit.what} is over its limit of ${formatBytes(limit.bytes)} (${detail})`,
    LIMIT_CODES.tooLarge,
  );
}

/** Variables read by `transferLimitsFromEnv` (documented in docs/reliability.md). */
export const LIMIT_ENV = {
  connectTimeout: 'WHEELHOUSE_HTTP_CONNECT_TIMEOUT',
  requestTimeout: 'WHEELHOUSE_HTTP_TIMEOUT',
  headersTimeout: 'WHEELHOUSE_HTTP_HEADERS_TIMEOUT',
  minRate: 'WHEELHOUSE_HTTP_MIN_RATE',
  maxDownload: 'WHEELHOUSE_MAX_DOWNLOAD_BYTES',
} as const;

/** Said with a headers wait that ran out, so the user knows which setting lengthens it. */
export const HEADERS_TIMEOUT_HINT = `(pip's --timeout, PIP_TIMEOUT or ${LIMIT_ENV.headersTimeout} sets the wait, in seconds)`;

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n < 0) {
    throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Limits from the environment: `WHEELHOUSE_HTTP_CONNECT_TIMEOUT` (seconds to connect, 0 = the
 * system's limit), `WHEELHOUSE_HTTP_TIMEOUT` (seconds per request, 0 = none),
 * `WHEELHOUSE_HTTP_HEADERS_TIMEOUT` (seconds to wait for the first byte of a response, 0 = the
 * deadline only),
 * `WHEELHOUSE_HTTP_MIN_RATE` (bytes/s, 0 = none), `WHEELHOUSE_MAX_DOWNLOAD_BYTES`. Unset values
 * keep the defaults; a malformed one is an error naming the variable.
 */
export function transferLimitsFromEnv(env: Record<string, string | undefined>): Partial<TransferLimits> {
  const out: Partial<TransferLimits> = {};
  const connect = positiveNumber(LIMIT_ENV.connectTimeout, env[LIMIT_ENV.connectTimeout]);
  if (connect !== undefined) out.connectTimeoutMs = Math.round(connect * 1000);
  const timeout = positiveNumber(LIMIT_ENV.requestTimeout, env[LIMIT_ENV.requestTimeout]);
  if (timeout !== undefined) out.requestTimeoutMs = Math.round(timeout * 1000);
  const headers = positiveNumber(LIMIT_ENV.headersTimeout, env[LIMIT_ENV.headersTimeout]);
  if (headers !== undefined) out.headersTimeoutMs = Math.round(headers * 1000);
  const rate = positiveNumber(LIMIT_ENV.minRate, env[LIMIT_ENV.minRate]);
  if (rate !== undefined) out.minBytesPerSec = rate;
  const max = positiveNumber(LIMIT_ENV.maxDownload, env[LIMIT_ENV.maxDownload]);
  if (max !== undefined) out.maxDownloadBytes = Math.floor(max);
  return out;
}

/**
 * Deadline of one whole-file download: the usual request deadline plus the time the file takes
 * at 64 KiB/s (1 GiB assumed when no size is declared). The minimum rate catches a stalled
 * transfer much earlier; this bounds one that crawls just above it.
 */
export function downloadDeadlineMs(size: number | undefined): number {
  const bytes = size ?? 1024 * MiB;
  return DEFAULT_TRANSFER_LIMITS.requestTimeoutMs + Math.ceil((bytes / (64 * 1024)) * 1000);
}

/**
 * For a download of undeclared size, the time earned by the bytes received so far: the request
 * deadline plus those bytes at 64 KiB/s — so a host crawling just above the minimum rate is
 * stopped after minutes, not the hours a 1 GiB assumption allows (review 14b #13); a download at
 * any useful speed earns far more than it uses. `downloadDeadlineMs(undefined)` stays the cap.
 */
export function earnedDownloadMs(received: number): number {
  return DEFAULT_TRANSFER_LIMITS.requestTimeoutMs + Math.ceil((received / (64 * 1024)) * 1000);
}

/**
 * Bodies whose limit is at most this (a PEP 658 `.metadata` file: BODY_LIMITS.metadata) and whose
 * caller set no deadline of its own get `smallBodyEarnedMs` (review 17b F3): a `.metadata` file is
 * kilobytes, yet one trickled just above the minimum rate held the run the whole request deadline
 * (300 s). Project and find-links pages (64 MiB limits) keep the request deadline: PyPI's largest
 * pages are several MiB, which a slow link may need minutes for.
 */
export const SMALL_BODY_BYTES = BODY_LIMITS.metadata;

/**
 * The rate at which a small body earns its time: 4 KiB/s (32 kbit/s), well below an honest slow
 * link — a CI runner behind a proxy or a far mirror moves tens of KiB/s at least — yet four times
 * the minimum rate, so a trickle near that minimum falls behind its deadline. 64 KiB/s (fix17d)
 * failed an honest 8 KB/s mirror on a 400 KiB `.metadata` file after 35 s (review 17c F3).
 */
export const SMALL_BODY_EARN_BYTES_PER_SEC = 4 * 1024;

/**
 * The deadline of a small body (see SMALL_BODY_BYTES), counted from its response headers: a tenth
 * of the request deadline (30 s by default) plus the bytes received at SMALL_BODY_EARN_BYTES_PER_SEC,
 * never more than the request deadline; none when the request deadline is off (0). A body arriving
 * at 4 KiB/s or faster is never stopped by it (only by the request deadline); one trickled at
 * 1.1 KiB/s ends after ~41 s, at 2 KiB/s after ~60 s, instead of 300 s.
 */
export function smallBodyEarnedMs(requestTimeoutMs: number): ((received: number) => number) | undefined {
  if (requestTimeoutMs <= 0) return undefined;
  const base = Math.ceil(requestTimeoutMs / 10);
  return (received) =>
    Math.min(requestTimeoutMs, base + Math.ceil((received / SMALL_BODY_EARN_BYTES_PER_SEC) * 1000));
}
