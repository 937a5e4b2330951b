/**
 * The decision queue's shortcuts (issue 14) must not change what it hands out: `compact` (dropping
 * stale entries and rebuilding the heap) and pushing an entry object that is already queued (a no-op)
 * are checked against a plain model — "among the current entries pushed so far and not yet popped,
 * the smallest by (priority, count, order)" — over random sequences of pushes, re-pushes, staleness
 * changes, compactions and pops.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DecisionQueue, type QueueEntry } from '../../src/resolver/decision-queue.js';
import { ints } from '../helpers/int-range-specs.js';
import { Term } from '../../src/resolver/term.js';

type Op =
  | { kind: 'push'; pkg: number; priority: number; count: number }
  | { kind: 'repush'; which: number }
  | { kind: 'stale'; pkg: number }
  | { kind: 'compact' }
  | { kind: 'pop' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'pop' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'compact' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('repush' as const), which: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('stale' as const), pkg: fc.integer({ min: 0, max: 30 }) }),
    weight: 3,
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      pkg: fc.integer({ min: 0, max: 30 }),
      priority: fc.integer({ min: -1, max: 1 }),
      count: fc.integer({ min: 0, max: 4 }),
    }),
  },
);

function key(e: QueueEntry<number>): [number, number, number] {
  return [e.priority, e.count, e.order];
}

describe('DecisionQueue', () => {
  it('compaction and repeated pushes never change what popCurrent returns', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new DecisionQueue<number>();
        // The current term of each package (an entry is current while its term is); a new term
        // object makes every older entry of the package stale, as a new accumulated term does.
        const current = new Map<string, Term<number>>();
        const termOf = (pkg: string): Term<number> => {
          let t = current.get(pkg);
          if (t === undefined) {
            t = new Term(pkg, ints.any(), true);
            current.set(pkg, t);
          }
          return t;
        };
        const isCurrent = (e: QueueEntry<number>): boolean => current.get(e.pkg) === e.term;
        const made: QueueEntry<number>[] = [];
        const model: QueueEntry<number>[] = []; // every push, duplicates included
        for (const o of ops) {
          if (o.kind === 'push' || (o.kind === 'repush' && made.length > 0)) {
            let e: QueueEntry<number>;
            if (o.kind === 'push') {
              const pkg = `p${o.pkg}`;
              e = {
                pkg,
                term: termOf(pkg),
                priority: o.priority,
                count: o.count,
                order: o.pkg,
                inHeap: false,
              };
              made.push(e);
            } else {
              e = made[o.which % made.length]!;
            }
            queue.push(e);
            model.push(e);
          } else if (o.kind === 'stale') {
            current.set(`p${o.pkg}`, new Term(`p${o.pkg}`, ints.any(), true));
          } else if (o.kind === 'compact') {
            queue.compact(isCurrent);
          } else if (o.kind === 'pop') {
            const got = queue.popCurrent(isCurrent);
            // Model: drop stale entries, then take the smallest current one.
            for (let i = model.length - 1; i >= 0; i--) if (!isCurrent(model[i]!)) model.splice(i, 1);
            let best = -1;
            for (let i = 0; i < model.length; i++) {
              const [a, b] = [key(model[i]!), best < 0 ? undefined : key(model[best]!)];
              if (
                b === undefined ||
                a[0] < b[0] ||
                (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))
              )
                best = i;
            }
            if (best < 0) {
              expect(got).toBeUndefined();
              continue;
            }
            const want = model[best]!;
            expect(got).toBeDefined();
            // Same package, term and score (a duplicate of the same entry is indistinguishable).
            expect(key(got!)).toEqual(key(want));
            expect(got!.term).toBe(want.term);
            // The popped entry leaves the queue: every copy of it in the model (the queue keeps one).
            for (let i = model.length - 1; i >= 0; i--) if (model[i] === got) model.splice(i, 1);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('DecisionQueue.compact', () => {
  it('leaves a heap: after compacting, the current entries come out in order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ priority: fc.integer({ min: 0, max: 3 }), count: fc.nat(50), stale: fc.boolean() }),
          {
            minLength: 1,
            maxLength: 200,
          },
        ),
        (specs) => {
          const queue = new DecisionQueue<number>();
          const entries = specs.map((s, i) => ({
            pkg: `p${i}`,
            term: new Term(`p${i}`, ints.any(), true),
            priority: s.priority,
            count: s.count,
            order: i,
            inHeap: false,
            stale: s.stale,
          }));
          for (const e of entries) queue.push(e);
          const isCurrent = (e: QueueEntry<number>): boolean => !specs[e.order]!.stale;
          queue.compact(isCurrent);
          expect(queue.size).toBe(entries.filter((e) => !e.stale).length);
          const out: QueueEntry<number>[] = [];
          for (let e = queue.popCurrent(isCurrent); e !== undefined; e = queue.popCurrent(isCurrent))
            out.push(e);
          const want = entries
            .filter((e) => !e.stale)
            .sort((a, b) => a.priority - b.priority || a.count - b.count || a.order - b.order);
          expect(out.map((e) => e.order)).toEqual(want.map((e) => e.order));
        },
      ),
      { numRuns: 300 },
    );
  });
});
