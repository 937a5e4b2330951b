/**
 * The byte-code cache (src/install/bytecode-cache.ts) against the machine's pip: the first
 * `--compile` install at a path saves nothing, the second saves, and a third into a fresh
 * environment at the same path writes every pyc from the cache (no compiling) and the result is pip's — the same names, modes, bytes (byte for byte with
 * SOURCE_DATE_EPOCH; with timestamp pycs, the header carries this install's source mtime as
 * py_compile computes it) and RECORD rows. A cache entry that is tampered with, a symlink or
 * writable by others is not used (the file is compiled, still pip's bytes). Pruning keeps the most
 * recently used environments only.
 * All environments live at one path while in use (renamed in and out): the path is in the byte code.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel, dataPath, type BuiltWheel } from '../helpers/dists.js';
import { BytecodeCache, pruneBytecodeCache, timestampFields } from '../../src/install/bytecode-cache.js';
import { openInstaller, type InstallItem } from '../../src/install/installer.js';
import { probeInterpreter, type Interpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';
import { pipEnv, venvPython, VenvsAtOnePath, writeWheel } from './install-harness.js';

let work: string;
let env: string;
let ready = false;
let interpreter: Interpreter;
let venvs: VenvsAtOnePath;
const activate = <T>(which: string, fn: () => T): T => venvs.use(which, fn);

const NAMES = ['a0', 'a1', 'a2', 'pa', 'b0', 'b1', 'b2', 'pb', 'c0', 'c1', 'c2'];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wh-bytecode-'));
  venvs = new VenvsAtOnePath(work);
  env = venvs.env;
  mkdirSync(join(work, 'wheels'));
  if (!venvs.make(NAMES)) return;
  interpreter = await activate('a1', () => probeInterpreter(venvPython(env), { env: pipEnv() }));
  ready = true;
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function skip(): boolean {
  if (ready) return false;
  console.warn('skipped: no python3 with the venv module on this machine');
  return true;
}

const SOURCES: Record<string, string> = {
  'sigma/__init__.py': '"""Sigma."""\nfrom .m import *\n',
  'sigma/m.py':
    'A = (1, 2.5, b"x", "text", None)\n\nclass K:\n    def f(self, *a, **k):\n        return lambda: (a, k)\n',
  'sigma/unicode.py': 'NAME = "Σigma — ünïcode"\n',
  'sigma/py2.py': 'print "python 2"\n', // never compiles: no pyc, no row, nothing cached
  'sigma/sub/deep.py': 'from .. import m\nX = m.A\n',
};

function sigma(): BuiltWheel {
  return buildWheel({
    name: 'sigma',
    version: '1.0',
    noInit: true,
    files: [
      ...Object.entries(SOURCES).map(([path, text]) => ({ path, text })),
      { path: dataPath('sigma', '1.0', 'scripts', 'sigma_tool.py'), text: 'print("tool")\n', mode: 0o100755 },
    ],
  });
}
/** The .py files pip compiles: the sources but py2.py, the script (and buildWheel's none extra). */
const COMPILED = Object.keys(SOURCES).length - 1 + 1;

function itemOf(wheel: BuiltWheel): InstallItem {
  const path = writeWheel(join(work, 'wheels'), wheel);
  return {
    wheelPath: path,
    filename: wheel.filename,
    sha256: wheel.sha256,
    name: 'sigma',
    version: '1.0',
    requested: true,
  };
}

type Pycs = Map<string, { bytes: Buffer; mode: number }>;

/** Every `__pycache__` file of sigma under the environment: relative path → bytes and mode. */
function pycache(root: string): Pycs {
  const out: Pycs = new Map();
  const walk = (dir: string, rel: string, inCache: boolean): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const r = rel === '' ? name : `${rel}/${name}`;
      const st = lstatSync(abs);
      if (st.isDirectory()) walk(abs, r, inCache || name === '__pycache__');
      else if (inCache && /\/sigma(\/|_tool)/.test(`/${r}`))
        out.set(r, { bytes: readFileSync(abs), mode: st.mode & 0o7777 });
    }
  };
  walk(root, '', false);
  return out;
}

function recordRows(): string[] {
  return readFileSync(join(interpreter.paths.purelib, 'sigma-1.0.dist-info', 'RECORD'), 'utf8')
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

async function oursInstall(
  cacheDir: string,
  extraEnv: Record<string, string>,
  item: InstallItem,
): Promise<{ compiled: number; hits: number; saved: number }> {
  const installer = await openInstaller({
    interpreter,
    logger: silentLogger,
    compile: true,
    compileProcesses: 2,
    env: { ...pipEnv(), ...extraEnv },
    bytecodeCache: new BytecodeCache(cacheDir),
  });
  void installer.add(item);
  const summary = await installer.finish();
  return {
    compiled: summary.compiledFiles,
    hits: installer.bytecodeStats?.hits ?? -1,
    saved: installer.bytecodeStats?.saved ?? -1,
  };
}

/**
 * Mismatches between each timestamp pyc's header and its source as py_compile writes it
 * (`int(st_mtime) & 0xFFFFFFFF`, `st_size & 0xFFFFFFFF`), computed by the environment's Python.
 */
function headerMismatches(): string {
  const r = spawnSync(
    venvPython(env),
    [
      '-c',
      [
        'import os, sys, importlib.util',
        'bad = []',
        'for root in sys.argv[1:]:',
        '    for d, _, fs in os.walk(root):',
        '        for f in fs:',
        '            if not f.endswith(".py") or f == "py2.py": continue',
        '            if "sigma" not in os.path.join(d, f): continue',
        '            src = os.path.join(d, f)',
        '            data = open(importlib.util.cache_from_source(src), "rb").read()',
        '            st = os.stat(src)',
        '            if data[8:12] != (int(st.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little") or data[12:16] != (st.st_size & 0xFFFFFFFF).to_bytes(4, "little"):',
        '                bad.append(src)',
        'print(bad)',
      ].join('\n'),
      interpreter.paths.purelib,
      interpreter.paths.scripts,
    ],
    { encoding: 'utf8', env: pipEnv() },
  );
  return `${r.stdout}${r.stderr}`.trim();
}

describe('--compile with the byte-code cache', () => {
  it('the first install at a path saves nothing, the second saves, a third gets every pyc from it, byte for byte pip’s (SOURCE_DATE_EPOCH)', async () => {
    if (skip()) return;
    const cache = join(work, 'cache-a');
    const item = itemOf(sigma());
    const sde = { SOURCE_DATE_EPOCH: '1700000000' };
    // The first install at a path only marks it; the next one saves.
    const zeroth = await activate('a0', () => oursInstall(cache, sde, item));
    expect(zeroth).toEqual({ compiled: COMPILED, hits: 0, saved: 0 });
    const first = await activate('a1', () => oursInstall(cache, sde, item));
    expect(first).toEqual({ compiled: COMPILED, hits: 0, saved: COMPILED });
    const second = await activate('a2', () => oursInstall(cache, sde, item));
    expect(second).toEqual({ compiled: COMPILED, hits: COMPILED, saved: 0 });
    const ours = await activate('a2', () => pycache(env));
    const oursRows = await activate('a2', () => recordRows());
    await activate('pa', () => pipInstall(sde, item.wheelPath));
    const pips = await activate('pa', () => pycache(env));
    const pipsRows = await activate('pa', () => recordRows());
    expect([...ours.keys()]).toEqual([...pips.keys()]);
    expect(ours.size).toBe(COMPILED);
    for (const [path, pyc] of pips) {
      const o = ours.get(path)!;
      expect([path, o.mode.toString(8), o.bytes.equals(pyc.bytes)]).toEqual([
        path,
        pyc.mode.toString(8),
        true,
      ]);
    }
    expect(oursRows).toEqual(pipsRows);
  }, 240_000);

  it('timestamp pycs from it carry this install’s source mtime and size; the rest is pip’s', async () => {
    if (skip()) return;
    const cache = join(work, 'cache-b');
    const item = itemOf(sigma());
    await activate('b0', () => oursInstall(cache, {}, item));
    await activate('b1', () => oursInstall(cache, {}, item));
    await new Promise((r) => setTimeout(r, 1100)); // this install's sources are a second newer
    const second = await activate('b2', () => oursInstall(cache, {}, item));
    expect(second).toEqual({ compiled: COMPILED, hits: COMPILED, saved: 0 });
    expect(await activate('b2', () => headerMismatches())).toBe('[]');
    const ours = await activate('b2', () => pycache(env));
    await activate('pb', () => pipInstall({}, item.wheelPath));
    const pips = await activate('pb', () => pycache(env));
    expect([...ours.keys()]).toEqual([...pips.keys()]);
    for (const [path, pyc] of pips) {
      const o = ours.get(path)!;
      expect(o.mode).toBe(pyc.mode);
      expect(pyc.bytes.readUInt32LE(4)).toBe(0); // timestamp-based
      const same = [
        o.bytes.subarray(0, 8).equals(pyc.bytes.subarray(0, 8)),
        o.bytes.subarray(12).equals(pyc.bytes.subarray(12)),
      ];
      expect([path, ...same]).toEqual([path, true, true]);
    }
  }, 240_000);

  it('does not use an entry that was tampered with, is a symlink or is writable by others', async () => {
    if (skip()) return;
    const cache = join(work, 'cache-c');
    const item = itemOf(sigma());
    const sde = { SOURCE_DATE_EPOCH: '1700000000' };
    await activate('c0', () => oursInstall(cache, sde, item));
    await activate('c1', () => oursInstall(cache, sde, item));
    const compiledOnce = await activate('c1', () => pycache(env));
    const [envDir] = readdirSync(cache).filter((n) => /^[0-9a-f]{64}$/.test(n));
    const dir = join(cache, envDir!);
    const entries = readdirSync(dir).sort();
    expect(entries).toHaveLength(COMPILED);
    // One flipped byte in the marshalled code (the sha256 in front no longer matches) …
    const tampered = readFileSync(join(dir, entries[0]!));
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 2) ^ 1, tampered.length - 2);
    writeFileSync(join(dir, entries[0]!), tampered);
    // … one entry replaced by a symlink to another (whole, valid) entry …
    rmSync(join(dir, entries[1]!));
    symlinkSync(join(dir, entries[2]!), join(dir, entries[1]!));
    // … one writable by the group.
    chmodSync(join(dir, entries[3]!), 0o660);
    const second = await activate('c2', () => oursInstall(cache, sde, item));
    expect(second).toEqual({ compiled: COMPILED, hits: COMPILED - 3, saved: 3 });
    const ours = await activate('c2', () => pycache(env));
    expect([...ours.keys()]).toEqual([...compiledOnce.keys()]);
    for (const [path, pyc] of compiledOnce)
      expect([path, ours.get(path)!.bytes.equals(pyc.bytes)]).toEqual([path, true]);
    // The bad entries were replaced by good ones.
    expect(lstatSync(join(dir, entries[1]!)).isSymbolicLink()).toBe(false);
    expect(lstatSync(join(dir, entries[3]!)).mode & 0o077).toBe(0);
  }, 240_000);
});

describe('timestampFields', () => {
  it('rounds as CPython’s st_mtime does, a nanosecond before a second boundary included', async () => {
    if (skip()) return;
    const python3 = await activate('a1', () => realpathSync(venvPython(env)));
    const file = join(work, 'stamp.py');
    writeFileSync(file, 'x = 1\n');
    for (const ns of [
      '1700000000999999999',
      '1700000000999999700',
      '1700000000000000001',
      '5000000000500000000',
    ]) {
      const r = spawnSync(
        python3,
        [
          '-c',
          `import os, sys; os.utime(sys.argv[1], ns=(${ns}, ${ns})); st = os.stat(sys.argv[1]); print(int(st.st_mtime) & 0xFFFFFFFF, st.st_size)`,
          file,
        ],
        { encoding: 'utf8' },
      );
      const st = statSync(file, { bigint: true });
      const f = timestampFields(st);
      expect([ns, `${f.mtime} ${f.size}`]).toEqual([ns, r.stdout.trim()]);
    }
  });
});

describe('pruneBytecodeCache', () => {
  it('keeps the most recently used environments only, and none unused for 30 days', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wh-bytecode-prune-'));
    try {
      const now = Date.now();
      const names = Array.from({ length: 11 }, (_, i) => `${i.toString(16)}`.padStart(64, '0'));
      names.forEach((n, i) => {
        mkdirSync(join(dir, n, 'x'), { recursive: true });
        // i = 0 newest; 9 and 10 over 30 days old
        const t = (now - (i < 9 ? i * 60_000 : 31 * 86_400_000 + i)) / 1000;
        utimesSync(join(dir, n), t, t);
      });
      mkdirSync(join(dir, 'other'));
      const removed = await pruneBytecodeCache(dir, { now });
      expect(removed.sort()).toEqual([names[8], names[9], names[10]].sort());
      expect(readdirSync(dir).sort()).toEqual([...names.slice(0, 8), 'other'].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
