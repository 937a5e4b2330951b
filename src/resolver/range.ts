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
  formatInterval,
  type Interval,
  isNonEmpty,
  listComplement,
  listContains,
  listIntersection,
  listIsDisjoint,
  listIsSubset,
  listUnion,
  mergeSorted,
  searchAbove,
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
   * The intervals, unless there is exactly one: a one-interval range (nearly every range the solver
   * makes) keeps only its ends, flat, and `intervals` builds the array when asked. Issue 14: the
   * solver's relation checks read the flat ends instead of chasing range → intervals → interval →
   * bound, and a range is one object, not five, among the ~100,000 a heavy solve keeps through
   * scavenges (what survives a scavenge is what garbage collection pays for).
   */
  private readonly many: readonly Interval<V>[] | undefined;
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
    many: readonly Interval<V>[] | undefined,
    hasLo: boolean,
    loV: V | undefined,
    loIn: boolean,
    hasHi: boolean,
    hiV: V | undefined,
    hiIn: boolean,
  ) {
    this.many = many;
    this.size = many === undefined ? 1 : many.length;
    this.hasLo = hasLo;
    this.loV = loV;
    this.loIn = loIn;
    this.hasHi = hasHi;
    this.hiV = hiV;
    this.hiIn = hiIn;
    this.single = hasLo && hasHi && loIn && hiIn && compare(loV as V, hiV as V) === 0 ? loV : undefined;
  }

  /** Normalized intervals (see the class invariant) as a range: one interval is kept flat. */
  private static of<V>(compare: Compare<V>, intervals: readonly Interval<V>[]): Range<V> {
    const many = intervals.length !== 1 ? intervals : undefined;
    const lo = many === undefined ? intervals[0]!.lower : undefined;
    const hi = many === undefined ? intervals[0]!.upper : undefined;
    const [loIn, hiIn] = [lo?.inclusive ?? false, hi?.inclusive ?? false];
    return new Range(compare, many, lo !== undefined, lo?.value, loIn, hi !== undefined, hi?.value, hiIn);
  }

  /** Sorted, non-empty, neither overlapping nor touching (the class invariant). */
  get intervals(): readonly Interval<V>[] {
    if (this.many !== undefined) return this.many;
    const lower = this.hasLo ? { value: this.loV as V, inclusive: this.loIn } : undefined;
    const upper = this.hasHi ? { value: this.hiV as V, inclusive: this.hiIn } : undefined;
    return [{ lower, upper }];
  }

  /** @internal Build from intervals already satisfying the class invariant. */
  static fromNormalized<V>(compare: Compare<V>, intervals: readonly Interval<V>[]): Range<V> {
    return Range.of(compare, intervals);
  }

  /** Build from arbitrary (possibly empty, overlapping, unsorted) intervals. */
  static fromIntervals<V>(compare: Compare<V>, intervals: readonly Interval<V>[]): Range<V> {
    if (intervals.length === 1) {
      // One interval (every `Ranges.interval`): normalized as it is unless empty; no copies.
      const only = intervals[0]!;
      return Range.of(compare, isNonEmpty(compare, only.lower, only.upper) ? [only] : []);
    }
    const kept = intervals.filter((i) => isNonEmpty(compare, i.lower, i.upper));
    kept.sort((a, b) => compareLower(compare, a.lower, b.lower));
    return Range.of(compare, mergeSorted(compare, kept));
  }

  /** `compareLower` of two one-interval ranges' starts, on the flat fields. */
  private static compareLowers<V>(a: Range<V>, b: Range<V>): number {
    if (!a.hasLo) return b.hasLo ? -1 : 0;
    if (!b.hasLo) return 1;
    const c = a.compare(a.loV as V, b.loV as V);
    if (c !== 0 || a.loIn === b.loIn) return c;
    return a.loIn ? -1 : 1;
  }

  /** `compareUpper` of two one-interval ranges' ends, on the flat fields. */
  private static compareUppers<V>(a: Range<V>, b: Range<V>): number {
    if (!a.hasHi) return b.hasHi ? 1 : 0;
    if (!b.hasHi) return -1;
    const c = a.compare(a.hiV as V, b.hiV as V);
    if (c !== 0 || a.hiIn === b.hiIn) return c;
    return a.hiIn ? 1 : -1;
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

  /** How many intervals the range has (see `intervals`). */
  get intervalCount(): number {
    return this.size;
  }

  /**
   * For an ascending list of versions (in this range's order): the index of the first one in
   * interval `k` (or of the first above it, when none is), or with `end`, the index after the last one
   * in it. One-interval ranges answer on their flat ends, without building `intervals`.
   */
  indexIn(sorted: readonly V[], k: number, end: boolean): number {
    const cmp = this.compare;
    if (this.size === 1) {
      if (end) return searchAbove(cmp, sorted, this.hasHi, this.hiV, this.hiIn, false);
      return searchAbove(cmp, sorted, this.hasLo, this.loV, this.loIn, true);
    }
    const b = end ? this.many![k]!.upper : this.many![k]!.lower;
    return searchAbove(cmp, sorted, b !== undefined, b?.value, b?.inclusive ?? false, !end);
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
    return listContains(this.compare, this.intervals, v);
  }

  complement(): Range<V> {
    if (this.complementCache === undefined) {
      this.complementCache = this.computeComplement();
      this.complementCache.complementCache = this;
    }
    return this.complementCache;
  }

  private computeComplement(): Range<V> {
    return Range.of(this.compare, listComplement(this.intervals));
  }

  union(other: Range<V>): Range<V> {
    if (this.isEmpty() || other.isAny()) return other;
    if (other.isEmpty() || this.isAny()) return this;
    return Range.of(this.compare, listUnion(this.compare, this.intervals, other.intervals));
  }

  intersection(other: Range<V>): Range<V> {
    if (this.isEmpty() || other.isAny()) return this;
    if (other.isEmpty() || this.isAny()) return other;
    const cmp = this.compare;
    if (this.size === 1 && other.size === 1) {
      // Two intervals, flat: one containing the other is the answer itself; otherwise the later start
      // and the earlier end (empty when they do not meet).
      const lowerCmp = Range.compareLowers(this, other);
      const upperCmp = Range.compareUppers(this, other);
      if (lowerCmp >= 0 && upperCmp <= 0) return this;
      if (lowerCmp <= 0 && upperCmp >= 0) return other;
      const lo = lowerCmp >= 0 ? this : other;
      const hi = upperCmp <= 0 ? this : other;
      if (lo.hasLo && hi.hasHi) {
        const c = cmp(lo.loV as V, hi.hiV as V);
        if (c > 0 || (c === 0 && !(lo.loIn && hi.hiIn))) return Range.of(cmp, []);
      }
      return new Range(cmp, undefined, lo.hasLo, lo.loV, lo.loIn, hi.hasHi, hi.hiV, hi.hiIn);
    }
    if (this.size === 1 ? this.isSubsetOf(other) : other.size === 1 && other.isSubsetOf(this)) {
      // One interval inside the other range (a decision or a derived interval meeting a complement's
      // gaps): the answer is that interval's range itself, without allocating an equal copy.
      return this.size === 1 ? this : other;
    }
    return Range.of(cmp, listIntersection(cmp, this.intervals, other.intervals));
  }

  /**
   * The versions of this range that are not in `other` (`intersection(other.complement())`). Two
   * one-interval ranges are answered on their flat ends, without the complement: the solver
   * intersects an accumulated term with a derived negation ~60,000 times per heavy solve, and the
   * complements it cached were ~8 % of what survived scavenges (issue 14).
   */
  without(other: Range<V>): Range<V> {
    if (this.size !== 1 || other.size !== 1) return this.intersection(other.complement());
    if (this.isDisjoint(other)) return this;
    const cmp = this.compare;
    if (this.isSubsetOf(other)) return Range.of(cmp, []);
    if (Range.compareLowers(other, this) <= 0) {
      // `other` covers this range's start and ends inside it (it has an end: not a superset).
      return new Range(cmp, undefined, true, other.hiV, !other.hiIn, this.hasHi, this.hiV, this.hiIn);
    }
    if (Range.compareUppers(other, this) >= 0) {
      // `other` starts inside this range and covers its end.
      return new Range(cmp, undefined, this.hasLo, this.loV, this.loIn, true, other.loV, !other.loIn);
    }
    return this.intersection(other.complement()); // strictly inside: two intervals
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
    return listIsSubset(cmp, this.intervals, other.intervals);
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
    return listIsDisjoint(cmp, this.intervals, other.intervals);
  }

  equals(other: Range<V>): boolean {
    if (this === other) return true;
    if (this.size === 1 && other.size === 1) {
      return Range.compareLowers(this, other) === 0 && Range.compareUppers(this, other) === 0;
    }
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
