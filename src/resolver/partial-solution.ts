/**
 * The PubGrub partial solution (pub's doc/solver.md, "Partial Solution"): an ordered list of
 * assignments — decisions (one version) and derivations (a term with the incompatibility that forced
 * it) — each at a decision level. Per package it keeps the assignments in order together with the
 * running intersection of their terms, so "what is known about foo" is O(1), backtracking is a pop,
 * and the satisfier search walks one short list per package.
 *
 * Decision levels: derivations before any decision are at level 0; the root decision opens level 1;
 * every later decision opens the next level.
 */
import type { Incompatibility } from './incompatibility.js';
import { type Relation, Term } from './term.js';

export interface Assignment<V> {
  readonly pkg: string;
  readonly term: Term<V>;
  readonly level: number;
  /** Position in the whole partial solution. */
  readonly index: number;
  /** The incompatibility that forced a derivation; undefined for a decision. */
  readonly cause: Incompatibility<V> | undefined;
  /** Intersection of this package's terms up to and including this assignment. */
  readonly accumulated: Term<V>;
  /** The partial solution's state of `pkg` (backtracking without a map lookup). */
  readonly state: unknown;
}

interface PackageState<V> {
  /** The partial solution this state belongs to (Term.state may hold another solution's). */
  readonly owner: unknown;
  readonly pkg: string;
  readonly assignments: Assignment<V>[];
  decision: V | undefined;
  /** The accumulated term of the last assignment (undefined: nothing known). */
  current: Term<V> | undefined;
  /** A positive accumulated term and no decision (see `isUndecided`). */
  undecided: boolean;
  /** Listed in `changed` since the last `takeChanged()`. */
  changed: boolean;
}

/**
 * How the partial solution relates to an incompatibility: satisfied, contradicted or inconclusive, or
 * — a term — "almost satisfied": every term but this one is satisfied and this one is inconclusive.
 * A term, not a `{ kind, term }` object: unit propagation asks this ~190,000 times per heavy solve
 * (issue 14's allocation profile).
 */
export type IncompatibilityRelation<V> = Relation | Term<V>;

export interface SatisfierSearch<V> {
  /** The earliest assignment after which the incompatibility is satisfied. */
  satisfier: Assignment<V>;
  /** The incompatibility's term for the satisfier's package. */
  term: Term<V>;
  /** Decision level of the previous satisfier (at least 1, per solver.md). */
  previousSatisfierLevel: number;
}

/** An assignment as the partial solution keeps it: reused after a backtrack (see `spare`). */
type Slot<V> = { -readonly [K in keyof Assignment<V>]: Assignment<V>[K] };

export class PartialSolution<V> {
  private readonly assignments: Slot<V>[] = [];
  /**
   * Assignments undone by backtracking, reused by the next ones: a heavy solve makes ~170,000
   * assignments, most of them re-made after backjumps, and each one lived long enough to be copied
   * by the garbage collector (issue 14's profile). Nothing outside holds an assignment across a
   * backtrack: `findSatisfier`'s answer is used before the solver backtracks.
   */
  private readonly spare: Slot<V>[] = [];
  private readonly packages = new Map<string, PackageState<V>>();
  /** How many packages have a positive accumulated term and no decision. */
  private undecidedCount = 0;
  /**
   * Packages whose accumulated term changed since the last `takeChanged()`, in the order they first
   * changed: `changed[0..changedCount)`. A flag per package and two arrays used in turn, not sets:
   * issue 14's allocation profile showed the sets' hash tables reallocated on every decision. The
   * arrays are never truncated (`length = 0` drops an array's backing store in V8, so every refill
   * reallocated it): a count says how much of each is in use.
   */
  private changed: string[] = [];
  private changedCount = 0;
  private taken: string[] = [];
  private takenCount = 0;
  /** The states of the packages in `changed` / `taken` (no map lookup to clear flags or read terms). */
  private changedStates: PackageState<V>[] = [];
  private takenStates: PackageState<V>[] = [];
  /** decisionSerial[level] identifies the decision that opened `level` (see contradiction cache). */
  private readonly decisionSerial: number[] = [0];
  /** findSatisfier's per-term earliest satisfiers (scratch, reused by every call). */
  private readonly earliestScratch: Assignment<V>[] = [];
  private serial = 0;
  private level = 0;

  get decisionLevel(): number {
    return this.level;
  }

  /** A serial number for the decision that opened `level`; changes when that level is redone. */
  serialAt(level: number): number {
    return this.decisionSerial[level] ?? -1;
  }

  /**
   * Remember that `incompat` is contradicted now: it stays so while the current decision level stays
   * (the solver skips it until then).
   */
  markContradicted(incompat: Incompatibility<V>): void {
    incompat.contradictedLevel = this.level;
    incompat.contradictedSerial = this.serialAt(this.level);
  }

  /** `markContradicted` was called at a decision level that is still in place. */
  knownContradicted(incompat: Incompatibility<V>): boolean {
    const level = incompat.contradictedLevel;
    return level >= 0 && level <= this.level && this.serialAt(level) === incompat.contradictedSerial;
  }

  /** Everything known about `pkg`: the intersection of its assignments, or `undefined`. */
  accumulated(pkg: string): Term<V> | undefined {
    return this.packages.get(pkg)?.current;
  }

  /** `accumulated(term.pkg)`, through the term's cached package state (no map lookup). */
  accumulatedFor(term: Term<V>): Term<V> | undefined {
    const st = this.stateOf(term);
    return st.current;
  }

  decision(pkg: string): V | undefined {
    return this.packages.get(pkg)?.decision;
  }

  /** `pkg` has a positive derivation but no decision yet. */
  isUndecided(pkg: string): boolean {
    return this.packages.get(pkg)?.undecided === true;
  }

  /**
   * `term` is the accumulated term of its package, and that package is undecided: what the decision
   * queue asks of every entry it pops (through the term's cached package state, no map lookup).
   */
  isUndecidedWith(term: Term<V>): boolean {
    const st = this.stateOf(term);
    return st.undecided && st.current === term;
  }

  /** How many packages have a positive derivation but no decision yet. */
  get undecidedSize(): number {
    return this.undecidedCount;
  }

  /**
   * Take the packages whose accumulated term changed since the previous call (derivations,
   * backtracks): returns how many there are; `changedAt(0..n)` gives them in the order they first
   * changed, until the next call.
   */
  takeChanged(): number {
    const n = this.changedCount;
    const states = this.changedStates;
    for (let k = 0; k < n; k++) states[k]!.changed = false;
    const out = this.changed;
    this.changed = this.taken;
    this.taken = out;
    this.changedStates = this.takenStates;
    this.takenStates = states;
    this.changedCount = 0;
    this.takenCount = n;
    return n;
  }

  /** The `k`th package of the last `takeChanged()`. */
  changedAt(k: number): string {
    if (k >= this.takenCount) throw new RangeError(`changedAt(${k}): only ${this.takenCount} taken`);
    return this.taken[k]!;
  }

  /** `changedAt(k)`'s accumulated term when that package is undecided (see `isUndecided`), else undefined. */
  changedUndecidedTerm(k: number): Term<V> | undefined {
    if (k >= this.takenCount) throw new RangeError(`changedAt(${k}): only ${this.takenCount} taken`);
    const st = this.takenStates[k]!;
    return st.undecided ? st.current : undefined;
  }

  private markChanged(st: PackageState<V>): void {
    if (st.changed) return;
    st.changed = true;
    const k = this.changedCount++;
    this.changed[k] = st.pkg;
    this.changedStates[k] = st;
  }

  private setUndecided(st: PackageState<V>, undecided: boolean): void {
    if (st.undecided === undecided) return;
    st.undecided = undecided;
    this.undecidedCount += undecided ? 1 : -1;
  }

  decisions(): Map<string, V> {
    const out = new Map<string, V>();
    for (const [pkg, st] of this.packages) if (st.decision !== undefined) out.set(pkg, st.decision);
    return out;
  }

  /** Decide `version` of `pkg`; `term` is `pkg ==version` (PackageListing.decisionTerm). */
  decide(pkg: string, version: V, term: Term<V>): void {
    this.level++;
    this.serial++;
    this.decisionSerial[this.level] = this.serial;
    const st = this.state(pkg);
    st.decision = version;
    this.push(pkg, st, term, undefined);
    this.setUndecided(st, false);
  }

  /**
   * Add a derivation (a term forced by `cause`). Returns the package's new accumulated term when the
   * package is now undecided (a positive term and no decision; see `isUndecided`), else undefined.
   */
  derive(term: Term<V>, cause: Incompatibility<V>): Term<V> | undefined {
    const st = this.stateOf(term);
    const acc = this.push(term.pkg, st, term, cause);
    this.markChanged(st);
    if (acc.positive && st.decision === undefined) {
      this.setUndecided(st, true);
      return acc;
    }
    return undefined;
  }

  /** Remove every assignment above `level`. */
  backtrack(level: number): void {
    while (this.assignments.length > 0) {
      const last = this.assignments[this.assignments.length - 1]!;
      if (last.level <= level) break;
      this.assignments.pop();
      this.spare.push(last);
      const st = last.state as PackageState<V>;
      st.assignments.pop();
      this.markChanged(st);
      if (last.cause === undefined) st.decision = undefined;
      const acc = st.assignments[st.assignments.length - 1]?.accumulated;
      st.current = acc;
      this.setUndecided(st, acc !== undefined && acc.positive && st.decision === undefined);
    }
    this.decisionSerial.length = level + 1;
    this.level = level;
  }

  /**
   * `satisfied`: one of the incompatibility's terms that the caller already found satisfied by the
   * accumulated term of its package as it is now (unit propagation's own term): not asked again.
   */
  relation(incompat: Incompatibility<V>, satisfied?: Term<V>): IncompatibilityRelation<V> {
    let unsatisfied: Term<V> | undefined;
    for (const term of incompat.terms) {
      if (term === satisfied) continue;
      // Hot path: the term remembers its package's state, saving a map lookup per check.
      const st = this.stateOf(term);
      const acc = st.current;
      const rel = acc === undefined ? absentRelation(term) : acc.relation(term);
      if (rel === 'contradicted') return 'contradicted';
      if (rel === 'inconclusive') {
        if (unsatisfied !== undefined) return 'inconclusive';
        unsatisfied = term;
      }
    }
    return unsatisfied ?? 'satisfied';
  }

  /**
   * For an incompatibility the partial solution satisfies, find the satisfier and the previous
   * satisfier's level (solver.md, "Conflict Resolution").
   */
  findSatisfier(incompat: Incompatibility<V>): SatisfierSearch<V> {
    let satisfier: Assignment<V> | undefined;
    let satisfierTerm: Term<V> | undefined;
    // The earliest satisfying assignment of each term (an incompatibility's terms name distinct
    // packages), in a scratch array reused by every call rather than a map per call.
    const earliest = this.earliestScratch;
    let n = 0;
    for (const term of incompat.terms) {
      // An always-true term (`not pkg ∅`) is satisfied before any assignment: it has no satisfier.
      if (term.isAlwaysTrue()) continue;
      const found = this.earliestSatisfying(term);
      if (found === undefined) {
        throw new Error(`internal: ${incompat.toString()} is not satisfied by the partial solution`);
      }
      earliest[n++] = found;
      if (satisfier === undefined || found.index > satisfier.index) {
        satisfier = found;
        satisfierTerm = term;
      }
    }
    if (satisfier === undefined || satisfierTerm === undefined) {
      throw new Error(`internal: no satisfier for ${incompat.toString()}`);
    }
    let previous: Assignment<V> | undefined;
    for (let k = 0; k < n; k++) {
      const a = earliest[k]!;
      if (a.pkg === satisfier.pkg) continue;
      if (previous === undefined || a.index > previous.index) previous = a;
    }
    // The satisfier may only satisfy its term together with earlier assignments to the same package.
    if (!satisfier.term.satisfies(satisfierTerm)) {
      const st = this.packages.get(satisfier.pkg)!;
      for (const a of st.assignments) {
        if (a.index >= satisfier.index) break;
        if (a.accumulated.intersect(satisfier.term).satisfies(satisfierTerm)) {
          if (previous === undefined || a.index > previous.index) previous = a;
          break;
        }
      }
    }
    return {
      satisfier,
      term: satisfierTerm,
      previousSatisfierLevel: Math.max(1, previous?.level ?? 1),
    };
  }

  /** The first assignment of `term`'s package after which `term` is satisfied, if any. */
  private earliestSatisfying(term: Term<V>): Assignment<V> | undefined {
    const st = this.packages.get(term.pkg);
    if (st === undefined) return undefined;
    for (const a of st.assignments) if (a.accumulated.satisfies(term)) return a;
    return undefined;
  }

  /** The package state a term is bound to in this solution (bound now if it is not yet). */
  private stateOf(term: Term<V>): PackageState<V> {
    const st = term.state as PackageState<V> | undefined;
    return st !== undefined && st.owner === this ? st : this.bind(term);
  }

  private bind(term: Term<V>): PackageState<V> {
    const st = this.state(term.pkg);
    term.state = st;
    return st;
  }

  private state(pkg: string): PackageState<V> {
    let st = this.packages.get(pkg);
    if (st === undefined) {
      st = {
        owner: this,
        pkg,
        assignments: [],
        decision: undefined,
        current: undefined,
        undecided: false,
        changed: false,
      };
      this.packages.set(pkg, st);
    }
    return st;
  }

  private push(
    pkg: string,
    st: PackageState<V>,
    term: Term<V>,
    cause: Incompatibility<V> | undefined,
  ): Term<V> {
    const prev = st.assignments[st.assignments.length - 1]?.accumulated;
    const accumulated = prev === undefined ? term : prev.intersect(term);
    const index = this.assignments.length;
    const spare = this.spare.pop();
    let a: Slot<V>;
    if (spare === undefined) {
      a = { pkg, term, level: this.level, index, cause, accumulated, state: st };
    } else {
      a = spare;
      a.pkg = pkg;
      a.term = term;
      a.level = this.level;
      a.index = index;
      a.cause = cause;
      a.accumulated = accumulated;
      a.state = st;
    }
    this.assignments.push(a);
    st.assignments.push(a);
    st.current = accumulated;
    return accumulated;
  }
}

/** Relation of "nothing known about the package" (it may or may not be selected) to `term`. */
function absentRelation<V>(term: Term<V>): 'satisfied' | 'contradicted' | 'inconclusive' {
  if (term.positive) return term.range.isEmpty() ? 'contradicted' : 'inconclusive';
  return term.range.isEmpty() ? 'satisfied' : 'inconclusive';
}
