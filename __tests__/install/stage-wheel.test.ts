/**
 * stage-wheel.ts through the real installer into a temp venv: members whose destinations
 * coincide once the scheme directories are known.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel, dataPath } from '../helpers/dists.js';
import { makeVenv, venvPython } from '../helpers/python-venv.js';
import { openInstaller, WheelInstallError } from '../../src/install/installer.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';

const work = mkdtempSync(join(tmpdir(), 'wh-stage-wheel-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let venv: string | undefined;
beforeAll(() => {
  venv = makeVenv(join(work, 'venv'), { withoutPip: true });
}, 120_000);

it('refuses a root member and a .data/platlib member of one destination (review 14a F2)', async () => {
  if (venv === undefined) return;
  // pip 23.2 writes root-scheme files, then .data ones (chain(files, other_scheme_files,
  // script_scheme_files)), so the .data member is left; wheelhouse placed the later one in
  // archive order. Refused, naming both.
  const wheel = buildWheel({
    name: 'ovl',
    version: '1.0',
    files: [
      { path: dataPath('ovl', '1.0', 'platlib', 'ovl_mod.py'), text: 'WHO = "data"\n' },
      { path: 'ovl_mod.py', text: 'WHO = "root"\n' },
    ],
  });
  const wheelPath = join(work, wheel.filename);
  writeFileSync(wheelPath, wheel.bytes);
  const interpreter = await probeInterpreter(venvPython(venv));
  if (!interpreter.isVirtualEnv) throw new Error('refusing to install outside a test venv');
  const installer = await openInstaller({ interpreter, logger: silentLogger, workers: 0 });
  void installer.add({
    wheelPath,
    filename: wheel.filename,
    sha256: wheel.sha256,
    name: 'ovl',
    version: '1.0',
    requested: true,
  });
  const error = await installer.finish().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WheelInstallError);
  expect((error as Error).message).toContain('refused: installs to the same file as');
  expect(existsSync(join(interpreter.paths.platlib, 'ovl_mod.py'))).toBe(false);
}, 120_000);
