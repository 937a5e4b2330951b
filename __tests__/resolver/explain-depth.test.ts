/**
 * A derivation chain far deeper than the call stack (review 2 of session 13, R2): building the tree
 * and writing the report walk it with explicit stacks, so a long chain is explained, not a stack
 * overflow reported as an internal error.
 */
import { describe, expect, it } from '@jest/globals';
import { NoSolutionError } from '../../src/resolver/errors.js';
import { buildDerivationTree } from '../../src/resolver/explain.js';
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import type { Range } from '../../src/resolver/range.js';
import { formatReport } from '../../src/resolver/report.js';
import { solve } from '../../src/resolver/solver.js';
import { ints } from '../helpers/int-range-specs.js';

/** root → p0 → p1 → … → p(n-1) → missing (no versions): one version each. */
class Chain implements DependencyProvider<number> {
  constructor(private readonly n: number) {}
  async listVersions(pkg: string): Promise<readonly number[]> {
    return pkg === 'missing' ? [] : [1];
  }
  async getDependencies(pkg: string): Promise<Dependencies<number>> {
    const k = pkg === 'root' ? -1 : Number(pkg.slice(1));
    const next = k + 1 === this.n ? 'missing' : `p${k + 1}`;
    return { kind: 'available', dependencies: new Map<string, Range<number>>([[next, ints.any()]]) };
  }
}

describe('explaining a long derivation chain', () => {
  it('writes every step of a 30,000-link chain', async () => {
    const n = 30_000;
    const error = await solve({ provider: new Chain(n), ranges: ints, root: 'root', rootVersion: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NoSolutionError);
    const text = formatReport(buildDerivationTree(error as NoSolutionError<number>), {
      formatVersion: String,
    });
    const lines = text.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(n / 2);
    expect(text).toContain('missing');
    expect(text).toContain(`p${n - 1}`);
    expect(lines[lines.length - 1]).toMatch(/root/);
  }, 60_000);
});
