import { describe, expect, it } from '@jest/globals';
import { isTargetPythonVersion, targetEnvironment } from '../../src/provider/target.js';

describe('isTargetPythonVersion', () => {
  it.each(['3.12', '3.12.4', '3.7', '3.13.0'])('accepts %j', (v) => {
    expect(isTargetPythonVersion(v)).toBe(true);
    expect(() => targetEnvironment({ pythonVersion: v, os: 'linux', arch: 'x86_64' })).not.toThrow();
  });

  it.each(['3', '312', '2.7', '3.12.x', ' 3.12', '3.12.4.1', ''])('refuses %j', (v) => {
    expect(isTargetPythonVersion(v)).toBe(false);
  });
});

describe('explicit platforms (pip 26 --platform expansion)', () => {
  it('accepts macOS 11 wheels and universal2 wheels for an explicit macosx_14_0_arm64', () => {
    const t = targetEnvironment({
      pythonVersion: '3.12',
      os: 'macos',
      arch: 'arm64',
      platforms: ['macosx_14_0_arm64'],
    });
    for (const tag of [
      'cp312-cp312-macosx_11_0_arm64',
      'cp312-cp312-macosx_10_9_universal2',
      'cp312-abi3-macosx_14_0_arm64',
      'py3-none-macosx_12_0_universal2',
    ]) {
      expect(t.tagPriority.has(tag)).toBe(true);
    }
    expect(t.tagPriority.has('cp312-cp312-macosx_15_0_arm64')).toBe(false);
    expect(t.tagPriority.has('cp312-cp312-macosx_11_0_x86_64')).toBe(false);
    // The tag as written ranks first, as in pip.
    expect(t.tags[0]).toEqual({ interpreter: 'cp312', abi: 'cp312', platform: 'macosx_14_0_arm64' });
  });

  it('accepts manylinux1/2010 wheels for an explicit manylinux2014_x86_64, preferring 2014', () => {
    const t = targetEnvironment({
      pythonVersion: '3.11',
      os: 'linux',
      arch: 'x86_64',
      platforms: ['manylinux2014_x86_64'],
    });
    const rank = (p: string): number | undefined => t.tagPriority.get(`cp311-cp311-${p}`);
    expect(rank('manylinux2014_x86_64')).toBe(0);
    expect(rank('manylinux2010_x86_64')! > rank('manylinux2014_x86_64')!).toBe(true);
    expect(rank('manylinux1_x86_64')! > rank('manylinux2010_x86_64')!).toBe(true);
    expect(rank('manylinux_2_12_x86_64')).toBeDefined();
    expect(rank('manylinux_2_28_x86_64')).toBeUndefined();
  });
});
