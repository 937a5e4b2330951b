import { describe, expect, it } from '@jest/globals';
import {
  detectTarget,
  findPython,
  macosFromDarwin,
  parsePythonProbe,
  runnerPlatform,
  TargetDetectionError,
} from '../../src/flow/target-detect.js';

describe('runnerPlatform', () => {
  it('reads glibc from the process report on Linux', () => {
    expect(runnerPlatform({ platform: 'linux', arch: 'x64', glibcVersionRuntime: '2.35' })).toEqual({
      os: 'linux',
      arch: 'x86_64',
      glibc: [2, 35],
    });
    expect(runnerPlatform({ platform: 'linux', arch: 'arm64', glibcVersionRuntime: '2.39' })).toEqual({
      os: 'linux',
      arch: 'aarch64',
      glibc: [2, 39],
    });
  });

  it('detects musl when there is no glibc and a musl loader exists; else assumes the manylinux2014 floor', () => {
    expect(runnerPlatform({ platform: 'linux', arch: 'x64', hasMusl: () => true })).toEqual({
      os: 'linux',
      arch: 'x86_64',
      musl: [1, 2],
    });
    expect(runnerPlatform({ platform: 'linux', arch: 'x64', hasMusl: () => false })).toEqual({
      os: 'linux',
      arch: 'x86_64',
      glibc: [2, 17],
    });
  });

  it('macOS from the Darwin release, Windows by arch; other OSes need explicit tags', () => {
    expect(runnerPlatform({ platform: 'darwin', arch: 'arm64', osRelease: '23.4.0' })).toEqual({
      os: 'macos',
      arch: 'arm64',
      macos: [14, 0],
    });
    expect(runnerPlatform({ platform: 'win32', arch: 'x64' })).toEqual({ os: 'windows', arch: 'x86_64' });
    expect(() => runnerPlatform({ platform: 'freebsd', arch: 'x64' })).toThrow('pass --platform');
  });

  it.each([
    ['19.6.0', [10, 15]],
    ['20.1.0', [11, 0]],
    ['23.4.0', [14, 0]],
    ['24.0.0', [15, 0]],
    // macOS 26 (Tahoe) runs Darwin 25: Apple skipped macOS 16-25 for year numbers.
    ['25.0.0', [26, 0]],
    ['26.1.0', [27, 0]],
    ['x', undefined],
  ])('macosFromDarwin(%s)', (release, expected) => {
    expect(macosFromDarwin(release)).toEqual(expected);
  });
});

describe('python probe', () => {
  it('parses the probe output', () => {
    expect(parsePythonProbe('3.12.4 cpython\n', 'python3')).toEqual({
      version: '3.12.4',
      implementation: 'cp',
      command: 'python3',
    });
    expect(parsePythonProbe('3.10.14 pypy', 'python')?.implementation).toBe('pp');
    expect(parsePythonProbe('Python 3.12.4', 'python')).toBeUndefined();
    expect(parsePythonProbe('3.12.4 ironpython', 'python')).toBeUndefined();
  });

  it('tries python3 then python (python first on Windows), once each', async () => {
    const calls: string[] = [];
    const run = async (cmd: string) => {
      calls.push(cmd);
      return cmd === 'python' ? '3.11.9 cpython\n' : undefined;
    };
    expect((await findPython(run, 'linux'))?.command).toBe('python');
    expect(calls).toEqual(['python3', 'python']);
    calls.length = 0;
    await findPython(run, 'win32');
    expect(calls).toEqual(['python']);
  });

  it('on Windows falls back to python3, then the py launcher', async () => {
    const calls: string[] = [];
    // `python3` as the Microsoft Store alias: it runs but fails, so it answers nothing.
    const run = async (cmd: string) => {
      calls.push(cmd);
      return cmd === 'py' ? '3.12.7 cpython\r\n' : undefined;
    };
    expect(await findPython(run, 'win32')).toEqual({
      version: '3.12.7',
      implementation: 'cp',
      command: 'py',
    });
    expect(calls).toEqual(['python', 'python3', 'py']);
    calls.length = 0;
    expect(await findPython(run, 'darwin')).toBeUndefined();
    expect(calls).toEqual(['python3', 'python']);
  });
});

describe('detectTarget', () => {
  const runner = () => ({ os: 'linux' as const, arch: 'x86_64', glibc: [2, 31] as [number, number] });

  it('takes the Python from PATH and the platform from the runner', async () => {
    const t = await detectTarget({
      explicit: {},
      findPython: async () => ({ version: '3.11.9', implementation: 'cp', command: 'python3' }),
      runner,
    });
    expect(t.options).toEqual({
      pythonVersion: '3.11.9',
      implementation: 'cp',
      os: 'linux',
      arch: 'x86_64',
      glibc: [2, 31],
    });
    expect(t.source).toEqual({ python: 'path', platform: 'runner' });
    expect(t.cacheKeyTarget).toEqual({
      os: 'linux',
      arch: 'x86_64',
      implementation: 'cp',
      pythonVersion: '3.11.9',
    });
  });

  it('explicit values win; the first platform tag gives os and arch; musllinux keys apart from linux', async () => {
    let asked = 0;
    const t = await detectTarget({
      explicit: {
        pythonVersion: '3.12',
        implementation: 'cp',
        platforms: ['musllinux_1_2_aarch64'],
        abis: ['abi3'],
      },
      findPython: async () => {
        asked++;
        return undefined;
      },
      runner: () => {
        throw new Error('runner must not be asked');
      },
    });
    expect(asked).toBe(0);
    expect(t.options).toEqual({
      pythonVersion: '3.12',
      implementation: 'cp',
      os: 'linux',
      arch: 'aarch64',
      platforms: ['musllinux_1_2_aarch64'],
      abis: ['abi3'],
    });
    expect(t.cacheKeyTarget.os).toBe('musllinux');
  });

  it('fails clearly without any Python, or with a bad version or platform', async () => {
    await expect(detectTarget({ explicit: {}, findPython: async () => undefined, runner })).rejects.toThrow(
      TargetDetectionError,
    );
    await expect(detectTarget({ explicit: { pythonVersion: '3' }, runner })).rejects.toThrow(
      'python version "3" is not of the form 3.X or 3.X.Y',
    );
    await expect(
      detectTarget({
        explicit: { pythonVersion: '3.12', implementation: 'cp', platforms: ['solaris_x'] },
        runner,
      }),
    ).rejects.toThrow('platform tag "solaris_x"');
  });
});
