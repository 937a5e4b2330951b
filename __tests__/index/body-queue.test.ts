import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BodyQueue } from '../../src/index/body-queue.js';

const chunk = (n: number, seed: number) =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i + seed) & 0xff));

async function drain(q: BodyQueue): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (;;) {
    const c = await q.read();
    if (c === null) return Buffer.concat(parts);
    parts.push(c);
  }
}

describe('BodyQueue', () => {
  let dir: string;
  let calls: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'body-queue-'));
    calls = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const queue = (canPause: boolean, highWaterMark = 1000) =>
    new BodyQueue({
      canPause,
      highWaterMark,
      spillDir: dir,
      pause: () => calls.push('pause'),
      resume: () => calls.push('resume'),
    });

  it('never pauses a response that may be closed by the server: bytes past the mark go to a spill file, in order', async () => {
    const q = queue(false);
    const chunks = Array.from({ length: 20 }, (_, i) => chunk(300, i));
    for (const c of chunks) q.push(c);
    q.end();
    expect(calls).toEqual([]);
    // 3 chunks (900 bytes) fit under the 1000-byte mark; the other 17 were spilled.
    expect(q.spilled).toBe(17 * 300);
    expect(q.received).toBe(20 * 300);
    expect(await drain(q)).toEqual(Buffer.concat(chunks));
  });

  it('the spill file is unlinked at once (nothing left in the spill directory)', async () => {
    const q = queue(false, 10);
    q.push(chunk(100, 1));
    expect(q.spilled).toBe(100);
    expect(await readdir(dir)).toEqual([]);
    q.end();
    expect(await drain(q)).toEqual(chunk(100, 1));
  });

  it('goes back to memory once the reader has caught up with the spill file', async () => {
    const q = queue(false, 500);
    const a = chunk(400, 1);
    const b = chunk(400, 2);
    const c = chunk(400, 3);
    q.push(a);
    q.push(b); // over the mark: spilled
    expect(q.spilled).toBe(400);
    expect(await q.read()).toEqual(a);
    expect(await q.read()).toEqual(b); // from the spill file; caught up
    q.push(c);
    expect(q.spilled).toBe(400); // c stayed in memory
    q.end();
    expect(await drain(q)).toEqual(c);
  });

  it('a proven keep-alive response pauses the parser above the mark and resumes at half of it', async () => {
    const q = queue(true, 1000);
    q.push(chunk(600, 1));
    expect(calls).toEqual([]);
    q.push(chunk(600, 2));
    expect(calls).toEqual(['pause']);
    expect(q.spilled).toBe(0);
    await q.read(); // 600 left: still above half the mark
    expect(calls).toEqual(['pause']);
    await q.read(); // 0 left
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('hands out the bytes received before a failure, then throws it', async () => {
    const q = queue(false, 100);
    q.push(chunk(80, 1));
    q.push(chunk(80, 2)); // spilled
    q.fail(new Error('other side closed'));
    expect(await q.read()).toEqual(chunk(80, 1));
    expect(await q.read()).toEqual(chunk(80, 2));
    await expect(q.read()).rejects.toThrow('other side closed');
  });

  it('a reader waiting for bytes is woken by push, end and fail', async () => {
    const q = queue(false);
    const first = q.read();
    q.push(chunk(10, 1));
    expect(await first).toEqual(chunk(10, 1));
    const second = q.read();
    q.end();
    expect(await second).toBeNull();
    const r = queue(false);
    const pending = r.read();
    r.fail(new Error('reset'));
    await expect(pending).rejects.toThrow('reset');
  });

  it('discard drops buffered and later bytes, resumes a paused parser and ends the reader', async () => {
    const q = queue(true, 100);
    q.push(chunk(150, 1));
    expect(calls).toEqual(['pause']);
    q.discard();
    expect(calls).toEqual(['pause', 'resume']);
    q.push(chunk(50, 2));
    expect(q.received).toBe(200);
    expect(await q.read()).toBeNull();
    const s = queue(false, 10);
    s.push(chunk(100, 3));
    s.discard();
    expect(await s.read()).toBeNull();
  });
});
