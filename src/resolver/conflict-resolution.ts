/**
 * Conflict resolution (pub's doc/solver.md, "Conflict Resolution"): from a satisfied incompatibility,
 * derive new incompatibilities with the generalized resolution rule until one has a satisfier that is
 * a decision or whose previous satisfier lies at a lower level; learn that one and backtrack so that it
 * is almost satisfied.
 *
 * Departure from the doc, for speed on graphs with many conflicts (bench/solver-bench.ts): a backjump
 * over more than `chronoThreshold` levels undoes only the conflicting level (chronological
 * backtracking, Nadel & Ryvchin, SAT 2018), and the implications that this records above their level
 * are re-derived after later backtracks (lost-implications.ts). Also the solve's work bound: more
 * conflicts than `maxConflicts` rejects with ResolutionTooComplexError.
 */
import { NoSolutionError, ResolutionTooComplexError } from './errors.js';
import { Incompatibility } from './incompatibility.js';
import { LostImplications } from './lost-implications.js';
import type { PartialSolution } from './partial-solution.js';
import type { SolverStats } from './solve-options.js';
import type { Term } from './term.js';

export class ConflictResolution<V> {
  /** A chronological backtrack happened and no decision was made since: the next conflict backjumps. */
  private chronoPending = false;
  /** Per package (the root excluded): how many conflicts' incompatibilities named it. */
  private readonly conflictCounts = new Map<string, number>();
  private readonly lost = new LostImplications<V>();

  constructor(
    private readonly solution: PartialSolution<V>,
    private readonly root: string,
    private readonly chronoThreshold: number,
    private readonly maxConflicts: number,
    private readonly stats: SolverStats,
    /** Add a learned incompatibility to the solver's set. */
    private readonly learn: (incompat: Incompatibility<V>) => void,
  ) {}

  /** A decision was made: the next conflict may backtrack chronologically again. */
  decided(): void {
    this.chronoPending = false;
  }

  /**
   * Resolve `conflict` (satisfied by the partial solution): learn an incompatibility, backtrack, and
   * return it (almost satisfied now). Throws NoSolutionError when the root cannot be selected.
   */
  resolve(conflict: Incompatibility<V>): Incompatibility<V> {
    this.stats.conflicts++;
    this.countConflict(conflict);
    let incompat = conflict;
    let isNew = false;
    for (;;) {
      if (this.isFailure(incompat)) throw new NoSolutionError(incompat, this.root);
      const { satisfier, previousSatisfierLevel } = this.solution.findSatisfier(incompat);
      if (satisfier.cause === undefined || previousSatisfierLevel !== satisfier.level) {
        if (isNew) {
          this.learn(incompat);
          this.stats.learned++;
        }
        // Chronological backtracking: when the backjump would undo many decisions unrelated to the
        // conflict, undo only the satisfier's level. The learned incompatibility is still almost
        // satisfied there (its satisfier is gone, everything else was satisfied below), so propagation
        // derives the same term — recorded at a later level than strictly needed, which keeps the
        // trail ordered by level and the algorithm sound.
        const jump = satisfier.level - previousSatisfierLevel;
        const chrono = jump > this.chronoThreshold && !this.chronoPending;
        const target = chrono ? satisfier.level - 1 : previousSatisfierLevel;
        this.chronoPending = chrono;
        this.solution.backtrack(target);
        this.lost.backtracked(target);
        if (chrono) this.lost.add(incompat, previousSatisfierLevel);
        this.stats.backjumps++;
        return incompat;
      }
      incompat = Incompatibility.derive(incompat, satisfier.cause, satisfier.pkg);
      this.stats.incompatibilities++;
      isNew = true;
    }
  }

  /**
   * After a backtrack: derive (through `derive`) what the lost implications still imply. Returns an
   * incompatibility that is satisfied instead (the next conflict), if any.
   */
  reimply(derive: (term: Term<V>, cause: Incompatibility<V>) => void): Incompatibility<V> | undefined {
    return this.lost.reimply(this.solution, derive);
  }

  /** The work bound: throws ResolutionTooComplexError once the conflicts exceed maxConflicts. */
  private countConflict(conflict: Incompatibility<V>): void {
    for (const term of conflict.terms) {
      if (term.pkg !== this.root)
        this.conflictCounts.set(term.pkg, (this.conflictCounts.get(term.pkg) ?? 0) + 1);
    }
    if (this.stats.conflicts <= this.maxConflicts) return;
    const involved = [...this.conflictCounts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([pkg, conflicts]) => ({ pkg, conflicts }));
    throw new ResolutionTooComplexError(this.stats.conflicts, this.stats.decisions, involved);
  }

  /** No terms, or only "root is selected": the root cannot be part of any solution. */
  private isFailure(incompat: Incompatibility<V>): boolean {
    const terms = incompat.terms;
    if (terms.length === 0) return true;
    return terms.length === 1 && terms[0]!.positive && terms[0]!.pkg === this.root;
  }
}
