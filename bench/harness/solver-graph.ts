/**
 * The generated dependency graphs of bench/solver-bench.ts (issue 4 §7, issue 14 §2), shared with
 * __tests__/resolver/solver-differential.test.ts, which runs the same shapes (smaller) through the
 * solver and its reference implementation.
 *
 * Deterministic (seeded PRNG). Every package has `versionsPer` versions; version v depends on a fixed
 * handful of later packages (a DAG, so the all-oldest selection is always a solution) with lower
 * bounds that rise with v (in steps, so adjacent versions share dependencies as real packages do).
 * A fraction of the packages (`trapRate`) are traps: their newest versions cap one of their
 * dependencies below what the newest versions of its other dependers need, with a cap that rises every
 * few releases, so the solver cannot dismiss them all at once: it has to resolve conflicts, learn, and
 * backjump through group after group.
 */
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import { type Range, Ranges } from '../../src/resolver/range.js';
import { prng } from './prng.js';

/** A version with a precomputed comparison key, like the Python layer's Version. */
export class GraphVersion {
  readonly key: number;
  constructor(
    readonly major: number,
    readonly minor: number,
  ) {
    this.key = major * 1000 + minor;
  }
  toString(): string {
    return `${this.major}.${this.minor}`;
  }
}

export const graphRanges = new Ranges<GraphVersion>((a, b) => a.key - b.key);

export interface SolverGraph {
  versions: Map<string, GraphVersion[]>; // newest first
  deps: Map<string, Map<number, Map<string, Range<GraphVersion>>>>; // pkg -> version key -> deps
  rootDeps: Map<string, Range<GraphVersion>>;
  traps: number;
}

export interface GraphShape {
  seed: number;
  packages: number;
  trapRate: number;
  versionsPer?: number;
  /** Packages the root depends on (any version); default 25. */
  rootFanout?: number;
}

export function generateSolverGraph(shape: GraphShape): SolverGraph {
  const { seed, packages, trapRate } = shape;
  const versionsPer = shape.versionsPer ?? 20;
  const ranges = graphRanges;
  const rand = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const name = (i: number): string => `p${String(i).padStart(4, '0')}`;
  const vers = Array.from({ length: versionsPer }, (_, k) => new GraphVersion(k + 1, k % 3));
  const versions = new Map<string, GraphVersion[]>();
  const deps: SolverGraph['deps'] = new Map();
  let traps = 0;
  for (let i = 0; i < packages; i++) {
    const pkg = name(i);
    versions.set(pkg, [...vers].reverse());
    const targets = new Set<number>();
    const fanout = Math.min(int(2, 4), packages - i - 1);
    while (targets.size < fanout) targets.add(int(i + 1, Math.min(packages - 1, i + 40)));
    const targetList = [...targets];
    const isTrap = targetList.length > 0 && rand() < trapRate;
    const trapTarget = isTrap ? targetList[int(0, targetList.length - 1)]! : -1;
    const trapDepth = int(4, 14);
    if (isTrap) traps++;
    // Like real packages, a dependency's lower bound moves in steps every few releases, so runs of
    // adjacent versions share a dependency (and the solver merges them into one incompatibility).
    const steps = targetList.map(() => ({ every: int(2, 5), lag: int(0, 4) }));
    const byVersion = new Map<number, Map<string, Range<GraphVersion>>>();
    for (let k = 0; k < versionsPer; k++) {
      const v = vers[k]!;
      const d = new Map<string, Range<GraphVersion>>();
      targetList.forEach((t, n) => {
        const firstTrapped = versionsPer - trapDepth;
        if (t === trapTarget && k >= firstTrapped) {
          // The newest versions cap the dependency low; the cap rises every 3 releases, so the solver
          // must walk back through several groups before the cap meets what the other dependers need.
          const cap = 1 + 2 * Math.floor((k - firstTrapped) / 3);
          d.set(name(t), ranges.lowerThan(vers[Math.min(cap, versionsPer - 1)]!));
        } else {
          const { every, lag } = steps[n]!;
          const lowIndex = Math.max(0, Math.floor(k / every) * every - lag);
          d.set(name(t), ranges.higherThan(vers[lowIndex]!));
        }
      });
      byVersion.set(v.key, d);
    }
    deps.set(pkg, byVersion);
  }
  const rootDeps = new Map<string, Range<GraphVersion>>();
  for (let i = 0; i < Math.min(shape.rootFanout ?? 25, packages); i++) rootDeps.set(name(i), ranges.any());
  return { versions, deps, rootDeps, traps };
}

/** Every dependency in memory; answers asynchronously like a real provider. */
export class GraphProvider implements DependencyProvider<GraphVersion> {
  constructor(private readonly g: SolverGraph) {}
  async listVersions(pkg: string): Promise<readonly GraphVersion[]> {
    return this.g.versions.get(pkg) ?? [];
  }
  async getDependencies(pkg: string, v: GraphVersion): Promise<Dependencies<GraphVersion>> {
    if (pkg === 'root') return { kind: 'available', dependencies: this.g.rootDeps };
    return { kind: 'available', dependencies: this.g.deps.get(pkg)!.get(v.key)! };
  }
}

/** Throws unless `decisions` satisfies every dependency of the root and of every chosen version. */
export function checkGraphSolution(g: SolverGraph, decisions: Map<string, GraphVersion>): void {
  const need = (from: string, list: Map<string, Range<GraphVersion>>): void => {
    for (const [d, r] of list) {
      const got = decisions.get(d);
      if (got === undefined || !r.contains(got)) {
        throw new Error(
          `invalid solution: ${from} needs ${d} ${r.toString()}, got ${got?.toString() ?? 'nothing'}`,
        );
      }
    }
  };
  need('root', g.rootDeps);
  for (const [p, v] of decisions) need(`${p} ${v.toString()}`, g.deps.get(p)!.get(v.key)!);
}

/**
 * The chosen packages that could move, alone, to a newer version: every range on them (the root's and
 * every chosen version's dependencies) admits the newer version, and its own dependencies are met by
 * the rest of `decisions` (which must be a valid solution: `checkGraphSolution`).
 *
 * The solver decides each package at the newest version its partial solution allows, and everything
 * that narrowed that range is a sound consequence of assignments that stay in the final solution, so
 * any search path of it leaves none such (a newer version that fits the final solution cannot violate
 * what the final solution implies). A search that re-decides older choices after a backjump (phase
 * saving) leaves dozens on bench/solver-bench.ts's graphs. pip does not guarantee it: after
 * backjumping over a pin, pip 26.2.1 keeps that pin's requirements (bench/solver-pip-graphs.ts,
 * `--cases`), so it can leave a package below a newer version that fits.
 */
export function upgradableAlone(g: SolverGraph, decisions: Map<string, GraphVersion>): string[] {
  const rangesOn = new Map<string, Range<GraphVersion>[]>();
  const need = (d: string, r: Range<GraphVersion>): void => {
    const list = rangesOn.get(d);
    if (list === undefined) rangesOn.set(d, [r]);
    else list.push(r);
  };
  for (const [d, r] of g.rootDeps) need(d, r);
  for (const [p, v] of decisions) for (const [d, r] of g.deps.get(p)!.get(v.key)!) need(d, r);
  const out: string[] = [];
  for (const [p, v] of decisions) {
    for (const newer of g.versions.get(p)!) {
      if (newer.key <= v.key) break; // newest first
      if (!(rangesOn.get(p) ?? []).every((r) => r.contains(newer))) continue;
      const deps = g.deps.get(p)!.get(newer.key)!;
      if ([...deps].every(([d, r]) => decisions.has(d) && r.contains(decisions.get(d)!))) {
        out.push(`${p} ${v.toString()} -> ${newer.toString()}`);
        break;
      }
    }
  }
  return out;
}
