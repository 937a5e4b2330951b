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
  /** A slot held across several steps: answers, once it is this caller's, the function that frees it. */
  hold(priority: number): Promise<() => void>;
}

interface Waiter {
  priority: number;
  order: number;
  go: () => void;
}

/** Whether `a` goes before `b`: higher priority first, then arrival order. */
function before(a: Waiter, b: Waiter): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.order < b.order);
}

/**
 * The waiters as a binary heap (first: the one `before` every other): a wheel with 30,000 members
 * queues each of them on the file limit at once, so taking the next one must not cost a scan.
 */
class WaiterHeap {
  private readonly items: Waiter[] = [];

  get size(): number {
    return this.items.length;
  }

  push(w: Waiter): void {
    const a = this.items;
    a.push(w);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i] as Waiter, a[parent] as Waiter)) break;
      [a[i], a[parent]] = [a[parent] as Waiter, a[i] as Waiter];
      i = parent;
    }
  }

  pop(): Waiter | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && before(a[l] as Waiter, a[m] as Waiter)) m = l;
      if (r < a.length && before(a[r] as Waiter, a[m] as Waiter)) m = r;
      if (m === i) return top;
      [a[i], a[m]] = [a[m] as Waiter, a[i] as Waiter];
      i = m;
    }
  }
}

export function priorityLimiter(max: number): PriorityLimit {
  const slots = Math.max(1, max);
  let running = 0;
  let arrivals = 0;
  const waiting = new WaiterHeap();
  const handOver = (): void => {
    waiting.pop()?.go();
  };
  const acquire = async (priority: number): Promise<void> => {
    if (running >= slots) {
      // The slot is handed over by a finishing task (`running` stays as it is).
      await new Promise<void>((go) => waiting.push({ priority, order: arrivals++, go }));
    } else running++;
  };
  const release = (): void => {
    if (waiting.size > 0) handOver();
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
  limit.hold = async (priority: number): Promise<() => void> => {
    await acquire(priority);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      release();
    };
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
