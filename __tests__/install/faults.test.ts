/**
 * Issue 9 §5 fault tests, against a real venv: a wheel whose RECORD hash is wrong, a path-traversal
 * entry, a symlink, a truncated archive, a dist-info that disagrees with the file name, a
 * read-only site-packages, a failure half-way through replacing a version, and a process killed
 * half-way through placing files (the next run repairs). After each: nothing half-installed is
 * importable, the previous version (if any) is intact, and no staging directory is left.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { buildWheel, dataPath, type BuiltWheel, type WheelSpec } from '../helpers/dists.js';
import { killAtMark } from '../helpers/kill-at-mark.js';
import {
  InstallTargetError,
  openInstaller,
  WheelInstallError,
  type InstallItem,
} from '../../src/install/installer.js';
import { probeInterpreter, type Interpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';
import {
  diffTrees,
  makeVenv,
  pip,
  pipEnv,
  python,
  snapshot,
  venvPython,
  writeWheel,
  type TreeFile,
} from './install-harness.js';

let work: string;
let venv: string | undefined;
let interpreter: Interpreter;
let site: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'wh-faults-'));
  mkdirSync(join(work, 'wheels'));
  venv = makeVenv(join(work, 'venv'));
  if (venv === undefined) return;
  interpreter = await probeInterpreter(venvPython(venv), { env: pipEnv() });
  site = interpreter.paths.purelib;
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function skip(): boolean {
  if (venv !== undefined) return false;
  console.warn('skipped: no python3 with the venv module on this machine');
  return true;
}

function itemOf(wheel: BuiltWheel, name: string, version: string, bytes?: Uint8Array): InstallItem {
  const path = writeWheel(join(work, 'wheels'), bytes === undefined ? wheel : { ...wheel, bytes });
  const sha256 = createHash('sha256')
    .update(bytes ?? wheel.bytes)
    .digest('hex');
  return { wheelPath: path, filename: wheel.filename, sha256, name, version, requested: true };
}

async function install(items: InstallItem[], extra: Partial<Parameters<typeof openInstaller>[0]> = {}) {
  const installer = await openInstaller({ interpreter, logger: silentLogger, env: pipEnv(), ...extra });
  for (const i of items) void installer.add(i);
  return installer.finish();
}

function importable(module: string): boolean {
  return spawnSync(venvPython(venv!), ['-c', `import ${module}`], { env: pipEnv() }).status === 0;
}

function noStaging(): void {
  expect(readdirSync(site).filter((n) => n.startsWith('.wheelhouse'))).toEqual([]);
}

/** Runs kill-child.ts installing `item` and SIGKILLs it once `placed` units of it are in place. */
async function killWhilePlacing(item: InstallItem, placed: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      './bench/register-swc.mjs',
      '__tests__/install/kill-child.ts',
      venvPython(venv!),
      item.wheelPath,
      item.sha256,
      item.name,
      item.version,
      String(placed),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: pipEnv() },
  );
  const { marked, stderr } = await killAtMark(child, 'placing');
  expect([marked, stderr]).toEqual([true, '']);
}

const bad = (spec: Partial<WheelSpec> & { name: string }): BuiltWheel =>
  buildWheel({ version: '1.0', ...spec, files: spec.files ?? [] });

describe('native installer faults', () => {
  it('refuses a member whose content does not match its RECORD hash, installing nothing', async () => {
    if (skip()) return;
    const wheel = bad({
      name: 'badhash',
      files: [
        {
          path: 'badhash/mod.py',
          text: 'X = 1\n',
          recordHash: 'sha256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        },
      ],
    });
    const failure = install([itemOf(wheel, 'badhash', '1.0')]);
    await expect(failure).rejects.toThrow(WheelInstallError);
    await expect(failure).rejects.toThrow(
      /badhash-1\.0-py3-none-any\.whl: "badhash\/mod\.py": .*RECORD hash/,
    );
    expect(importable('badhash')).toBe(false);
    expect(existsSync(join(site, 'badhash-1.0.dist-info'))).toBe(false);
    noStaging();
  });

  it('refuses traversal, absolute and symlink entries, and unlisted entries, naming the entry', async () => {
    if (skip()) return;
    const cases: [BuiltWheel, RegExp][] = [
      [
        bad({ name: 'trav', files: [{ path: '../../../evil.py', text: 'E = 1\n' }] }),
        /"\.\.\/\.\.\/\.\.\/evil\.py": refused: the path contains a "\.\." segment/,
      ],
      [
        bad({ name: 'absol', files: [{ path: '/tmp/evil.py', text: 'E = 1\n' }] }),
        /"\/tmp\/evil\.py": refused: the path is an absolute path/,
      ],
      [
        bad({ name: 'drive', files: [{ path: 'C:/evil.py', text: 'E = 1\n' }] }),
        /"C:\/evil\.py": refused: the path starts with a drive letter/,
      ],
      [
        bad({ name: 'link', files: [{ path: 'link/x', text: '/etc/passwd', mode: 0o120777 }] }),
        /"link\/x": refused: symbolic link/,
      ],
      [
        bad({ name: 'unlisted', files: [{ path: 'unlisted/x.py', text: '', unlisted: true }] }),
        /"unlisted\/x\.py": refused: the entry is not listed in RECORD/,
      ],
    ];
    for (const [wheel, message] of cases) {
      const name = wheel.filename.split('-')[0]!;
      await expect(install([itemOf(wheel, name, '1.0')])).rejects.toThrow(message);
      expect(importable(name)).toBe(false);
      expect(existsSync(join(site, `${name}-1.0.dist-info`))).toBe(false);
    }
    expect(existsSync(join(interpreter.prefix, 'evil.py'))).toBe(false);
    expect(existsSync(join(site, '..', '..', '..', 'evil.py'))).toBe(false);
    noStaging();
  });

  it('refuses a dist-info that disagrees with the file name', async () => {
    if (skip()) return;
    const other = buildWheel({ name: 'other', version: '1.0' });
    const renamed = { ...other, filename: 'mismatch-1.0-py3-none-any.whl' };
    await expect(install([itemOf(renamed, 'mismatch', '1.0')])).rejects.toThrow(
      /mismatch-1\.0-py3-none-any\.whl: the \.dist-info directory other-1\.0\.dist-info does not match the file name/,
    );
    expect(importable('other')).toBe(false);
  });

  it("refuses a truncated archive and a wheel whose sha256 is not the resolution's", async () => {
    if (skip()) return;
    const wheel = buildWheel({
      name: 'trunc',
      version: '1.0',
      files: [{ path: 'trunc/big.bin', size: 100_000 }],
    });
    const cut = wheel.bytes.subarray(0, Math.floor(wheel.bytes.length / 2));
    await expect(install([itemOf(wheel, 'trunc', '1.0', cut)])).rejects.toThrow(
      /trunc-1\.0-py3-none-any\.whl: .*(end of central directory|truncated)/,
    );
    const wrongPin = { ...itemOf(wheel, 'trunc', '1.0'), sha256: '0'.repeat(64) };
    await expect(install([wrongPin])).rejects.toThrow(
      /sha256 [0-9a-f]{64} differs from the resolution's 0{64}; not installed/,
    );
    expect(importable('trunc')).toBe(false);
    noStaging();
  });

  it('refuses a read-only site-packages before changing anything', async () => {
    if (skip()) return;
    const before = snapshot(venv!);
    const root = process.getuid?.() === 0;
    // root ignores permission bits: make the directory immutable instead (needs CAP_LINUX_IMMUTABLE)
    const lock = root ? spawnSync('chattr', ['+i', site]).status === 0 : (chmodSync(site, 0o555), true);
    if (!lock) {
      console.warn('skipped the read-only case: cannot make site-packages read-only as root here');
      return;
    }
    try {
      const wheel = buildWheel({ name: 'ro', version: '1.0' });
      await expect(install([itemOf(wheel, 'ro', '1.0')])).rejects.toThrow(InstallTargetError);
      await expect(install([itemOf(wheel, 'ro', '1.0')])).rejects.toThrow(
        /site-packages is not writable \((EACCES|EPERM)\)/,
      );
    } finally {
      if (root) spawnSync('chattr', ['-i', site]);
      else chmodSync(site, 0o755);
    }
    expect(diffTrees(snapshot(venv!), before)).toEqual([]);
  });

  it('replacing a version never removes a file its RECORD reaches through a symlinked directory out of the environment, as pip keeps it', async () => {
    if (skip()) return;
    const outside = join(work, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'precious.txt'), 'not part of any environment\n');
    // A directory of site-packages that is a symlink elsewhere (a checkout, shared data, a planted link).
    symlinkSync(outside, join(site, 'shared'));
    const di = join(site, 'victim-1.0.dist-info');
    mkdirSync(di);
    writeFileSync(join(di, 'METADATA'), 'Metadata-Version: 2.1\nName: victim\nVersion: 1.0\n\n');
    writeFileSync(
      join(di, 'RECORD'),
      'shared/precious.txt,,\nvictim-1.0.dist-info/METADATA,,\nvictim-1.0.dist-info/RECORD,,\n',
    );
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => void warnings.push(m) };
    const v2 = buildWheel({
      name: 'victim',
      version: '2.0',
      files: [{ path: 'victim/core.py', text: 'X = 2\n' }],
    });
    await install([itemOf(v2, 'victim', '2.0')], { logger });
    expect(existsSync(join(outside, 'precious.txt'))).toBe(true);
    expect(existsSync(di)).toBe(false);
    expect(existsSync(join(site, 'victim-2.0.dist-info', 'RECORD'))).toBe(true);
    expect(warnings).toContain('victim: not removing shared/precious.txt: outside the environment');
    rmSync(join(site, 'shared'));
    noStaging();
  });

  it('refuses a wheel that installs a file where another of its files needs a directory, as pip fails (review 3 of session 9)', async () => {
    if (skip()) return;
    const clash = buildWheel({
      name: 'clash',
      version: '1.0',
      noInit: true,
      files: [
        { path: 'clash/sub/a.py', text: 'A = 1\n' },
        { path: 'clash/sub', text: 'a file where a directory is\n' },
      ],
    });
    await expect(install([itemOf(clash, 'clash', '1.0')])).rejects.toThrow(/both a file and a directory/);
    expect(existsSync(join(site, 'clash'))).toBe(false);
    expect(existsSync(join(site, 'clash-1.0.dist-info'))).toBe(false);
    noStaging();
  });

  it('upgrades across a module file becoming a directory and back, to the tree pip makes (review 1 of session 10)', async () => {
    if (skip()) return;
    const pipVenv = makeVenv(join(work, 'pip-conv'));
    if (pipVenv === undefined) return;
    const versions = [
      buildWheel({ name: 'conv', version: '1.0', files: [{ path: 'conv/res', text: 'a file\n' }] }),
      buildWheel({
        name: 'conv',
        version: '2.0',
        files: [
          { path: 'conv/res/x.txt', text: 'now a directory\n' },
          { path: 'conv/res/sub/y.txt', text: 'deeper\n' },
        ],
      }),
      buildWheel({ name: 'conv', version: '3.0', files: [{ path: 'conv/res', text: 'a file again\n' }] }),
    ];
    for (const [i, wheel] of versions.entries()) {
      const version = `${i + 1}.0`;
      await install([itemOf(wheel, 'conv', version)]);
      pip(pipVenv, [
        'install',
        '--no-index',
        '--no-deps',
        '--no-compile',
        writeWheel(join(work, 'wheels'), wheel),
      ]);
      expect(python(venv!, 'import importlib.metadata as m; print(m.version("conv"))').trim()).toBe(version);
      // The package's files (the .dist-info differs by INSTALLER and pip's direct_url.json).
      const tree = (root: string): Map<string, TreeFile> =>
        new Map([...snapshot(root)].filter(([p]) => p.startsWith('conv/')));
      expect([...tree(site).keys()].length).toBeGreaterThan(0);
      expect(diffTrees(tree(site), tree(join(pipVenv, site.slice(venv!.length))))).toEqual([]);
      expect(readdirSync(site).filter((n) => n.startsWith('conv-'))).toEqual([`conv-${version}.dist-info`]);
      noStaging();
    }
    expect(readFileSync(join(site, 'conv', 'res'), 'utf8')).toBe('a file again\n');
  }, 180_000);

  it('installs into a venv whose platlib names purelib through a symlink (lib64 -> lib), as pip does (review 3 of session 9)', async () => {
    if (skip()) return;
    const venvDir = dirname(dirname(dirname(site)));
    if (!existsSync(join(venvDir, 'lib64'))) symlinkSync('lib', join(venvDir, 'lib64'));
    const platlib = site.replace(`${venvDir}${sep}lib${sep}`, `${venvDir}${sep}lib64${sep}`);
    expect(platlib).not.toBe(site);
    const aliased = { ...interpreter, paths: { ...interpreter.paths, platlib } };
    const mixed = buildWheel({
      name: 'mixed',
      version: '1.0',
      noInit: true,
      files: [
        { path: 'mixed/__init__.py', text: 'X = 1\n' },
        { path: dataPath('mixed', '1.0', 'platlib', 'mixed/_speedups.py'), text: 'Y = 2\n' },
      ],
    });
    await install([itemOf(mixed, 'mixed', '1.0')], { interpreter: aliased });
    expect(readFileSync(join(site, 'mixed', '__init__.py'), 'utf8')).toBe('X = 1\n');
    expect(readFileSync(join(site, 'mixed', '_speedups.py'), 'utf8')).toBe('Y = 2\n');
    noStaging();
  });

  it('restores the replaced version when replacing fails half-way', async () => {
    if (skip()) return;
    const v1 = buildWheel({
      name: 'swap',
      version: '1.0',
      files: [
        { path: 'swap/a.py', text: 'A = 1\n' },
        { path: 'swap/b.py', text: 'B = 1\n' },
      ],
    });
    const v2 = buildWheel({
      name: 'swap',
      version: '2.0',
      files: [
        { path: 'swap/a.py', text: 'A = 2\n' },
        { path: 'swap/c.py', text: 'C = 2\n' },
      ],
    });
    await install([itemOf(v1, 'swap', '1.0')]);
    const before = snapshot(venv!);
    await expect(
      install([itemOf(v2, 'swap', '2.0')], {
        afterPlace: (_d, i) => {
          if (i === 1) throw new Error('disk full (simulated)');
        },
      }),
    ).rejects.toThrow(/swap-2\.0-py3-none-any\.whl: disk full \(simulated\)/);
    expect(diffTrees(snapshot(venv!), before)).toEqual([]);
    noStaging();
  });

  it('keeps what the next run repairs from when a failed replacement cannot be rolled back', async () => {
    if (skip()) return;
    const v1 = buildWheel({
      name: 'stuck',
      version: '1.0',
      files: [
        { path: 'stuck/core.py', text: 'V = 1\n' },
        { path: 'stuck/sub/old.py', text: 'KEPT = 1\n' },
      ],
    });
    const v2 = buildWheel({
      name: 'stuck',
      version: '2.0',
      files: [
        { path: 'stuck/core.py', text: 'V = 2\n' },
        { path: 'stuck/new.py', text: 'N = 2\n' },
      ],
    });
    await install([itemOf(v1, 'stuck', '1.0')]);
    const before = snapshot(venv!);
    const obstacle = join(site, 'stuck', 'sub');
    await expect(
      install([itemOf(v2, 'stuck', '2.0')], {
        afterPlace: (_d, i) => {
          if (i !== 0) return;
          // v1's sub/old.py was moved aside: a file where its directory was makes the rollback fail.
          rmSync(obstacle, { recursive: true, force: true });
          writeFileSync(obstacle, 'in the way\n');
          throw new Error('disk full (simulated)');
        },
      }),
    ).rejects.toThrow(/disk full \(simulated\)/);
    // The staging directory — journal and v1's moved-aside files — is still there for the next run.
    expect(readdirSync(site).filter((n) => n.startsWith('.wheelhouse-staging'))).toHaveLength(1);
    // Once the obstacle is gone, the next run's repair puts v1 back as it was, and nothing is left.
    rmSync(obstacle);
    await install([]);
    expect(diffTrees(snapshot(venv!), before)).toEqual([]);
    noStaging();
  });

  it('repairs an install killed half-way: the next run restores the previous version, then installs', async () => {
    if (skip()) return;
    const files = Array.from({ length: 30 }, (_, i) => ({ path: `killed/m${i}.py`, text: `N = ${i}\n` }));
    const v1 = buildWheel({ name: 'killed', version: '1.0', files });
    const v2 = buildWheel({
      name: 'killed',
      version: '2.0',
      files: files.map((f) => ({ ...f, text: f.text + '# v2\n' })),
    });
    await install([itemOf(v1, 'killed', '1.0')]);
    const before = snapshot(venv!);
    const item2 = itemOf(v2, 'killed', '2.0');
    await killWhilePlacing(item2, 10);
    // killed mid-way: a journal is left, and v2 is half placed
    expect(readdirSync(site).filter((n) => n.startsWith('.wheelhouse-staging-'))).toHaveLength(1);
    expect(diffTrees(snapshot(venv!), before)).not.toEqual([]);

    // the next run repairs first (v1 back exactly as it was) ...
    const opened = await openInstaller({ interpreter, logger: silentLogger, env: pipEnv() });
    noStaging();
    expect(diffTrees(snapshot(venv!), before)).toEqual([]);
    // ... and then installs v2 completely
    void opened.add(item2);
    const summary = await opened.finish();
    expect(summary.replaced).toEqual([{ name: 'killed', from: '1.0', to: '2.0' }]);
    const check = spawnSync(
      venvPython(venv!),
      ['-c', 'import killed.m29, importlib.metadata as m; print(m.version("killed"))'],
      {
        encoding: 'utf8',
        env: pipEnv(),
      },
    );
    expect(check.stdout).toBe('2.0\n');
  }, 120_000);
  it('keeps what pip installed over an install killed half-way: the repair removes only the files it placed', async () => {
    if (skip()) return;
    const files = Array.from({ length: 30 }, (_, i) => ({ path: `overpip/m${i}.py`, text: `N = ${i}\n` }));
    const item = itemOf(buildWheel({ name: 'overpip', version: '1.0', files }), 'overpip', '1.0');
    // Killed once the package directory is in place, before its .dist-info.
    await killWhilePlacing(item, 1);
    expect(existsSync(join(site, 'overpip', 'm29.py'))).toBe(true);
    expect(existsSync(join(site, 'overpip-1.0.dist-info'))).toBe(false);
    // The user installs the same wheel with pip before running wheelhouse again: pip writes each
    // file anew (unlink, create) where the killed run placed one.
    pip(venv!, ['install', '--no-deps', '--no-index', item.wheelPath]);
    const pipped = snapshot(venv!);
    for (const path of pipped.keys()) if (path.includes('/.wheelhouse-staging-')) pipped.delete(path);
    const warned: string[] = [];
    await openInstaller({
      interpreter,
      logger: { ...silentLogger, warn: (m: string) => void warned.push(m) },
      env: pipEnv(),
    });
    noStaging();
    expect(diffTrees(snapshot(venv!), pipped)).toEqual([]);
    // Every payload file (the 30 modules and __init__.py) is pip's now.
    expect(warned.join('\n')).toContain(
      'kept 31 file(s) written at its destinations since the interrupted install',
    );
    expect(python(venv!, 'import overpip.m29, importlib.metadata as m; print(m.version("overpip"))')).toBe(
      '1.0\n',
    );
    pip(venv!, ['check']);
  }, 120_000);
});
