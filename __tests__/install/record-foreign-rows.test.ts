/**
 * A wheel whose RECORD lists paths it does not contain (review 17a F1): pip 23.2 copies those rows
 * into the installed RECORD and a later upgrade deletes whatever is there — another distribution's
 * module, the venv's bin/python3. The installer refuses such a wheel, naming it and the row, before
 * anything is written; RECORD's own signatures may be listed without being shipped.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeVenv, venvPython } from '../helpers/python-venv.js';
import { buildWheel, type BuiltWheel } from '../helpers/dists.js';
import { openInstaller } from '../../src/install/installer.js';
import { probeInterpreter, type Interpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';

const work = mkdtempSync(join(tmpdir(), 'wh-record-foreign-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function install(interpreter: Interpreter, wheel: BuiltWheel, version: string) {
  const wheelPath = join(work, wheel.filename);
  writeFileSync(wheelPath, wheel.bytes);
  const installer = await openInstaller({ interpreter, logger: silentLogger, workers: 0 });
  void installer
    .add({
      wheelPath,
      filename: wheel.filename,
      sha256: wheel.sha256,
      name: wheel.filename.split('-')[0] as string,
      version,
      requested: true,
    })
    .catch(() => {});
  return installer.finish();
}

describe('RECORD rows naming no member of the wheel', () => {
  it('refuse the wheel, so an upgrade cannot delete what it never wrote', async () => {
    const venv = makeVenv(join(work, 'venv'), { withoutPip: true });
    if (venv === undefined) return;
    const interpreter = await probeInterpreter(venvPython(venv));
    if (!interpreter.isVirtualEnv) throw new Error('refusing to install outside a test venv');
    const site = interpreter.paths.purelib;
    await install(interpreter, buildWheel({ name: 'other', version: '1.0' }), '1.0');
    const otherInit = join(site, 'other', '__init__.py');
    expect(existsSync(otherInit)).toBe(true);
    const foreign = buildWheel({
      name: 'uu',
      version: '1.0',
      extraRecordRows: ['other/__init__.py,,', '../../../bin/python3,,'],
    });
    await expect(install(interpreter, foreign, '1.0')).rejects.toThrow(
      'uu-1.0-py3-none-any.whl: "other/__init__.py": refused: RECORD lists this path but the wheel does not contain it',
    );
    expect(existsSync(join(site, 'uu'))).toBe(false);
    // Upgrading to a clean 2.0 leaves the other distribution and the interpreter alone.
    await install(interpreter, buildWheel({ name: 'uu', version: '2.0' }), '2.0');
    expect(existsSync(otherInit)).toBe(true);
    expect(existsSync(join(venv, 'bin', 'python3'))).toBe(true);
    expect(readFileSync(join(site, 'uu-2.0.dist-info', 'RECORD'), 'utf8')).not.toContain('other/');
  }, 120_000);

  it('accept RECORD.jws / RECORD.p7s rows without the files (signatures are optional)', async () => {
    const venv = makeVenv(join(work, 'venv2'), { withoutPip: true });
    if (venv === undefined) return;
    const interpreter = await probeInterpreter(venvPython(venv));
    if (!interpreter.isVirtualEnv) throw new Error('refusing to install outside a test venv');
    const wheel = buildWheel({
      name: 'signed',
      version: '1.0',
      extraRecordRows: ['signed-1.0.dist-info/RECORD.jws,,', 'signed-1.0.dist-info/RECORD.p7s,,'],
    });
    const summary = await install(interpreter, wheel, '1.0');
    expect(summary.installed.map((d) => d.name)).toEqual(['signed']);
  }, 120_000);
});
