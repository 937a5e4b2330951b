/** Summary statistics for benchmark repetitions: median and spread (min, max), nothing fancier. */

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] as number;
  return ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** Index of the value closest to the median (the "median run", whose counters are reported). */
export function medianIndex(values: readonly number[]): number {
  const m = median(values);
  let best = 0;
  values.forEach((v, i) => {
    if (Math.abs(v - m) < Math.abs((values[best] as number) - m)) best = i;
  });
  return best;
}
