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
import type { Dependencies } from './provider.js';
import type { Range, Ranges } from './range.js';
import { Term } from './term.js';

export class PackageListing<V> {
  /** Provider preference order. */
  readonly preferred: readonly V[];
  /** Ascending by the comparator. */
  private readonly sorted: V[];
  private readonly fetched: (Dependencies<V> | undefined)[];
  /**
   * By dependee, per sorted index: the widest dependency incompatibility so far. (One array per
   * dependee rather than a map per version: a heavy solve records ~10,000 versions, and a map each
   * was the largest long-lived allocation of bench/solver-bench.ts.)
   */
  private readonly depIncompat = new Map<string, (Incompatibility<V> | undefined)[]>();
  /** `span(lo, hi)`'s ranges by `lo * length + hi`: one object per run, however often it is asked. */
  private readonly spans = new Map<number, Range<V>>();
  /** Per sorted index at an end of a run of versions unusable for one reason: that run's. */
  private readonly unavailableIncompat: (Incompatibility<V> | undefined)[];
  /** Per sorted index at an end of such a run: the run's other end. */
  private readonly runEnd: number[] = [];
  private readonly decisionTerms: (Term<V> | undefined)[] = [];
  /** Per sorted index: what `record` returned for the version (the solver's per-version cache). */
  private readonly recordedIncompats: (Incompatibility<V>[] | undefined)[] = [];
  /**
   * Per position in `preferred`: the version's sorted index. Undefined when `preferred` is `sorted`
   * reversed (newest first, as pip orders candidates): see `firstIndexIn`.
   */
  private readonly preferredIndex: number[] | undefined;
  /** With `preferredIndex`: the start of each run of it whose sorted indices fall (newest first). */
  private readonly runs: number[] = [];
  /** With `preferredIndex`: per sorted index, the run (index into `runs`) its version belongs to. */
  private readonly runOf: number[] = [];
  /** Sorted index of the version decided last (the saved phase, see `choiceIn`); -1: none yet. */
  private saved = -1;

  constructor(
    private readonly ranges: Ranges<V>,
    readonly pkg: string,
    versions: readonly V[],
  ) {
    this.preferred = versions;
    this.sorted = [...versions].sort(ranges.compare);
    const newestFirst = versions.every((v, i) => v === this.sorted[versions.length - 1 - i]);
    this.preferredIndex = newestFirst ? undefined : versions.map((v) => this.indexOf(v));
    const order = this.preferredIndex;
    if (order !== undefined)
      for (let p = 0; p < order.length; p++) {
        if (p === 0 || order[p]! >= order[p - 1]!) this.runs.push(p);
        this.runOf[order[p]!] = this.runs.length - 1;
      }
    this.fetched = new Array<Dependencies<V> | undefined>(versions.length).fill(undefined);
    this.unavailableIncompat = new Array<Incompatibility<V> | undefined>(versions.length).fill(undefined);
  }

  /** Number of listed versions in `range`. */
  countIn(range: Range<V>): number {
    if (range.isAny()) return this.preferred.length;
    let n = 0;
    const sorted = this.sorted;
    for (let k = range.intervalCount - 1; k >= 0; k--)
      n += range.indexIn(sorted, k, true) - range.indexIn(sorted, k, false);
    return n;
  }

  /** The listed version at a sorted index (as `firstIndexIn` returns). */
  versionAt(i: number): V {
    return this.sorted[i]!;
  }

  /**
   * The term `pkg ==v` that deciding the listed version at sorted index `i` adds, the same object every
   * time: after a backjump the solver re-decides the versions it had chosen, and the partial
   * solution's accumulation (Term.intersect) then finds its answer cached (issue 14: 91 % of the
   * decisions on bench/solver-bench.ts's heavy graphs repeat an earlier one).
   */
  decisionTermAt(i: number): Term<V> {
    return (this.decisionTerms[i] ??= new Term(this.pkg, this.ranges.exact(this.sorted[i]!), true));
  }

  /** What `record` returned for the version at sorted index `i`, if it was recorded. */
  recordedAt(i: number): readonly Incompatibility<V>[] | undefined {
    return this.recordedIncompats[i];
  }

  /**
   * The sorted index of the version to decide in `range`; -1 when no listed version is in it. With
   * `savedPhases`, the version decided last (`saveDecision`) while `range` still holds it and no
   * version of a more preferred run of the provider's order (a usable release, where the saved one is
   * not) is in `range`; otherwise, and without `savedPhases`, the most preferred (`firstIndexIn`).
   */
  choiceIn(range: Range<V>, savedPhases: boolean): number {
    const first = this.firstIndexIn(range);
    const saved = this.saved;
    if (!savedPhases || saved < 0 || saved === first || first < 0) return first;
    if (!range.contains(this.sorted[saved]!)) return first;
    if (this.preferredIndex !== undefined && this.runOf[saved]! > this.runOf[first]!) return first;
    return saved;
  }

  /** The version at sorted index `i` was decided: `choiceIn`'s saved phase from now on. */
  saveDecision(i: number): void {
    this.saved = i;
  }

  /** The sorted index of the most preferred listed version in `range`; -1 when none is. */
  firstIndexIn(range: Range<V>): number {
    if (this.preferredIndex === undefined) {
      // Newest first: the most preferred is the newest in range, the last listed version below the
      // end of the range's last interval holding one (two binary searches per interval, not a
      // membership test per version).
      const sorted = this.sorted;
      for (let k = range.intervalCount - 1; k >= 0; k--) {
        const end = range.indexIn(sorted, k, true);
        if (end > range.indexIn(sorted, k, false)) return end - 1;
      }
      return -1;
    }
    // Otherwise the preference order is cut into runs that are newest first (the Python provider's:
    // usable releases newest first, then unusable ones newest first). The first preferred version in
    // range is the newest in range of the first run holding one, found by binary searches per run:
    // scanning the whole order each decision was quadratic over a page of unusable releases.
    const order = this.preferredIndex;
    const sorted = this.sorted;
    const count = range.intervalCount;
    const bounds: number[] = [];
    for (let r = 0; r < this.runs.length; r++) {
      const start = this.runs[r]!;
      const end = r + 1 < this.runs.length ? this.runs[r + 1]! : order.length;
      for (let k = count - 1; k >= 0; k--) {
        const j = 2 * (count - 1 - k);
        if (j >= bounds.length) bounds.push(range.indexIn(sorted, k, false), range.indexIn(sorted, k, true));
        const lo = bounds[j]!;
        const hi = bounds[j + 1]!;
        if (hi <= lo) continue;
        // The run's sorted indices fall: the first position below `hi` holds its newest version there.
        let a = start;
        let b = end;
        while (a < b) {
          const mid = (a + b) >> 1;
          if (order[mid]! >= hi) a = mid + 1;
          else b = mid;
        }
        if (a < end && order[a]! >= lo) return order[a]!;
      }
    }
    return -1;
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
    const out = this.incompatsFor(i, version, deps);
    this.recordedIncompats[i] = out;
    return out;
  }

  private incompatsFor(i: number, version: V, deps: Dependencies<V>): Incompatibility<V>[] {
    this.fetched[i] = deps;
    if (deps.kind === 'unavailable') return [this.recordUnavailable(i, deps.reason)];
    // A package depending on itself: satisfied when the range holds the version, else unusable. Checked
    // before any dependency is recorded: recording one supersedes the neighbours' incompatibilities by a
    // wider one, which would then be dropped with the version, so the solver would lose the neighbours'
    // dependency (and loop forever re-deciding a neighbour whose superseded incompatibility is unit).
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
    let lo = i;
    let hi = i;
    while (lo > 0 && this.sameDependency(lo - 1, dependee, range)) lo--;
    while (hi < this.sorted.length - 1 && this.sameDependency(hi + 1, dependee, range)) hi++;
    let byIndex = this.depIncompat.get(dependee);
    if (byIndex === undefined) {
      byIndex = new Array<Incompatibility<V> | undefined>(this.sorted.length).fill(undefined);
      this.depIncompat.set(dependee, byIndex);
    }
    const existing = byIndex[i];
    if (existing !== undefined && existing.cause.kind === 'dependency' && lo === i && hi === i)
      return existing;
    const incompat = Incompatibility.dependency(this.pkg, this.span(lo, hi), dependee, range);
    for (let k = lo; k <= hi; k++) {
      const old = byIndex[k];
      if (old !== undefined) old.superseded = true;
      byIndex[k] = incompat;
    }
    return incompat;
  }

  /** The version at sorted index `k` was recorded with the dependency `dependee range`. */
  private sameDependency(k: number, dependee: string, range: Range<V>): boolean {
    const d = this.fetched[k];
    return d !== undefined && d.kind === 'available' && d.dependencies.get(dependee)?.equals(range) === true;
  }

  private recordUnavailable(i: number, reason: string): Incompatibility<V> {
    const same = (k: number): boolean => {
      const d = this.fetched[k];
      return d !== undefined && d.kind === 'unavailable' && d.reason === reason;
    };
    // Runs of adjacent versions unusable for the same reason are kept by their ends (`runEnd` at each
    // end holds the other end, `unavailableIncompat` the run's incompatibility): joining a version to
    // its neighbours' runs costs O(1), where walking and re-marking the whole run each time was
    // quadratic over a page of unusable releases (review 2 of session 13, R6). Only the neighbour
    // runs' incompatibilities are current; those they replaced were superseded when they were.
    const left = i > 0 && same(i - 1) ? i - 1 : -1;
    const right = i < this.sorted.length - 1 && same(i + 1) ? i + 1 : -1;
    const lo = left < 0 ? i : this.runEnd[left]!;
    const hi = right < 0 ? i : this.runEnd[right]!;
    const incompat = Incompatibility.unavailable(this.pkg, this.span(lo, hi), reason);
    for (const k of [left, right, i]) {
      const old = k < 0 ? undefined : this.unavailableIncompat[k];
      if (old !== undefined && old !== incompat) old.superseded = true;
    }
    this.unavailableIncompat[lo] = this.unavailableIncompat[hi] = this.unavailableIncompat[i] = incompat;
    this.runEnd[lo] = hi;
    this.runEnd[hi] = lo;
    return incompat;
  }

  /** The range covering sorted[lo..hi] and nothing else that is listed. */
  private span(lo: number, hi: number): Range<V> {
    const key = lo * this.sorted.length + hi;
    let range = this.spans.get(key);
    if (range === undefined) {
      range = this.computeSpan(lo, hi);
      this.spans.set(key, range);
    }
    return range;
  }

  private computeSpan(lo: number, hi: number): Range<V> {
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
