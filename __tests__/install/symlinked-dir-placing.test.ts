/**
 * "Write only inside the destination" on the placing side (review 17a F6): a directory of
 * site-packages that is a symlink to somewhere outside the environment (a development checkout
 * linked in, or a planted link) — the wheel's files there are refused, naming the link, before
 * anything is written; pip 23.2 writes through it (docs/pip-agreement.md). A symlink that stays
 * inside the environment is placed through as before.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVenv, venvPython } from '../helpers/python-venv.js';
import { buildWheel, type BuiltWheel } from '../helpers/dists.js';
import { openInstaller } from '../../src/install/installer.js';
import { probeInterpreter, type Interpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';

const work = mkdtempSync(join(tmpdir(), 'wh-symlinked-dir-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function install(interpreter: Interpreter, wheel: BuiltWheel, name: string, version: string) {
  const wheelPath = join(work, wheel.filename);
  writeFileSync(wheelPath, wheel.bytes);
  const installer = await openInstaller({ interpreter, logger: silentLogger, workers: 0 });
  void installer
    .add({ wheelPath, filename: wheel.filename, sha256: wheel.sha256, name, version, requested: true })
    .catch(() => {});
  return installer.finish();
}

const sl = (version: string, extra: string) =>
  buildWheel({
    name: 'sl',
    version,
    noInit: true,
    files: [
      { path: 'sl/__init__.py', text: `v=${version}\n` },
      { path: `sl/${extra}.py`, text: `${extra}\n` },
    ],
  });

async function venvAt(name: string) {
  const venv = makeVenv(join(work, name), { withoutPip: true });
  if (venv === undefined) return undefined;
  const interpreter = await probeInterpreter(venvPython(venv));
  if (!interpreter.isVirtualEnv) throw new Error('refusing to install outside a test venv');
  return { venv, interpreter, site: interpreter.paths.purelib };
}

describe('a symlinked directory on the way to a destination', () => {
  it('an upgrade does not write through a package directory linked outside the environment', async () => {
    const env = await venvAt('up');
    if (env === undefined) return;
    await install(env.interpreter, sl('1.0', 'old'), 'sl', '1.0');
    const outside = join(work, 'outside-sl');
    renameSync(join(env.site, 'sl'), outside);
    symlinkSync(outside, join(env.site, 'sl'));
    const upgrade = install(env.interpreter, sl('2.0', 'new'), 'sl', '2.0');
    await expect(upgrade).rejects.toThrow(
      `sl-2.0-py3-none-any.whl: refused: ${join(env.site, 'sl')} is a symbolic link to ${outside}, outside the environment`,
    );
    expect(readFileSync(join(outside, '__init__.py'), 'utf8')).toBe('v=1.0\n');
    expect(readdirSync(outside).sort()).toEqual(['__init__.py', 'old.py']);
    expect(existsSync(join(env.site, 'sl-1.0.dist-info', 'RECORD'))).toBe(true);
  }, 120_000);

  it('a first install does not write into a planted link', async () => {
    const env = await venvAt('first');
    if (env === undefined) return;
    const outside = join(work, 'outside-np');
    mkdirSync(outside);
    symlinkSync(outside, join(env.site, 'np'));
    const first = install(env.interpreter, buildWheel({ name: 'np', version: '1.0' }), 'np', '1.0');
    await expect(first).rejects.toThrow(/is a symbolic link to .*outside-np, outside the environment/);
    expect(readdirSync(outside)).toEqual([]);
  }, 120_000);

  it('a link that stays inside the environment is placed through', async () => {
    const env = await venvAt('inside');
    if (env === undefined) return;
    const inside = join(env.venv, 'src-checkout');
    mkdirSync(inside);
    symlinkSync(inside, join(env.site, 'np'));
    const summary = await install(env.interpreter, buildWheel({ name: 'np', version: '1.0' }), 'np', '1.0');
    expect(summary.installed.map((d) => d.name)).toEqual(['np']);
    expect(existsSync(join(inside, '__init__.py'))).toBe(true);
  }, 120_000);
});
