/**
 * stage-metadata.ts through the real installer into a temp venv: the launchers generated from a
 * wheel's entry points.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel } from '../helpers/dists.js';
import { makeVenv, venvPython } from '../helpers/python-venv.js';
import { openInstaller } from '../../src/install/installer.js';
import { probeInterpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';

const work = mkdtempSync(join(tmpdir(), 'wh-stage-metadata-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let venv: string | undefined;
beforeAll(() => {
  venv = makeVenv(join(work, 'venv'), { withoutPip: true });
}, 120_000);

it('a name in both console_scripts and gui_scripts gets the gui launcher, as pip (review 14a F7)', async () => {
  if (venv === undefined) return;
  // pip 23.2 makes the console launchers, then the gui ones (ScriptMaker.make_multiple twice,
  // clobber=True): the gui entry's launcher is the one left (checked by the reviewer with pip).
  const wheel = buildWheel({
    name: 'dup',
    version: '1.0',
    files: [{ path: 'dup/cli.py', text: 'def main(): pass\ndef gui(): pass\n' }],
    entryPoints: '[console_scripts]\ndup-tool = dup.cli:main\n\n[gui_scripts]\ndup-tool = dup.cli:gui\n',
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
    name: 'dup',
    version: '1.0',
    requested: true,
  });
  await installer.finish();
  const launcher = readFileSync(join(interpreter.paths.scripts, 'dup-tool'), 'utf8');
  expect(launcher).toContain('from dup.cli import gui');
  expect(launcher).not.toContain('from dup.cli import main');
}, 120_000);
