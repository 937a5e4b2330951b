/**
 * Version ranges for the PubGrub core: finite unions of disjoint intervals over any totally ordered
 * version type `V`, with open, closed or unbounded ends. The order is a comparator passed in
 * (`compare(a, b)` < 0, 0, > 0); the resolver never looks inside a version.
 *
 * Ranges are treated as sets over a dense order: `>1,<2` is not empty even when no version lies
 * between 1 and 2 in practice. The solver only ever picks versions the provider listed, so that is
 * harmless, and it keeps the algebra (complement, union, intersection) exact.
 *
 * Invariant of `Range.intervals`: every interval is non-empty, intervals are sorted, and no two
 * intervals overlap or touch (`>=1,<2` and `>=2,<3` are stored as `>=1,<3`).
 */

import {
  type Bound,
  type Compare,
  compareLower,
  compareUpper,
  flip,
  formatInterval,
  type Interval,
  isNonEmpty,
  lowerAdmits,
  mergeSorted,
  overlaps,
} from './interval.js';

export type { Bound, Compare, Interval } from './interval.js';

/** Thrown when a range is built from ends that do not make sense (`between(3, 1)`). */
export class InvalidRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRangeError';
  }
}

/** A set of versions. Immutable; every operation returns a new range. */
export class Range<V> {
  /** Use `Ranges` (the factory) or the operations below; the constructor trusts its input. */
  /** Computed on first use: the solver complements the same ranges over and over. */
  private complementCache: Range<V> | undefined = undefined;

  /**
   * The single interval's ends, flat (`size` 1 only): the solver's relation checks on one-interval
   * ranges read these instead of chasing range → intervals → interval → bound (issue 14: those pointer
   * chases, over ~1.6 million checks per heavy solve, were the largest item of its profile).
   */
  private readonly size: number;
  private readonly hasLo: boolean;
  private readonly loV: V | undefined;
  private readonly loIn: boolean;
  private readonly hasHi: boolean;
  private readonly hiV: V | undefined;
  private readonly hiIn: boolean;
  /** What `singleVersion()` returns. */
  private readonly single: V | undefined;

  private constructor(
    readonly compare: Compare<V>,
    readonly intervals: readonly Interval<V>[],
  ) {
    this.size = intervals.length;
    const only = intervals.length === 1 ? intervals[0]! : undefined;
    const lower = only?.lower;
    const upper = only?.upper;
    this.hasLo = lower !== undefined;
    this.loV = lower?.value;
    this.loIn = lower?.inclusive ?? false;
    this.hasHi = upper !== undefined;
    this.hiV = upper?.value;
    this.hiIn = upper?.inclusive ?? false;
    this.single =
      this.hasLo && this.hasHi && this.loIn && this.hiIn && compare(this.loV as V, this.hiV as V) === 0
        ? this.loV
        : undefined;
  }

  /** @internal Build from intervals already satisfying the class invariant. */
  static fromNormalized<V>(compare: Compare<V>, intervals: readonly Interval<V>[]): Range<V> {
    return new Range(compare, intervals);
  }

  /** Build from arbitrary (possibly empty, overlapping, unsorted) intervals. */
  static fromIntervals<V>(compare: Compare<V>, intervals: readonly Interval<V>[]): Range<V> {
    if (intervals.length === 1) {
      // One interval (every `Ranges.interval`): normalized as it is unless empty; no copies.
      const only = intervals[0]!;
      return new Range(compare, isNonEmpty(compare, only.lower, only.upper) ? [only] : []);
    }
    const kept = intervals.filter((i) => isNonEmpty(compare, i.lower, i.upper));
    kept.sort((a, b) => compareLower(compare, a.lower, b.lower));
    return new Range(compare, mergeSorted(compare, kept));
  }

  isEmpty(): boolean {
    return this.size === 0;
  }

  isAny(): boolean {
    return this.size === 1 && !this.hasLo && !this.hasHi;
  }

  /** The single version this range holds, if it is `==v`. */
  singleVersion(): V | undefined {
    return this.single;
  }

  contains(v: V): boolean {
    if (this.size === 1) {
      if (this.hasLo) {
        const c = this.compare(this.loV as V, v);
        if (c > 0 || (c === 0 && !this.loIn)) return false;
      }
      if (this.hasHi) {
        const c = this.compare(v, this.hiV as V);
        if (c > 0 || (c === 0 && !this.hiIn)) return false;
      }
      return true;
    }
    // Binary search for the last interval whose lower bound is at or below v.
    const ivs = this.intervals;
    let lo = 0;
    let hi = ivs.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (lowerAdmits(this.compare, ivs[mid]!.lower, v)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return false;
    const upper = ivs[found]!.upper;
    if (upper === undefined) return true;
    const c = this.compare(v, upper.value);
    return c < 0 || (c === 0 && upper.inclusive);
  }

  complement(): Range<V> {
    if (this.complementCache === undefined) {
      this.complementCache = this.computeComplement();
      this.complementCache.complementCache = this;
    }
    return this.complementCache;
  }

  private computeComplement(): Range<V> {
    const out: Interval<V>[] = [];
    let start: Bound<V> | undefined = undefined;
    let open = true; // whether the next gap starts at minus infinity / after the previous interval
    for (const iv of this.intervals) {
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
    return new Range(this.compare, out);
  }

  union(other: Range<V>): Range<V> {
    if (this.isEmpty() || other.isAny()) return other;
    if (other.isEmpty() || this.isAny()) return this;
    const cmp = this.compare;
    const a = this.intervals;
    const b = other.intervals;
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
    return new Range(cmp, mergeSorted(cmp, merged));
  }

  intersection(other: Range<V>): Range<V> {
    if (this.isEmpty() || other.isAny()) return this;
    if (other.isEmpty() || this.isAny()) return other;
    const cmp = this.compare;
    const a = this.intervals;
    const b = other.intervals;
    if (a.length === 1 && b.length === 1) {
      // Fast path without allocation when one interval contains the other.
      const x = a[0]!;
      const y = b[0]!;
      const lowerCmp = compareLower(cmp, x.lower, y.lower);
      const upperCmp = compareUpper(cmp, x.upper, y.upper);
      if (lowerCmp >= 0 && upperCmp <= 0) return this;
      if (lowerCmp <= 0 && upperCmp >= 0) return other;
    } else if (a.length === 1 ? this.isSubsetOf(other) : b.length === 1 && other.isSubsetOf(this)) {
      // One interval inside the other range (a decision or a derived interval meeting a complement's
      // gaps): the answer is that interval's range itself, without allocating an equal copy.
      return a.length === 1 ? this : other;
    }
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
    return new Range(cmp, out);
  }

  /** Every version in this range is in `other`. */
  isSubsetOf(other: Range<V>): boolean {
    const cmp = this.compare;
    if (this.size === 1 && other.size === 1) {
      // other's lower end at or below this one's, and its upper end at or above (flat fields).
      if (other.hasLo) {
        if (!this.hasLo) return false;
        const c = cmp(other.loV as V, this.loV as V);
        if (c > 0 || (c === 0 && !other.loIn && this.loIn)) return false;
      }
      if (other.hasHi) {
        if (!this.hasHi) return false;
        const c = cmp(other.hiV as V, this.hiV as V);
        if (c < 0 || (c === 0 && !other.hiIn && this.hiIn)) return false;
      }
      return true;
    }
    const b = other.intervals;
    let j = 0;
    for (const x of this.intervals) {
      // Skip the intervals of `other` that end before x starts.
      while (j < b.length && !overlaps(cmp, b[j]!.upper, x.lower)) j++;
      const y = b[j];
      if (y === undefined) return false;
      if (compareLower(cmp, y.lower, x.lower) > 0) return false;
      if (compareUpper(cmp, y.upper, x.upper) < 0) return false;
    }
    return true;
  }

  /** No version is in both ranges. */
  isDisjoint(other: Range<V>): boolean {
    const cmp = this.compare;
    if (this.size === 1 && other.size === 1) {
      // Disjoint when one interval ends before the other starts (flat fields; see `overlaps`).
      if (this.hasHi && other.hasLo) {
        const c = cmp(other.loV as V, this.hiV as V);
        if (c > 0 || (c === 0 && !(other.loIn && this.hiIn))) return true;
      }
      if (other.hasHi && this.hasLo) {
        const c = cmp(this.loV as V, other.hiV as V);
        if (c > 0 || (c === 0 && !(this.loIn && other.hiIn))) return true;
      }
      return false;
    }
    const a = this.intervals;
    const b = other.intervals;
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

  equals(other: Range<V>): boolean {
    if (this === other) return true;
    const a = this.intervals;
    const b = other.intervals;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (compareLower(this.compare, a[i]!.lower, b[i]!.lower) !== 0) return false;
      if (compareUpper(this.compare, a[i]!.upper, b[i]!.upper) !== 0) return false;
    }
    return true;
  }

  /**
   * Text such as `*`, `==1.0`, `>=1.0,<2.0`, `<1.0 || >1.0`, or `∅` for the empty range. Versions are
   * rendered by `formatVersion` (default `String`).
   */
  toString(formatVersion: (v: V) => string = String): string {
    if (this.isEmpty()) return '∅';
    if (this.isAny()) return '*';
    return this.intervals.map((iv) => formatInterval(this.compare, iv, formatVersion)).join(' || ');
  }
}

/**
 * The factory for ranges over one version type. Create one per version type and reuse it:
 * `const ranges = new Ranges<Version>(Version.compare)`.
 */
export class Ranges<V> {
  private readonly anyRange: Range<V>;
  private readonly noneRange: Range<V>;

  constructor(readonly compare: Compare<V>) {
    this.anyRange = Range.fromNormalized(compare, [{ lower: undefined, upper: undefined }]);
    this.noneRange = Range.fromNormalized(compare, []);
  }

  /** Every version. */
  any(): Range<V> {
    return this.anyRange;
  }

  /** No version. */
  none(): Range<V> {
    return this.noneRange;
  }

  /** Exactly `v` (`==v`). */
  exact(v: V): Range<V> {
    return Range.fromNormalized(this.compare, [
      { lower: { value: v, inclusive: true }, upper: { value: v, inclusive: true } },
    ]);
  }

  /** Every version but `v` (`!=v`). */
  notEqual(v: V): Range<V> {
    return this.exact(v).complement();
  }

  /** `>=v`. */
  higherThan(v: V): Range<V> {
    return Range.fromNormalized(this.compare, [{ lower: { value: v, inclusive: true }, upper: undefined }]);
  }

  /** `>v`. */
  strictlyHigherThan(v: V): Range<V> {
    return Range.fromNormalized(this.compare, [{ lower: { value: v, inclusive: false }, upper: undefined }]);
  }

  /** `<v`. */
  lowerThan(v: V): Range<V> {
    return Range.fromNormalized(this.compare, [{ lower: undefined, upper: { value: v, inclusive: false } }]);
  }

  /** `<=v`. */
  lowerThanOrEqual(v: V): Range<V> {
    return Range.fromNormalized(this.compare, [{ lower: undefined, upper: { value: v, inclusive: true } }]);
  }

  /** `>=low,<high`: the half-open interval. Throws when `high` is below `low`. */
  between(low: V, high: V): Range<V> {
    return this.interval({ value: low, inclusive: true }, { value: high, inclusive: false });
  }

  /** Any single interval; `undefined` ends are unbounded. Throws when upper is below lower. */
  interval(lower: Bound<V> | undefined, upper: Bound<V> | undefined): Range<V> {
    if (lower !== undefined && upper !== undefined && this.compare(lower.value, upper.value) > 0) {
      throw new InvalidRangeError(
        `invalid range: lower end ${String(lower.value)} is above upper end ${String(upper.value)}`,
      );
    }
    return Range.fromIntervals(this.compare, [{ lower, upper }]);
  }

  /** The union of several ranges (`none()` for an empty list). */
  unionAll(ranges: Iterable<Range<V>>): Range<V> {
    let acc = this.noneRange;
    for (const r of ranges) acc = acc.union(r);
    return acc;
  }
}
