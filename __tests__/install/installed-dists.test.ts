/**
 * installed-dists.ts on its own (no Python needed): the installed distributions' METADATA and
 * RECORD are untrusted input — read bounded, without following a symlink or blocking on a special
 * file — and a RECORD path is removed only when it lies inside the prefix once its directories'
 * symlinks are followed, as pip's uninstall decides (review 1 of session 9).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timerTurn } from '../helpers/timer-turn.js';
import {
  readInstalledDists,
  recordedFiles,
  removalRoots,
  type InstalledDist,
} from '../../src/install/installed-dists.js';

let work: string;
let prefix: string;
let site: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-installed-dists-'));
  prefix = join(work, 'venv');
  site = join(prefix, 'lib', 'site-packages');
  mkdirSync(site, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function distInfo(name: string, version: string, record?: string): InstalledDist {
  const metadataDir = join(site, `${name}-${version}.dist-info`);
  mkdirSync(metadataDir);
  writeFileSync(
    join(metadataDir, 'METADATA'),
    `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n\n`,
  );
  if (record !== undefined) writeFileSync(join(metadataDir, 'RECORD'), record);
  return { name, version, metadataDir, kind: 'dist-info' };
}

describe('readInstalledDists', () => {
  it('does not block on a METADATA that is a FIFO, nor follow one that is a symlink: the directory name says the version', async () => {
    mkdirSync(join(site, 'odd-1.0.dist-info'));
    execFileSync('mkfifo', [join(site, 'odd-1.0.dist-info', 'METADATA')]);
    mkdirSync(join(site, 'linked-2.0.dist-info'));
    writeFileSync(join(work, 'elsewhere'), 'Metadata-Version: 2.1\nName: linked\nVersion: 9.9\n\n');
    symlinkSync(join(work, 'elsewhere'), join(site, 'linked-2.0.dist-info', 'METADATA'));
    distInfo('plain', '3.0');
    // A FIFO's open would wait for a writer forever: the scan must answer, not hang.
    const found = await Promise.race([
      readInstalledDists([site]),
      new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000).unref()),
    ]);
    expect(found).not.toBe('hung');
    const versions = Object.fromEntries(
      [...(found as Map<string, InstalledDist>)].map(([n, d]) => [n, d.version]),
    );
    expect(versions).toEqual({ odd: '1.0', linked: '2.0', plain: '3.0' });
  }, 20_000);
});

describe('readInstalledDists: the Version field', () => {
  it('is the field trimmed, in any case, the first one of the headers', async () => {
    for (const [dir, text] of [
      ['spaced-0.dist-info', 'Name: spaced\nVersion:   2.0 \t \n\n'],
      ['lower-0.dist-info', 'Name: lower\nversion:3.0\r\nVersion: 4.0\n\n'],
    ] as const) {
      mkdirSync(join(site, dir));
      writeFileSync(join(site, dir, 'METADATA'), `Metadata-Version: 2.1\n${text}`);
    }
    const found = await readInstalledDists([site]);
    expect([...found.values()].map((d) => [d.name, d.version]).sort()).toEqual([
      ['lower', '3.0'],
      ['spaced', '2.0'],
    ]);
  });

  // `Version: 1<200,000 spaces>x`: a lazy group before `\s*$` took ~3 s for 40,000 spaces, so
  // over a minute here (far beyond this test's timeout); a trim takes milliseconds.
  it('is read in linear time', async () => {
    mkdirSync(join(site, 'odd-1.0.dist-info'));
    writeFileSync(
      join(site, 'odd-1.0.dist-info', 'METADATA'),
      `Metadata-Version: 2.1\nName: odd\nVersion: 1${' '.repeat(200_000)}x\n\n`,
    );
    const found = await readInstalledDists([site]);
    await timerTurn();
    expect(found.get('odd')?.version).toBe(`1${' '.repeat(200_000)}x`);
  }, 5_000);
});

describe('recordedFiles', () => {
  it('refuses a path under a symlinked directory that leads out of the prefix, keeps one that stays inside', async () => {
    const outside = join(work, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'precious.txt'), 'x');
    symlinkSync(outside, join(site, 'shared'));
    mkdirSync(join(site, 'real'));
    symlinkSync(join(site, 'real'), join(site, 'alias'));
    mkdirSync(join(site, 'victim'));
    writeFileSync(join(site, 'victim', '__init__.py'), '');
    writeFileSync(join(site, 'real', 'mod.py'), '');
    const dist = distInfo(
      'victim',
      '1.0',
      'shared/precious.txt,,\nalias/mod.py,,\nvictim/__init__.py,,\n../../../outside/precious.txt,,\nvictim-1.0.dist-info/RECORD,,\n',
    );
    const { files, refused } = await recordedFiles(dist, prefix, 'cpython-311');
    expect(refused.sort()).toEqual(['../../../outside/precious.txt', 'shared/precious.txt']);
    expect(files).toContain(join(site, 'alias', 'mod.py'));
    expect(files).toContain(join(site, 'victim', '__init__.py'));
    expect(files).toContain(join(site, 'victim', '__pycache__', '__init__.cpython-311.pyc'));
    expect(files.filter((f) => f.includes('precious'))).toEqual([]);
  });

  it("names a source's byte code as pip's uninstall does, also for a stem with dots", async () => {
    mkdirSync(join(site, 'dotted'));
    writeFileSync(join(site, 'dotted', 'foo.bar.py'), '');
    const dist = distInfo('dotted', '1.0', 'dotted/foo.bar.py,,\ndotted-1.0.dist-info/RECORD,,\n');
    const { files } = await recordedFiles(dist, prefix, 'cpython-311');
    const dir = join(site, 'dotted');
    // pip: <stem>.pyc and <stem>.pyo beside it (uninstallation_paths), cache_from_source's name.
    for (const f of ['foo.bar.pyc', 'foo.bar.pyo', join('__pycache__', 'foo.bar.cpython-311.pyc')])
      expect(files).toContain(join(dir, f));
  });

  it('skips rows whose path does not exist, also deep ones, as pip does (review 14a F5)', async () => {
    // pip 23.2 UninstallPathSet.add: `if not os.path.exists(path): return` before the containment
    // check; a missing `.py` still names its legacy byte code (uninstallation_paths).
    mkdirSync(join(site, 'kept'));
    writeFileSync(join(site, 'kept', 'here.py'), '');
    const deep = Array.from({ length: 1000 }, () => 'a').join('/');
    const rows = ['kept/here.py,,', 'kept/gone.py,,', 'kept/gone.txt,,', `gone/${deep}/x.py,,`];
    for (let k = 0; k < 20; k++) rows.push(`d${k}/${deep}/x.py,,`);
    const dist = distInfo('sparse', '1.0', rows.join('\n') + '\n');
    const { files, refused } = await recordedFiles(dist, prefix, 'cpython-311');
    expect(refused).toEqual([]);
    expect(files.sort()).toEqual(
      [
        'here.py',
        'here.pyc',
        'here.pyo',
        join('__pycache__', 'here.cpython-311.pyc'),
        join('__pycache__', 'here.cpython-311.opt-1.pyc'),
        join('__pycache__', 'here.cpython-311.opt-2.pyc'),
        'gone.pyc',
        'gone.pyo',
        join('__pycache__', 'gone.cpython-311.pyc'),
        join('__pycache__', 'gone.cpython-311.opt-1.pyc'),
        join('__pycache__', 'gone.cpython-311.opt-2.pyc'),
      ]
        .map((f) => join(site, 'kept', f))
        .sort(),
    );
  });

  it('a RECORD that is not a regular file is a clear error, not a hang or a read through a link', async () => {
    const fifo = distInfo('fifo', '1.0');
    execFileSync('mkfifo', [join(fifo.metadataDir, 'RECORD')]);
    await expect(recordedFiles(fifo, prefix)).rejects.toThrow(
      `cannot replace the installed fifo 1.0: ${join(fifo.metadataDir, 'RECORD')} is not a regular file`,
    );
    const linked = distInfo('linked', '1.0');
    writeFileSync(join(work, 'record'), 'x.py,,\n');
    symlinkSync(join(work, 'record'), join(linked.metadataDir, 'RECORD'));
    await expect(recordedFiles(linked, prefix)).rejects.toThrow('is not a regular file (a symlink)');
    const missing = distInfo('missing', '1.0');
    await expect(recordedFiles(missing, prefix)).rejects.toThrow('RECORD is missing');
  });
});

describe('a path whose directories cannot be resolved (review 1 of session 10)', () => {
  it('below a symlink loop is refused, not a raw ELOOP that fails the upgrade', async () => {
    symlinkSync('loop', join(site, 'loop')); // site/loop -> loop
    mkdirSync(join(site, 'looped'));
    writeFileSync(join(site, 'looped', '__init__.py'), '');
    const dist = distInfo('looped', '1.0', 'loop/x.py,,\nlooped/__init__.py,,\n');
    const { files, refused } = await recordedFiles(dist, prefix);
    expect(refused).toEqual(['loop/x.py']);
    expect(files).toContain(join(site, 'looped', '__init__.py'));
  });
});

describe('containment by name', () => {
  it('a file whose name starts with ".." directly under the prefix is inside it (review 2 of session 9)', async () => {
    const dist = distInfo('dots', '1.0', '../../..hidden,,\n../../../escape,,\n');
    writeFileSync(join(prefix, '..hidden'), 'x');
    const { files, refused } = await recordedFiles(dist, prefix);
    expect(files).toContain(join(prefix, '..hidden'));
    expect(refused).toEqual(['../../../escape']);
  });
});

describe('recordedFiles where site-packages lies outside sys.prefix (review 1 of session 12)', () => {
  it("outside a venv accepts the scheme directories as pip's is_local does; in a venv only the prefix", async () => {
    // Homebrew's layout: sys.prefix in the Cellar, site-packages and bin under the brew prefix.
    const brew = join(work, 'homebrew');
    const pythonPrefix = join(brew, 'Cellar', 'python', 'Frameworks', 'Python.framework', 'Versions', '3.11');
    const brewSite = join(brew, 'lib', 'python3.11', 'site-packages');
    const bin = join(brew, 'bin');
    mkdirSync(pythonPrefix, { recursive: true });
    mkdirSync(join(brewSite, 'foo'), { recursive: true });
    mkdirSync(join(brewSite, 'foo-1.0.dist-info'));
    mkdirSync(bin);
    writeFileSync(join(brewSite, 'foo', '__init__.py'), '');
    writeFileSync(join(bin, 'foo'), '');
    writeFileSync(
      join(brewSite, 'foo-1.0.dist-info', 'RECORD'),
      'foo/__init__.py,,\nfoo-1.0.dist-info/RECORD,,\n../../../bin/foo,,\n../../../../elsewhere/x,,\n',
    );
    const dist: InstalledDist = {
      name: 'foo',
      version: '1.0',
      metadataDir: join(brewSite, 'foo-1.0.dist-info'),
      kind: 'dist-info',
    };
    const schemes = [brewSite, brewSite, bin, brew, join(brew, 'include', 'python3.11')];
    const system = await recordedFiles(
      dist,
      removalRoots({ prefix: pythonPrefix, isVirtualEnv: false }, schemes),
    );
    expect(system.files.sort()).toEqual(
      [
        join(bin, 'foo'),
        join(brewSite, 'foo', '__init__.py'),
        join(brewSite, 'foo', '__init__.pyc'),
        join(brewSite, 'foo', '__init__.pyo'),
        join(brewSite, 'foo-1.0.dist-info', 'RECORD'),
      ].sort(),
    );
    expect(system.refused).toEqual(['../../../../elsewhere/x']);
    const venv = await recordedFiles(
      dist,
      removalRoots({ prefix: pythonPrefix, isVirtualEnv: true }, schemes),
    );
    expect(venv.files).toEqual([]);
    expect(venv.refused).toHaveLength(4);
  });
});
