/**
 * The partial solution's list of changed packages (what the solver rescores before each decision;
 * issue 14 made it two reused arrays with counts instead of arrays emptied by `length = 0`), checked
 * against a plain model over random sequences of derivations, decisions and backtracks (seeded):
 * `takeChanged()` gives each package whose accumulated term changed since the previous call once, in
 * the order it first changed, and `changedUndecidedTerm(k)` is its accumulated term when undecided.
 * Also `relation`'s `satisfied` argument: skipping a term known satisfied gives the same answer.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Incompatibility } from '../../src/resolver/incompatibility.js';
import { PartialSolution } from '../../src/resolver/partial-solution.js';
import { Term } from '../../src/resolver/term.js';
import { ints } from '../helpers/int-range-specs.js';

type Op =
  | { kind: 'derive'; pkg: number; low: number; positive: boolean }
  | { kind: 'decide'; pkg: number; version: number }
  | { kind: 'backtrack'; up: number }
  | { kind: 'take' };

const pkgName = (n: number): string => `p${n}`;

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('derive' as const),
      pkg: fc.integer({ min: 0, max: 5 }),
      low: fc.integer({ min: 0, max: 6 }),
      positive: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('decide' as const),
      pkg: fc.integer({ min: 0, max: 5 }),
      version: fc.integer({ min: 0, max: 9 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('backtrack' as const), up: fc.nat({ max: 3 }) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'take' as const }) },
);

describe('PartialSolution', () => {
  it('takeChanged lists each changed package once, in first-change order, reusing its arrays', () => {
    const cause = Incompatibility.root('root', ints.any());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const solution = new PartialSolution<number>();
        let model: string[] = [];
        const check = (): void => {
          const n = solution.takeChanged();
          expect(n).toBe(model.length);
          for (let k = 0; k < n; k++) {
            const pkg = solution.changedAt(k);
            expect(pkg).toBe(model[k]);
            const undecided = solution.isUndecided(pkg) ? solution.accumulated(pkg) : undefined;
            expect(solution.changedUndecidedTerm(k)).toBe(undecided);
          }
          expect(() => solution.changedAt(n)).toThrow(RangeError);
          model = [];
        };
        const changed = (pkg: string): void => {
          if (!model.includes(pkg)) model.push(pkg);
        };
        for (const o of ops) {
          if (o.kind === 'derive') {
            const pkg = pkgName(o.pkg);
            if (solution.decision(pkg) !== undefined) continue; // a decided package gets no derivations
            solution.derive(new Term(pkg, ints.higherThan(o.low), o.positive), cause);
            changed(pkg);
          } else if (o.kind === 'decide') {
            const pkg = pkgName(o.pkg);
            if (!solution.isUndecided(pkg)) continue; // the solver decides undecided packages only
            solution.decide(pkg, o.version, new Term(pkg, ints.exact(o.version), true));
          } else if (o.kind === 'backtrack') {
            const target = Math.max(0, solution.decisionLevel - o.up);
            // Every package with an assignment above the target changes (in the order undone).
            const before = new Map<string, unknown>();
            for (let p = 0; p <= 5; p++) before.set(pkgName(p), solution.accumulated(pkgName(p)));
            const undone: string[] = [];
            const spy = solution as unknown as { assignments: { pkg: string; level: number }[] };
            for (let i = spy.assignments.length - 1; i >= 0; i--) {
              const a = spy.assignments[i]!;
              if (a.level <= target) break;
              if (!undone.includes(a.pkg)) undone.push(a.pkg);
            }
            solution.backtrack(target);
            for (const p of undone) changed(p);
          } else {
            check();
          }
        }
        check();
      }),
      { seed: 14, numRuns: 300 },
    );
  });

  it('relation skips a term the caller found satisfied without changing the answer', () => {
    const solution = new PartialSolution<number>();
    const cause = Incompatibility.root('root', ints.any());
    solution.derive(new Term('a', ints.between(1, 5), true), cause);
    solution.derive(new Term('b', ints.higherThan(3), true), cause);
    const incompats = [
      Incompatibility.dependency('a', ints.any(), 'b', ints.lowerThan(2)), // satisfied
      Incompatibility.dependency('a', ints.any(), 'b', ints.higherThan(1)), // contradicted
      Incompatibility.dependency('a', ints.any(), 'b', ints.higherThan(4)), // almost satisfied
      Incompatibility.dependency('a', ints.any(), 'c', ints.any()), // almost satisfied (c unknown)
    ];
    for (const incompat of incompats) {
      const own = incompat.term('a')!;
      expect(solution.accumulated('a')!.relation(own)).toBe('satisfied');
      expect(solution.relation(incompat, own)).toBe(solution.relation(incompat));
    }
    expect(solution.relation(incompats[0]!, incompats[0]!.term('a'))).toBe('satisfied');
    expect(solution.relation(incompats[1]!, incompats[1]!.term('a'))).toBe('contradicted');
    expect(solution.relation(incompats[2]!, incompats[2]!.term('a'))).toBe(incompats[2]!.term('b'));
  });
});
