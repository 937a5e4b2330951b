import { describe, expect, it } from '@jest/globals';
import { InvalidTargetError, markerEnvironmentFor } from '../../src/standards/environment.js';
import { InvalidTargetError as TagsInvalidTargetError } from '../../src/standards/tags.js';

describe('markerEnvironmentFor', () => {
  it('reports what CPython 3.12.4 on x86_64 Linux reports', () => {
    expect(markerEnvironmentFor({ pythonVersion: '3.12.4', os: 'linux', arch: 'x86_64' })).toEqual({
      implementation_name: 'cpython',
      implementation_version: '3.12.4',
      os_name: 'posix',
      platform_machine: 'x86_64',
      platform_python_implementation: 'CPython',
      platform_release: '',
      platform_system: 'Linux',
      platform_version: '',
      python_full_version: '3.12.4',
      python_version: '3.12',
      sys_platform: 'linux',
    });
  });

  it.each([
    ['linux', 'x86_64', 'x86_64'],
    ['linux', 'amd64', 'x86_64'],
    ['linux', 'AMD64', 'x86_64'],
    ['linux', 'aarch64', 'aarch64'],
    ['linux', 'arm64', 'aarch64'],
    ['linux', 'i686', 'i686'],
    ['linux', 'ppc64le', 'ppc64le'],
    ['linux', 's390x', 's390x'],
    ['linux', 'armv7l', 'armv7l'],
    ['macos', 'arm64', 'arm64'],
    ['macos', 'aarch64', 'arm64'],
    ['macos', 'x86_64', 'x86_64'],
    ['windows', 'AMD64', 'AMD64'],
    ['windows', 'x86_64', 'AMD64'],
    ['windows', 'x64', 'AMD64'],
    ['windows', 'arm64', 'ARM64'],
    ['windows', 'x86', 'x86'],
    ['windows', 'i686', 'x86'],
  ] as const)('%s/%s → platform_machine %s', (os, arch, machine) => {
    expect(markerEnvironmentFor({ pythonVersion: '3.11', os, arch }).platform_machine).toBe(machine);
  });

  it.each([
    ['linux', 'posix', 'linux', 'Linux'],
    ['macos', 'posix', 'darwin', 'Darwin'],
    ['windows', 'nt', 'win32', 'Windows'],
  ] as const)('%s → os_name %s, sys_platform %s, platform_system %s', (os, osName, sysPlatform, system) => {
    const env = markerEnvironmentFor({ pythonVersion: '3.12', os, arch: 'x86_64' });
    expect([env.os_name, env.sys_platform, env.platform_system]).toEqual([osName, sysPlatform, system]);
  });

  it('completes a two-part Python version with .0', () => {
    const env = markerEnvironmentFor({ pythonVersion: '3.13', os: 'macos', arch: 'arm64' });
    expect([env.python_version, env.python_full_version]).toEqual(['3.13', '3.13.0']);
  });

  it('describes PyPy', () => {
    const env = markerEnvironmentFor({
      pythonVersion: '3.10.14',
      os: 'linux',
      arch: 'x86_64',
      implementation: 'pypy',
      implementationVersion: '7.3.17',
    });
    expect([env.implementation_name, env.platform_python_implementation, env.implementation_version]).toEqual(
      ['pypy', 'PyPy', '7.3.17'],
    );
  });

  it('takes platform_release and platform_version when known', () => {
    const env = markerEnvironmentFor({
      pythonVersion: '3.12',
      os: 'windows',
      arch: 'AMD64',
      platformRelease: '10',
      platformVersion: '10.0.20348',
    });
    expect([env.platform_release, env.platform_version]).toEqual(['10', '10.0.20348']);
  });

  it.each(['3', '3.12.x', 'py3.12', ''])('rejects Python version %j', (pythonVersion) => {
    expect(() => markerEnvironmentFor({ pythonVersion, os: 'linux', arch: 'x86_64' })).toThrow(
      InvalidTargetError,
    );
    expect(() => markerEnvironmentFor({ pythonVersion, os: 'linux', arch: 'x86_64' })).toThrow(
      `invalid target ${JSON.stringify(pythonVersion)}: expected a Python version like 3.12 or 3.12.4`,
    );
  });

  it('throws the same error class as the tag computation', () => {
    expect(InvalidTargetError).toBe(TagsInvalidTargetError);
  });

  it('rejects an unknown OS', () => {
    expect(() =>
      markerEnvironmentFor({ pythonVersion: '3.12', os: 'beos' as 'linux', arch: 'x86_64' }),
    ).toThrow('invalid target "beos": expected linux, macos or windows');
  });
});
