/**
 * PackageListing.firstIndexIn when the preference order is not newest first (review 2 of session 13,
 * R6): the same choice as a scan of the whole order, found without that scan (it was quadratic when
 * the solver walked down a page of unusable releases listed after the usable ones).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { NoSolutionError } from '../../src/resolver/errors.js';
import { PackageListing } from '../../src/resolver/package-listing.js';
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import { Ranges, type Range } from '../../src/resolver/range.js';
import { solve } from '../../src/resolver/solver.js';
import { ints, toRange, type RangeSpec } from '../helpers/int-range-specs.js';

/** The definition: the first version in preference order that the range holds. */
function naiveFirst(listing: PackageListing<number>, range: Range<number>): number {
  for (const v of listing.preferred) if (range.contains(v)) return v;
  return -1;
}

const spec: fc.Arbitrary<RangeSpec> = fc.oneof(
  fc.constant<RangeSpec>(['any']),
  fc.tuple(
    fc.constantFrom('exact' as const, 'ne' as const, 'ge' as const, 'lt' as const),
    fc.integer({ min: -1, max: 41 }),
  ),
  fc.tuple(
    fc.constant('between' as const),
    fc.integer({ min: -1, max: 41 }),
    fc.integer({ min: -1, max: 41 }),
  ),
);
/** A union of intersections: ranges of several intervals, as accumulated terms have. */
const range = fc
  .array(fc.array(spec, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 })
  .map((u) => ints.unionAll(u.map((i) => i.map(toRange).reduce((a, b) => a.intersection(b)))));

/** Preference orders: newest-first runs (usable then unusable), shuffles, with equal duplicates. */
const order = fc.oneof(
  fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }),
  fc
    .tuple(
      fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }),
      fc.integer({ min: 0, max: 40 }),
    )
    .map(([vs, cut]) => {
      const usable = vs.slice(0, cut).sort((a, b) => b - a);
      const unusable = vs.slice(cut).sort((a, b) => b - a);
      return [...usable, ...unusable];
    }),
  fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 30 }),
);

describe('PackageListing.firstIndexIn', () => {
  it('picks what a scan of the preference order picks', () => {
    fc.assert(
      fc.property(order, fc.array(range, { minLength: 1, maxLength: 5 }), (versions, rs) => {
        const listing = new PackageListing(ints, 'a', versions);
        for (const r of rs) {
          const at = listing.firstIndexIn(r);
          expect(at < 0 ? -1 : listing.versionAt(at)).toBe(naiveFirst(listing, r));
        }
      }),
      { numRuns: 3000 },
    );
  });

  /** a: a usable 0 (needs b, which has no versions) first, then n..1 unusable, newest first. */
  class Mixed implements DependencyProvider<number> {
    constructor(
      private readonly n: number,
      private readonly ranges: Ranges<number>,
    ) {}
    async listVersions(pkg: string): Promise<readonly number[]> {
      if (pkg === 'b') return [];
      return [0, ...Array.from({ length: this.n }, (_, k) => this.n - k)];
    }
    async getDependencies(pkg: string, v: number): Promise<Dependencies<number>> {
      const any = this.ranges.any();
      if (pkg === 'root') return { kind: 'available', dependencies: new Map([['a', any]]) };
      if (v === 0) return { kind: 'available', dependencies: new Map([['b', any]]) };
      return { kind: 'unavailable', reason: 'no wheel for the target' };
    }
  }

  /** Version comparisons (what costs with PEP 440 versions) of walking down n unusable releases. */
  async function comparisons(n: number): Promise<number> {
    let count = 0;
    const ranges = new Ranges<number>((a, b) => (count++, a - b));
    await expect(
      solve({ provider: new Mixed(n, ranges), ranges, root: 'root', rootVersion: -1 }),
    ).rejects.toBeInstanceOf(NoSolutionError);
    return count;
  }

  it('walks down unusable releases listed after a usable one with O(n log n) comparisons', async () => {
    // Scanning the preference order each decision took ~n²/2 comparisons (2,000 releases: 4.1 million).
    const small = await comparisons(2_000);
    const large = await comparisons(4_000);
    expect(small).toBeLessThan(2_000 * 150);
    expect(large).toBeLessThan(4_000 * 150);
    expect(large / small).toBeLessThan(2.5);
  });
});
