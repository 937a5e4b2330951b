/**
 * PubGrub terms (pub's doc/solver.md, "Term"): a statement about one package that is true or false
 * for a selection of package versions. A positive term `foo R` says "some version of foo in R is
 * selected"; a negative term `not foo R` says "no version of foo in R is selected" — which includes
 * foo not being selected at all. So `not foo ∅` is always true, and two negative terms never
 * contradict each other.
 */
import type { Range } from './range.js';

export type Relation = 'satisfied' | 'contradicted' | 'inconclusive';

/** The last `Term.id` given out (ids start at 1, so 0 can mean "no term"). */
let lastTermId = 0;

export class Term<V> {
  /**
   * Unique per process (a float: never wraps). The propagation index's own-term caches store this id
   * rather than the term: a number in a typed array is neither a pointer the garbage collector must
   * trace nor one that keeps a dead accumulated term alive (issue 14: what survives scavenges).
   */
  readonly id = ++lastTermId;
  /**
   * Partial-solution cache: the per-package state of the solution that last bound this term (the
   * state names its solution). One field per cache, each object naming its owner, not an owner field
   * beside each: a heavy solve makes ~140,000 terms, and what outlives a scavenge is what garbage
   * collection pays for (issue 14).
   */
  state: unknown = undefined;
  /** Solver cache: the decision-queue entry last scored for this term (it names its solver). */
  queueEntry: unknown = undefined;
  /** `negate()`'s answer, made once: unit propagation derives the same negations over and over. */
  private negation: Term<V> | undefined = undefined;
  /**
   * `intersect`'s last answer and its argument. The partial solution accumulates a package's terms
   * with `intersect`, and after a backjump re-derives the same terms (the same objects, see
   * `negate`) onto the same accumulated terms, so the answer is often the one just computed.
   */
  private intersectArg: Term<V> | undefined = undefined;
  private intersectResult: Term<V> | undefined = undefined;

  constructor(
    readonly pkg: string,
    readonly range: Range<V>,
    readonly positive: boolean,
  ) {}

  negate(): Term<V> {
    if (this.negation === undefined) {
      this.negation = new Term(this.pkg, this.range, !this.positive);
      this.negation.negation = this;
    }
    return this.negation;
  }

  /** True for `not pkg ∅`: a term every selection makes true (it carries no information). */
  isAlwaysTrue(): boolean {
    return !this.positive && this.range.isEmpty();
  }

  /** Both terms hold (same package). */
  intersect(other: Term<V>): Term<V> {
    if (this.intersectArg === other) return this.intersectResult!;
    const result = this.computeIntersect(other);
    this.intersectArg = other;
    this.intersectResult = result;
    return result;
  }

  private computeIntersect(other: Term<V>): Term<V> {
    if (this.positive && other.positive) {
      const r = this.range.intersection(other.range);
      return r === this.range ? this : r === other.range ? other : new Term(this.pkg, r, true);
    }
    if (!this.positive && !other.positive) {
      return new Term(this.pkg, this.range.union(other.range), false);
    }
    const [pos, neg] = this.positive ? [this, other] : [other, this];
    const r = pos.range.without(neg.range);
    return r === pos.range ? pos : new Term(this.pkg, r, true);
  }

  /** At least one of the terms holds (same package). */
  union(other: Term<V>): Term<V> {
    if (this.positive && other.positive) {
      return new Term(this.pkg, this.range.union(other.range), true);
    }
    if (!this.positive && !other.positive) {
      return new Term(this.pkg, this.range.intersection(other.range), false);
    }
    const [pos, neg] = this.positive ? [this, other] : [other, this];
    return new Term(this.pkg, neg.range.without(pos.range), false);
  }

  /**
   * How this term, read as everything known about its package (the intersection of the partial
   * solution's assignments), relates to `other`: it satisfies `other` when every selection allowed by
   * this term makes `other` true, contradicts it when none does.
   */
  relation(other: Term<V>): Relation {
    const a = this.range;
    const b = other.range;
    const single = this.positive ? a.singleVersion() : undefined;
    if (single !== undefined) {
      // Everything known is "this exact version": one membership test (the common case: a decision).
      return b.contains(single) === other.positive ? 'satisfied' : 'contradicted';
    }
    if (this.positive) {
      if (other.positive) {
        if (a.isSubsetOf(b)) return 'satisfied';
        return a.isDisjoint(b) ? 'contradicted' : 'inconclusive';
      }
      if (a.isDisjoint(b)) return 'satisfied';
      return a.isSubsetOf(b) ? 'contradicted' : 'inconclusive';
    }
    // This term allows "not selected", which never satisfies a positive term.
    if (other.positive) return b.isSubsetOf(a) ? 'contradicted' : 'inconclusive';
    return b.isSubsetOf(a) ? 'satisfied' : 'inconclusive';
  }

  /** This term alone makes `other` true. */
  satisfies(other: Term<V>): boolean {
    return this.relation(other) === 'satisfied';
  }

  toString(formatVersion: (v: V) => string = String): string {
    return `${this.positive ? '' : 'not '}${this.pkg} ${this.range.toString(formatVersion)}`;
  }
}
