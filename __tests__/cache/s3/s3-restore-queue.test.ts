/**
 * The S3 restore's work list (src/cache/s3/s3-restore-queue.ts): list order, a job waited for is
 * taken next, a failure stops nothing else and is reported once all jobs ended. Jobs are held by
 * promises the test opens, so every order is fixed by the test, not by timing.
 */
import { describe, expect, it } from '@jest/globals';
import { RestoreQueue } from '../../../src/cache/s3/s3-restore-queue.js';
import { gate } from '../../helpers/gate.js';

interface Job {
  name: string;
}

describe('RestoreQueue', () => {
  it('one worker takes the jobs in list order, a hurried one next; hurry answers once that job ended', async () => {
    const jobs: Job[] = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    const started: string[] = [];
    const firstHeld = gate();
    const firstStarted = gate();
    const queue = new RestoreQueue(jobs, async (job) => {
      started.push(job.name);
      if (job.name === 'a') {
        firstStarted.open();
        await firstHeld.promise;
      }
    });
    const all = queue.runAll(1);
    await firstStarted.promise;
    let dEnded = false;
    const d = queue.hurry(jobs[3]!).then(() => (dEnded = true));
    // A job not in this queue, and the one already running: not moved.
    await queue.hurry({ name: 'elsewhere' });
    expect(dEnded).toBe(false);
    firstHeld.open();
    await d;
    expect(started.slice(0, 2)).toEqual(['a', 'd']);
    await all;
    expect(started).toEqual(['a', 'd', 'b', 'c']);
    // After its end, at once.
    await queue.hurry(jobs[1]!);
  });

  it('a failure stops no other job; runAll rejects with the first once every job ended', async () => {
    const jobs: Job[] = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name }));
    const ended: string[] = [];
    const queue = new RestoreQueue(jobs, async (job) => {
      await Promise.resolve();
      if (job.name === 'b') throw new Error('b failed');
      if (job.name === 'd') throw new Error('d failed');
      ended.push(job.name);
    });
    await expect(queue.runAll(2)).rejects.toThrow('b failed');
    expect(ended.sort()).toEqual(['a', 'c', 'e']);
    // A failed job counts as ended.
    await queue.hurry(jobs[1]!);
  });

  it('no jobs: runAll resolves, hurry answers at once', async () => {
    const queue = new RestoreQueue<Job>([], async () => {
      throw new Error('never called');
    });
    await queue.runAll(16);
    await queue.hurry({ name: 'x' });
  });
});
