/**
 * SolveOptions.savedPhases (session 15): after a backjump a package is re-decided at the version it
 * was last decided at while that is still allowed, as resolvelib keeps a pin made after the one it
 * replaces (__tests__/provider/pip-agreement.test.ts, "a pin made under a version that is later
 * replaced stays") — but never over a more preferred kind of release of the provider's order. On by
 * default; the generated graphs' solutions stay valid with it.
 */
import { describe, expect, it } from '@jest/globals';
import {
  checkGraphSolution,
  generateSolverGraph,
  GraphProvider,
  GraphVersion,
  graphRanges,
} from '../../bench/harness/solver-graph.js';
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import type { Range } from '../../src/resolver/range.js';
import { solve } from '../../src/resolver/solver.js';
import { ints } from '../helpers/int-range-specs.js';

/** Versions in the provider's preference order, and each version's dependencies. */
type Universe = Record<string, { order: number[]; deps?: Record<number, Record<string, Range<number>>> }>;

class Provider implements DependencyProvider<number> {
  constructor(private readonly universe: Universe) {}

  listVersions(pkg: string): Promise<readonly number[]> {
    return Promise.resolve(this.universe[pkg]?.order ?? []);
  }

  getDependencies(pkg: string, version: number): Promise<Dependencies<number>> {
    const deps = this.universe[pkg]?.deps?.[version] ?? {};
    return Promise.resolve({ kind: 'available', dependencies: new Map(Object.entries(deps)) });
  }
}

async function answer(universe: Universe, savedPhases: boolean | undefined): Promise<string> {
  const { decisions } = await solve({
    provider: new Provider(universe),
    ranges: ints,
    root: 'root',
    rootVersion: 0,
    savedPhases,
  });
  return [...decisions]
    .map(([p, v]) => `${p}=${v}`)
    .sort()
    .join(' ');
}

describe('saved phases', () => {
  // pip-agreement.test.ts's replacedPinUniverse([], ['b<3']): a 2 is decided first (fewest
  // versions), then b 2 under its `b<3`, then c, whose `a<2` undoes a 2 and everything after it.
  const replacedPin: Universe = {
    root: { order: [0], deps: { 0: { a: ints.any(), b: ints.any(), c: ints.any() } } },
    a: { order: [2, 1], deps: { 2: { b: ints.lowerThan(3) } } },
    b: { order: [3, 2, 1] },
    c: { order: [2, 1], deps: { 1: { a: ints.lowerThan(2) }, 2: { a: ints.lowerThan(2) } } },
  };

  it('keeps a version decided before the backjump while it is still allowed (pip: b 2)', async () => {
    expect(await answer(replacedPin, true)).toBe('a=1 b=2 c=2');
  });

  it('is on by default; off, newest first again after the backjump (b 3)', async () => {
    expect(await answer(replacedPin, undefined)).toBe('a=1 b=2 c=2');
    expect(await answer(replacedPin, false)).toBe('a=1 b=3 c=2');
  });

  it('does not keep a less preferred kind of release once a more preferred one is allowed', async () => {
    // b's order: 2, 1 (usable), then 3 (unusable, as the Python provider lists them last). a 2 forces
    // b 3; b 3's dependency c requires a<2, so a 2 goes, and with it the reason for b 3.
    const universe: Universe = {
      root: { order: [0], deps: { 0: { a: ints.any(), b: ints.any() } } },
      a: { order: [2, 1], deps: { 2: { b: ints.higherThan(3) } } },
      b: { order: [2, 1, 3], deps: { 3: { c: ints.any() } } },
      c: { order: [1], deps: { 1: { a: ints.lowerThan(2) } } },
    };
    expect(await answer(universe, false)).toBe('a=1 b=2');
    expect(await answer(universe, true)).toBe('a=1 b=2');
  });

  it('gives valid solutions on the generated graphs', async () => {
    for (const trapRate of [0.05, 0.2, 0.35]) {
      for (const seed of [1, 2, 3]) {
        const g = generateSolverGraph({ seed, packages: 120, trapRate, versionsPer: 12 });
        const { decisions } = await solve({
          provider: new GraphProvider(g),
          ranges: graphRanges,
          root: 'root',
          rootVersion: new GraphVersion(0, 0),
          savedPhases: true,
        });
        checkGraphSolution(g, decisions);
      }
    }
  });
});
