import { describe, expect, it } from '@jest/globals';
import { isDangerousWheelhouse } from '../../src/flow/wheelhouse-guard.js';

describe('isDangerousWheelhouse', () => {
  const winEnv = { GITHUB_WORKSPACE: 'D:\\a\\proj\\proj', USERPROFILE: 'C:\\Users\\runneradmin' };
  const win = { cwd: 'D:\\a\\proj\\proj', env: winEnv, platform: 'win32' as const };

  it('on Windows refuses the workspace, home and drive roots whatever the case or separators', () => {
    for (const dir of [
      'D:\\a\\proj\\proj',
      'd:\\A\\PROJ\\proj\\',
      'D:/a/proj/proj',
      '.',
      'c:\\users\\RUNNERADMIN',
      'C:\\',
      'd:/',
      '..\\..\\..',
      '\\\\server\\share\\',
    ]) {
      expect([dir, isDangerousWheelhouse(dir, win)]).toEqual([dir, true]);
    }
  });

  it('on Windows accepts a directory of its own', () => {
    expect(isDangerousWheelhouse('D:\\a\\_temp\\wheelhouse', win)).toBe(false);
    expect(isDangerousWheelhouse('wheelhouse', win)).toBe(false);
  });

  it('macOS folds case too (APFS is case-insensitive by default); Linux does not', () => {
    const env = { HOME: '/Users/runner', GITHUB_WORKSPACE: '/Users/runner/work/p/p' };
    expect(isDangerousWheelhouse('/users/RUNNER', { cwd: '/tmp/x', env, platform: 'darwin' })).toBe(true);
    expect(isDangerousWheelhouse('/Users/runner/Work/p/p/', { cwd: '/tmp/x', env, platform: 'darwin' })).toBe(
      true,
    );
    const linuxEnv = { HOME: '/home/runner', GITHUB_WORKSPACE: '/home/runner/work/p/p' };
    const linux = { cwd: '/tmp/x', env: linuxEnv, platform: 'linux' as const };
    expect(isDangerousWheelhouse('/home/runner/work/p/p/', linux)).toBe(true);
    expect(isDangerousWheelhouse('/', linux)).toBe(true);
    expect(isDangerousWheelhouse('/tmp/x', linux)).toBe(true);
    expect(isDangerousWheelhouse('/home/Runner', linux)).toBe(false);
    expect(isDangerousWheelhouse('/tmp/x/wheelhouse', linux)).toBe(false);
  });

  it('refuses a directory that contains the workspace, working or home directory (review 14c F11)', () => {
    const env = { HOME: '/home/runner', GITHUB_WORKSPACE: '/home/runner/_work/p/p' };
    const linux = { cwd: '/srv/job/sub', env, platform: 'linux' as const };
    for (const dir of ['/home/runner/_work/p', '/home/runner/_work', '/home', '/srv/job', '..']) {
      expect([dir, isDangerousWheelhouse(dir, linux)]).toEqual([dir, true]);
    }
    // beside or below them is fine, including a name that merely starts with `..`
    for (const dir of [
      '/home/runner/_work/p/p/wh',
      '/home/runner/_work/p2',
      '/srv/job/sub/..wh',
      '../other',
    ]) {
      expect([dir, isDangerousWheelhouse(dir, linux)]).toEqual([dir, false]);
    }
    expect(isDangerousWheelhouse('D:\\a\\proj', win)).toBe(true);
    expect(isDangerousWheelhouse('C:\\Users', win)).toBe(true);
    expect(isDangerousWheelhouse('E:\\a', win)).toBe(false);
  });
});
