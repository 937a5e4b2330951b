/**
 * The PubGrub version solver, after pub's doc/solver.md (Natalie Weizenbaum): unit propagation driven
 * by a queue of changed packages, conflict resolution that learns derived incompatibilities and
 * backjumps, and lazy decision making that turns a version's dependencies into incompatibilities only
 * when that version is about to be chosen.
 *
 * Asynchronous provider, never one request at a time: a package's version list is requested the moment
 * a dependency names it (many in flight at once, awaited together only when the next decision needs
 * them), and `prefetch` hints tell the provider which versions' dependencies are likely to be asked for
 * next. See provider.ts for the contract.
 *
 * Decision heuristic: among undecided packages with a positive derivation, the smallest provider
 * priority, then the fewest candidate versions (conflicts surface sooner, as in pub), then the package
 * discovered first; its version is the provider's most preferred one in the allowed range — or, with
 * `savedPhases`, the version it was last decided at while that is still allowed ("phase saving", as
 * CDCL SAT solvers give a variable its last value again: Pipatsrisawat & Darwiche, SAT 2007). A
 * backjump undoes every decision above its target, related to the conflict or not; re-deciding each at
 * the newest allowed version picks versions that the undone derivations had excluded and meets the
 * same conflicts again (bench/solver-bench.ts, session 15, seed 42 at trap rate 0.2: 36,844 decisions
 * and 2,376 conflicts without, 21,100 and 1,711 with). It is also pip's way: when a conflict makes
 * resolvelib replace a pin, the pins made after it that still satisfy their requirements stay
 * (__tests__/provider/pip-agreement.test.ts, "a pin made under a version that is later replaced
 * stays": pip b 2, newest-first re-decision b 3). A saved version is not kept when a more preferred
 * kind of release is allowed (the Python provider's usable releases come before its unusable ones).
 * On by default (`savedPhases: false` gives newest-first re-decisions: answers then differ on graphs
 * with backjumps; __tests__/resolver/solver-newest-first.test.ts checks that mode).
 *
 * Departures from the doc, for speed on graphs with many conflicts (bench/solver-bench.ts): a
 * backjump over more than `chronologicalBacktrackThreshold` levels undoes only the conflicting level
 * (chronological backtracking, conflict-resolution.ts), and the implications that this records above
 * their level are re-derived after later backtracks (lost-implications.ts); propagation re-examines an incompatibility
 * it has already seen only when the changed package's term in it became satisfied, and skips those it
 * found contradicted at a level still in place (incompat-index.ts). All keep every answer the doc's
 * algorithm would accept (__tests__/resolver/solver-property.test.ts checks solutions against brute
 * force).
 */
import { abortable, throwIfAborted } from './abort.js';
import { ConflictResolution } from './conflict-resolution.js';
import { DecisionQueue, type QueueEntry } from './decision-queue.js';
import { IncompatIndex } from './incompat-index.js';
import { Incompatibility } from './incompatibility.js';
import { PackageListing } from './package-listing.js';
import { PartialSolution } from './partial-solution.js';
import { UnitPropagation } from './propagation.js';
import type { DependencyProvider } from './provider.js';
import type { Range, Ranges } from './range.js';
import {
  DEFAULT_MAX_CONFLICTS,
  emptySolverStats,
  type Solution,
  type SolveOptions,
  type SolverStats,
} from './solve-options.js';
import type { Term } from './term.js';

export type { Solution, SolveOptions, SolverStats } from './solve-options.js';
export { DEFAULT_MAX_CONFLICTS, emptySolverStats } from './solve-options.js';

export function solve<V>(options: SolveOptions<V>): Promise<Solution<V>> {
  return new Solver(options).run();
}

class Solver<V> {
  private readonly provider: DependencyProvider<V>;
  private readonly ranges: Ranges<V>;
  private readonly root: string;
  private readonly signal: AbortSignal | undefined;
  /** Decision making found a unit incompatibility of this package: propagate it without shortcuts. */
  private examineAll: string | undefined = undefined;
  private readonly solution = new PartialSolution<V>();
  private readonly index = new IncompatIndex<V>();
  private readonly unit = new UnitPropagation<V>(this.solution, this.index, (term, cause) =>
    this.derive(term, cause),
  );
  private readonly listings = new Map<string, PackageListing<V>>();
  private readonly pendingListings = new Map<string, Promise<PackageListing<V>>>();
  private readonly discovered = new Map<string, number>();
  private readonly queue = new DecisionQueue<V>();
  private readonly lastHint = new Map<string, Range<V>>();
  private readonly stats: SolverStats = emptySolverStats();
  private readonly savedPhases: boolean;
  private readonly conflicts: ConflictResolution<V>;

  constructor(options: SolveOptions<V>) {
    this.provider = options.provider;
    this.ranges = options.ranges;
    this.root = options.root;
    this.signal = options.signal;
    this.conflicts = new ConflictResolution(
      this.solution,
      this.root,
      options.chronologicalBacktrackThreshold ?? 16,
      options.maxConflicts ?? DEFAULT_MAX_CONFLICTS,
      this.stats,
      (incompat) => this.addIncompatibility(incompat),
    );
    this.savedPhases = options.savedPhases ?? true;
    this.listings.set(this.root, new PackageListing(this.ranges, this.root, [options.rootVersion]));
    this.discovered.set(this.root, 0);
  }

  async run(): Promise<Solution<V>> {
    this.addIncompatibility(Incompatibility.root(this.root, this.ranges.any()));
    let next: string | undefined = this.root;
    while (next !== undefined) {
      throwIfAborted(this.signal);
      this.propagate(next);
      const decided = this.decide();
      next = typeof decided === 'object' ? await decided : decided;
    }
    const decisions = this.solution.decisions();
    decisions.delete(this.root);
    return { decisions, stats: { ...this.stats } };
  }

  // ---- unit propagation ------------------------------------------------------------------------

  private propagate(start: string): void {
    this.unit.restart(start);
    for (let pkg = this.unit.next(); pkg !== undefined; pkg = this.unit.next()) {
      const examineAll = this.examineAll === pkg;
      this.examineAll = undefined;
      let conflict = this.unit.scan(pkg, examineAll);
      while (conflict !== undefined) conflict = this.learnFrom(conflict);
    }
  }

  /**
   * Resolve a conflict, backjump, and derive what the learned incompatibility implies there, then what
   * the lost implications still imply. Returns the next conflict, if re-deriving those found one.
   */
  private learnFrom(conflict: Incompatibility<V>): Incompatibility<V> | undefined {
    const learned = this.conflicts.resolve(conflict);
    const after = this.solution.relation(learned);
    if (typeof after !== 'object') {
      throw new Error(`internal: learned ${learned.toString()} is ${after} after backjumping`);
    }
    this.derive(after.negate(), learned);
    this.unit.restart(after.pkg);
    return this.conflicts.reimply((term, cause) => {
      this.derive(term, cause);
      this.unit.enqueue(term.pkg);
    });
  }

  private derive(term: Term<V>, cause: Incompatibility<V>): void {
    const undecided = this.solution.derive(term, cause);
    this.stats.propagations++;
    if (undecided !== undefined) this.hint(term.pkg, undecided.range);
  }

  // ---- decision making -------------------------------------------------------------------------

  /**
   * Make one decision (or learn why none is possible); returns the package to propagate from. Returns
   * a promise only when it must wait for the provider (a version listing or a version's dependencies
   * not known yet): the in-memory steps stay synchronous, without a promise per decision.
   */
  private decide(): string | undefined | Promise<string | undefined> {
    this.conflicts.decided();
    const solution = this.solution;
    if (solution.undecidedSize === 0) return undefined;
    // Rescore only the packages whose allowed versions changed since the last decision.
    const changed = solution.takeChanged();
    let missing: string[] | undefined;
    // Every discovered package's listing was requested at discovery: none can be missing unless some
    // request is still pending.
    if (this.pendingListings.size > 0) {
      for (let k = 0; k < changed; k++) {
        const p = solution.changedAt(k);
        if (solution.isUndecided(p) && !this.listings.has(p)) (missing ??= []).push(p);
      }
    }
    if (missing !== undefined) {
      return abortable(this.signal, Promise.all(missing.map((p) => this.listingOf(p)))).then(() =>
        this.decideAfterListings(changed),
      );
    }
    return this.decideAfterListings(changed);
  }

  /** `changed`: how many packages `takeChanged` gave (read with `changedAt`). */
  private decideAfterListings(changed: number): string | undefined | Promise<string | undefined> {
    for (let k = 0; k < changed; k++) {
      const term = this.solution.changedUndecidedTerm(k);
      if (term === undefined) continue;
      const pkg = term.pkg;
      // A package whose term is one it had before (backjumps restore earlier accumulated terms)
      // reuses that entry: no allocation, and no second copy while the first is still queued. Its
      // candidate count is the listing's count for the same term, so it is not counted again.
      let entry = term.queueEntry as QueueEntry<V> | undefined;
      if (entry !== undefined && entry.owner !== this) entry = undefined;
      const count = entry !== undefined ? entry.count : this.listings.get(pkg)!.countIn(term.range);
      const priority = this.provider.prioritize?.(pkg, term.range, count) ?? 0;
      if (entry === undefined || entry.priority !== priority) {
        const order = this.discovered.get(pkg) ?? Number.MAX_SAFE_INTEGER;
        entry = { owner: this, pkg, term, priority, count, order, inHeap: false };
        term.queueEntry = entry;
      }
      this.queue.push(entry);
    }
    // Rebuild the heap without stale entries once they far outnumber the undecided packages.
    if (this.queue.size > 4 * this.solution.undecidedSize + 256) this.queue.compact(this.isCurrentEntry);
    const best = this.queue.popCurrent(this.isCurrentEntry);
    if (best === undefined) throw new Error('internal: undecided packages missing from the decision queue');
    const pkg = best.pkg;
    const range = best.term.range;
    const listing = this.listings.get(pkg)!;
    const at = listing.choiceIn(range, this.savedPhases);
    if (at < 0) {
      this.addIncompatibility(Incompatibility.noVersions(pkg, range));
      this.queue.push(best); // still undecided: keep it queued until its term changes
      return pkg;
    }
    const known = listing.recordedAt(at);
    if (known !== undefined) return this.decideVersion(best, listing, at, known);
    return this.incompatibilitiesOf(listing, at).then((incompats) =>
      this.decideVersion(best, listing, at, incompats),
    );
  }

  /** A queue entry still describes its package: undecided, with the term it was scored for. */
  private readonly isCurrentEntry = (e: QueueEntry<V>): boolean => this.solution.isUndecidedWith(e.term);

  private decideVersion(
    best: QueueEntry<V>,
    listing: PackageListing<V>,
    at: number,
    incompats: readonly Incompatibility<V>[],
  ): string {
    const pkg = best.pkg;
    const version = listing.versionAt(at);
    // solver.md: add the version as a decision unless one of its incompatibilities would be satisfied.
    for (const incompat of incompats) {
      if (this.wouldBeSatisfied(incompat, pkg, version)) {
        // Unit now (it, or the wider incompatibility that superseded it): examine all of `pkg`'s.
        this.examineAll = pkg;
        this.queue.push(best);
        return pkg;
      }
    }
    this.solution.decide(pkg, version, listing.decisionTermAt(at));
    listing.saveDecision(at);
    this.stats.decisions++;
    return pkg;
  }

  private wouldBeSatisfied(incompat: Incompatibility<V>, pkg: string, version: V): boolean {
    for (const term of incompat.terms) {
      if (term.pkg === pkg) {
        if (term.positive !== term.range.contains(version)) return false;
        continue;
      }
      const acc = this.solution.accumulatedFor(term);
      if (acc === undefined || !acc.satisfies(term)) return false;
    }
    return true;
  }

  /** The incompatibilities for a version's dependencies (sorted index `at`), asking the provider. */
  private async incompatibilitiesOf(
    listing: PackageListing<V>,
    at: number,
  ): Promise<readonly Incompatibility<V>[]> {
    const version = listing.versionAt(at);
    this.stats.getDependenciesCalls++;
    const deps = await abortable(this.signal, this.provider.getDependencies(listing.pkg, version));
    const incompats = listing.record(version, deps);
    for (const incompat of incompats) {
      if (incompat.cause.kind === 'dependency') {
        this.discover(incompat.cause.dependee, incompat.cause.dependeeRange);
      }
    }
    // Propagation visits a package's incompatibilities newest first; adding these in reverse makes it
    // derive the dependencies in the order the provider gave them (and explanations follow that order).
    for (let k = incompats.length - 1; k >= 0; k--) this.addIncompatibility(incompats[k]!);
    return incompats;
  }

  // ---- provider plumbing -----------------------------------------------------------------------

  /** First sight of a package starts its version listing at once; every dependency is a prefetch hint. */
  private discover(pkg: string, range: Range<V>): void {
    if (!this.discovered.has(pkg)) {
      this.discovered.set(pkg, this.discovered.size);
      void this.listingOf(pkg).catch(() => undefined); // a failure surfaces when the listing is awaited
    }
    this.hint(pkg, range);
  }

  private listingOf(pkg: string): Promise<PackageListing<V>> {
    const done = this.listings.get(pkg);
    if (done !== undefined) return Promise.resolve(done);
    let pending = this.pendingListings.get(pkg);
    if (pending === undefined) {
      this.stats.listVersionsCalls++;
      pending = this.provider.listVersions(pkg).then((versions) => {
        const listing = new PackageListing(this.ranges, pkg, versions);
        this.listings.set(pkg, listing);
        this.pendingListings.delete(pkg);
        return listing;
      });
      this.pendingListings.set(pkg, pending);
    }
    return pending;
  }

  private hint(pkg: string, range: Range<V>): void {
    if (this.provider.prefetch === undefined || pkg === this.root) return;
    const last = this.lastHint.get(pkg);
    if (last !== undefined && last.equals(range)) return;
    this.lastHint.set(pkg, range);
    this.stats.prefetchCalls++;
    this.provider.prefetch(pkg, range);
  }

  private addIncompatibility(incompat: Incompatibility<V>): void {
    if (incompat.cause.kind !== 'derived') this.stats.incompatibilities++;
    this.index.add(incompat);
  }
}
