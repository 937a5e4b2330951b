/**
 * Unit propagation (pub's doc/solver.md, "Unit Propagation"): a queue of packages whose accumulated
 * term changed, and the scan of one package's incompatibilities that derives the negation of the one
 * unsatisfied term of each almost satisfied incompatibility and stops at a satisfied one (a conflict,
 * which the solver resolves before scanning on).
 *
 * The scan skips, without touching them, the incompatibilities incompat-index.ts remembers as
 * contradicted at a level still in place; see there for why.
 */
import type { IncompatIndex } from './incompat-index.js';
import type { Incompatibility } from './incompatibility.js';
import type { PartialSolution } from './partial-solution.js';
import type { Term } from './term.js';

export class UnitPropagation<V> {
  /**
   * The queue is `pending[head..tail)`. Never truncated: `length = 0` drops an array's backing store
   * in V8, so each restart reallocated it while it refilled.
   */
  private readonly pending: string[] = [];
  private head = 0;
  private tail = 0;
  /**
   * Whether a package is in `pending[head..]`. A map of flags that only ever grows to the number of
   * packages, not a set emptied by every restart (a fresh hash table each time: issue 14's profile).
   */
  private readonly queued = new Map<string, boolean>();

  constructor(
    private readonly solution: PartialSolution<V>,
    private readonly index: IncompatIndex<V>,
    /** Add a derivation to the partial solution (the solver also counts it and hints the provider). */
    private readonly derive: (term: Term<V>, cause: Incompatibility<V>) => void,
  ) {}

  /** Empty the queue (what it held was undone by a backtrack) and start again from `pkg`. */
  restart(pkg: string): void {
    for (let k = this.head; k < this.tail; k++) this.queued.set(this.pending[k]!, false);
    this.head = 0;
    this.tail = 0;
    this.enqueue(pkg);
  }

  enqueue(pkg: string): void {
    if (this.queued.get(pkg) === true) return;
    this.pending[this.tail++] = pkg;
    this.queued.set(pkg, true);
  }

  /** The next package to scan, in the order queued; undefined when propagation is done. */
  next(): string | undefined {
    if (this.head === this.tail) return undefined;
    const pkg = this.pending[this.head++]!;
    this.queued.set(pkg, false);
    return pkg;
  }

  /**
   * Examine the incompatibilities of `pkg`, whose accumulated term changed: derive from the unit ones,
   * stop at and return a satisfied one (a conflict). `examineAll`: examine every incompatibility in
   * full (decision making found one of them unit), not only those whose term for `pkg` is satisfied.
   */
  scan(pkg: string, examineAll: boolean): Incompatibility<V> | undefined {
    const list = this.index.get(pkg);
    if (list === undefined) return undefined;
    const solution = this.solution;
    const level = solution.decisionLevel;
    const serial = solution.serialAt(level);
    const {
      incompats,
      terms,
      level: levels,
      serial: serials,
      inconclusiveFor,
      contradictedFor,
      satisfiedFor,
    } = list;
    let own = solution.accumulated(pkg);
    let ownId = own?.id ?? 0;
    let conflict: Incompatibility<V> | undefined;
    let superseded = 0;
    // Newest first: conflict resolution tends to produce the more general ones later.
    for (let k = incompats.length - 1; k >= 0; k--) {
      // Known contradicted at a level still in place: skip without touching the incompatibility.
      const at = levels[k]!;
      if (at >= 0 && at <= level && solution.serialAt(at) === serials[k]) continue;
      // Already examined, and its term for `pkg` was inconclusive for this same accumulated term
      // (see below): still inconclusive, skip it too without touching the incompatibility.
      if (ownId !== 0 && inconclusiveFor[k] === ownId && !examineAll) continue;
      const incompat = incompats[k]!;
      if (incompat.superseded) {
        superseded++;
        continue;
      }
      if (solution.knownContradicted(incompat)) {
        levels[k] = incompat.contradictedLevel;
        serials[k] = incompat.contradictedSerial;
        continue;
      }
      let ownSatisfied: Term<V> | undefined;
      if (!incompat.fresh && !examineAll) {
        // Only `pkg` changed, so an incompatibility already examined can only have become unit or
        // satisfied if its term for `pkg` is now satisfied (satisfaction is monotone along the
        // partial solution). Conflicts are still always caught: the last term of an incompatibility
        // to become satisfied is the one whose package is being scanned.
        if (own === undefined) continue; // nothing known about `pkg`: its term is inconclusive
        const ownTerm = terms[k]!;
        const ownRel =
          contradictedFor[k] === ownId
            ? 'contradicted'
            : satisfiedFor[k] === ownId
              ? 'satisfied'
              : own.relation(ownTerm);
        if (ownRel === 'inconclusive') {
          inconclusiveFor[k] = ownId;
          continue;
        }
        if (ownRel === 'contradicted') {
          contradictedFor[k] = ownId;
          solution.markContradicted(incompat);
          levels[k] = level;
          serials[k] = serial;
          continue;
        }
        satisfiedFor[k] = ownId;
        ownSatisfied = ownTerm; // satisfied: the full check below need not ask again
      }
      incompat.fresh = false;
      const rel = solution.relation(incompat, ownSatisfied);
      if (rel === 'satisfied') {
        conflict = incompat;
        break;
      }
      if (typeof rel === 'object') {
        // Almost satisfied: `rel` is the one term left, so its negation must hold.
        this.derive(rel.negate(), incompat);
        if (rel.pkg === pkg) {
          own = solution.accumulated(pkg);
          ownId = own?.id ?? 0;
        }
        this.enqueue(rel.pkg);
      } else if (rel === 'contradicted') {
        solution.markContradicted(incompat);
        levels[k] = level;
        serials[k] = serial;
      }
    }
    if (superseded > 0) list.dropSuperseded();
    return conflict;
  }
}
