/** Which command lines start the interpreter probe before the CLI is loaded (src/cli/early-probe.ts). */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { earlyInterpreterProbe, earlyPythonProbe } from '../../src/cli/early-probe.js';
import type { LocatedInterpreter } from '../../src/flow/install-interpreter.js';
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
      ['install', '-r', 'r.txt'],
      ['resolve', '--bogus'],
    ]) {
      expect(probeFor(argv)).toEqual({ started: 0, result: undefined });
    }
  });
});

describe('earlyPythonProbe and the probe cache', () => {
  (process.platform === 'win32' ? it.skip : it)(
    'keeps the answer in <cache dir>/probes, and nothing with --no-cache',
    async () => {
      const work = mkdtempSync(join(tmpdir(), 'wh-early-probe-'));
      try {
        const info = await earlyPythonProbe(
          ['fetch', '-r', 'r.txt', '--dest', 'd', '--cache-dir', 'c'],
          undefined,
          process.env,
          work,
        );
        expect(info?.command).toBe('python3');
        expect(readdirSync(join(work, 'c', 'probes')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
        const again = await earlyPythonProbe(
          ['fetch', '-r', 'r.txt', '--dest', 'd', '--cache-dir', 'c'],
          undefined,
          process.env,
          work,
        );
        expect(again).toEqual(info);
        await earlyPythonProbe(
          ['fetch', '-r', 'r.txt', '--dest', 'd', '--cache-dir', 'n', '--no-cache'],
          undefined,
          process.env,
          work,
        );
        expect(existsSync(join(work, 'n'))).toBe(false);
        // resolve has no cache options: the user's cache directory (XDG_CACHE_HOME here).
        const xdg = { ...process.env, XDG_CACHE_HOME: join(work, 'xdg') };
        await earlyPythonProbe(['resolve', '-r', 'r.txt'], undefined, xdg, work);
        expect(readdirSync(join(work, 'xdg', 'wheelhouse', 'probes'))).toHaveLength(1);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  );
});

describe('earlyInterpreterProbe', () => {
  const located = { source: 'option' } as unknown as LocatedInterpreter;

  it('locates the interpreter of install only, --python made absolute against the working directory', async () => {
    const asked: (string | undefined)[] = [];
    const locate = (python: string | undefined): Promise<LocatedInterpreter> => {
      asked.push(python);
      return Promise.resolve(located);
    };
    const cwd = process.platform === 'win32' ? 'C:\\work' : '/work';
    const p = earlyInterpreterProbe(
      ['install', '-r', 'r.txt', '--python', 'venv/bin/python'],
      {},
      cwd,
      locate,
    );
    await expect(p).resolves.toBe(located);
    expect(
      earlyInterpreterProbe(['install', '-r', 'r.txt', '--python', 'python3.12'], {}, cwd, locate),
    ).toBeDefined();
    expect(earlyInterpreterProbe(['install', '-r', 'r.txt'], {}, cwd, locate)).toBeDefined();
    expect(asked[0]).toMatch(/[\\/]work[\\/]venv[\\/]bin[\\/]python$/);
    expect(asked.slice(1)).toEqual(['python3.12', undefined]);
    for (const argv of [
      ['fetch', '-r', 'r', '-d', 'w'],
      ['resolve', '-r', 'r'],
      ['install'],
      ['install', '--help'],
    ]) {
      expect(earlyInterpreterProbe(argv, {}, cwd, locate)).toBeUndefined();
    }
    expect(asked).toHaveLength(3);
  });

  it('a failing probe is not an unhandled rejection before the CLI awaits it', async () => {
    const p = earlyInterpreterProbe(['install', '-r', 'r.txt'], {}, '/', () =>
      Promise.reject(new Error('no python')),
    );
    await new Promise((r) => setTimeout(r, 10));
    await expect(p).rejects.toThrow('no python');
  });
});
