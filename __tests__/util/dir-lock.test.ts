/**
 * The directory lock (src/util/dir-lock.ts): the lock appears with its owner record already in it
 * (no empty lock a waiter could read), no draft file is left behind, and a waiter names the owner.
 */
import { describe, expect, it } from '@jest/globals';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
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
  // No run's lock is ever anything but a regular file (link(2) of a regular draft): a FIFO, a link
  // or an empty directory under the lock's name is removed (the name only) with a warning and the
  // lock taken; failing instead would fail every run restoring that cache entry.
  it('a FIFO where the lock goes: removed with a warning, never a blocked read, the lock taken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-lock-'));
    try {
      const path = plantFifo(join(dir, 'lock'));
      const warnings: string[] = [];
      const got = await settles(
        acquireDirLock(path, { timeoutMs: 60_000, onWarn: (m) => warnings.push(m) }).then(
          (release) => release,
          (e: Error) => e,
        ),
      );
      expect(typeof got).toBe('function');
      expect(warnings).toEqual([expect.stringContaining(`${path} was not a lock file (a FIFO`)]);
      expect((await lstat(path)).isFile()).toBe(true);
      expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid });
      await (got as () => Promise<void>)();
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('a symbolic link (even to a lock-looking file) is unlinked, its target untouched', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-lock-'));
    try {
      const target = join(dir, 'target');
      const record = JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now() });
      await writeFile(target, record);
      const path = join(dir, 'lock');
      await symlink(target, path);
      const warnings: string[] = [];
      const release = await acquireDirLock(path, { timeoutMs: 2000, onWarn: (m) => warnings.push(m) });
      expect(warnings).toEqual([expect.stringContaining('a symbolic link')]);
      expect((await lstat(path)).isFile()).toBe(true);
      expect(await readFile(target, 'utf8')).toBe(record);
      await release();
      expect(await readdir(dir)).toEqual(['target']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an empty directory is removed; one with something in it is kept and named in the error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wh-lock-'));
    try {
      const path = join(dir, 'lock');
      await mkdir(path);
      const warnings: string[] = [];
      const release = await acquireDirLock(path, { timeoutMs: 2000, onWarn: (m) => warnings.push(m) });
      expect(warnings).toEqual([expect.stringContaining('a directory')]);
      await release();
      await mkdir(path);
      await writeFile(join(path, 'keep'), 'x');
      const got = await acquireDirLock(path, { timeoutMs: 2000 }).then(String, (e: Error) => e);
      expect(got).toBeInstanceOf(LockTimeoutError);
      expect((got as Error).message).toMatch(/is not a lock file wheelhouse wrote \(a directory/);
      expect(await readdir(path)).toEqual(['keep']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

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
