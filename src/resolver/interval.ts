/**
 * The intervals that version ranges (range.ts) are made of: one end (`Bound`), an interval of two
 * ends, and the order-only primitives on them — comparing ends, overlap and adjacency of neighbouring
 * intervals, merging sorted intervals into range.ts's normalized form, rendering an interval as text —
 * and the set operations on normalized interval lists (sorted, non-empty, neither overlapping nor
 * touching) that range.ts uses for ranges of several intervals. Generic over any totally ordered
 * version type through a comparator.
 */

export type Compare<V> = (a: V, b: V) => number;

/** One end of an interval. `inclusive` says whether `value` itself is in the interval. */
export interface Bound<V> {
  readonly value: V;
  readonly inclusive: boolean;
}

/** `lower`/`upper` undefined means unbounded on that side. */
export interface Interval<V> {
  readonly lower: Bound<V> | undefined;
  readonly upper: Bound<V> | undefined;
}

/** Compare two lower bounds: which one starts earlier (undefined = minus infinity). */
export function compareLower<V>(cmp: Compare<V>, a: Bound<V> | undefined, b: Bound<V> | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  const c = cmp(a.value, b.value);
  if (c !== 0) return c;
  if (a.inclusive === b.inclusive) return 0;
  return a.inclusive ? -1 : 1;
}

/** Compare two upper bounds: which one ends earlier (undefined = plus infinity). */
export function compareUpper<V>(cmp: Compare<V>, a: Bound<V> | undefined, b: Bound<V> | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  const c = cmp(a.value, b.value);
  if (c !== 0) return c;
  if (a.inclusive === b.inclusive) return 0;
  return a.inclusive ? 1 : -1;
}

/** True when an interval that ends at `upper` has points in common with one starting at `lower`. */
export function overlaps<V>(
  cmp: Compare<V>,
  upper: Bound<V> | undefined,
  lower: Bound<V> | undefined,
): boolean {
  if (upper === undefined || lower === undefined) return true;
  const c = cmp(lower.value, upper.value);
  if (c !== 0) return c < 0;
  return lower.inclusive && upper.inclusive;
}

/** True when an interval ending at `upper` and one starting at `lower` overlap or meet with no gap. */
export function touches<V>(
  cmp: Compare<V>,
  upper: Bound<V> | undefined,
  lower: Bound<V> | undefined,
): boolean {
  if (upper === undefined || lower === undefined) return true;
  const c = cmp(lower.value, upper.value);
  if (c !== 0) return c < 0;
  return lower.inclusive || upper.inclusive;
}

export function isNonEmpty<V>(
  cmp: Compare<V>,
  lower: Bound<V> | undefined,
  upper: Bound<V> | undefined,
): boolean {
  return overlaps(cmp, upper, lower);
}

/** `v` is at or above the lower bound. */
export function lowerAdmits<V>(cmp: Compare<V>, lower: Bound<V> | undefined, v: V): boolean {
  if (lower === undefined) return true;
  const c = cmp(lower.value, v);
  return c < 0 || (c === 0 && lower.inclusive);
}

export function flip<V>(b: Bound<V>): Bound<V> {
  return { value: b.value, inclusive: !b.inclusive };
}

export function formatInterval<V>(cmp: Compare<V>, iv: Interval<V>, fmt: (v: V) => string): string {
  const { lower, upper } = iv;
  if (lower !== undefined && upper !== undefined && cmp(lower.value, upper.value) === 0) {
    return `==${fmt(lower.value)}`;
  }
  const parts: string[] = [];
  if (lower !== undefined) parts.push(`${lower.inclusive ? '>=' : '>'}${fmt(lower.value)}`);
  if (upper !== undefined) parts.push(`${upper.inclusive ? '<=' : '<'}${fmt(upper.value)}`);
  return parts.join(',');
}

/** Merge intervals sorted by lower bound into the normalized form (disjoint, non-touching). */
export function mergeSorted<V>(cmp: Compare<V>, sorted: readonly Interval<V>[]): Interval<V>[] {
  const out: Interval<V>[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && touches(cmp, last.upper, iv.lower)) {
      if (compareUpper(cmp, iv.upper, last.upper) > 0) {
        out[out.length - 1] = { lower: last.lower, upper: iv.upper };
      }
    } else {
      out.push(iv);
    }
  }
  return out;
}

/** `v` lies in one of the normalized intervals `ivs` (binary search). */
export function listContains<V>(cmp: Compare<V>, ivs: readonly Interval<V>[], v: V): boolean {
  // The last interval whose lower bound is at or below v.
  let lo = 0;
  let hi = ivs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (lowerAdmits(cmp, ivs[mid]!.lower, v)) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0) return false;
  const upper = ivs[found]!.upper;
  if (upper === undefined) return true;
  const c = cmp(v, upper.value);
  return c < 0 || (c === 0 && upper.inclusive);
}

/** The gaps between (and around) the normalized intervals `ivs`, normalized. */
export function listComplement<V>(ivs: readonly Interval<V>[]): Interval<V>[] {
  const out: Interval<V>[] = [];
  let start: Bound<V> | undefined = undefined;
  let open = true; // whether the next gap starts at minus infinity / after the previous interval
  for (const iv of ivs) {
    if (iv.lower !== undefined) {
      out.push({ lower: start, upper: flip(iv.lower) });
    }
    if (iv.upper === undefined) {
      open = false;
      break;
    }
    start = flip(iv.upper);
  }
  if (open) out.push({ lower: start, upper: undefined });
  return out;
}

/** The union of two normalized lists, normalized. */
export function listUnion<V>(
  cmp: Compare<V>,
  a: readonly Interval<V>[],
  b: readonly Interval<V>[],
): Interval<V>[] {
  const merged: Interval<V>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && compareLower(cmp, a[i]!.lower, b[j]!.lower) <= 0)) {
      merged.push(a[i++]!);
    } else {
      merged.push(b[j++]!);
    }
  }
  return mergeSorted(cmp, merged);
}

/** The intersection of two normalized lists, normalized. */
export function listIntersection<V>(
  cmp: Compare<V>,
  a: readonly Interval<V>[],
  b: readonly Interval<V>[],
): Interval<V>[] {
  const out: Interval<V>[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const lower = compareLower(cmp, x.lower, y.lower) >= 0 ? x.lower : y.lower;
    const upperCmp = compareUpper(cmp, x.upper, y.upper);
    const upper = upperCmp <= 0 ? x.upper : y.upper;
    if (isNonEmpty(cmp, lower, upper)) out.push({ lower, upper });
    if (upperCmp <= 0) i++;
    if (upperCmp >= 0) j++;
  }
  return out;
}

/** Every point of the normalized list `a` is in the normalized list `b`. */
export function listIsSubset<V>(
  cmp: Compare<V>,
  a: readonly Interval<V>[],
  b: readonly Interval<V>[],
): boolean {
  let j = 0;
  for (const x of a) {
    // Skip the intervals of `b` that end before x starts.
    while (j < b.length && !overlaps(cmp, b[j]!.upper, x.lower)) j++;
    const y = b[j];
    if (y === undefined) return false;
    if (compareLower(cmp, y.lower, x.lower) > 0) return false;
    if (compareUpper(cmp, y.upper, x.upper) < 0) return false;
  }
  return true;
}

/** No point is in both normalized lists. */
export function listIsDisjoint<V>(
  cmp: Compare<V>,
  a: readonly Interval<V>[],
  b: readonly Interval<V>[],
): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (overlaps(cmp, x.upper, y.lower) && overlaps(cmp, y.upper, x.lower)) return false;
    if (compareUpper(cmp, x.upper, y.upper) <= 0) i++;
    else j++;
  }
  return true;
}

/**
 * In an ascending list `sorted`, the index of the first element above an end of an interval: for a
 * lower end (`lower`), the first at or above it when inclusive; for an upper end, the first above it
 * (so the elements below it come before). A missing end (`has` false): 0 for a lower end, the length
 * for an upper one. Binary search.
 */
export function searchAbove<V>(
  cmp: Compare<V>,
  sorted: readonly V[],
  has: boolean,
  value: V | undefined,
  inclusive: boolean,
  lower: boolean,
): number {
  if (!has) return lower ? 0 : sorted.length;
  // An element at the end belongs below the split when it is outside a lower / inside an upper end.
  const atEndBelow = lower ? !inclusive : inclusive;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = cmp(sorted[mid]!, value as V);
    if (c < 0 || (c === 0 && atEndBelow)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
