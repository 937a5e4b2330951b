/**
 * Why an HTTP exchange failed, as the HttpClient (http.ts) reports it: the error code of what
 * undici or our own limits threw, the code the caller sees (a silent server or a host that never
 * completed the TCP handshake is a transfer limit like the others: no layer above asks again), and
 * the message, naming the host, what was slow and the number of attempts. Messages are redacted
 * (redact.ts); the header-wait limit's message carries its knob from where it is built
 * (header-wait.ts).
 */
import { redactText } from './redact.js';
import { HEADERS_TIMEOUT_HINT, LIMIT_CODES, LIMIT_ENV } from './transfer-limits.js';

/** The error's code, or its cause's (undici wraps socket errors). */
export function errorCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; cause?: { code?: unknown } };
  if (typeof err?.code === 'string') return err.code;
  if (typeof err?.cause?.code === 'string') return err.cause.code;
  return undefined;
}

/** The error's message with its cause's, redacted. */
export function errorReason(e: unknown): string {
  const err = e as { message?: unknown; cause?: { message?: unknown } };
  const msg = typeof err?.message === 'string' ? err.message : String(e);
  const cause =
    typeof err?.cause?.message === 'string' && err.cause.message !== msg ? ` (${err.cause.message})` : '';
  return redactText(`${msg}${cause}`);
}

/**
 * Whether the failure is a host's silence (no response headers, no answer to the TCP handshake):
 * not asked again, since each further wait adds the whole timeout to the time a hostile,
 * firewalled or stuck host holds the run (issue 10 §2: 4 connect attempts took 64 s).
 */
export function isSilence(code: string | undefined): boolean {
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

/** The code the caller sees: undici's timeouts become our limit codes. */
export function finalCode(code: string | undefined): string | undefined {
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return LIMIT_CODES.connect;
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return LIMIT_CODES.headers;
  return code;
}

export interface FailureContext {
  host: string;
  /** Attempts made before this one (0: the first failed). */
  attempt: number;
  /** When the first attempt started (Date.now()). */
  started: number;
  /** undici's own headers timeout (the backstop of ours) and the connect timeout, in ms. */
  undiciHeadersTimeoutMs: number;
  connectTimeoutMs: number;
}

/** Why an exchange failed, naming the host and what was slow for timeouts. */
export function failureReason(e: unknown, code: string | undefined, ctx: FailureContext): string {
  const { host, attempt, started } = ctx;
  const tries =
    attempt > 0 ? ` (${attempt + 1} attempts in ${Math.round((Date.now() - started) / 1000)} s)` : '';
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return `${host} sent no response headers within ${ctx.undiciHeadersTimeoutMs / 1000} s${tries} ${HEADERS_TIMEOUT_HINT}`;
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return `connecting to ${host} timed out after ${ctx.connectTimeoutMs / 1000} s${tries} (no answer to the TCP handshake; ${LIMIT_ENV.connectTimeout} sets the wait, in seconds)`;
  }
  // Our own limits' messages are complete (the header wait's names its knob: header-wait.ts).
  if (code === LIMIT_CODES.headers || code === LIMIT_CODES.deadline || code === LIMIT_CODES.tooSlow)
    return errorReason(e);
  return `${errorReason(e)}${tries}`;
}
