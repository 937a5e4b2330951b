/**
 * PubGrub terms (pub's doc/solver.md, "Term"): a statement about one package that is true or false
 * for a selection of package versions. A positive term `foo R` says "some version of foo in R is
 * selected"; a negative term `not foo R` says "no version of foo in R is selected" — which includes
 * foo not being selected at all. So `not foo ∅` is always true, and two negative terms never
 * contradict each other.
 */
import type { Range } from '../../../src/resolver/range.js';

export type Relation = 'satisfied' | 'contradicted' | 'inconclusive';

export class Term<V> {
  /** Partial-solution cache: which solution `state` belongs to, and its per-package state. */
  stateOwner: unknown = undefined;
  state: unknown = undefined;

  constructor(
    readonly pkg: string,
    readonly range: Range<V>,
    readonly positive: boolean,
  ) {}

  negate(): Term<V> {
    return new Term(this.pkg, this.range, !this.positive);
  }

  /** True for `not pkg ∅`: a term every selection makes true (it carries no information). */
  isAlwaysTrue(): boolean {
    return !this.positive && this.range.isEmpty();
  }

  /** Both terms hold (same package). */
  intersect(other: Term<V>): Term<V> {
    if (this.positive && other.positive) {
      const r = this.range.intersection(other.range);
      return r === this.range ? this : r === other.range ? other : new Term(this.pkg, r, true);
    }
    if (!this.positive && !other.positive) {
      return new Term(this.pkg, this.range.union(other.range), false);
    }
    const [pos, neg] = this.positive ? [this, other] : [other, this];
    const r = pos.range.intersection(neg.range.complement());
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
    return new Term(this.pkg, neg.range.intersection(pos.range.complement()), false);
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
