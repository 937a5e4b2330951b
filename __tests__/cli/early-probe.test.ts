/** Which command lines start the interpreter probe before the CLI is loaded (src/cli/early-probe.ts). */
import { describe, expect, it } from '@jest/globals';
import { earlyPythonProbe } from '../../src/cli/early-probe.js';
import type { PythonInfo } from '../../src/flow/target-detect.js';

function probeFor(argv: string[]): { started: number; result: Promise<PythonInfo | undefined> | undefined } {
  let started = 0;
  const info: PythonInfo = { version: '3.11.7', implementation: 'cp', command: 'python3' };
  const result = earlyPythonProbe(argv, () => {
    started++;
    return Promise.resolve(info);
  });
  return { started, result };
}

describe('earlyPythonProbe', () => {
  it('starts the probe for resolve and fetch when the target Python is left to the interpreter', async () => {
    const resolve = probeFor(['resolve', '-r', 'requirements.txt']);
    expect(resolve.started).toBe(1);
    await expect(resolve.result).resolves.toEqual({
      version: '3.11.7',
      implementation: 'cp',
      command: 'python3',
    });
    expect(probeFor(['fetch', '-r', 'r.txt', '--dest', 'out', '--python-version', '3.12']).started).toBe(1);
    expect(probeFor(['resolve', '-r', 'r.txt', '--implementation', 'pp']).started).toBe(1);
  });

  it('starts nothing when the version and implementation are both given', () => {
    const p = probeFor(['resolve', '-r', 'r.txt', '--python-version', '3.12', '--implementation', 'cp']);
    expect(p).toEqual({ started: 0, result: undefined });
  });

  it('starts nothing for help, version and command lines the CLI will refuse', () => {
    for (const argv of [
      [],
      ['--help'],
      ['resolve', '--help'],
      ['--version'],
      ['install', 'x'],
      ['resolve', '--bogus'],
    ]) {
      expect(probeFor(argv)).toEqual({ started: 0, result: undefined });
    }
  });
});
