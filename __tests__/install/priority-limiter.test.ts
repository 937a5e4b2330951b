/**
 * priority-limiter.ts: at most `max` tasks at once; waiting work starts highest priority first,
 * ties in arrival order; a failing task frees its slot too. Every task is released explicitly by
 * the test, so the order checked is the limiter's, not a timer's.
 */
import { describe, expect, it } from '@jest/globals';
import { limiter, priorityLimiter } from '../../src/install/priority-limiter.js';

/** A task the test finishes by hand. */
function gate(): { promise: Promise<void>; open: () => void; fail: () => void } {
  let open!: () => void;
  let fail!: () => void;
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = () => reject(new Error('task failed'));
  });
  return { promise, open, fail };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('priorityLimiter', () => {
  it('runs at most max tasks and starts the waiting ones largest first, ties in arrival order', async () => {
    const limit = priorityLimiter(2);
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const gates = new Map<string, ReturnType<typeof gate>>();
    const task = (name: string, priority: number): Promise<string> => {
      const g = gate();
      gates.set(name, g);
      const run = limit(priority, async () => {
        started.push(name);
        running++;
        most = Math.max(most, running);
        try {
          await g.promise;
        } finally {
          running--;
        }
      });
      return run.then(
        () => 'fulfilled',
        () => 'rejected',
      );
    };
    const all = [
      task('a', 1),
      task('b', 1),
      task('small', 5),
      task('big', 50),
      task('mid', 20),
      task('tie', 20),
    ];
    await settle();
    expect(started).toEqual(['a', 'b']);
    gates.get('a')?.open();
    await settle();
    expect(started).toEqual(['a', 'b', 'big']);
    gates.get('b')?.fail(); // a failure frees its slot as well
    await settle();
    expect(started).toEqual(['a', 'b', 'big', 'mid']);
    // A newcomer with a higher priority overtakes the waiting ones.
    all.push(task('late', 100));
    gates.get('big')?.open();
    await settle();
    expect(started).toEqual(['a', 'b', 'big', 'mid', 'late']);
    for (const name of ['mid', 'late']) gates.get(name)?.open();
    await settle();
    expect(started).toEqual(['a', 'b', 'big', 'mid', 'late', 'tie', 'small']);
    for (const name of ['tie', 'small']) gates.get(name)?.open();
    expect(await Promise.all(all)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(most).toBe(2);
  });

  it('outside() gives the slot away while it waits, then takes one again before the waiting work of lower priority', async () => {
    const limit = priorityLimiter(1);
    const events: string[] = [];
    const placeAfter = gate();
    const other = gate();
    let inside = 0;
    let most = 0;
    const enter = (): void => {
      inside++;
      most = Math.max(most, inside);
    };
    const first = limit(1, async () => {
      enter();
      events.push('first staged');
      inside--;
      await limit.outside(Number.POSITIVE_INFINITY, placeAfter.promise);
      enter();
      events.push('first placed');
      inside--;
    });
    const second = limit(5, async () => {
      enter();
      events.push('second');
      await other.promise;
      inside--;
    });
    const third = limit(3, async () => {
      enter();
      events.push('third');
      inside--;
    });
    await settle();
    // first waits outside: its slot went to the waiting work (second, the higher priority).
    expect(events).toEqual(['first staged', 'second']);
    placeAfter.open();
    await settle();
    expect(events).toEqual(['first staged', 'second']); // no slot free yet: second still runs
    other.open();
    await settle();
    // The slot second frees goes to first (Infinity) before third.
    expect(events).toEqual(['first staged', 'second', 'first placed', 'third']);
    await Promise.all([first, second, third]);
    expect(most).toBe(1);
  });

  it('outside() answers a rejection after taking a slot again, and the slot is freed after it', async () => {
    const limit = priorityLimiter(1);
    const failing = gate();
    const run = limit(0, () => limit.outside(0, failing.promise));
    const next = limit(0, () => Promise.resolve('ran'));
    failing.fail();
    await expect(run).rejects.toThrow('task failed');
    await expect(next).resolves.toBe('ran');
  });

  it('limiter is first come, first served', async () => {
    const limit = limiter(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => limit(async () => void order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });
});

describe('priorityLimiter with many waiters', () => {
  it('starts 500 waiting tasks in priority order, ties in arrival order (the heap keeps the order a scan would)', async () => {
    const limit = priorityLimiter(1);
    const started: number[] = [];
    const first = gate();
    const firstRun = limit(0, () => first.promise);
    // A fixed pseudo-random sequence of priorities with many ties (0..9).
    let seed = 12345;
    const priorities = Array.from({ length: 500 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % 10;
    });
    const runs = priorities.map((p, i) =>
      limit(p, async () => {
        started.push(i);
      }),
    );
    await settle();
    expect(started).toEqual([]);
    first.open();
    await Promise.all([firstRun, ...runs]);
    const expected = priorities
      .map((p, i) => ({ p, i }))
      .sort((a, b) => b.p - a.p || a.i - b.i)
      .map((x) => x.i);
    expect(started).toEqual(expected);
  });
});
