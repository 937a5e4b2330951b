/**
 * dist-lanes.ts: with `max` slots, all but one take the largest waiting wheel first and the last
 * takes the smallest; each wheel runs exactly once, in the lane that took it; never more than `max`
 * at once; one slot means largest first only. And ExtractPool.ahead(): its jobs go before the
 * ordinary ones waiting for the budget, within the same budget. Every task is finished by hand, so
 * the order checked is the scheduler's, not a timer's.
 */
import { describe, expect, it } from '@jest/globals';
import { distLanes } from '../../src/install/dist-lanes.js';
import { ExtractPool } from '../../src/install/extract-pool.js';

function gate(): { promise: Promise<void>; open: () => void; fail: () => void } {
  let open!: () => void;
  let fail!: () => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = () => reject(new Error('task failed'));
  });
  return { promise, open, fail };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
};

function harness(max: number) {
  const run = distLanes(max);
  const started: string[] = [];
  const gates = new Map<string, ReturnType<typeof gate>>();
  const runs = new Map<string, number>();
  let running = 0;
  let most = 0;
  const add = (name: string, size: number): Promise<string> => {
    const g = gate();
    gates.set(name, g);
    return run(size, async (lane) => {
      runs.set(name, (runs.get(name) ?? 0) + 1);
      started.push(`${name}${lane.smallFirst ? '<' : '>'}`);
      most = Math.max(most, ++running);
      try {
        await g.promise;
        return name;
      } finally {
        running--;
      }
    });
  };
  return { add, started, gates, runs, most: () => most };
}

describe('distLanes', () => {
  it('starts the smallest waiting wheel in one slot while the others take the largest', async () => {
    const h = harness(3);
    const sizes: [string, number][] = [
      ['a', 10],
      ['b', 500],
      ['c', 20],
      ['d', 400],
      ['e', 5],
      ['f', 300],
    ];
    const done = sizes.map(([n, s]) => h.add(n, s));
    // Queued all at once (as the resolver hands them over): a and b take the two largest-first
    // slots as they arrive; the smallest-first slot, after its offer of a is skipped, takes e.
    await settle();
    expect(h.started).toEqual(['a>', 'b>', 'e<']);
    h.gates.get('e')?.open(); // the smallest-first slot frees: the smallest waiting, c
    await settle();
    expect(h.started.at(-1)).toBe('c<');
    h.gates.get('a')?.open(); // a largest-first slot frees: the largest waiting, d
    await settle();
    expect(h.started.at(-1)).toBe('d>');
    h.gates.get('c')?.open(); // smallest-first: f, the only one left
    await settle();
    expect(h.started.at(-1)).toBe('f<');
    h.gates.get('b')?.open(); // largest-first: what waits there was taken by the other lane
    await settle();
    expect(h.started).toHaveLength(6);
    h.gates.get('d')?.open();
    h.gates.get('f')?.open();
    expect(await Promise.all(done)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect([...h.runs.values()].every((n) => n === 1)).toBe(true);
    expect(h.runs.size).toBe(6);
    expect(h.most()).toBe(3);
  });

  it('never runs more than max at once, each wheel once, and a failure is that wheel’s alone', async () => {
    const h = harness(4);
    const names = Array.from({ length: 20 }, (_, i) => `w${i}`);
    const done = names.map((n, i) => h.add(n, ((i * 7) % 20) * 100));
    const outcomes = Promise.allSettled(done);
    const finished = new Set<string>();
    for (let round = 0; round < 40 && finished.size < names.length; round++) {
      await settle();
      for (const name of h.runs.keys()) {
        if (finished.has(name)) continue;
        finished.add(name);
        if (name === 'w3') h.gates.get(name)?.fail();
        else h.gates.get(name)?.open();
      }
    }
    const results = await outcomes;
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(results[3]?.status).toBe('rejected');
    expect(h.runs.size).toBe(20);
    expect([...h.runs.values()].every((n) => n === 1)).toBe(true);
    expect(h.most()).toBeLessThanOrEqual(4);
    expect(h.most()).toBe(4);
  });

  it('with one slot: largest first only', async () => {
    const h = harness(1);
    const done = [h.add('a', 1), h.add('b', 3), h.add('c', 2)];
    await settle();
    h.gates.get('a')?.open();
    await settle();
    h.gates.get('b')?.open();
    await settle();
    h.gates.get('c')?.open();
    await Promise.all(done);
    expect(h.started).toEqual(['a>', 'b>', 'c>']);
  });
});

describe('ExtractPool.ahead', () => {
  it('lets its jobs go before the ordinary ones waiting, within the budget', async () => {
    const pool = new ExtractPool(1, 100);
    const order: string[] = [];
    const gates = new Map<string, ReturnType<typeof gate>>();
    const job = (name: string, bytes: number, ahead: boolean): Promise<void> => {
      const g = gate();
      gates.set(name, g);
      return pool.withBytes(
        bytes,
        async () => {
          order.push(name);
          await g.promise;
        },
        ahead,
      );
    };
    const all = [
      job('big1', 80, false), // runs
      job('big2', 90, false), // waits: 170 > 100
      job('big3', 30, false), // waits behind big2 (first come, first served)
      job('small', 20, true), // fits beside big1 (100), no ahead job waits: runs at once
      job('small2', 20, true), // 120 > 100: waits, but before big2 and big3
    ];
    await settle();
    expect(order).toEqual(['big1', 'small']);
    gates.get('small')?.open();
    await settle();
    expect(order).toEqual(['big1', 'small', 'small2']);
    gates.get('big1')?.open();
    await settle();
    expect(order).toEqual(['big1', 'small', 'small2']); // big2 (90) does not fit beside small2 (20)
    gates.get('small2')?.open();
    await settle();
    expect(order.at(-1)).toBe('big2');
    gates.get('big2')?.open();
    await settle();
    gates.get('big3')?.open();
    await Promise.all(all);
    expect(order).toEqual(['big1', 'small', 'small2', 'big2', 'big3']);
    expect(pool.peakInFlightBytes).toBeLessThanOrEqual(100);
    await pool.close();
  });
});
