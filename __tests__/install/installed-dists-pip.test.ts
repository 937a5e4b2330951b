/**
 * Which `.dist-info` directories count as installed, against pip 23.2 itself (`pip list` in a temp
 * venv, importlib backend on Python 3.11): leftovers without METADATA, or whose METADATA has no
 * Name, are not installed for pip — nor for the installer, which would otherwise report a wheel
 * "unchanged" that pip installs (review 1 of session 12, finding 7).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedPipProcessEnv, makeVenv, sitePackagesOf, venvPython } from '../helpers/python-venv.js';
import { buildWheel } from '../helpers/dists.js';
import { readInstalledDists } from '../../src/install/installed-dists.js';
import { openInstaller } from '../../src/install/installer.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';

const work = mkdtempSync(join(tmpdir(), 'wh-installed-pip-'));
let venv: string | undefined;
beforeAll(() => {
  venv = makeVenv(join(work, 'venv'));
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Directory name → files in it (name → text). */
const PLANTED: Record<string, Record<string, string>> = {
  'nometa-1.0.dist-info': { '.RECORD.0123456789ab.tmp': '' },
  'emptydir-1.0.dist-info': {},
  'noname-1.0.dist-info': { METADATA: 'Metadata-Version: 2.1\nVersion: 1.0\n\n', RECORD: '' },
  'emptymeta-1.0.dist-info': { METADATA: '', RECORD: '' },
  'nameafterblank-1.0.dist-info': { METADATA: 'Metadata-Version: 2.1\n\nName: nameafterblank\n' },
  'good-1.0.dist-info': { METADATA: 'Metadata-Version: 2.1\nName: good\nVersion: 2.0\n\n', RECORD: '' },
  'lower-1.0.dist-info': { METADATA: 'metadata-version: 2.1\nname: lower\nversion: 1.5\n\n' },
  // importlib.metadata reads `METADATA or PKG-INFO` (review 5 s12).
  'pkginfo-1.0.dist-info': { 'PKG-INFO': 'Metadata-Version: 2.1\nName: pkginfo\nVersion: 1.1\n\n' },
  'emptypkg-1.0.dist-info': {
    METADATA: '',
    'PKG-INFO': 'Metadata-Version: 2.1\nName: emptypkg\nVersion: 1.2\n\n',
  },
};

describe('installed distributions', () => {
  it('are the ones pip 23.2 lists', async () => {
    if (venv === undefined) {
      console.warn('skipped: no python3 with the venv module on this machine');
      return;
    }
    const site = await sitePackagesOf(venv);
    for (const [dir, files] of Object.entries(PLANTED)) {
      mkdirSync(join(site, dir));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(site, dir, name), text);
    }
    const listed = JSON.parse(
      execFileSync(venvPython(venv), ['-m', 'pip', 'list', '--disable-pip-version-check', '--format=json'], {
        encoding: 'utf8',
        timeout: 60_000,
        env: isolatedPipProcessEnv(),
      }),
    ) as Array<{ name: string; version: string }>;
    const planted = new Set(Object.keys(PLANTED).map((d) => d.split('-')[0]));
    const pips = listed
      .filter((d) => planted.has(d.name.toLowerCase()))
      .map((d) => [d.name.toLowerCase(), d.version])
      .sort();
    const ours = [...(await readInstalledDists([site])).values()]
      .filter((d) => planted.has(d.name))
      .map((d) => [d.name, d.version])
      .sort();
    expect(ours).toEqual(pips);
    expect(pips).toEqual([
      ['emptypkg', '1.2'],
      ['good', '2.0'],
      ['lower', '1.5'],
      ['pkginfo', '1.1'],
    ]);
  }, 120_000);

  it('a leftover without METADATA does not stop the installer installing that version', async () => {
    const bare = makeVenv(join(work, 'bare'), { withoutPip: true });
    if (bare === undefined) return;
    const interpreter = await probeInterpreter(venvPython(bare));
    if (!interpreter.isVirtualEnv) throw new Error('refusing to install outside a test venv');
    const site = interpreter.paths.purelib;
    mkdirSync(join(site, 'leftover-1.0.dist-info'));
    writeFileSync(join(site, 'leftover-1.0.dist-info', '.RECORD.0123456789ab.tmp'), '');
    const wheel = buildWheel({ name: 'leftover', version: '1.0' });
    const wheelPath = join(work, wheel.filename);
    writeFileSync(wheelPath, wheel.bytes);
    const installer = await openInstaller({ interpreter, logger: silentLogger, workers: 0 });
    void installer.add({
      wheelPath,
      filename: wheel.filename,
      sha256: wheel.sha256,
      name: 'leftover',
      version: '1.0',
      requested: true,
    });
    const summary = await installer.finish();
    expect(summary.unchanged).toEqual([]);
    expect(existsSync(join(site, 'leftover', '__init__.py'))).toBe(true);
    expect(existsSync(join(site, 'leftover-1.0.dist-info', 'METADATA'))).toBe(true);
  }, 120_000);
});
