/**
 * The factory of version ranges (range.ts) over one version type.
 */
import { type Bound, type Compare, InvalidRangeError, Range } from './range.js';

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
