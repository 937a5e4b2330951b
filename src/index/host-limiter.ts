/**
 * A counting semaphore per host: at most N requests to one host are in flight (from sending the
 * request until its exchange ends: see http.ts). Waiters are served first come, first served.
 */

export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly perHost: number) {
    if (!(perHost >= 1)) throw new RangeError(`maxConnectionsPerHost must be ≥ 1, got ${perHost}`);
  }

  /** Resolves with a release function once a slot for `host` is free. */
  async acquire(host: string): Promise<() => void> {
    const n = this.active.get(host) ?? 0;
    if (n < this.perHost) {
      this.active.set(host, n + 1);
    } else {
      await new Promise<void>((resolve) => {
        const q = this.waiting.get(host) ?? [];
        q.push(resolve);
        this.waiting.set(host, q);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(host);
    };
  }

  private release(host: string): void {
    const q = this.waiting.get(host);
    const next = q?.shift();
    if (q && q.length === 0) this.waiting.delete(host);
    if (next) {
      next(); // hand the slot over; active count unchanged
      return;
    }
    const n = (this.active.get(host) ?? 1) - 1;
    if (n <= 0) this.active.delete(host);
    else this.active.set(host, n);
  }

  inFlight(host: string): number {
    return this.active.get(host) ?? 0;
  }
}
