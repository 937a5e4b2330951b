/**
 * What the solver knows about one package's versions, and how a version's dependencies become
 * incompatibilities.
 *
 * Following pub's doc/solver.md ("Decision Making"), the depender side of a dependency incompatibility
 * is widened to the run of adjacent versions known to share that exact dependency: the range starts at
 * the first version of the run (unbounded when it is the oldest listed version) and ends just before the
 * next listed version (unbounded after the newest). So the only version of foo depending on bar gives
 * `{foo *, not bar R}` ("every version of foo depends on bar R"), and foo 1.1 and 1.2 (of 1.0, 1.1,
 * 1.2) both depending on bar R give `{foo >=1.1, not bar R}`. Versions are fetched lazily, so runs grow
 * as neighbours are fetched; a wider incompatibility supersedes the narrower ones it covers. Unusable
 * versions with the same reason are merged the same way.
 */
import { Incompatibility } from './incompatibility.js';
import type { Dependencies } from '../../../src/resolver/provider.js';
import type { Bound, Range, Ranges } from '../../../src/resolver/range.js';

export class PackageListing<V> {
  /** Provider preference order. */
  readonly preferred: readonly V[];
  /** Ascending by the comparator. */
  private readonly sorted: V[];
  private readonly fetched: (Dependencies<V> | undefined)[];
  /** Per sorted index: the widest dependency incompatibility so far, by dependee. */
  private readonly depIncompat: (Map<string, Incompatibility<V>> | undefined)[];
  private readonly unavailableIncompat: (Incompatibility<V> | undefined)[];
  private readonly exactRanges: (Range<V> | undefined)[] = [];

  constructor(
    private readonly ranges: Ranges<V>,
    readonly pkg: string,
    versions: readonly V[],
  ) {
    this.preferred = versions;
    this.sorted = [...versions].sort(ranges.compare);
    this.fetched = new Array<Dependencies<V> | undefined>(versions.length).fill(undefined);
    this.depIncompat = new Array<Map<string, Incompatibility<V>> | undefined>(versions.length).fill(
      undefined,
    );
    this.unavailableIncompat = new Array<Incompatibility<V> | undefined>(versions.length).fill(undefined);
  }

  /** Number of listed versions in `range`. */
  countIn(range: Range<V>): number {
    if (range.isAny()) return this.preferred.length;
    let n = 0;
    for (const iv of range.intervals)
      n += this.searchAbove(iv.upper, false) - this.searchAbove(iv.lower, true);
    return n;
  }

  /** `==version` for a listed version, the same object every time (cheaper relations and intersections). */
  exact(version: V): Range<V> {
    const i = this.indexOf(version);
    if (i < 0) return this.ranges.exact(version);
    return (this.exactRanges[i] ??= this.ranges.exact(version));
  }

  /**
   * Index of the first sorted version above `bound` (for a lower bound: at or above when inclusive;
   * for an upper bound: above it, so the versions below it come before). Undefined: 0 for a lower
   * bound, everything for an upper one.
   */
  private searchAbove(bound: Bound<V> | undefined, lower: boolean): number {
    if (bound === undefined) return lower ? 0 : this.sorted.length;
    // A version at the bound belongs below the split when it is outside a lower / inside an upper bound.
    const atBoundBelow = lower ? !bound.inclusive : bound.inclusive;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.ranges.compare(this.sorted[mid]!, bound.value);
      if (c < 0 || (c === 0 && atBoundBelow)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The most preferred listed version in `range`. */
  firstIn(range: Range<V>): V | undefined {
    for (const v of this.preferred) if (range.contains(v)) return v;
    return undefined;
  }

  /** Whether `getDependencies` for `version` was already recorded. */
  dependenciesOf(version: V): Dependencies<V> | undefined {
    const i = this.indexOf(version);
    return i < 0 ? undefined : this.fetched[i];
  }

  /**
   * Record the provider's answer for `version` and return the incompatibilities that express it
   * (new ones, or the existing widest ones when nothing new was learned).
   */
  record(version: V, deps: Dependencies<V>): Incompatibility<V>[] {
    const i = this.indexOf(version);
    if (i < 0) throw new Error(`internal: ${this.pkg} ${String(version)} is not a listed version`);
    this.fetched[i] = deps;
    if (deps.kind === 'unavailable') return [this.recordUnavailable(i, deps.reason)];
    // A package depending on itself: satisfied when the range holds the version, else unusable. Checked
    // before any dependency is recorded, as in src/resolver/package-listing.ts (the same fix: recording
    // one superseded the neighbours' incompatibilities by a wider one then dropped with the version).
    const self = deps.dependencies.get(this.pkg);
    if (self !== undefined && !self.contains(version)) {
      const reason = `depends on itself (${self.toString()})`;
      this.fetched[i] = { kind: 'unavailable', reason };
      return [this.recordUnavailable(i, reason)];
    }
    const out: Incompatibility<V>[] = [];
    for (const [dependee, range] of deps.dependencies) {
      if (dependee !== this.pkg) out.push(this.recordDependency(i, dependee, range));
    }
    return out;
  }

  private recordDependency(i: number, dependee: string, range: Range<V>): Incompatibility<V> {
    const same = (k: number): boolean => {
      const d = this.fetched[k];
      return (
        d !== undefined && d.kind === 'available' && d.dependencies.get(dependee)?.equals(range) === true
      );
    };
    let lo = i;
    let hi = i;
    while (lo > 0 && same(lo - 1)) lo--;
    while (hi < this.sorted.length - 1 && same(hi + 1)) hi++;
    const existing = this.depIncompat[i]?.get(dependee);
    if (existing !== undefined && existing.cause.kind === 'dependency' && lo === i && hi === i)
      return existing;
    const incompat = Incompatibility.dependency(this.pkg, this.span(lo, hi), dependee, range);
    for (let k = lo; k <= hi; k++) {
      let m = this.depIncompat[k];
      if (m === undefined) {
        m = new Map();
        this.depIncompat[k] = m;
      }
      const old = m.get(dependee);
      if (old !== undefined) old.superseded = true;
      m.set(dependee, incompat);
    }
    return incompat;
  }

  private recordUnavailable(i: number, reason: string): Incompatibility<V> {
    const same = (k: number): boolean => {
      const d = this.fetched[k];
      return d !== undefined && d.kind === 'unavailable' && d.reason === reason;
    };
    let lo = i;
    let hi = i;
    while (lo > 0 && same(lo - 1)) lo--;
    while (hi < this.sorted.length - 1 && same(hi + 1)) hi++;
    const incompat = Incompatibility.unavailable(this.pkg, this.span(lo, hi), reason);
    for (let k = lo; k <= hi; k++) {
      const old = this.unavailableIncompat[k];
      if (old !== undefined) old.superseded = true;
      this.unavailableIncompat[k] = incompat;
    }
    return incompat;
  }

  /** The range covering sorted[lo..hi] and nothing else that is listed. */
  private span(lo: number, hi: number): Range<V> {
    const lower = lo === 0 ? undefined : { value: this.sorted[lo]!, inclusive: true };
    const next = this.sorted[hi + 1];
    const upper = next === undefined ? undefined : { value: next, inclusive: false };
    return this.ranges.interval(lower, upper);
  }

  private indexOf(version: V): number {
    let lo = 0;
    let hi = this.sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = this.ranges.compare(this.sorted[mid]!, version);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
