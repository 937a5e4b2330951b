/**
 * `--compile` (issue 9 §4, src/install/compile.ts) against the machine's pip, byte for byte:
 *   - every `.pyc` pip writes (its `compileall.compile_file(path, force=True, quiet=True)` on each
 *     installed `.py`, .data scripts included) is written by wheelhouse with the same name, mode and
 *     bytes: exactly equal with SOURCE_DATE_EPOCH set (py_compile then writes checked-hash pycs),
 *     and equal but for the header's source mtime with timestamp pycs — the one field pip itself
 *     varies (it is the installed file's own mtime, which the header must carry);
 *   - RECORD lists the same `__pycache__` rows as pip's (`path,,`), also when a `.pth` file in the
 *     environment prints at interpreter start-up (the compile processes run without site);
 *   - a process group killed while compiling (a cancelled CI job) leaves every distribution
 *     installed and consistent: importable, RECORD rows present and right, no half-written byte
 *     code, a next `--compile` run that compiles and records what the kill left uncompiled (and
 *     a run after it that compiles nothing), and `pip uninstall` that leaves nothing behind.
 * Both environments live at the same path while in use (renamed in and out), so the path compiled
 * into the byte code (co_filename) is the same.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel, dataPath, type BuiltWheel } from '../helpers/dists.js';
import { openInstaller, type Installer, type InstallItem } from '../../src/install/installer.js';
import { probeInterpreter, type Interpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';
import { pip, pipEnv, venvPython, VenvsAtOnePath, writeWheel } from './install-harness.js';

let work: string;
let env: string;
let ready = false;
let interpreter: Interpreter;

let venvs: VenvsAtOnePath;
const activate = <T>(which: string, fn: () => T): T => venvs.use(which, fn);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wh-compile-'));
  venvs = new VenvsAtOnePath(work);
  env = venvs.env;
  mkdirSync(join(work, 'wheels'));
  if (!venvs.make(['ours', 'pips', 'ours-sde', 'pips-sde', 'ours-pth', 'pips-pth', 'fresh', 'foreign']))
    return;
  interpreter = await activate('ours', () => probeInterpreter(venvPython(env), { env: pipEnv() }));
  ready = true;
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function skip(): boolean {
  if (ready) return false;
  console.warn('skipped: no python3 with the venv module on this machine');
  return true;
}

function itemOf(wheel: BuiltWheel, name: string): InstallItem {
  const path = writeWheel(join(work, 'wheels'), wheel);
  return {
    wheelPath: path,
    filename: wheel.filename,
    sha256: wheel.sha256,
    name,
    version: '1.0',
    requested: true,
  };
}

/** Sources that exercise what the byte code holds: constants of every kind, nesting, docstrings, non-ASCII, a warning. */
const SOURCES: Record<string, string> = {
  'omega/__init__.py': '"""Omega."""\nfrom .consts import *\n',
  'omega/consts.py':
    'A = (1, 2.5, 3j, b"bytes", "text with spaces", None, True, ...)\nB = frozenset({1, 2})\nC = "A" * 3\n' +
    'D = {"k": [1, 2, {"n": (3,)}]}\nE = 12345678901234567890\n',
  'omega/nested.py':
    'import functools\n\nclass K:\n    """Doc."""\n    x: int = 1\n\n    def m(self, *a, k=2, **kw):\n' +
    '        def inner(y):\n            return lambda z: (self, y, z, a, k, kw)\n        return inner\n\n' +
    '    @functools.cache\n    def c(self):\n        return [i * i for i in range(10) if i % 2]\n\n' +
    'async def co():\n    async with x as y:\n        async for q in y:\n            yield q\n',
  'omega/unicode.py': '# -*- coding: utf-8 -*-\nNAME = "Ωmega — ünïcode"\ndef ƒ():\n    return NAME\n',
  'omega/latin1.py': '# -*- coding: latin-1 -*-\nS = "caf\xe9"\n',
  'omega/warns.py': 'import re\nP = re.compile("\\d+")\nassert (1, "always true")\n',
  'omega/py2.py': 'print "python 2"\n', // does not compile: no .pyc, no RECORD row (pip's result)
  'omega/empty.py': '',
  'omega/sub/deep/mod.py': 'from ... import consts\nX = consts.A\n',
  'omega/big.py': Array.from(
    { length: 400 },
    (_, i) => `def f${i}(a, b=${i}):\n    return a + b * ${i}\n`,
  ).join(''),
};

function omega(): BuiltWheel {
  return buildWheel({
    name: 'omega',
    version: '1.0',
    noInit: true,
    files: [
      ...Object.entries(SOURCES).map(([path, text]) => ({ path, text })),
      { path: 'omega/data.txt', text: 'not python\n' },
      // a .data script ending in .py: pip compiles it where it lands (the scripts directory)
      { path: dataPath('omega', '1.0', 'scripts', 'omega_tool.py'), text: 'print("tool")\n', mode: 0o100755 },
      { path: dataPath('omega', '1.0', 'purelib', 'omega_extra.py'), text: 'EXTRA = 1\n' },
    ],
  });
}

/** Every `__pycache__` file under the environment: relative path → bytes and mode. */
function pycache(root: string): Map<string, { bytes: Buffer; mode: number }> {
  const out = new Map<string, { bytes: Buffer; mode: number }>();
  const walk = (dir: string, rel: string, inCache: boolean): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const r = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs, r, inCache || name === '__pycache__');
      else if (inCache) out.set(r, { bytes: readFileSync(abs), mode: st.mode & 0o7777 });
    }
  };
  walk(root, '', false);
  return out;
}

/** Only our distribution's byte code (pip's own and the stdlib's are not ours to compare). */
const ofOmega = (m: Map<string, { bytes: Buffer; mode: number }>) =>
  new Map([...m].filter(([p]) => /\/omega(\/|_tool|_extra)/.test(`/${p}`)));

function recordRows(root: string): string[] {
  const site = interpreter.paths.purelib.slice(env.length + 1);
  return readFileSync(join(root, site, 'omega-1.0.dist-info', 'RECORD'), 'utf8')
    .split(/\r?\n/)
    .filter((r) => r !== '' && !/\.dist-info\/(INSTALLER|RECORD|direct_url\.json),/.test(r))
    .sort();
}

function pipInstall(extraEnv: Record<string, string>, wheel: string): void {
  const r = spawnSync(venvPython(env), ['-m', 'pip', 'install', '--no-index', '--no-deps', wheel], {
    encoding: 'utf8',
    env: { ...pipEnv(), ...extraEnv },
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`pip install failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

async function oursInstall(extraEnv: Record<string, string>, item: InstallItem): Promise<number> {
  const installer = await openInstaller({
    interpreter,
    logger: silentLogger,
    compile: true,
    compileProcesses: 2,
    env: { ...pipEnv(), ...extraEnv },
  });
  void installer.add(item);
  return (await installer.finish()).compiledFiles;
}

describe('--compile writes the byte code pip writes', () => {
  it('byte for byte with SOURCE_DATE_EPOCH (checked-hash pycs), with the same names, modes and RECORD rows', async () => {
    if (skip()) return;
    const wheel = omega();
    const item = itemOf(wheel, 'omega');
    const sde = { SOURCE_DATE_EPOCH: '1700000000' };
    const compiled = await activate('ours-sde', () => oursInstall(sde, item));
    const ours = await activate('ours-sde', () => ofOmega(pycache(env)));
    const oursRows = await activate('ours-sde', () => recordRows(env));
    await activate('pips-sde', () => pipInstall(sde, item.wheelPath));
    const pips = await activate('pips-sde', () => ofOmega(pycache(env)));
    const pipsRows = await activate('pips-sde', () => recordRows(env));

    // every .py but the Python 2 one: 9 in omega/, the script and omega_extra
    expect(compiled).toBe(Object.keys(SOURCES).length - 1 + 2);
    expect([...ours.keys()]).toEqual([...pips.keys()]);
    expect(ours.size).toBe(compiled);
    const differ: string[] = [];
    for (const [path, pyc] of pips) {
      const o = ours.get(path)!;
      expect([path, o.mode.toString(8)]).toEqual([path, pyc.mode.toString(8)]);
      expect([path, (pyc.bytes.readUInt32LE(4) & 1) === 1]).toEqual([path, true]); // hash-based
      if (!o.bytes.equals(pyc.bytes)) differ.push(path);
    }
    expect(differ).toEqual([]);
    expect(oursRows).toEqual(pipsRows);
    expect(oursRows.filter((r) => r.includes('__pycache__/')).length).toBe(compiled);
  }, 240_000);

  it('with timestamp pycs: equal but for the source mtime, which each header carries', async () => {
    if (skip()) return;
    const item = itemOf(omega(), 'omega');
    await activate('ours', () => oursInstall({}, item));
    const ours = await activate('ours', () => ofOmega(pycache(env)));
    const oursMtimes = await activate('ours', () => sourceMtimes(ours));
    await activate('pips', () => pipInstall({}, item.wheelPath));
    const pips = await activate('pips', () => ofOmega(pycache(env)));
    const pipsMtimes = await activate('pips', () => sourceMtimes(pips));

    expect([...ours.keys()]).toEqual([...pips.keys()]);
    expect(ours.size).toBeGreaterThan(0);
    const differ: string[] = [];
    for (const [path, pyc] of pips) {
      const o = ours.get(path)!;
      expect(o.mode).toBe(pyc.mode);
      expect(pyc.bytes.readUInt32LE(4)).toBe(0); // timestamp-based
      // magic + flags, source size, marshalled code
      if (!o.bytes.subarray(0, 8).equals(pyc.bytes.subarray(0, 8))) differ.push(`${path} header`);
      if (!o.bytes.subarray(12).equals(pyc.bytes.subarray(12))) differ.push(path);
      expect(o.bytes.readUInt32LE(8)).toBe(oursMtimes.get(path));
      expect(pyc.bytes.readUInt32LE(8)).toBe(pipsMtimes.get(path));
    }
    expect(differ).toEqual([]);
  }, 240_000);
});

describe('--compile in an environment whose .pth prints at start-up', () => {
  it('compiles and records what pip does (the output is not taken for answers)', async () => {
    if (skip()) return;
    const noisy = buildWheel({
      name: 'noisy',
      version: '1.0',
      files: [
        { path: 'noisy.pth', text: 'import sys; sys.stdout.write("=0\\nnoise\\n"); sys.stdout.flush()\n' },
      ],
    });
    const noisyPath = writeWheel(join(work, 'wheels'), noisy);
    const item = itemOf(omega(), 'omega');
    for (const which of ['ours-pth', 'pips-pth']) {
      await activate(which, () => pipInstall({}, noisyPath));
    }
    const compiled = await activate('ours-pth', () => oursInstall({}, item));
    const ours = await activate('ours-pth', () => [...ofOmega(pycache(env)).keys()]);
    const oursRows = await activate('ours-pth', () => recordRows(env));
    await activate('pips-pth', () => pipInstall({}, item.wheelPath));
    const pips = await activate('pips-pth', () => [...ofOmega(pycache(env)).keys()]);
    const pipsRows = await activate('pips-pth', () => recordRows(env));
    expect(compiled).toBe(Object.keys(SOURCES).length - 1 + 2);
    expect(ours).toEqual(pips);
    expect(oursRows).toEqual(pipsRows);
  }, 240_000);
});

/** For each pyc, the mtime (seconds, low 32 bits) of the source it was compiled from. */
function sourceMtimes(pycs: Map<string, unknown>): Map<string, number> {
  const out = new Map<string, number>();
  for (const path of pycs.keys()) {
    const m = /^(.*)\/__pycache__\/([^/]+?)\.[^./]+\.pyc$/.exec(path)!;
    const st = lstatSync(join(env, m[1]!, `${m[2]}.py`));
    out.set(path, Number(BigInt(Math.floor(st.mtimeMs / 1000)) & 0xffffffffn));
  }
  return out;
}

describe('a kill while compiling', () => {
  it('leaves every distribution installed and consistent; the next run and pip uninstall agree', async () => {
    if (skip()) return;
    // Enough source that compiling takes a while with one process.
    const body = Array.from(
      { length: 300 },
      (_, i) => `def f${i}(a):\n    return [a * ${i} for _ in range(3)]\n`,
    ).join('');
    const files = Array.from({ length: 120 }, (_, i) => ({
      path: `kappa/m${i}.py`,
      text: `${body}N = ${i}\n`,
    }));
    const wheel = buildWheel({ name: 'kappa', version: '1.0', files });
    const item = itemOf(wheel, 'kappa');
    await activate('fresh', async () => {
      const site = interpreter.paths.purelib;
      const cache = join(site, 'kappa', '__pycache__');
      const child = spawn(
        process.execPath,
        [
          '--import',
          './bench/register-swc.mjs',
          '__tests__/install/compile-kill-child.ts',
          venvPython(env),
          item.wheelPath,
          item.sha256,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: pipEnv(), detached: true },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise((resolve) => child.on('close', resolve));
      // Bounded wait until some, not all, byte code is written.
      let some = 0;
      for (let i = 0; i < 1200 && child.exitCode === null; i++) {
        some = existsSync(cache) ? readdirSync(cache).filter((n) => n.endsWith('.pyc')).length : 0;
        if (some >= 3) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      process.kill(-child.pid!, 'SIGKILL'); // the installer and its compile processes at once
      await exited;
      expect(stderr).toBe('');
      const written = readdirSync(cache).filter((n) => n.endsWith('.pyc')).length;
      expect(written).toBeGreaterThanOrEqual(3);
      expect(written).toBeLessThan(120); // killed mid-compile, not after

      // Installed and consistent: imports, pip check, every RECORD row there and right.
      const py = (code: string) =>
        spawnSync(venvPython(env), ['-c', code], { encoding: 'utf8', env: pipEnv() });
      const imp = py('import kappa.m0, kappa.m119, importlib.metadata as m; print(m.version("kappa"))');
      expect([imp.status, imp.stdout, imp.stderr]).toEqual([0, '1.0\n', '']);
      const rows = readFileSync(join(site, 'kappa-1.0.dist-info', 'RECORD'), 'utf8')
        .split(/\r?\n/)
        .filter(Boolean);
      for (const row of rows) {
        const [path, hash] = row.split(',');
        const bytes = readFileSync(join(site, path!));
        if (hash !== '')
          expect(
            `${path},sha256=${createHash('sha256').update(bytes).digest('base64url')},${bytes.length}`,
          ).toBe(row);
      }
      // No half-written byte code: every .pyc in __pycache__ is whole and loads. A kill inside
      // py_compile's own write window (pip's call: `<pyc>.<id>` written, then renamed) can leave
      // that temporary file, as it does for pip; nothing else may be there.
      const temporary = /\.pyc\.\d+$/;
      const check = py(
        [
          'import os, re, sys, marshal, importlib.util',
          `d = ${JSON.stringify(cache)}`,
          'bad = [n for n in os.listdir(d) if not n.endswith(".pyc") and not re.search(r"\\.pyc\\.\\d+$", n)]',
          'for n in os.listdir(d):',
          '    if n.endswith(".pyc"):',
          '        data = open(os.path.join(d, n), "rb").read()',
          '        assert data[:4] == importlib.util.MAGIC_NUMBER, n',
          '        marshal.loads(data[16:])',
          'print(bad)',
        ].join('\n'),
      );
      expect([check.status, check.stdout, check.stderr]).toEqual([0, '[]\n', '']);

      // The next --compile run finds it installed, compiles what the kill left uncompiled (every
      // file: RECORD is written once a distribution is compiled) and records it; the run after
      // that compiles nothing. No staging directory is left.
      const again = async (): Promise<Awaited<ReturnType<Installer['finish']>>> => {
        const installer = await openInstaller({
          interpreter,
          logger: silentLogger,
          compile: true,
          env: pipEnv(),
        });
        void installer.add(item);
        return installer.finish();
      };
      const summary = await again();
      expect(summary.unchanged).toEqual([{ name: 'kappa', version: '1.0' }]);
      const recordRows = readFileSync(join(site, 'kappa-1.0.dist-info', 'RECORD'), 'utf8').split(/\r?\n/);
      const sources = recordRows.filter((row) => /\.py,/.test(row)).length; // the 120 and __init__.py
      expect(sources).toBeGreaterThanOrEqual(120);
      expect(summary.compiledFiles).toBe(sources);
      expect(recordRows.filter((row) => row.endsWith('.pyc,,'))).toHaveLength(sources);
      expect(readdirSync(cache).filter((n) => n.endsWith('.pyc'))).toHaveLength(sources);
      const third = await again();
      expect([third.unchanged.length, third.compiledFiles]).toEqual([1, 0]);
      expect(readdirSync(site).filter((n) => n.startsWith('.wheelhouse'))).toEqual([]);

      // pip removes everything (the byte code written before the kill included).
      const un = spawnSync(venvPython(env), ['-m', 'pip', 'uninstall', '-y', 'kappa'], {
        encoding: 'utf8',
        env: pipEnv(),
      });
      expect(un.status).toBe(0);
      const left = readdirSync(site).filter((n) => n.startsWith('kappa'));
      if (left.length > 0) {
        // only such a temporary file (pip does not know it) may be left
        expect(left).toEqual(['kappa']);
        expect(readdirSync(join(site, 'kappa'))).toEqual(['__pycache__']);
        expect(readdirSync(cache).filter((n) => !temporary.test(n))).toEqual([]);
      }
    });
  }, 240_000);

  it('leaves a distribution another installer put there as it is, as pip does (review 2 of session 10)', async () => {
    if (skip()) return;
    const wheel = buildWheel({
      name: 'lambda',
      version: '1.0',
      files: [{ path: 'lambda/m.py', text: 'X = 1\n' }],
    });
    const item = itemOf(wheel, 'lambda');
    await activate('foreign', async () => {
      const site = interpreter.paths.purelib;
      pip(env, ['install', '--no-index', '--no-deps', '--no-compile', item.wheelPath]);
      const record = readFileSync(join(site, 'lambda-1.0.dist-info', 'RECORD'), 'utf8');
      const installer = await openInstaller({
        interpreter,
        logger: silentLogger,
        compile: true,
        env: pipEnv(),
      });
      void installer.add(item);
      const summary = await installer.finish();
      expect(summary.unchanged).toEqual([{ name: 'lambda', version: '1.0' }]);
      expect(summary.compiledFiles).toBe(0);
      expect(readFileSync(join(site, 'lambda-1.0.dist-info', 'RECORD'), 'utf8')).toBe(record);
      expect(existsSync(join(site, 'lambda', '__pycache__'))).toBe(false);
    });
  }, 240_000);
});
