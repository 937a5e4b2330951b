/**
 * Small random dependency registries over integer versions, shared by the solver's property and
 * differential tests: a dependency is a package name and a range written as a spec (so fast-check
 * can print and shrink it), turned into a solver Range by `toRange`.
 */
import fc from 'fast-check';
import { type Range, Ranges } from '../../src/resolver/range.js';

export const ints = new Ranges<number>((a, b) => a - b);

export type RangeSpec = ['any'] | ['exact' | 'ne' | 'ge' | 'lt', number] | ['between', number, number];

export function toRange(spec: RangeSpec): Range<number> {
  switch (spec[0]) {
    case 'any':
      return ints.any();
    case 'exact':
      return ints.exact(spec[1]);
    case 'ne':
      return ints.notEqual(spec[1]);
    case 'ge':
      return ints.higherThan(spec[1]);
    case 'lt':
      return ints.lowerThan(spec[1]);
    case 'between':
      return ints.between(Math.min(spec[1], spec[2]), Math.max(spec[1], spec[2]));
  }
}

/** One dependency (name from `names`, a range over versions 0..maxVersion) and lists of up to 3 distinct names. */
export function dependencyArbitraries(
  names: readonly string[],
  maxVersion: number,
): { dep: fc.Arbitrary<[string, RangeSpec]>; deps: fc.Arbitrary<[string, RangeSpec][]> } {
  const version = fc.integer({ min: 0, max: maxVersion });
  const rangeSpec: fc.Arbitrary<RangeSpec> = fc.oneof(
    fc.constant(['any'] as RangeSpec),
    fc.tuple(fc.constantFrom('exact', 'ne', 'ge', 'lt' as const), version) as fc.Arbitrary<RangeSpec>,
    fc.tuple(fc.constant('between' as const), version, version),
  );
  const dep = fc.tuple(fc.constantFrom(...names), rangeSpec);
  const deps = fc.uniqueArray(dep, { maxLength: 3, selector: (d) => d[0] });
  return { dep, deps };
}
