/**
 * The restore's work list (s3-restore.ts): `limit` workers take the jobs in list order, except that
 * a job someone waits for (`hurry`) is taken next. Each job's end can be waited for, whatever the
 * job did. A job's failure does not stop the others; `runAll` rejects with the first failure once
 * every job has ended (nothing is left running behind the caller's back).
 */
export class RestoreQueue<T extends object> {
  private readonly started = new Set<T>();
  private readonly ended = new Set<T>();
  private readonly waiters = new Map<T, { promise: Promise<void>; open: () => void }>();
  private readonly urgent: T[] = [];
  private readonly known: Set<T>;
  private next = 0;

  constructor(
    private readonly jobs: readonly T[],
    private readonly run: (job: T) => Promise<void>,
  ) {
    this.known = new Set(jobs);
  }

  async runAll(limit: number): Promise<void> {
    const failures: unknown[] = [];
    const worker = async (): Promise<void> => {
      for (let job = this.take(); job !== undefined; job = this.take()) {
        try {
          await this.run(job);
        } catch (error) {
          failures.push(error);
        } finally {
          this.ended.add(job);
          this.waiters.get(job)?.open();
        }
      }
    };
    const workers = Math.max(1, Math.min(Math.floor(limit) || 1, this.jobs.length));
    await Promise.all(Array.from({ length: workers }, worker));
    if (failures.length > 0) throw failures[0];
  }

  /** Resolves once `job` has ended (at once for a job not in this queue); one not started yet is taken next. */
  hurry(job: T): Promise<void> {
    if (this.ended.has(job) || !this.known.has(job)) return Promise.resolve();
    let waiter = this.waiters.get(job);
    if (waiter === undefined) {
      let open!: () => void;
      const promise = new Promise<void>((resolve) => (open = resolve));
      waiter = { promise, open };
      this.waiters.set(job, waiter);
    }
    if (!this.started.has(job)) this.urgent.push(job);
    return waiter.promise;
  }

  private take(): T | undefined {
    for (;;) {
      const job = this.urgent.length > 0 ? this.urgent.shift() : this.jobs[this.next++];
      if (job === undefined) {
        if (this.next > this.jobs.length) return undefined;
        continue;
      }
      if (this.started.has(job)) continue;
      this.started.add(job);
      return job;
    }
  }
}
