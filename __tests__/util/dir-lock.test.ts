/**
 * The directory lock (src/util/dir-lock.ts): the lock appears with its owner record already in it
 * (no empty lock a waiter could read), no draft file is left behind, and a waiter names the owner.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDirLock } from '../../src/util/dir-lock.js';

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
