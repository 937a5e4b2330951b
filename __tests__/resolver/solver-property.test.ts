/**
 * Random small registries: when the solver returns a solution it satisfies every dependency, and when
 * it fails a brute-force search over every selection finds none (and the explanation is well formed).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NoSolutionError } from '../../src/resolver/errors.js';
import { buildDerivationTree } from '../../src/resolver/explain.js';
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import type { Range } from '../../src/resolver/range.js';
import { formatReport } from '../../src/resolver/report.js';
import { solve } from '../../src/resolver/solver.js';
import { dependencyArbitraries, ints, toRange, type RangeSpec } from '../helpers/int-range-specs.js';

const PACKAGES = ['a', 'b', 'c', 'd', 'e'];
const VERSIONS = [1, 2, 3];

interface VersionSpec {
  unavailable: boolean;
  deps: [string, RangeSpec][];
}
interface RegistrySpec {
  root: [string, RangeSpec][];
  packages: Record<string, Record<number, VersionSpec>>;
}

const { dep, deps } = dependencyArbitraries(PACKAGES, 4);
const versionSpec: fc.Arbitrary<VersionSpec> = fc.record({
  unavailable: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  deps,
});
const registry: fc.Arbitrary<RegistrySpec> = fc.record({
  root: fc.uniqueArray(dep, { minLength: 1, maxLength: 3, selector: (d) => d[0] }),
  packages: fc.record(
    Object.fromEntries(
      PACKAGES.map((p) => [
        p,
        fc
          .subarray(VERSIONS)
          .chain((vs) =>
            fc
              .tuple(...vs.map(() => versionSpec))
              .map((specs) => Object.fromEntries(vs.map((v, i) => [v, specs[i]!]))),
          ),
      ]),
    ) as Record<string, fc.Arbitrary<Record<number, VersionSpec>>>,
  ),
});

/** See the examples of `fc.assert` below. */
const neighbourAndSelfDependent = (c1: VersionSpec['deps'], b: number[]): RegistrySpec => ({
  root: [
    ['c', ['any']],
    ['a', ['any']],
  ],
  packages: {
    a: {
      2: { unavailable: false, deps: [['b', ['ne', 2]]] },
      3: {
        unavailable: false,
        deps: [
          ['b', ['ne', 2]],
          ['a', ['ne', 3]],
        ],
      },
    },
    b: Object.fromEntries(b.map((v) => [v, { unavailable: false, deps: [] }])),
    c: {
      1: { unavailable: false, deps: c1 },
      2: {
        unavailable: false,
        deps: [
          ['a', ['lt', 3]],
          ['b', ['exact', 2]],
        ],
      },
    },
    d: {},
    e: {},
  },
});
const selfDependencyLoop = neighbourAndSelfDependent([['b', ['exact', 2]]], [2]);
const selfDependencyLost = neighbourAndSelfDependent([], [1, 2]);

class Registry implements DependencyProvider<number> {
  readonly listCalls: string[] = [];
  readonly depCalls: string[] = [];
  constructor(private readonly spec: RegistrySpec) {}

  versionsOf(pkg: string): number[] {
    return Object.keys(this.spec.packages[pkg] ?? {})
      .map(Number)
      .sort((x, y) => y - x);
  }

  depsOf(pkg: string, v: number): [string, Range<number>][] | undefined {
    if (pkg === 'root') return this.spec.root.map(([d, r]) => [d, toRange(r)]);
    const vs = this.spec.packages[pkg]![v]!;
    return vs.unavailable ? undefined : vs.deps.map(([d, r]) => [d, toRange(r)]);
  }

  async listVersions(pkg: string): Promise<readonly number[]> {
    this.listCalls.push(pkg);
    await Promise.resolve();
    return this.versionsOf(pkg);
  }

  async getDependencies(pkg: string, v: number): Promise<Dependencies<number>> {
    this.depCalls.push(`${pkg} ${v}`);
    const d = this.depsOf(pkg, v);
    return d === undefined
      ? { kind: 'unavailable', reason: 'is broken' }
      : { kind: 'available', dependencies: new Map(d) };
  }
}

/** Is there any selection (each package absent or one usable version) satisfying every dependency? */
function bruteForce(reg: Registry): boolean {
  const choices = PACKAGES.map((p) => [
    undefined,
    ...reg.versionsOf(p).filter((v) => reg.depsOf(p, v) !== undefined),
  ]);
  const pick: (number | undefined)[] = [];
  const ok = (): boolean => {
    const selected = new Map<string, number>();
    PACKAGES.forEach((p, i) => pick[i] !== undefined && selected.set(p, pick[i]!));
    const satisfied = (list: [string, Range<number>][]): boolean =>
      list.every(([d, r]) => selected.has(d) && r.contains(selected.get(d)!));
    if (!satisfied(reg.depsOf('root', 0)!)) return false;
    for (const [p, v] of selected) if (!satisfied(reg.depsOf(p, v)!)) return false;
    return true;
  };
  const walk = (i: number): boolean => {
    if (i === PACKAGES.length) return ok();
    for (const c of choices[i]!) {
      pick[i] = c;
      if (walk(i + 1)) return true;
    }
    return false;
  };
  return walk(0);
}

describe('solver on random registries', () => {
  it.each([
    ['backjumping (pure PubGrub)', Infinity],
    ['chronological backtracking on every conflict', 0],
    // Backjumps and chronological backtracks mixed: lost implications re-derived after backjumps.
    ['chronological backtracking over more than one level', 1],
  ])('returns a valid solution exactly when one exists: %s', async (_name, threshold) => {
    let solved = 0;
    let failed = 0;
    await fc.assert(
      fc.asyncProperty(registry, async (spec) => {
        const reg = new Registry(spec);
        const exists = bruteForce(reg);
        try {
          const { decisions } = await solve({
            provider: reg,
            ranges: ints,
            root: 'root',
            rootVersion: 0,
            chronologicalBacktrackThreshold: threshold,
          });
          solved++;
          expect(exists).toBe(true);
          const check = (list: [string, Range<number>][]): void => {
            for (const [d, r] of list) {
              expect(decisions.has(d)).toBe(true);
              expect(r.contains(decisions.get(d)!)).toBe(true);
            }
          };
          check(reg.depsOf('root', 0)!);
          for (const [p, v] of decisions) {
            expect(reg.versionsOf(p)).toContain(v);
            const d = reg.depsOf(p, v);
            expect(d).toBeDefined();
            check(d!);
          }
        } catch (e) {
          if (!(e instanceof NoSolutionError)) throw e;
          failed++;
          expect(exists).toBe(false);
          const text = formatReport(buildDerivationTree<number>(e));
          expect(text.endsWith('version solving failed.')).toBe(true);
        }
        // The provider is asked at most once per package and per version.
        expect(new Set(reg.listCalls).size).toBe(reg.listCalls.length);
        expect(new Set(reg.depCalls).size).toBe(reg.depCalls.length);
      }),
      // A fixed seed: the runs are the same on every machine, so CI cannot meet a rare registry no run
      // here has met. Widen the search by hand (another seed) when changing the solver. The examples are
      // registries that once broke it: a version unusable because it depends on itself dropped its
      // neighbour's dependency, so the solver returned a solution without it, or (when that dependency
      // was already ruled out) re-decided the neighbour forever, synchronously (no jest timeout fires).
      { seed: 20261206, numRuns: 400, examples: [[selfDependencyLoop], [selfDependencyLost]] },
    );
    // Both outcomes must actually be exercised for the property to mean anything.
    expect(solved).toBeGreaterThan(20);
    expect(failed).toBeGreaterThan(20);
  });
});
