/**
 * The incompatibility index's per-package lists (issue 14): the parallel arrays the scan reads — the
 * package's own term, the contradiction cache and the own-term caches (inconclusive / contradicted /
 * satisfied for an accumulated term, by term id) — must stay aligned with the incompatibilities through growth
 * past their initial capacity and through dropping superseded entries, for random sequences (seeded);
 * and superseded entries must not pile up in a list that no scan reaches (they are dropped on push).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { IncompatIndex, type PackageIncompats } from '../../src/resolver/incompat-index.js';
import { Incompatibility } from '../../src/resolver/incompatibility.js';
import { Term } from '../../src/resolver/term.js';
import { ints } from '../helpers/int-range-specs.js';

type Op = { kind: 'add'; other: boolean } | { kind: 'supersede'; which: number } | { kind: 'drop' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), other: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('supersede' as const), which: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'drop' as const }) },
);

/** What each entry's cache slots must hold: a tag derived from the incompatibility itself. */
function expectAligned(
  list: PackageIncompats<number>,
  tags: Map<Incompatibility<number>, Term<number>>,
): void {
  for (let k = 0; k < list.length; k++) {
    const incompat = list.incompats[k]!;
    expect(list.terms[k]).toBe(incompat.term('a'));
    const tag = tags.get(incompat)!;
    expect(list.inconclusiveFor[k]).toBe(tag.id);
    expect(list.contradictedFor[k]).toBe(tag.id);
    expect(list.satisfiedFor[k]).toBe(tag.id);
    expect(list.level[k]).toBe(incompat.id);
    expect(list.serial[k]).toBe(incompat.id + 7);
  }
}

describe('IncompatIndex', () => {
  it('keeps every per-entry array aligned through growth and dropSuperseded', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const index = new IncompatIndex<number>();
        const tags = new Map<Incompatibility<number>, Term<number>>();
        const added: Incompatibility<number>[] = [];
        const live: Incompatibility<number>[] = []; // the model: in order added, superseded dropped
        for (const o of ops) {
          const list = index.get('a');
          if (o.kind === 'add') {
            const n = added.length;
            const incompat = o.other
              ? Incompatibility.dependency('a', ints.higherThan(n), 'b', ints.lowerThan(n))
              : Incompatibility.dependency('c', ints.exact(n), 'a', ints.higherThan(n));
            index.add(incompat);
            const l = index.get('a')!;
            const k = l.length - 1;
            expect(l.incompats[k]).toBe(incompat);
            // Fresh entries start with empty caches (0: no term id); fill them with a tag's id to
            // follow the entry.
            expect(l.inconclusiveFor[k]).toBe(0);
            expect(l.contradictedFor[k]).toBe(0);
            expect(l.satisfiedFor[k]).toBe(0);
            expect(l.level[k]).toBe(-1);
            const tag = new Term('a', ints.exact(n), true);
            tags.set(incompat, tag);
            l.inconclusiveFor[k] = tag.id;
            l.contradictedFor[k] = tag.id;
            l.satisfiedFor[k] = tag.id;
            l.level[k] = incompat.id;
            l.serial[k] = incompat.id + 7;
            added.push(incompat);
            live.push(incompat);
          } else if (o.kind === 'supersede' && added.length > 0) {
            added[o.which % added.length]!.superseded = true;
          } else if (o.kind === 'drop' && list !== undefined) {
            list.dropSuperseded();
            for (let i = live.length - 1; i >= 0; i--) if (live[i]!.superseded) live.splice(i, 1);
            expect(list.incompats).toEqual(live);
          }
          const now = index.get('a');
          if (now !== undefined) {
            expectAligned(now, tags);
            // Pushing may drop superseded entries early; what is not superseded stays, in order.
            expect(now.incompats.filter((i) => !i.superseded)).toEqual(live.filter((i) => !i.superseded));
          }
        }
      }),
      { seed: 14, numRuns: 200 },
    );
  });

  it('does not keep superseded entries piling up when nothing scans them (a walk down unusable releases)', () => {
    // Each release's run incompatibility supersedes the last, as PackageListing.recordUnavailable does;
    // the scan skips them all by its contradiction cache, so only pushing can drop them.
    const index = new IncompatIndex<number>();
    let last: Incompatibility<number> | undefined;
    for (let n = 0; n < 1_000; n++) {
      if (last !== undefined) last.superseded = true;
      last = Incompatibility.unavailable('a', ints.higherThan(1_000 - n), 'no wheel');
      index.add(last);
      expect(index.get('a')!.length).toBeLessThanOrEqual(17);
    }
    expect(index.get('a')!.incompats.at(-1)).toBe(last);
    expect(index.get('a')!.incompats.filter((i) => !i.superseded)).toEqual([last]);
  });

  it('lists an incompatibility under each of its packages with that package’s term', () => {
    const index = new IncompatIndex<number>();
    const dep = Incompatibility.dependency('x', ints.any(), 'y', ints.between(1, 3));
    index.add(dep);
    expect(index.get('x')!.terms[0]).toBe(dep.term('x'));
    expect(index.get('y')!.terms[0]).toBe(dep.term('y'));
    expect(index.get('z')).toBeUndefined();
  });
});
