/**
 * The directory lock (src/util/dir-lock.ts): the lock appears with its owner record already in it
 * (no empty lock a waiter could read), no draft file is left behind, and a waiter names the owner.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDirLock, LockTimeoutError } from '../../src/util/dir-lock.js';
import { plantFifo, settles } from '../helpers/fifo.js';

describe('acquireDirLock', () => {
  it('creates the lock with its owner record and leaves no draft file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-lock-'));
    try {
      const path = join(dir, '.wheelhouse.lock');
      const release = await acquireDirLock(path);
      const owner = JSON.parse(await readFile(path, 'utf8')) as { pid: number; host: string };
      expect(owner).toMatchObject({ pid: process.pid, host: hostname() });
      expect(await readdir(dir)).toEqual(['.wheelhouse.lock']);
      await release();
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a second acquirer waits, naming the holder, and gets the lock once it is released', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-lock-'));
    try {
      const path = join(dir, 'cache.lock');
      const release = await acquireDirLock(path);
      const messages: string[] = [];
      const second = acquireDirLock(path, { pollMs: 10, onWait: (m) => messages.push(m) });
      await new Promise((r) => setTimeout(r, 60));
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(`another wheelhouse run (pid ${process.pid} on ${hostname()}`);
      await release();
      const releaseSecond = await second;
      expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid });
      await releaseSecond();
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// A lock file sits in a shared or restored directory (a cache directory; a wheelhouse the Actions
// cache restored with tar): a FIFO under its name hung every run that waited for the lock, and one
// put in place of a held lock hung the release.
describe('a lock path that is not a lock file', () => {
  it('a FIFO where the lock goes: an error naming it, never a blocked read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-lock-'));
    try {
      const path = plantFifo(join(dir, 'lock'));
      const got = await settles(acquireDirLock(path, { timeoutMs: 60_000 }).then(String, (e: Error) => e));
      expect(got).toBeInstanceOf(LockTimeoutError);
      expect((got as Error).message).toMatch(/is not a lock file wheelhouse wrote \(not a regular file\)/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('a held lock replaced by a FIFO: the release settles and leaves it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-lock-'));
    try {
      const path = join(dir, '.wheelhouse.lock');
      const release = await acquireDirLock(path);
      await rm(path);
      plantFifo(path);
      expect(await settles(release())).toBeUndefined();
      expect(await readdir(dir)).toEqual(['.wheelhouse.lock']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
