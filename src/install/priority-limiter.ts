/**
 * Counting semaphores for the installer's concurrency limits (issue 9 §4). `priorityLimiter` lets
 * the waiting work with the highest priority in first (ties in arrival order): the installer gives
 * each wheel its size, so the largest wheels start first and the long single-member streams (a
 * 150 MB shared library inflates on one core) do not run alone at the end while the other core
 * has nothing left to do. A finishing task hands its slot straight to the chosen waiter, so at
 * most `max` tasks ever run at once.
 */

export interface PriorityLimit {
  <T>(priority: number, work: () => Promise<T>): Promise<T>;
  /**
   * From inside a task: gives its slot away while `wait` settles (others run meanwhile), then waits
   * for a slot again at `priority` before it answers what `wait` did.
   */
  outside<T>(priority: number, wait: Promise<T>): Promise<T>;
}

export function priorityLimiter(max: number): PriorityLimit {
  const slots = Math.max(1, max);
  let running = 0;
  let arrivals = 0;
  const waiting: { priority: number; order: number; go: () => void }[] = [];
  const handOver = (): void => {
    let best = 0;
    for (let i = 1; i < waiting.length; i++) {
      const w = waiting[i] as (typeof waiting)[number];
      const b = waiting[best] as (typeof waiting)[number];
      if (w.priority > b.priority || (w.priority === b.priority && w.order < b.order)) best = i;
    }
    const [chosen] = waiting.splice(best, 1);
    chosen?.go();
  };
  const acquire = async (priority: number): Promise<void> => {
    if (running >= slots) {
      // The slot is handed over by a finishing task (`running` stays as it is).
      await new Promise<void>((go) => waiting.push({ priority, order: arrivals++, go }));
    } else running++;
  };
  const release = (): void => {
    if (waiting.length > 0) handOver();
    else running--;
  };
  const limit = async <T>(priority: number, work: () => Promise<T>): Promise<T> => {
    await acquire(priority);
    try {
      return await work();
    } finally {
      release();
    }
  };
  limit.outside = async <T>(priority: number, wait: Promise<T>): Promise<T> => {
    release();
    try {
      return await wait;
    } finally {
      await acquire(priority);
    }
  };
  return limit;
}

/** A counting semaphore (first come, first served). */
export function limiter(max: number): <T>(work: () => Promise<T>) => Promise<T> {
  const byPriority = priorityLimiter(max);
  return (work) => byPriority(0, work);
}
