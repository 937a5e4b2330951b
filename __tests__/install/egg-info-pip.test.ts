/**
 * `.egg-info` installs as pip 23.2 (the machine's, isolated) finds and replaces them (review 17a F8):
 * `du-1.0-py3.11.egg-info` — what `setup.py install`, pip's legacy installs and distro packages
 * write — was read as project "du-1-0" version "py3.11", so an upgrade left the old metadata and
 * modules beside the new version and the same version was installed a second time. Each case is
 * planted in two venvs, one given to pip, one to the installer; their site-packages must agree.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel } from '../helpers/dists.js';
import { makeVenv, sitePackagesOf, venvPython } from '../helpers/python-venv.js';
import { pipEnv } from './install-harness.js';
import { openInstaller } from '../../src/install/installer.js';
import { readInstalledDists } from '../../src/install/installed-dists.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';

const work = mkdtempSync(join(tmpdir(), 'wh-egg-info-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const wheels = join(work, 'wheels');
mkdirSync(wheels);
const built = new Map(
  ['1.0', '2.0'].map((v) => {
    const wheel = buildWheel({
      name: 'du',
      version: v,
      noInit: true,
      files: [{ path: 'du/__init__.py', text: `v=${v}\n` }],
    });
    writeFileSync(join(wheels, wheel.filename), wheel.bytes);
    return [v, wheel];
  }),
);

type Plant = (site: string) => void;
const PKG_INFO = 'Metadata-Version: 1.1\nName: du\nVersion: 1.0\n';
const modules: Plant = (site) => {
  mkdirSync(join(site, 'du'));
  writeFileSync(join(site, 'du', '__init__.py'), 'v=1\n');
  writeFileSync(join(site, 'du', 'old.py'), 'old\n');
};
/** pip's legacy `setup.py install --record`: a directory with installed-files.txt. */
const eggDir: Plant = (site) => {
  modules(site);
  const info = join(site, 'du-1.0-py3.11.egg-info');
  mkdirSync(info);
  writeFileSync(join(info, 'PKG-INFO'), PKG_INFO);
  writeFileSync(join(info, 'top_level.txt'), 'du\n');
  writeFileSync(
    join(info, 'installed-files.txt'),
    '../du/__init__.py\n../du/old.py\nPKG-INFO\ntop_level.txt\ninstalled-files.txt\n',
  );
};
/** distutils: the .egg-info is the PKG-INFO file itself. */
const eggFile: Plant = (site) => {
  modules(site);
  writeFileSync(join(site, 'du-1.0-py3.11.egg-info'), PKG_INFO);
};

/** site-packages entries of `du` (recursively), pip's own and the INSTALLER-specific rows left out. */
function duTree(site: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const r = rel === '' ? name.name : `${rel}/${name.name}`;
      if (rel === '' && !name.name.startsWith('du')) continue;
      if (name.name === '__pycache__') continue;
      if (name.isDirectory()) walk(join(dir, name.name), r);
      else out.push(r);
    }
  };
  walk(site, '');
  return out.sort();
}

async function both(plant: Plant, version: string) {
  const tag = `${plant === eggDir ? 'dir' : 'file'}-${version}`;
  const pipVenv = makeVenv(join(work, `pip-${tag}`));
  const ourVenv = makeVenv(join(work, `wh-${tag}`), { withoutPip: true });
  if (pipVenv === undefined || ourVenv === undefined) return undefined;
  const pipSite = await sitePackagesOf(pipVenv);
  const interpreter = await probeInterpreter(venvPython(ourVenv));
  if (!interpreter.isVirtualEnv) throw new Error('refusing to install outside a test venv');
  const ourSite = interpreter.paths.purelib;
  plant(pipSite);
  plant(ourSite);
  const pip = spawnSync(
    venvPython(pipVenv),
    ['-m', 'pip', 'install', '--no-compile', '--no-index', '--find-links', wheels, `du==${version}`],
    { encoding: 'utf8', env: pipEnv(), timeout: 180_000 },
  );
  const wheel = built.get(version)!;
  const installer = await openInstaller({ interpreter, logger: silentLogger, workers: 0 });
  const wheelPath = join(wheels, wheel.filename);
  void installer
    .add({ wheelPath, filename: wheel.filename, sha256: wheel.sha256, name: 'du', version, requested: true })
    .catch(() => {});
  const ours = await installer.finish().then(
    (summary) => ({ summary }),
    (error: Error) => ({ error }),
  );
  return { pip, pipSite, ours, ourSite };
}

describe('.egg-info installs, as pip 23.2 treats them', () => {
  it('an .egg-info directory is found under its PKG-INFO name and version', async () => {
    const site = join(work, 'scan');
    mkdirSync(site);
    eggDir(site);
    const dists = await readInstalledDists([site]);
    expect([...dists.values()].map((d) => [d.name, d.version, d.kind])).toEqual([['du', '1.0', 'egg-info']]);
  });

  it('an upgrade replaces an .egg-info directory and the files it lists, as pip', async () => {
    const r = await both(eggDir, '2.0');
    if (r === undefined) return;
    expect(r.pip.status).toBe(0);
    expect(r.pip.stdout).toContain('Successfully uninstalled du-1.0');
    if ('error' in r.ours) throw r.ours.error;
    expect(r.ours.summary.replaced).toEqual([{ name: 'du', from: '1.0', to: '2.0' }]);
    expect(duTree(r.ourSite).filter((p) => !p.endsWith('/INSTALLER') && !p.endsWith('/RECORD'))).toEqual(
      duTree(r.pipSite).filter((p) => !p.endsWith('/INSTALLER') && !p.endsWith('/RECORD')),
    );
    expect(duTree(r.ourSite)).not.toContain('du/old.py');
    expect(duTree(r.ourSite).some((p) => p.includes('egg-info'))).toBe(false);
  }, 240_000);

  it('the same version installed that way is already satisfied, as pip', async () => {
    const r = await both(eggDir, '1.0');
    if (r === undefined) return;
    expect(r.pip.status).toBe(0);
    expect(r.pip.stdout).toContain('Requirement already satisfied: du==1.0');
    expect('summary' in r.ours && r.ours.summary.unchanged).toEqual([{ name: 'du', version: '1.0' }]);
    expect(duTree(r.ourSite)).toEqual(duTree(r.pipSite));
  }, 240_000);

  it('a distutils .egg-info file is refused, as pip refuses it, and left as it is', async () => {
    const r = await both(eggFile, '2.0');
    if (r === undefined) return;
    expect(r.pip.status).not.toBe(0);
    expect(r.pip.stderr).toContain('It is a distutils installed project');
    expect('error' in r.ours && r.ours.error.message).toMatch(
      /du-2\.0-py3-none-any\.whl: cannot replace du 1\.0 \(.*du-1\.0-py3\.11\.egg-info\): it is a distutils installed project/,
    );
    expect(duTree(r.ourSite)).toEqual(duTree(r.pipSite));
    expect(duTree(r.ourSite)).toEqual(['du-1.0-py3.11.egg-info', 'du/__init__.py', 'du/old.py']);
  }, 240_000);
});
