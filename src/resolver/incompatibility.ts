/**
 * PubGrub incompatibilities (pub's doc/solver.md, "Incompatibility"): a set of terms that must not all
 * be true at once. External ones record a fact about packages (a dependency, a version that cannot be
 * used, a range with no versions, the root requirement); derived ones come from conflict resolution
 * and point at the two incompatibilities they were derived from.
 *
 * Terms are normalized: at most one term per package (terms for the same package are intersected).
 */
import type { Range } from './range.js';
import { Term } from './term.js';

export type IncompatibilityCause<V> =
  /** `{not root}`: the root package must be selected. */
  | { readonly kind: 'root' }
  /** `{pkg R}`: no listed version of the package lies in R. */
  | { readonly kind: 'no-versions' }
  /** `{pkg R}`: the versions in R cannot be used, for a provider-given reason. */
  | { readonly kind: 'unavailable'; readonly reason: string }
  /** `{depender R, not dependee S}`: the versions R of depender depend on dependee S. */
  | {
      readonly kind: 'dependency';
      readonly depender: string;
      readonly dependerRange: Range<V>;
      readonly dependee: string;
      readonly dependeeRange: Range<V>;
    }
  /** Derived by conflict resolution from `conflict` and the satisfier's cause `other`. */
  | { readonly kind: 'derived'; readonly conflict: Incompatibility<V>; readonly other: Incompatibility<V> };

let nextId = 0;

export class Incompatibility<V> {
  /** Unique per process; used for ordering and as a map key in reports. */
  readonly id = nextId++;
  /**
   * Solver bookkeeping: a newer incompatibility for the same dependency covers a superset of versions,
   * so this one can be skipped during unit propagation (it stays valid as a cause).
   */
  superseded = false;
  /** Solver bookkeeping: not yet examined as a whole by unit propagation. */
  fresh = true;
  /** Solver bookkeeping: the decision level and decision serial at which it was last contradicted. */
  contradictedLevel = -1;
  contradictedSerial = -1;

  private constructor(
    readonly terms: readonly Term<V>[],
    readonly cause: IncompatibilityCause<V>,
  ) {}

  /** Build with normalization: terms for the same package are intersected into one. */
  static of<V>(terms: Iterable<Term<V>>, cause: IncompatibilityCause<V>): Incompatibility<V> {
    const byPkg = new Map<string, Term<V>>();
    for (const t of terms) {
      const prev = byPkg.get(t.pkg);
      byPkg.set(t.pkg, prev === undefined ? t : prev.intersect(t));
    }
    // A term that is always true (`not pkg ∅`) cannot help make the set false: drop it.
    return new Incompatibility(
      [...byPkg.values()].filter((t) => !t.isAlwaysTrue()),
      cause,
    );
  }

  static root<V>(pkg: string, any: Range<V>): Incompatibility<V> {
    return new Incompatibility([new Term(pkg, any, false)], { kind: 'root' });
  }

  static noVersions<V>(pkg: string, range: Range<V>): Incompatibility<V> {
    return new Incompatibility([new Term(pkg, range, true)], { kind: 'no-versions' });
  }

  static unavailable<V>(pkg: string, range: Range<V>, reason: string): Incompatibility<V> {
    return new Incompatibility([new Term(pkg, range, true)], { kind: 'unavailable', reason });
  }

  static dependency<V>(
    depender: string,
    dependerRange: Range<V>,
    dependee: string,
    dependeeRange: Range<V>,
  ): Incompatibility<V> {
    const cause = { kind: 'dependency', depender, dependerRange, dependee, dependeeRange } as const;
    const positive = new Term(depender, dependerRange, true);
    if (depender === dependee)
      return Incompatibility.of([positive, new Term(dependee, dependeeRange, false)], cause);
    // Two packages: already normalized, but for `not dependee ∅` (always true, dropped as `of` does).
    const terms = dependeeRange.isEmpty() ? [positive] : [positive, new Term(dependee, dependeeRange, false)];
    return new Incompatibility(terms, cause);
  }

  /**
   * The generalized resolution rule (solver.md, "Conflict Resolution"): from `{t1, q}` and `{t2, r}`
   * derive `{q, r, t1 ∪ t2}`, where t1 and t2 are the terms for `pkg`. Terms for other packages that
   * appear in both are intersected; a resulting term that is always true is dropped.
   */
  static derive<V>(conflict: Incompatibility<V>, other: Incompatibility<V>, pkg: string): Incompatibility<V> {
    const byPkg = new Map<string, Term<V>>();
    let t1: Term<V> | undefined;
    let t2: Term<V> | undefined;
    for (const t of conflict.terms) {
      if (t.pkg === pkg) t1 = t;
      else byPkg.set(t.pkg, t);
    }
    for (const t of other.terms) {
      if (t.pkg === pkg) {
        t2 = t;
        continue;
      }
      const prev = byPkg.get(t.pkg);
      byPkg.set(t.pkg, prev === undefined ? t : prev.intersect(t));
    }
    const joined = t1 === undefined ? t2 : t2 === undefined ? t1 : t1.union(t2);
    const terms = [...byPkg.values()];
    if (joined !== undefined && !joined.isAlwaysTrue()) terms.push(joined);
    return new Incompatibility(terms, { kind: 'derived', conflict, other });
  }

  term(pkg: string): Term<V> | undefined {
    for (const t of this.terms) if (t.pkg === pkg) return t;
    return undefined;
  }

  isExternal(): boolean {
    return this.cause.kind !== 'derived';
  }

  toString(formatVersion: (v: V) => string = String): string {
    return `{${this.terms.map((t) => t.toString(formatVersion)).join(', ')}}`;
  }
}
