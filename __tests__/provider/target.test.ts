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
