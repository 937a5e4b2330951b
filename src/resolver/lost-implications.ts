/**
 * Implications that chronological backtracking records above their level, kept so a later backtrack
 * does not lose them.
 *
 * After a chronological backtrack (solver.ts) the learned incompatibility is unit at its previous
 * satisfier's level ℓ but its term is derived at the current, higher level, to keep the partial
 * solution ordered by level. A later backjump to a level between ℓ and that one removes the derivation
 * although the incompatibility is still unit there, and nothing re-examines it: unit propagation only
 * scans packages whose terms change. The solver then re-decides versions it had already ruled out and
 * hits the same conflicts again (bench/solver-bench.ts showed runs of them). Möhle & Biere ("Backing
 * Backtracking", SAT 2019) call these missed lower implications; as they suggest for that case, every
 * backtrack to a level at or above ℓ re-derives the term, until a backtrack goes below ℓ, where the
 * incompatibility may no longer be unit and ordinary propagation takes over again.
 */
import type { Incompatibility } from './incompatibility.js';
import type { PartialSolution } from './partial-solution.js';
import type { Term } from './term.js';

interface Lost<V> {
  readonly incompat: Incompatibility<V>;
  /** Every term but one is satisfied at this level. */
  readonly level: number;
}

export class LostImplications<V> {
  private entries: Lost<V>[] = [];

  /** `incompat` is unit at `level` but its term was derived at a higher one. */
  add(incompat: Incompatibility<V>, level: number): void {
    this.entries.push({ incompat, level });
  }

  /** The partial solution went back to `level`: forget what is no longer known to be unit there. */
  backtracked(level: number): void {
    if (this.entries.some((e) => e.level > level)) {
      this.entries = this.entries.filter((e) => e.level <= level);
    }
  }

  /**
   * Derive (through `derive`) the term of every entry that is unit again, in the order they were
   * recorded. Returns an entry's incompatibility that is satisfied instead (a conflict for the caller
   * to resolve), if any, and stops there.
   */
  reimply(
    solution: PartialSolution<V>,
    derive: (term: Term<V>, cause: Incompatibility<V>) => void,
  ): Incompatibility<V> | undefined {
    for (const { incompat } of this.entries) {
      if (solution.knownContradicted(incompat)) continue;
      const rel = solution.relation(incompat);
      if (rel === 'satisfied') return incompat;
      if (typeof rel === 'object') derive(rel.negate(), incompat);
      else if (rel === 'contradicted') solution.markContradicted(incompat);
    }
    return undefined;
  }
}
