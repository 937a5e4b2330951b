import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Range } from '../../src/resolver/range.js';
import { Term } from '../../src/resolver/term.js';

const cmp = (a: number, b: number): number => a - b;
const bound = fc.option(fc.record({ value: fc.integer({ min: 0, max: 6 }), inclusive: fc.boolean() }), {
  nil: undefined,
});
const range = fc
  .array(fc.record({ lower: bound, upper: bound }), { maxLength: 3 })
  .map((ivs) => Range.fromIntervals(cmp, ivs));
const term = fc.tuple(range, fc.boolean()).map(([r, positive]) => new Term('p', r, positive));

/** A selection is a version or "not selected" (undefined). */
const SELECTIONS: (number | undefined)[] = [undefined];
for (let x = -1; x <= 7; x += 0.5) SELECTIONS.push(x);

function holds(t: Term<number>, s: number | undefined): boolean {
  const inRange = s !== undefined && t.range.contains(s);
  return t.positive ? inRange : !inRange;
}

describe('Term', () => {
  it('intersect and union agree with the selections they allow', () => {
    fc.assert(
      fc.property(term, term, (a, b) => {
        for (const s of SELECTIONS) {
          expect(holds(a.intersect(b), s)).toBe(holds(a, s) && holds(b, s));
          expect(holds(a.union(b), s)).toBe(holds(a, s) || holds(b, s));
          expect(holds(a.negate(), s)).toBe(!holds(a, s));
        }
      }),
    );
  });

  it('relation is satisfied/contradicted exactly when every allowed selection agrees', () => {
    fc.assert(
      fc.property(term, term, (known, t) => {
        const allowed = SELECTIONS.filter((s) => holds(known, s));
        fc.pre(allowed.length > 0);
        const rel = known.relation(t);
        if (allowed.every((s) => holds(t, s))) expect(rel).toBe('satisfied');
        else if (allowed.every((s) => !holds(t, s))) expect(rel).toBe('contradicted');
        else expect(rel).toBe('inconclusive');
      }),
    );
  });

  it('not p ∅ is always true', () => {
    const t = new Term('p', Range.fromIntervals(cmp, []), false);
    expect(t.isAlwaysTrue()).toBe(true);
    expect(SELECTIONS.every((s) => holds(t, s))).toBe(true);
    expect(t.toString()).toBe('not p ∅');
  });
});
