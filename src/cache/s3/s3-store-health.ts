/**
 * Whether the store still answers, for one client's life. A store that stops answering costs a job
 * seconds, not minutes: a request whose answer does not start within the headers timeout (10 s
 * after its body was sent; undici refreshes that timer while the body is still flowing, so a slow
 * upload is not cut) or whose body pauses for the body timeout (20 s), or that cannot connect within
 * 5 s, or whose body arrives slower than 1 KiB/s over 5 s, or that outlives its deadline (300 s,
 * more for a large body; s3-transfer-guard.ts) is not retried; it marks the store unresponsive, and
 * every later request fails at once with STORE_UNRESPONSIVE. (A full Ceph cluster blocks writes:
 * with undici's own 30 s and retries, one save spent 131 s in timeouts before its warning.) The
 * store is a cache: whatever it did not deliver comes from the index.
 */
import { errorCode } from '../../index/http-failure.js';
import { S3Error, STORE_UNRESPONSIVE, timeoutLimit } from './s3-error.js';
import { S3TransferLimitError } from './s3-transfer-guard.js';

export class StoreHealth {
  /** Why the store counts as unresponsive (set by the first timeout), or undefined. */
  private why: string | undefined;

  constructor(private readonly limits: { connectMs: number; headersMs: number; bodyMs: number }) {}

  get unresponsiveReason(): string | undefined {
    return this.why;
  }

  /** Throws STORE_UNRESPONSIVE for request `what` once the store stopped answering. */
  refuse(what: string): void {
    if (this.why !== undefined)
      throw new S3Error(`${what}: not sent, ${this.why}`, undefined, STORE_UNRESPONSIVE);
  }

  /**
   * Marks the store unresponsive when `error` is one of undici's timeouts (or the transfer guard's
   * limits) and answers the error to throw: STORE_UNRESPONSIVE for a timeout, else `error` itself.
   */
  observe(error: unknown, what: string): unknown {
    const limit =
      error instanceof S3TransferLimitError ? error.message : timeoutLimit(errorCode(error), this.limits);
    if (limit === undefined) return error;
    this.why ??= `the store stopped answering (${what}: ${limit})`;
    return new S3Error(
      `${what}: ${limit}; the store is not asked again in this run`,
      undefined,
      STORE_UNRESPONSIVE,
    );
  }
}
