import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renameWithRetry } from '../../src/util/rename-retry.js';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: operation failed`), { code });
}

/**
 * A file system that refuses renames the way Windows does: EPERM while `to` is read-only (until
 * chmod clears it), and `busy` more times EBUSY/EPERM as if a scanner held the file open.
 */
function windowsLikeFs(o: { readOnly?: boolean; busy?: number; busyCode?: string; chmodFails?: boolean }) {
  const calls: string[] = [];
  let readOnly = o.readOnly ?? false;
  let busy = o.busy ?? 0;
  return {
    calls,
    fs: {
      rename: async (from: string, to: string) => {
        calls.push(`rename ${from} ${to}`);
        if (readOnly) throw errno('EPERM');
        if (busy > 0) {
          busy--;
          throw errno(o.busyCode ?? 'EBUSY');
        }
      },
      chmod: async (path: string, mode: number) => {
        calls.push(`chmod ${path} ${mode.toString(8)}`);
        if (o.chmodFails) throw errno('ENOENT');
        readOnly = false;
      },
    },
  };
}

describe('renameWithRetry', () => {
  it('on Windows clears a read-only destination and retries at once', async () => {
    const { fs, calls } = windowsLikeFs({ readOnly: true });
    const slept: number[] = [];
    await renameWithRetry('a.tmp', 'a.whl', {
      platform: 'win32',
      fs,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(calls).toEqual(['rename a.tmp a.whl', 'chmod a.whl 666', 'rename a.tmp a.whl']);
    expect(slept).toEqual([]);
  });

  it('on Windows backs off while the file is busy, then succeeds', async () => {
    const { fs, calls } = windowsLikeFs({ busy: 3 });
    const slept: number[] = [];
    await renameWithRetry('a.tmp', 'a.whl', {
      platform: 'win32',
      fs,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(calls.filter((c) => c.startsWith('rename'))).toHaveLength(4);
    expect(slept).toEqual([50, 100, 200]);
  });

  it('on Windows an EPERM that chmod cannot help (no destination yet) is waited out', async () => {
    const { fs, calls } = windowsLikeFs({ busy: 2, busyCode: 'EPERM', chmodFails: true });
    const slept: number[] = [];
    await renameWithRetry('a.tmp', 'a.whl', {
      platform: 'win32',
      fs,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(calls).toEqual([
      'rename a.tmp a.whl',
      'chmod a.whl 666',
      'rename a.tmp a.whl',
      'rename a.tmp a.whl',
    ]);
    expect(slept).toEqual([50, 100]);
  });

  it('gives up with the last error after the delays run out', async () => {
    const { fs } = windowsLikeFs({ busy: 10 });
    const slept: number[] = [];
    await expect(
      renameWithRetry('a.tmp', 'a.whl', {
        platform: 'win32',
        fs,
        delaysMs: [1, 2],
        sleep: async (ms) => void slept.push(ms),
      }),
    ).rejects.toMatchObject({ code: 'EBUSY' });
    expect(slept).toEqual([1, 2]);
  });

  it('does not retry when shouldRetry says no, nor for clearReadOnly: false directories', async () => {
    const a = windowsLikeFs({ readOnly: true });
    await expect(
      renameWithRetry('tmp', 'entry', { platform: 'win32', fs: a.fs, shouldRetry: () => false }),
    ).rejects.toMatchObject({ code: 'EPERM' });
    expect(a.calls).toEqual(['rename tmp entry']);
    const b = windowsLikeFs({ busy: 1, busyCode: 'EPERM' });
    await renameWithRetry('tmp', 'entry', {
      platform: 'win32',
      fs: b.fs,
      clearReadOnly: false,
      sleep: async () => {},
    });
    expect(b.calls).toEqual(['rename tmp entry', 'rename tmp entry']);
  });

  it('never retries on POSIX, where these errors are real, nor other error codes on Windows', async () => {
    const a = windowsLikeFs({ busy: 1 });
    await expect(renameWithRetry('a', 'b', { platform: 'linux', fs: a.fs })).rejects.toMatchObject({
      code: 'EBUSY',
    });
    expect(a.calls).toHaveLength(1);
    const calls: string[] = [];
    const fs = {
      rename: async () => {
        calls.push('rename');
        throw errno('ENOENT');
      },
      chmod: async () => {},
    };
    await expect(renameWithRetry('a', 'b', { platform: 'win32', fs })).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(calls).toHaveLength(1);
  });

  it('renames over an existing file on the real file system', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rename-retry-'));
    try {
      await writeFile(join(dir, 'new'), 'new');
      await writeFile(join(dir, 'old'), 'old');
      await renameWithRetry(join(dir, 'new'), join(dir, 'old'));
      expect(await readFile(join(dir, 'old'), 'utf8')).toBe('new');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
