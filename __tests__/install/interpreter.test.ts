/**
 * The interpreter probe (issue 9 §2) against the machine's real python3 and a venv: its scheme
 * paths must be exactly the ones pip itself computes (pip._internal.locations.get_scheme, the
 * function pip's install command uses), with headers under `<include>/<dist name>`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InterpreterProbeError,
  parseProbeOutput,
  probeInterpreter,
  type Interpreter,
} from '../../src/install/interpreter.js';
import { checkInstallTarget, InstallTargetError } from '../../src/install/install-target.js';
import { makeVenv, pipEnv, venvPython } from './install-harness.js';

const PIP_SCHEME =
  'import json, sys; from pip._internal.locations import get_scheme; s = get_scheme("Some.Dist"); ' +
  'print(json.dumps(dict(purelib=s.purelib, platlib=s.platlib, scripts=s.scripts, data=s.data, headers=s.headers, exe=sys.executable, prefix=sys.prefix)))';

function pipScheme(python: string): Record<string, string> | undefined {
  const r = spawnSync(python, ['-c', PIP_SCHEME], { encoding: 'utf8', env: pipEnv() });
  return r.status === 0 ? (JSON.parse(r.stdout) as Record<string, string>) : undefined;
}

function asPip(i: Interpreter): Record<string, string> {
  const { purelib, platlib, scripts, data, include } = i.paths;
  return {
    purelib,
    platlib,
    scripts,
    data,
    headers: join(include, 'Some.Dist'),
    exe: i.executable,
    prefix: i.prefix,
  };
}

describe('probeInterpreter', () => {
  let work: string;
  let venv: string | undefined;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'wh-probe-'));
    venv = makeVenv(join(work, 'venv'));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('answers the scheme pip uses, inside a venv and for the base interpreter', async () => {
    if (venv === undefined) {
      console.warn('skipped: no python3 with the venv module on this machine');
      return;
    }
    const inVenv = await probeInterpreter(venvPython(venv), { env: pipEnv() });
    expect(inVenv.isVirtualEnv).toBe(true);
    expect(inVenv.externallyManaged).toBe(false);
    expect(inVenv.paths.include).toBe(
      join(venv, 'include', 'site', `python${inVenv.version.split('.').slice(0, 2).join('.')}`),
    );
    expect(asPip(inVenv)).toEqual(pipScheme(venvPython(venv)));
    expect(inVenv.version).toMatch(/^3\.\d+\.\d+$/);
    expect(inVenv.implementation).toBe('cp');
    expect(inVenv.sysPlatform).toBe(process.platform);

    const base = spawnSync(venvPython(venv), ['-c', 'import sys; print(sys._base_executable)'], {
      encoding: 'utf8',
    }).stdout.trim();
    const outside = await probeInterpreter(base, { env: pipEnv() });
    expect(outside.isVirtualEnv).toBe(false);
    const expected = pipScheme(base);
    if (expected !== undefined) expect(asPip(outside)).toEqual(expected);
  });

  it('names the command when it cannot run or answers nonsense', async () => {
    const missing = join(tmpdir(), 'no-such-python-here');
    await expect(probeInterpreter(missing)).rejects.toThrow(InterpreterProbeError);
    await expect(probeInterpreter(missing)).rejects.toThrow(
      `cannot probe the Python interpreter ${JSON.stringify(missing)}: no such file or command`,
    );
    await expect(probeInterpreter('py', { run: async () => 'Python 2.7.18\n' })).rejects.toThrow(
      /"py": unexpected output "Python 2\.7\.18/,
    );
    await expect(
      probeInterpreter('py', { run: () => Promise.reject(new Error('SyntaxError: invalid syntax')) }),
    ).rejects.toThrow(/"py": SyntaxError/);
  });
});

describe('checkInstallTarget', () => {
  const managed = parseProbeOutput(
    JSON.stringify({
      executable: '/usr/bin/python3',
      version: '3.12.3',
      implementation: 'cpython',
      prefix: '/usr',
      basePrefix: '/usr',
      isVirtualEnv: false,
      scheme: 'posix_local',
      paths: {
        purelib: '/nonexistent/a',
        platlib: '/nonexistent/a',
        scripts: '/nonexistent/b',
        data: '/usr',
        include: '/usr/include/python3.12',
      },
      sysPlatform: 'linux',
      osName: 'posix',
      externallyManaged: true,
      externallyManagedMessage: 'Use apt install python3-xyz.',
      optimize: 0,
      fsEncoding: 'utf-8',
    }),
    '/usr/bin/python3',
  );

  it('refuses an externally managed interpreter (PEP 668) with its own message', async () => {
    await expect(checkInstallTarget(managed, false)).rejects.toThrow(InstallTargetError);
    await expect(checkInstallTarget(managed, false)).rejects.toThrow(
      "cannot install into /usr/bin/python3: the environment is externally managed (PEP 668); use a virtual environment, or override with --break-system-packages (the action's break-system-packages: true input), PIP_BREAK_SYSTEM_PACKAGES=1 or break-system-packages = true in pip.conf. Its EXTERNALLY-MANAGED file says: Use apt install python3-xyz.",
    );
  });

  it('with --break-system-packages goes on to the writability check', async () => {
    const work = mkdtempSync(join(tmpdir(), 'wh-target-'));
    try {
      const writable = {
        ...managed,
        paths: {
          ...managed.paths,
          purelib: join(work, 'site'),
          platlib: join(work, 'site'),
          scripts: join(work, 'bin'),
        },
      };
      const { umask } = await checkInstallTarget(writable, true);
      expect(umask).toBe(process.umask());
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
  it("removes the writability probe a killed run left, and nothing that may be another run's or not a probe", async () => {
    const work = mkdtempSync(join(tmpdir(), 'wh-target-'));
    try {
      const site = join(work, 'site');
      const bin = join(work, 'bin');
      const target = { ...managed, paths: { ...managed.paths, purelib: site, platlib: site, scripts: bin } };
      const old = Date.now() / 1000 - 3600;
      const probe = (dir: string, name: string, files: Record<string, string>, age = old): string => {
        const path = join(dir, name);
        mkdirSync(path, { recursive: true });
        for (const [f, text] of Object.entries(files)) writeFileSync(join(path, f), text);
        utimesSync(path, age, age);
        return path;
      };
      // What a run killed between making its probe and removing it leaves (in each scheme dir).
      const leftSite = probe(site, '.wheelhouse-probe-Ab12Cd', { mode: '' });
      const leftBin = probe(bin, '.wheelhouse-probe-xY34zW', {});
      // A live run's (made just now), one holding something else, another name: kept.
      const live = probe(site, '.wheelhouse-probe-Live01', { mode: '' }, Date.now() / 1000);
      const holding = probe(site, '.wheelhouse-probe-Data01', { mode: '', 'notes.txt': 'mine' });
      const other = probe(site, '.wheelhouse-probe-toolong1', { mode: '' });
      await checkInstallTarget(target, true);
      expect([existsSync(leftSite), existsSync(leftBin)]).toEqual([false, false]);
      expect([existsSync(live), existsSync(holding), existsSync(other)]).toEqual([true, true, true]);
      expect(
        readdirSync(site)
          .filter((n) => n.startsWith('.wheelhouse-probe-'))
          .sort(),
      ).toEqual(['.wheelhouse-probe-Data01', '.wheelhouse-probe-Live01', '.wheelhouse-probe-toolong1']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
