/**
 * `wheelhouse install` in-process (runCli with injected streams, env and cwd) against the test
 * index server and real fresh venvs made with the machine's python3: pip's own command line
 * swapped to wheelhouse, the native installer and `--installer pip`, a console script that runs,
 * the second run as a no-op, the default wheelhouse under the cache directory, the unpacked-wheel
 * cache (hard links into a second venv; off with --no-cache / WHEELHOUSE_UNPACKED_CACHE=0), and
 * the exit codes.
 * Skipped with a message only where no python3 with the venv module exists.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  EXPECTED_FILES,
  fixtureWheels,
  serveFixture,
  toolFixtureWheel,
  writeRequirements,
} from '../helpers/fetch-fixture.js';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { cliHomeEnv, runCliCaptured } from '../helpers/cli-capture.js';
import { makeVenv, venvPython, venvRun } from '../helpers/python-venv.js';

jest.setTimeout(180_000);

let server: IndexServer;
let root: string;
let work: string;
/** Cleared when no venv can be made on this machine (then the tests that need one skip). */
let venvOk = true;

beforeAll(async () => {
  server = await startIndexServer();
  serveFixture(server, [...fixtureWheels(), toolFixtureWheel()]);
  root = await mkdtemp(join(tmpdir(), 'wh-cli-install-'));
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

beforeEach(async () => {
  server.reset();
  work = await mkdtemp(join(root, 'work-'));
});

/** The machine's environment without pip's configuration or an active venv. */
function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return cliHomeEnv(work, extra);
}

function cli(argv: string[], extraEnv: Record<string, string | undefined> = {}) {
  return runCliCaptured(argv, { env: env(extraEnv), cwd: work });
}

/**
 * A fresh venv; `withPip` only where pip itself runs (--installer pip, pip check): a venv without
 * pip is made in a fraction of the time.
 */
function newVenv(withPip = false): string | undefined {
  if (!venvOk) return undefined;
  const dir = join(work, 'venv');
  let v: string | undefined;
  if (withPip) v = makeVenv(dir);
  else {
    try {
      execFileSync('python3', ['-m', 'venv', '--without-pip', dir], { stdio: 'ignore', timeout: 60_000 });
      v = existsSync(venvPython(dir)) ? dir : undefined;
    } catch {
      v = undefined;
    }
  }
  if (v === undefined) {
    venvOk = false;
    console.warn('skipped: no python3 with the venv module on this machine');
  }
  return v;
}

function bin(venv: string, name: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', `${name}.exe`) : join(venv, 'bin', name);
}

/** The distributions importlib.metadata sees in the venv, as sorted `name==version` (pip/setuptools left out). */
function freeze(venv: string): string[] {
  const out = venvRun(
    venv,
    'import importlib.metadata as m\nfor d in m.distributions():\n    n = d.metadata["Name"]\n    if n not in ("pip", "setuptools"): print(f"{n}=={d.version}")',
  );
  return out
    .split('\n')
    .filter((l) => l !== '')
    .sort();
}

describe('wheelhouse install (native)', () => {
  it('installs a requirements file into --python, and the console script it installed runs', async () => {
    const venv = newVenv(true);
    if (venv === undefined) return;
    await writeRequirements(work, ['app', 'big', 'tool']);
    const r = await cli([
      'install',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      '--python',
      venvPython(venv),
      '-d',
      'wh',
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${join(work, 'wh', 'requirements.lock')}\n`);
    expect(r.stderr).toContain('installed 5');
    expect(freeze(venv)).toEqual(['app==1.0', 'big==1.0', 'lib==1.1', 'tool==1.0', 'util==2.1']);
    expect(
      venvRun(
        venv,
        'import app, lib, util; print(app.__version__, lib.__version__, util.__version__)',
      ).trim(),
    ).toBe('1.0 1.1 2.1');
    let script: { status: number | null; stdout: string };
    try {
      script = { status: 0, stdout: execFileSync(bin(venv, 'hello-tool'), [], { encoding: 'utf8' }) };
    } catch (error) {
      script = error as { status: number | null; stdout: string };
    }
    expect(script).toMatchObject({ status: 3, stdout: 'hello from tool, util 2.1\n' });
    // Nothing byte-compiled without --compile.
    const pycache = execFileSync(
      venvPython(venv),
      [
        '-c',
        'import importlib.util, pathlib, tool; print(pathlib.Path(tool.__file__).parent.joinpath("__pycache__").exists())',
      ],
      { encoding: 'utf8', env: { ...(env() as NodeJS.ProcessEnv), PYTHONDONTWRITEBYTECODE: '1' } },
    );
    expect(pycache.trim()).toBe('False');
    // pip agrees with what was installed.
    execFileSync(venvPython(venv), ['-m', 'pip', 'check', '--disable-pip-version-check'], {
      env: env() as NodeJS.ProcessEnv,
    });
  });

  it("runs pip's own command line against a fetched wheelhouse; a second run changes nothing", async () => {
    const venv = newVenv();
    if (venv === undefined) return;
    await writeRequirements(work, ['app', 'big']);
    const fetched = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      '-d',
      'wh',
      '--no-cache',
      '-q',
    ]);
    expect(fetched.code).toBe(0);
    server.reset();
    const pipLine = [
      'install',
      '--no-index',
      '--find-links',
      'wh',
      '--require-hashes',
      '-r',
      'wh/requirements.lock',
      '--python',
      venv.startsWith(work)
        ? join(
            venv.slice(work.length + 1),
            process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python',
          )
        : venvPython(venv),
    ];
    const userFiles = (): { name: string; mode: number; ino: number; nlink: number; sha256: string }[] =>
      EXPECTED_FILES.map((name) => {
        const path = join(work, 'wh', name);
        const st = statSync(path);
        const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
        return { name, mode: st.mode, ino: st.ino, nlink: st.nlink, sha256 };
      });
    const before = userFiles();
    const first = await cli([...pipLine, '-v', '--report', 'out/report.json']);
    expect(first.stderr.split('\n').filter((l) => !l.startsWith('debug: '))).not.toContainEqual(
      expect.stringMatching(/error/i),
    );
    expect(first.code).toBe(0);
    expect(server.counters.requests).toBe(0);
    expect(first.stderr).toContain('installed 4');
    // Without --dest (issue 9 §6): each find-links wheel was read and hashed once (by the
    // resolution) and installed from where it is — not copied into the default wheelhouse, not
    // hashed again by the installer (its descriptor is the file hashed); the user's files keep
    // their bytes, mode, inode and link count: never linked, never changed.
    expect(first.stderr).toContain(
      'find-links files copied in without a second hash 0, read where they are 4',
    );
    expect(first.stderr).toContain('wheels hashed again by the installer 0 of 4');
    expect(userFiles()).toEqual(before);
    expect(freeze(venv)).toEqual(['app==1.0', 'big==1.0', 'lib==1.1', 'util==2.1']);
    // The default wheelhouse of install lives under the cache directory; it holds none of the
    // wheels, so it claims none: marked incomplete, no lock, report or pylock, no lock path printed,
    // and no cache entry saved from it (the find-links directory is the source).
    const wheelhouses = join(work, 'cache', 'wheelhouse', 'wheelhouses');
    const dirs = await readdir(wheelhouses);
    expect(dirs).toHaveLength(1);
    const own = join(wheelhouses, dirs[0]!);
    const held = (await readdir(own)).filter((n) => !n.startsWith('.')).sort();
    expect(held).toEqual(['wheelhouse-manifest.json']);
    expect(JSON.parse(readFileSync(join(own, 'wheelhouse-manifest.json'), 'utf8'))).toMatchObject({
      complete: false,
    });
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain(
      '4 packages (4 read in place from the find-links directories, the rest in',
    );
    // --report writes the run's own text (there is none in the wheelhouse to copy).
    const report = JSON.parse(readFileSync(join(work, 'out', 'report.json'), 'utf8')) as {
      install: unknown[];
    };
    expect(report.install).toHaveLength(4);
    expect(existsSync(join(work, 'cache', 'wheelhouse', 'entries'))).toBe(false);

    const second = await cli(pipLine);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('installed 0');
    expect(second.stderr).toContain('4 already installed');
    expect(second.stderr.split('\n').filter((l) => l.startsWith('warning'))).toEqual([]);
    expect((await readdir(own)).filter((n) => !n.startsWith('.')).sort()).toEqual(held);
    expect(userFiles()).toEqual(before);
  });

  it("a pip line with pip's own cache and progress options works; --no-cache-dir keeps no wheelhouse", async () => {
    const venv = newVenv();
    if (venv === undefined) return;
    await writeRequirements(work, ['tool']);
    const r = await cli([
      'install',
      '-U',
      '--no-cache-dir',
      '--no-compile',
      '--disable-pip-version-check',
      '--progress-bar',
      'off',
      '--root-user-action=ignore',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      '--python',
      venvPython(venv),
    ]);
    expect(r.stderr).not.toMatch(/error|warning/i);
    expect(r.code).toBe(0);
    expect(freeze(venv)).toEqual(['tool==1.0', 'util==2.1']);
    // Nothing kept: no cache directory at all, and no wheelhouse path printed.
    expect(existsSync(join(work, 'cache'))).toBe(false);
    expect(r.stdout).toBe('');
    // The same from pip's environment, as a Dockerfile's `ENV PIP_NO_CACHE_DIR=1` says it.
    await rm(venv, { recursive: true, force: true });
    const again = newVenv();
    if (again === undefined) return;
    const fromEnv = await cli(
      ['install', '-r', 'requirements.txt', '-i', server.indexUrl, '--python', venvPython(again)],
      {
        PIP_NO_CACHE_DIR: '1',
        PIP_PROGRESS_BAR: 'off',
      },
    );
    expect(fromEnv.code).toBe(0);
    expect(freeze(again)).toEqual(['tool==1.0', 'util==2.1']);
    expect(existsSync(join(work, 'cache'))).toBe(false);
    expect(fromEnv.stdout).toBe('');
  });

  it('--compile byte-compiles what it installed; --reinstall installs again what is already there', async () => {
    const venv = newVenv();
    if (venv === undefined) return;
    await writeRequirements(work, ['tool']);
    const base = ['install', '-r', 'requirements.txt', '-i', server.indexUrl, '--python', venvPython(venv)];
    const first = await cli([...base, '--compile']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/installed 2, 0 already installed, \d+ files byte-compiled/);
    const cached = venvRun(
      venv,
      'import importlib.util, tool.cli as c; print(importlib.util.cache_from_source(c.__file__))',
    ).trim();
    expect(existsSync(cached)).toBe(true);
    const again = await cli([...base, '--reinstall']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('installed 2, 0 already installed');
    expect(freeze(venv)).toEqual(['tool==1.0', 'util==2.1']);
  });

  it('fills environments by hard links from <cache dir>/unpacked; --no-cache and WHEELHOUSE_UNPACKED_CACHE=0 leave it out', async () => {
    const venv = newVenv();
    if (venv === undefined) return;
    await writeRequirements(work, ['util']);
    const bare = (name: string): string => {
      const dir = join(work, name);
      execFileSync('python3', ['-m', 'venv', '--without-pip', dir], { stdio: 'ignore', timeout: 60_000 });
      return dir;
    };
    const run = (target: string, ...extra: string[]) =>
      cli([
        'install',
        '-r',
        'requirements.txt',
        '-i',
        server.indexUrl,
        '-v',
        '--python',
        venvPython(target),
        ...extra,
      ]);
    const utilInit = (target: string): string => venvRun(target, 'import util; print(util.__file__)').trim();
    // A wheel's first install only marks it seen; the second fills the entry; the third links.
    const first = await run(venv);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(
      'unpacked-wheel cache: 0 wheels from it, 0 added, 0 discarded, 1 first seen',
    );
    const unpacked = join(work, 'cache', 'wheelhouse', 'unpacked');
    expect((await readdir(unpacked)).filter((n) => /^\.seen-[0-9a-f]{64}$/.test(n))).toHaveLength(1);
    expect(statSync(utilInit(venv)).nlink).toBe(1);
    const fill = bare('venv1');
    const filled = await run(fill);
    expect(filled.code).toBe(0);
    expect(filled.stderr).toContain(
      'unpacked-wheel cache: 0 wheels from it, 1 added, 0 discarded, 0 first seen',
    );
    expect((await readdir(unpacked)).filter((n) => /^[0-9a-f]{64}$/.test(n))).toHaveLength(1);
    const second = bare('venv2');
    const again = await run(second);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('unpacked-wheel cache: 1 wheels from it, 0 added');
    expect(statSync(utilInit(second)).nlink).toBe(3);
    expect(statSync(utilInit(second)).ino).toBe(statSync(utilInit(fill)).ino);
    const third = bare('venv3');
    const off = await run(third, '--no-cache');
    expect(off.code).toBe(0);
    expect(off.stderr).not.toContain('unpacked-wheel cache');
    expect(statSync(utilInit(third)).nlink).toBe(1);
    const fourth = bare('venv4');
    const envOff = await cli(
      ['install', '-r', 'requirements.txt', '-i', server.indexUrl, '-v', '--python', venvPython(fourth)],
      { WHEELHOUSE_UNPACKED_CACHE: '0' },
    );
    expect(envOff.code).toBe(0);
    expect(envOff.stderr).not.toContain('unpacked-wheel cache');
    expect(statSync(utilInit(fourth)).nlink).toBe(1);
  });

  it('VIRTUAL_ENV is the default target', async () => {
    const venv = newVenv();
    if (venv === undefined) return;
    await writeRequirements(work, ['util']);
    const r = await cli(['install', '-r', 'requirements.txt', '-i', server.indexUrl, '-q'], {
      VIRTUAL_ENV: venv,
    });
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(freeze(venv)).toEqual(['util==2.1']);
  });
});

describe('--no-deps (pip: only the named requirements)', () => {
  it('resolve and install take the named projects only; an extra still pins its project', async () => {
    await writeRequirements(work, ['app', 'lib[unknown]']);
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, '--no-deps', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /==/.test(l))).toEqual(['app==1.0 \\', 'lib==1.1 \\']);
    const venv = newVenv();
    if (venv === undefined) return;
    await writeRequirements(work, ['tool']);
    const i = await cli([
      'install',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      '--no-deps',
      '--python',
      venvPython(venv),
      '-q',
    ]);
    expect(i).toMatchObject({ code: 0, stderr: '' });
    expect(freeze(venv)).toEqual(['tool==1.0']);
  });
});

describe('wheelhouse install --installer pip', () => {
  it("runs the interpreter's pip on the wheelhouse and the lock (pip's output on stderr)", async () => {
    const venv = newVenv(true);
    if (venv === undefined) return;
    await writeRequirements(work, ['app', 'tool']);
    const r = await cli([
      'install',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      '--python',
      venvPython(venv),
      '--installer',
      'pip',
      '--no-cache',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Successfully installed .*app-1\.0/);
    expect(r.stderr).toContain('installed 4');
    expect(freeze(venv)).toEqual(['app==1.0', 'lib==1.1', 'tool==1.0', 'util==2.1']);
    expect(existsSync(bin(venv, 'hello-tool'))).toBe(true);
  });
});

describe('wheelhouse install failures', () => {
  it('exits 2 naming a --python that cannot run, before any request', async () => {
    await writeRequirements(work, ['app']);
    const missing = join(work, 'no-venv', 'bin', 'python');
    const r = await cli(['install', '-r', 'requirements.txt', '-i', server.indexUrl, '--python', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--python ${missing}`);
    expect(server.counters.requests).toBe(0);
  });

  it('exits 1 with the explanation when nothing satisfies the requirements, installing nothing', async () => {
    const venv = newVenv();
    if (venv === undefined) return;
    await writeRequirements(work, ['app', 'util<2']);
    const r = await cli([
      'install',
      '-r',
      'requirements.txt',
      '-i',
      server.indexUrl,
      '--python',
      venvPython(venv),
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(freeze(venv)).toEqual([]);
  });

  it('refuses an externally managed Python (PEP 668) before any request or change', async () => {
    // The machine's Debian python3 (not a venv) carries EXTERNALLY-MANAGED in its stdlib.
    const system = '/usr/bin/python3';
    let probe: { managed: boolean; purelib: string } | undefined;
    try {
      probe = JSON.parse(
        execFileSync(
          system,
          [
            '-c',
            'import json, os, sys, sysconfig; print(json.dumps({"managed": sys.prefix == sys.base_prefix and os.path.isfile(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")), "purelib": sysconfig.get_path("purelib")}))',
          ],
          { encoding: 'utf8', timeout: 60_000 },
        ),
      ) as { managed: boolean; purelib: string };
    } catch {
      probe = undefined;
    }
    if (probe === undefined || !probe.managed) {
      console.warn(`skipped: ${system} is missing or not externally managed (PEP 668) on this machine`);
      return;
    }
    const before = existsSync(probe.purelib) ? (await readdir(probe.purelib)).sort() : [];
    await writeRequirements(work, ['app']);
    const r = await cli(['install', '-r', 'requirements.txt', '-i', server.indexUrl, '--python', system]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('externally managed (PEP 668)');
    expect(r.stderr).toContain('--break-system-packages');
    expect(server.counters.requests).toBe(0);
    expect(existsSync(probe.purelib) ? (await readdir(probe.purelib)).sort() : []).toEqual(before);
  });

  it('refuses a read-only site-packages before any request or change', async () => {
    const venv = newVenv();
    if (venv === undefined) return;
    const site = venvRun(venv, 'import sysconfig; print(sysconfig.get_path("purelib"))').trim();
    const root = process.getuid?.() === 0;
    // root ignores permission bits: make the directory immutable instead (needs CAP_LINUX_IMMUTABLE)
    const locked = root ? spawnSync('chattr', ['+i', site]).status === 0 : (chmodSync(site, 0o555), true);
    if (!locked) {
      console.warn('skipped the read-only case: cannot make site-packages read-only as root here');
      return;
    }
    try {
      await writeRequirements(work, ['app']);
      const r = await cli([
        'install',
        '-r',
        'requirements.txt',
        '-i',
        server.indexUrl,
        '--python',
        venvPython(venv),
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/site-packages is not writable \((EACCES|EPERM)\)/);
      expect(server.counters.requests).toBe(0);
      expect(await readdir(site)).toEqual([]);
    } finally {
      if (root) spawnSync('chattr', ['-i', site]);
      else chmodSync(site, 0o755);
    }
  });
});
