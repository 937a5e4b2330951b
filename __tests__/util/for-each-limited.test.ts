import { describe, expect, it } from '@jest/globals';
import { forEachLimited, runLimited } from '../../src/util/for-each-limited.js';

const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));

describe('forEachLimited', () => {
  it('runs every job, never more than the limit at once, started in order', async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const failures = await forEachLimited([...Array(20).keys()], 3, async (item, index) => {
      expect(index).toBe(item);
      started.push(item);
      running++;
      peak = Math.max(peak, running);
      await tick(item % 4);
      running--;
    });
    expect(failures).toEqual([]);
    expect(started).toEqual([...Array(20).keys()]);
    expect(peak).toBe(3);
  });

  it('starts nothing after the first failure, lets the running jobs finish, answers the failures', async () => {
    const finished: number[] = [];
    const failures = await forEachLimited([0, 1, 2, 3, 4, 5, 6, 7], 2, async (item) => {
      if (item === 2) throw new Error('two');
      await tick(5);
      finished.push(item);
    });
    expect(failures.map((e) => (e as Error).message)).toEqual(['two']);
    // 0 and 1 run together; the worker done with 0 takes 2, which fails at once; the worker done
    // with 1 then sees the failure and starts nothing more.
    expect(finished.sort()).toEqual([0, 1]);
  });

  it('an empty list and a limit below 1 still work', async () => {
    expect(await forEachLimited([], 4, async () => {})).toEqual([]);
    const seen: number[] = [];
    await forEachLimited([1, 2], 0, async (n) => {
      seen.push(n);
    });
    expect(seen).toEqual([1, 2]);
  });
});

describe('runLimited', () => {
  it('rejects with the first failure after the running jobs are done', async () => {
    let slowDone = false;
    await expect(
      runLimited([0, 1], 2, async (n) => {
        if (n === 1) throw new Error('first');
        await tick(20);
        slowDone = true;
      }),
    ).rejects.toThrow('first');
    expect(slowDone).toBe(true);
  });
});
