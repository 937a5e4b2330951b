/**
 * A wheel whose paths differ only in case, on a case-insensitive file system (macOS APFS, Windows
 * NTFS): wheelhouse stages what pip's member-by-member writes leave there (case-fold.ts). No such
 * file system exists on this machine, so the installer is told the file system ignores case (its
 * test seam) and the tree it makes on this one must be the tree pip's writes leave on such a file
 * system: one directory per folded path, spelled as first made; a later member of the same folded
 * path replacing an earlier one; RECORD listing every member as the wheel spells it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWheel } from '../helpers/dists.js';
import { landingSubpaths } from '../../src/install/case-fold.js';
import { checkInstallTarget } from '../../src/install/install-target.js';
import { openInstaller } from '../../src/install/installer.js';
import { probeInterpreter, type Interpreter } from '../../src/install/interpreter.js';
import { silentLogger } from '../../src/util/logger.js';
import { makeVenv, pipEnv, python, venvPython, writeWheel } from './install-harness.js';

describe('landingSubpaths', () => {
  it('spells each directory as first made and lets a later member replace an earlier one of the same path', () => {
    const at = (subpath: string, root = '/site') => ({ root, subpath });
    expect(
      landingSubpaths([
        at('Foo/a.py'),
        at('foo/b.py'),
        at('FOO/Sub/c.txt'),
        at('foo/sub/C.TXT'),
        at('foo/b.py', '/scripts'), // another scheme root: its own tree
        at('top.py'),
        at('TOP.py'),
      ]),
    ).toEqual(['Foo/a.py', 'Foo/b.py', undefined, 'Foo/Sub/C.TXT', 'foo/b.py', undefined, 'TOP.py']);
  });
});

describe('installing onto a case-insensitive file system', () => {
  let work: string;
  let venv: string | undefined;
  let interpreter: Interpreter;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'wh-casefold-'));
    venv = makeVenv(join(work, 'venv'), { withoutPip: true });
    if (venv !== undefined) interpreter = await probeInterpreter(venvPython(venv), { env: pipEnv() });
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('the probe finds that this machine does not ignore case', async () => {
    if (venv === undefined) return console.warn('skipped: no python3 with the venv module');
    expect((await checkInstallTarget(interpreter, false)).caseInsensitive).toBe(false);
  });

  it('lands the members where pip writes them, and RECORD lists each as the wheel spells it', async () => {
    if (venv === undefined) return console.warn('skipped: no python3 with the venv module');
    const wheel = buildWheel({
      name: 'casey',
      version: '1.0',
      noInit: true,
      files: [
        { path: 'Casey/__init__.py', text: '' },
        { path: 'Casey/a.py', text: 'A = 1\n' },
        { path: 'casey/b.py', text: 'B = 2\n' },
        { path: 'Casey/sub/c.txt', text: 'first\n' },
        { path: 'casey/SUB/c.txt', text: 'second\n' },
      ],
    });
    mkdirSync(join(work, 'wheels'), { recursive: true });
    const wheelPath = writeWheel(join(work, 'wheels'), wheel);
    const sha256 = createHash('sha256').update(wheel.bytes).digest('hex');
    const installer = await openInstaller({
      interpreter,
      logger: silentLogger,
      env: pipEnv(),
      caseInsensitive: true,
    });
    void installer.add({
      wheelPath,
      filename: wheel.filename,
      sha256,
      name: 'casey',
      version: '1.0',
      requested: true,
    });
    await installer.finish();
    const site = interpreter.paths.purelib;
    expect(readdirSync(site).filter((n) => n.toLowerCase() === 'casey')).toEqual(['Casey']);
    expect(readdirSync(join(site, 'Casey')).sort()).toEqual(['__init__.py', 'a.py', 'b.py', 'sub']);
    expect(readFileSync(join(site, 'Casey', 'sub', 'c.txt'), 'utf8')).toBe('second\n');
    const record = readFileSync(join(site, 'casey-1.0.dist-info', 'RECORD'), 'utf8');
    for (const row of ['Casey/a.py,', 'casey/b.py,', 'Casey/sub/c.txt,', 'casey/SUB/c.txt,'])
      expect(record).toContain(`\n${row}`);
    expect(python(venv, 'import Casey.a, Casey.b; print(Casey.b.B)')).toBe('2\n');
  }, 120_000);
});
