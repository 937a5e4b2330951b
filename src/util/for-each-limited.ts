/**
 * Bounded concurrency for a list of jobs: at most `limit` run at once, started in list order. After
 * the first failure no further job starts; the jobs already running finish (nothing is left
 * running behind the caller's back). One helper for every "N at a time" loop in wheelhouse.
 */

/**
 * Runs `fn` over `items` at most `limit` at once; answers the failures in the order they happened
 * (empty when every job succeeded). Jobs not started because of a failure are simply skipped.
 */
export function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<unknown[]> {
  return forEachFromBothEnds(items, limit, 0, fn);
}

/**
 * forEachLimited, but `fromEnd` of the workers (never all of them) take items from the end of the
 * list while the others take them from its start, until they meet (the download step: the largest
 * files first, a few connections on the smallest so an installer has work at once).
 */
export async function forEachFromBothEnds<T>(
  items: readonly T[],
  limit: number,
  fromEnd: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<unknown[]> {
  const failures: unknown[] = [];
  let front = 0;
  let back = items.length - 1;
  const worker = async (takesLast: boolean): Promise<void> => {
    while (front <= back && failures.length === 0) {
      const index = takesLast ? back-- : front++;
      try {
        await fn(items[index] as T, index);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, (_, i) => worker(i < Math.min(fromEnd, workers - 1))));
  return failures;
}

/** forEachLimited, rejecting with the first failure once the running jobs have finished. */
export async function runLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  const failures = await forEachLimited(items, limit, fn);
  if (failures.length > 0) throw failures[0];
}
