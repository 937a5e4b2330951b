/**
 * A version depending on itself with a range that excludes it is unusable (package-listing.ts). Its
 * other dependencies must not be recorded on the way: recording one widens the incompatibility of a
 * neighbour version with the same dependency, and the wider one was dropped with the unusable version,
 * so the neighbour's dependency was lost. The solver then either picked the neighbour without its
 * dependency or, when that dependency was already ruled out, retried the neighbour forever (a
 * synchronous loop found by solver-property.test.ts, which no jest timeout can interrupt; hence the
 * step budget below).
 */
import { describe, expect, it } from '@jest/globals';
import { NoSolutionError, SolveAbortedError } from '../../src/resolver/errors.js';
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import type { Range } from '../../src/resolver/range.js';
import { solve, type Solution } from '../../src/resolver/solver.js';
import { ints } from '../helpers/int-range-specs.js';

type Registry = Record<string, Record<number, [string, Range<number>][]>>;

class Provider implements DependencyProvider<number> {
  constructor(private readonly registry: Registry) {}

  async listVersions(pkg: string): Promise<readonly number[]> {
    return Object.keys(this.registry[pkg] ?? {})
      .map(Number)
      .sort((x, y) => y - x);
  }

  async getDependencies(pkg: string, v: number): Promise<Dependencies<number>> {
    return { kind: 'available', dependencies: new Map(this.registry[pkg]![v]!) };
  }
}

/**
 * Solves from `root 0`, aborting after `budget` solver steps (the solver checks its signal once per
 * step, between synchronous decisions too, where a timer could not fire).
 */
function solveWithin(registry: Registry, threshold: number, budget = 10_000): Promise<Solution<number>> {
  const controller = new AbortController();
  let steps = 0;
  Object.defineProperty(controller.signal, 'aborted', { get: () => ++steps > budget });
  return solve({
    provider: new Provider(registry),
    ranges: ints,
    root: 'root',
    rootVersion: 0,
    signal: controller.signal,
    chronologicalBacktrackThreshold: threshold,
  });
}

/**
 * c 2 needs a < 3, so a 2 is fetched first (and rejected); then a 3 is fetched: it depends on b like
 * a 2 does, but also on `a != 3`, so it is unusable and a 2 must keep its own dependency on b.
 */
function registry(c1: [string, Range<number>][], bVersions: number[]): Registry {
  return {
    root: {
      0: [
        ['c', ints.any()],
        ['a', ints.any()],
      ],
    },
    a: {
      2: [['b', ints.notEqual(2)]],
      3: [
        ['b', ints.notEqual(2)],
        ['a', ints.notEqual(3)],
      ],
    },
    b: Object.fromEntries(bVersions.map((v) => [v, []])),
    c: {
      1: c1,
      2: [
        ['a', ints.lowerThan(3)],
        ['b', ints.exact(2)],
      ],
    },
  };
}

describe('a version unusable because it depends on itself', () => {
  it.each([0, 1, 16, Infinity])(
    'keeps its neighbour version’s dependency (threshold %s)',
    async (threshold) => {
      const { decisions } = await solveWithin(registry([], [1, 2]), threshold);
      expect([...decisions].sort()).toEqual([
        ['a', 2],
        ['b', 1],
        ['c', 1],
      ]);
    },
  );

  it.each([0, 1, 16, Infinity])(
    'does not make the solver retry that neighbour forever (threshold %s)',
    async (threshold) => {
      const failure = await solveWithin(registry([['b', ints.exact(2)]], [2]), threshold).catch(
        (e: unknown) => e,
      );
      expect(failure).not.toBeInstanceOf(SolveAbortedError);
      expect(failure).toBeInstanceOf(NoSolutionError);
    },
  );
});
