/**
 * The solver's index of incompatibilities by package, laid out for unit propagation.
 *
 * Propagation scans a package's incompatibilities each time its accumulated term changes, and most of
 * them are already known to be contradicted (another term of theirs is false). Dereferencing each one
 * to find that out costs a cache miss per incompatibility; the profile of bench/solver-bench.ts showed
 * the scan bound by exactly that. So, like the blocker literal kept beside each watch in CDCL SAT
 * solvers (MiniSat 2.2's watcher lists), every package's list keeps, in parallel arrays read in
 * order, the package's own term of each incompatibility and the decision level and decision serial at
 * which the scan last found it contradicted (-1: never). An entry whose contradiction is still in place
 * (that level was not undone since) is skipped without touching the incompatibility, and so is one
 * whose own term the scan last found inconclusive for the very accumulated term the package has now.
 */
import type { Incompatibility } from './incompatibility.js';
import type { Term } from './term.js';

export class PackageIncompats<V> {
  /** In the order added; propagation scans newest first. */
  incompats: Incompatibility<V>[] = [];
  /** `terms[k]` is this package's term in `incompats[k]`. */
  terms: Term<V>[] = [];
  /**
   * Inconclusive-own-term cache: the id (Term.id; 0 = none) of the package's accumulated term for which
   * the scan last found `terms[k]` inconclusive (so skipped `incompats[k]`). Terms are immutable, so
   * while the package's accumulated term is that same object the answer is the same. Ids in typed
   * arrays, not term references: no write barrier per update, and no dead accumulated term kept alive
   * by a cache slot (issue 14: garbage collection was ~15 % of the solver's profile).
   */
  inconclusiveFor: Float64Array = new Float64Array(8);
  /**
   * Contradicted-own-term cache, the same for "contradicted": the accumulated term for which the scan
   * last found `terms[k]` contradicted. Unlike the contradiction cache (`level`), it survives
   * backtracking: after a backjump the solver re-decides mostly the same versions, with the very same
   * decision terms (PackageListing.decisionTermAt), so the answer is found again without `relation`.
   */
  contradictedFor: Float64Array = new Float64Array(8);
  /** And for "satisfied" (the scan then examines the whole incompatibility). */
  satisfiedFor: Float64Array = new Float64Array(8);
  /** Contradiction cache: the level and decision serial at which `incompats[k]` was contradicted. */
  level: Int32Array = new Int32Array(8);
  serial: Int32Array = new Int32Array(8);

  /**
   * `push` drops the superseded entries first once the list reaches this length, which it then sets to
   * twice the length left. The scan drops them only when it reaches one, and it reaches none that its
   * contradiction cache skips: walking down a page of N unusable releases (each run's incompatibility
   * superseding the last, all contradicted at a level still in place) kept all N and scanned them at
   * every step, quadratic (session 13's review: 40,000 releases 4.3 s). Compacting on doubling costs
   * O(1) per push, amortized; dropping a superseded entry changes nothing the scan does (it skips one).
   */
  private compactAt = 16;

  get length(): number {
    return this.incompats.length;
  }

  push(incompat: Incompatibility<V>, term: Term<V>): void {
    if (this.incompats.length >= this.compactAt) {
      this.dropSuperseded();
      this.compactAt = Math.max(16, 2 * this.incompats.length);
    }
    const k = this.incompats.length;
    if (k === this.level.length) {
      this.level = grown(this.level, new Int32Array(2 * k));
      this.serial = grown(this.serial, new Int32Array(2 * k));
      this.inconclusiveFor = grown(this.inconclusiveFor, new Float64Array(2 * k));
      this.contradictedFor = grown(this.contradictedFor, new Float64Array(2 * k));
      this.satisfiedFor = grown(this.satisfiedFor, new Float64Array(2 * k));
    }
    this.incompats.push(incompat);
    this.terms.push(term);
    this.inconclusiveFor[k] = 0;
    this.contradictedFor[k] = 0;
    this.satisfiedFor[k] = 0;
    this.level[k] = -1;
    this.serial[k] = -1;
  }

  /** Drop the superseded incompatibilities (a wider one for the same dependency replaced them). */
  dropSuperseded(): void {
    let w = 0;
    const n = this.incompats.length;
    for (let k = 0; k < n; k++) {
      const incompat = this.incompats[k]!;
      if (incompat.superseded) continue;
      this.incompats[w] = incompat;
      this.terms[w] = this.terms[k]!;
      this.inconclusiveFor[w] = this.inconclusiveFor[k]!;
      this.contradictedFor[w] = this.contradictedFor[k]!;
      this.satisfiedFor[w] = this.satisfiedFor[k]!;
      this.level[w] = this.level[k]!;
      this.serial[w] = this.serial[k]!;
      w++;
    }
    this.incompats.length = w;
    this.terms.length = w;
  }
}

/** `into` (a larger typed array of the same kind) with `from` copied to its start. */
function grown<T extends Int32Array | Float64Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

export class IncompatIndex<V> {
  private readonly byPkg = new Map<string, PackageIncompats<V>>();

  add(incompat: Incompatibility<V>): void {
    for (const term of incompat.terms) {
      let list = this.byPkg.get(term.pkg);
      if (list === undefined) {
        list = new PackageIncompats<V>();
        this.byPkg.set(term.pkg, list);
      }
      list.push(incompat, term);
    }
  }

  get(pkg: string): PackageIncompats<V> | undefined {
    return this.byPkg.get(pkg);
  }
}
