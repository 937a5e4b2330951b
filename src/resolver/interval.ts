/**
 * The intervals that version ranges (range.ts) are made of: one end (`Bound`), an interval of two
 * ends, and the order-only primitives on them — comparing ends, overlap and adjacency of neighbouring
 * intervals, merging sorted intervals into range.ts's normalized form, and rendering an interval as
 * text. Generic over any totally ordered version type through a comparator; no range semantics here.
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
