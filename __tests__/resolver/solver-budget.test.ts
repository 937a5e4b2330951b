/**
 * The solver's work bound (review 2 of session 13, R1): a graph encoding the pigeonhole problem needs
 * exponentially many conflicts to refute; past SolveOptions.maxConflicts the solve stops with
 * ResolutionTooComplexError naming the packages most involved, as pip stops with ResolutionTooDeep.
 */
import { describe, expect, it } from '@jest/globals';
import { NoSolutionError, ResolutionTooComplexError } from '../../src/resolver/errors.js';
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import type { Range } from '../../src/resolver/range.js';
import { DEFAULT_MAX_CONFLICTS, solve } from '../../src/resolver/solver.js';
import { ints } from '../helpers/int-range-specs.js';

/** p1..p(n+1) with versions 1..n; p_i j depends on h_j == i (pigeon i sits in hole j). */
class Pigeonhole implements DependencyProvider<number> {
  constructor(private readonly n: number) {}
  async listVersions(pkg: string): Promise<readonly number[]> {
    const count = pkg.startsWith('p') ? this.n : this.n + 1;
    return Array.from({ length: count }, (_, k) => count - k);
  }
  async getDependencies(pkg: string, v: number): Promise<Dependencies<number>> {
    const deps = new Map<string, Range<number>>();
    if (pkg === 'root') for (let i = 1; i <= this.n + 1; i++) deps.set(`p${i}`, ints.any());
    else if (pkg.startsWith('p')) deps.set(`h${v}`, ints.exact(Number(pkg.slice(1))));
    return { kind: 'available', dependencies: deps };
  }
}

const run = (n: number, maxConflicts?: number) =>
  solve({
    provider: new Pigeonhole(n),
    ranges: ints,
    root: 'root',
    rootVersion: 0,
    ...(maxConflicts !== undefined ? { maxConflicts } : {}),
  });

describe('solver work bound', () => {
  it('stops past maxConflicts with ResolutionTooComplexError naming the packages in most conflicts', async () => {
    const error = await run(7, 100).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ResolutionTooComplexError);
    const e = error as ResolutionTooComplexError;
    expect(e.conflicts).toBe(101);
    expect(e.involved.length).toBe(5);
    for (const { pkg, conflicts } of e.involved) {
      expect(pkg).toMatch(/^[ph]\d+$/);
      expect(conflicts).toBeGreaterThan(0);
    }
    const counts = e.involved.map((x) => x.conflicts);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(e.message).toContain(`the packages most involved in conflicts: ${e.involved[0]!.pkg} (`);
  });

  it('an unsatisfiable graph within the budget still ends in NoSolutionError (default budget)', async () => {
    expect(DEFAULT_MAX_CONFLICTS).toBeGreaterThanOrEqual(10_000);
    await expect(run(5)).rejects.toBeInstanceOf(NoSolutionError);
  });
});
