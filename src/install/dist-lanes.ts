/**
 * Which wheels the installer works on at once (issue 9 §4): `max` slots taken from both ends of
 * the queue by size. All slots but one take the largest waiting wheel first (priority-limiter.ts:
 * the long single-member streams must not run alone at the end); the last slot takes the smallest
 * first. A large wheel keeps the extraction workers busy for seconds while the main thread has
 * little to do for it; a small wheel is mostly main-thread work (plan, RECORD, journal, renames).
 * Largest-first alone left the ~100 small wheels of a data-science set for the end, the main thread
 * working alone on them with both workers idle (docs/benchmarks.md, Install, session 13).
 *
 * A wheel waits in both lanes and runs in the first that takes it; the other lane, reaching it,
 * skips it. With a single slot there is one lane, largest first.
 */
import { priorityLimiter, type PriorityLimit } from './priority-limiter.js';

export interface Lane {
  /** The lane's slots: `outside` and `hold` from inside a wheel's work use the lane it runs in. */
  readonly limit: PriorityLimit;
  /** A wheel's priority in this lane, from its size in bytes. */
  priority(size: number): number;
  /** Whether this lane takes the smallest wheels first. */
  readonly smallFirst: boolean;
}

export type RunInLane = <T>(size: number, work: (lane: Lane) => Promise<T>) => Promise<T>;

export function distLanes(max: number): RunInLane {
  const slots = Math.max(1, Math.floor(max));
  const largest: Lane = {
    limit: priorityLimiter(Math.max(1, slots - 1)),
    priority: (s) => s,
    smallFirst: false,
  };
  if (slots === 1) return (size, work) => largest.limit(size, () => work(largest));
  const smallest: Lane = { limit: priorityLimiter(1), priority: (s) => -s, smallFirst: true };
  return <T>(size: number, work: (lane: Lane) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let taken = false;
      const offer = (lane: Lane): void => {
        void lane.limit(lane.priority(size), async () => {
          if (taken) return; // the other lane has it: this slot goes straight to the next wheel
          taken = true;
          try {
            resolve(await work(lane));
          } catch (error) {
            reject(error as Error);
          }
        });
      };
      offer(largest);
      offer(smallest);
    });
}
