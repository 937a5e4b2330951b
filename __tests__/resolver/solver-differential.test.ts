/**
 * The solver against its reference implementation (__tests__/helpers/reference-resolver, the solver
 * before issue 14's CPU work): on generated graphs of bench/solver-bench.ts's shape (with and without
 * unsatisfiable root pins, several chronological-backtracking thresholds), on the bench's own
 * full-size heavy graph, and on random small
 * registries, both must return the same solution or the same failure explanation, with the same
 * statistics and the same provider calls (listVersions, getDependencies, prefetch, prioritize) in the
 * same order. Same path, same answer: the Python layer relies on the path to reach pip's result.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NoSolutionError as RefNoSolutionError } from '../helpers/reference-resolver/errors.js';
import { solve as referenceSolve } from '../helpers/reference-resolver/solver.js';
import {
  generateSolverGraph,
  type GraphShape,
  type GraphVersion,
  graphRanges,
  type SolverGraph,
} from '../../bench/harness/solver-graph.js';
import { prng } from '../../bench/harness/prng.js';
import { NoSolutionError } from '../../src/resolver/errors.js';
import { buildDerivationTree } from '../../src/resolver/explain.js';
import type { Incompatibility } from '../../src/resolver/incompatibility.js';
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import { type Range, Ranges } from '../../src/resolver/range.js';
import { formatReport } from '../../src/resolver/report.js';
import { solve } from '../../src/resolver/solver.js';
import { dependencyArbitraries, ints, toRange, type RangeSpec } from '../helpers/int-range-specs.js';

/** Wraps a provider and logs every call the solver makes, in order. */
class Logged<V> implements DependencyProvider<V> {
  readonly log: string[] = [];
  constructor(
    private readonly inner: {
      versions(pkg: string): readonly V[];
      deps(pkg: string, v: V): Dependencies<V>;
    },
    private readonly priorities: boolean,
  ) {}
  async listVersions(pkg: string): Promise<readonly V[]> {
    this.log.push(`list ${pkg}`);
    return this.inner.versions(pkg);
  }
  async getDependencies(pkg: string, v: V): Promise<Dependencies<V>> {
    this.log.push(`deps ${pkg} ${String(v)}`);
    return this.inner.deps(pkg, v);
  }
  prefetch(pkg: string, range: Range<V>): void {
    this.log.push(`prefetch ${pkg} ${range.toString()}`);
  }
  /** Like the Python layer's: nothing left first, then a fixed split of the packages. */
  prioritize(pkg: string, range: Range<V>, candidates: number): number {
    if (!this.priorities) return 0;
    this.log.push(`prioritize ${pkg} ${range.toString()} ${candidates}`);
    if (candidates === 0) return -1;
    return pkg.charCodeAt(pkg.length - 1) % 2;
  }
}

interface Outcome {
  decisions?: string;
  stats?: unknown;
  failure?: string;
  log: string[];
}

/** The failure explanation as the user reads it (derivation tree, report text). */
function derivationText(root: Incompatibility<unknown>, rootPkg: string): string {
  return formatReport(buildDerivationTree(root, rootPkg));
}

async function run<V>(
  which: 'new' | 'reference',
  source: { versions(pkg: string): readonly V[]; deps(pkg: string, v: V): Dependencies<V> },
  ranges: Ranges<V>,
  rootVersion: V,
  threshold: number,
  priorities: boolean,
): Promise<Outcome> {
  const provider = new Logged(source, priorities);
  const options = {
    provider,
    ranges,
    root: 'root',
    rootVersion,
    chronologicalBacktrackThreshold: threshold,
  };
  try {
    const { decisions, stats } =
      which === 'new'
        ? await solve({ ...options, savedPhases: false }) // the reference re-decides newest first
        : await referenceSolve(options);
    const text = [...decisions]
      .map(([p, v]) => `${p}=${String(v)}`)
      .sort()
      .join(' ');
    return { decisions: text, stats, log: provider.log };
  } catch (e) {
    if (e instanceof NoSolutionError || e instanceof RefNoSolutionError) {
      return {
        failure: derivationText(e.incompatibility as Incompatibility<unknown>, e.root),
        log: provider.log,
      };
    }
    throw e;
  }
}

function graphSource(g: SolverGraph): {
  versions(pkg: string): readonly GraphVersion[];
  deps(pkg: string, v: GraphVersion): Dependencies<GraphVersion>;
} {
  return {
    versions: (pkg) => g.versions.get(pkg) ?? [],
    deps: (pkg, v) =>
      pkg === 'root'
        ? { kind: 'available', dependencies: g.rootDeps }
        : { kind: 'available', dependencies: g.deps.get(pkg)!.get(v.key)! },
  };
}

/** Pin a few packages from the root to their newest versions: often unsatisfiable with traps. */
function withPins(g: SolverGraph, seed: number, pins: number): SolverGraph {
  const rand = prng(seed * 7919 + 1);
  const names = [...g.versions.keys()];
  const rootDeps = new Map(g.rootDeps);
  for (let i = 0; i < pins; i++) {
    const pkg = names[Math.floor(rand() * names.length)]!;
    const vs = g.versions.get(pkg)!;
    rootDeps.set(pkg, graphRanges.higherThan(vs[Math.floor(rand() * 3)]!));
  }
  return { ...g, rootDeps };
}

async function compareGraph(shape: GraphShape, pins: number, threshold: number, priorities: boolean) {
  let g = generateSolverGraph(shape);
  if (pins > 0) g = withPins(g, shape.seed, pins);
  const root = graphSource(g);
  const rootVersion = { key: 0, major: 0, minor: 0 } as GraphVersion;
  const a = await run('new', root, graphRanges, rootVersion, threshold, priorities);
  const b = await run('reference', root, graphRanges, rootVersion, threshold, priorities);
  expect(a.decisions).toEqual(b.decisions);
  expect(a.stats).toEqual(b.stats);
  expect(a.failure).toEqual(b.failure);
  expect(a.log.length).toBe(b.log.length);
  expect(a.log).toEqual(b.log);
  return a;
}

describe('solver = reference solver on generated graphs', () => {
  it.each([
    [0.05, 16],
    [0.2, 16],
    [0.35, 16],
    [0.2, 0],
    [0.2, Infinity],
  ])('trap rate %s, chronological threshold %s: same path, same solution', async (trapRate, threshold) => {
    let conflicts = 0;
    for (const seed of [1, 2, 3]) {
      const out = await compareGraph(
        { seed, packages: 120, trapRate, versionsPer: 12 },
        0,
        threshold,
        seed === 2,
      );
      expect(out.decisions).toBeDefined();
      conflicts += (out.stats as { conflicts: number }).conflicts;
    }
    // The graphs must actually make the solver backtrack for the comparison to mean anything.
    expect(conflicts).toBeGreaterThan(10);
  });

  it("bench/solver-bench.ts's own heavy graph (1,000 packages, trap rate 0.2): same path, same solution", async () => {
    // Full size, so the shortcuts that only start at scale (the decision queue's compaction, reused
    // assignments and queue entries over thousands of backjumps) are on the compared path too.
    const out = await compareGraph({ seed: 42, packages: 1000, trapRate: 0.2 }, 0, 16, false);
    expect(out.decisions).toBeDefined();
    expect((out.stats as { conflicts: number }).conflicts).toBeGreaterThan(1000);
  }, 60_000);

  it('the same failure explanation when root pins make the graph unsatisfiable', async () => {
    let failures = 0;
    let solutions = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const out = await compareGraph(
        { seed, packages: 60, trapRate: 0.3, versionsPer: 10, rootFanout: 6 },
        4,
        seed % 3 === 0 ? Infinity : 16,
        seed % 2 === 0,
      );
      if (out.failure !== undefined) failures++;
      else solutions++;
    }
    expect(failures).toBeGreaterThan(2);
    expect(solutions).toBeGreaterThan(0);
  });
});

// ---- random small registries (the property test's shape, with priorities and prefetch logged) ----

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];

const { dep, deps } = dependencyArbitraries(NAMES, 5);
interface VersionSpec {
  unavailable: boolean;
  deps: [string, RangeSpec][];
}
const versionSpec: fc.Arbitrary<VersionSpec> = fc.record({
  unavailable: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  deps,
});
const registry = fc.record({
  root: fc.uniqueArray(dep, { minLength: 1, maxLength: 3, selector: (d) => d[0] }),
  packages: fc.record(
    Object.fromEntries(
      NAMES.map((p) => [
        p,
        fc
          .subarray([1, 2, 3, 4])
          .chain((vs) =>
            fc
              .tuple(...vs.map(() => versionSpec))
              .map((specs) => Object.fromEntries(vs.map((v, i) => [v, specs[i]!]))),
          ),
      ]),
    ) as Record<string, fc.Arbitrary<Record<number, VersionSpec>>>,
  ),
});

describe('solver = reference solver on random registries', () => {
  it('same solution or explanation, same statistics, same provider calls', async () => {
    let solved = 0;
    let failed = 0;
    await fc.assert(
      fc.asyncProperty(
        registry,
        fc.constantFrom(0, 1, 16, Infinity),
        fc.boolean(),
        fc.constantFrom('newest first', 'oldest first', 'odd first'),
        async (spec, threshold, priorities, order) => {
          // The provider's order is the preference; newest first is pip's (and has a fast path).
          const ordered = (vs: number[]): number[] =>
            order === 'newest first'
              ? vs.sort((x, y) => y - x)
              : order === 'oldest first'
                ? vs.sort((x, y) => x - y)
                : vs.sort((x, y) => (y % 2) - (x % 2) || y - x);
          const source = {
            versions: (pkg: string): number[] => ordered(Object.keys(spec.packages[pkg] ?? {}).map(Number)),
            deps: (pkg: string, v: number): Dependencies<number> => {
              if (pkg === 'root') {
                return {
                  kind: 'available',
                  dependencies: new Map(spec.root.map(([d, r]) => [d, toRange(r)])),
                };
              }
              const vs = spec.packages[pkg]![v]!;
              return vs.unavailable
                ? { kind: 'unavailable', reason: 'is broken' }
                : { kind: 'available', dependencies: new Map(vs.deps.map(([d, r]) => [d, toRange(r)])) };
            },
          };
          const a = await run('new', source, ints, 0, threshold, priorities);
          const b = await run('reference', source, ints, 0, threshold, priorities);
          expect(a).toEqual(b);
          if (a.failure === undefined) solved++;
          else failed++;
        },
      ),
      { numRuns: 600 },
    );
    expect(solved).toBeGreaterThan(50);
    expect(failed).toBeGreaterThan(50);
  });
});
