/**
 * Review 18a F16: pip reads a requirements file with Python's `str.splitlines()`, which ends a line
 * at \n, \r, \v, \f, \x1c–\x1e, \x85, U+2028 and U+2029 — a value of the requirements lock's header
 * (a lock's local project path, the target description) holding one of them became a requirement
 * line pip installed, past `--no-index` and `--require-hashes`. Checked with the machine's pip 23.2
 * (isolated): the written lock installs exactly the locked package. A lock input whose local path
 * holds such a character is refused where it is read.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { writeLock } from '../../src/provider/lock-writer.js';
import { readLockInput } from '../../src/provider/lock-input.js';
import { targetEnvironment } from '../../src/provider/target.js';
import { LockFileError } from '../../src/standards/lock-files.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { buildWheel } from '../helpers/dists.js';
import { pipReportArgs, pipRunEnv, runCliCaptured } from '../helpers/cli-capture.js';
import { pkg } from './resolution-fixture.js';

/** Every character Python's str.splitlines() breaks at (its documentation's table). */
const BREAKS = ['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'];

const work = mkdtempSync(join(tmpdir(), 'wh-lock-breaks-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pythonLines(text: string): string[] {
  const got = spawnSync(
    'python3',
    ['-c', 'import sys, json; print(json.dumps(sys.stdin.buffer.read().decode("utf-8").splitlines()))'],
    { input: text, encoding: 'utf8' },
  );
  expect(got.stderr).toBe('');
  return JSON.parse(got.stdout) as string[];
}

describe('requirements lock header: no line breaks for pip (review 18a F16)', () => {
  it('the splitlines set is what python3 splits at', () => {
    for (const ch of BREAKS) expect(pythonLines(`a${ch}b`)).toEqual(['a', 'b']);
  });

  it.each(BREAKS.map((ch) => [ch.codePointAt(0)!.toString(16), ch]))(
    'U+%s in a local path, its origin and the target stays on its comment line',
    (_hex, ch) => {
      const text = writeLock(
        { packages: [pkg('ooo', '1.0')] },
        {
          target: `cp311${ch}evil==6.6.6`,
          localProjects: [
            {
              name: 'lib' as NormalizedName,
              path: `lib${ch}evil @ file:///x/evil-6.6.6-py3-none-any.whl --hash=sha256:${'e'.repeat(64)} #`,
              editable: true,
              extras: [],
              origin: `uv.lock${ch}evil==1`,
            },
          ],
        },
      );
      const lines = pythonLines(text);
      expect(lines).toEqual(text.split('\n').slice(0, -1));
      expect(lines.filter((l) => !l.startsWith('#') && !l.startsWith('    --hash'))).toEqual(['ooo==1.0 \\']);
      expect(lines.filter((l) => l.startsWith('#') && l.includes('evil @ file:'))).toHaveLength(1);
    },
  );

  it('pip 23.2 (isolated) installs exactly the locked package from the written lock', () => {
    const links = join(work, 'links');
    const elsewhere = join(work, 'evil');
    mkdirSync(links, { recursive: true });
    mkdirSync(elsewhere, { recursive: true });
    const ooo = buildWheel({ name: 'ooo', version: '1.0' });
    const evil = buildWheel({ name: 'evil', version: '6.6.6' });
    writeFileSync(join(links, ooo.filename), ooo.bytes);
    writeFileSync(join(elsewhere, evil.filename), evil.bytes);
    const evilUrl = pathToFileURL(join(elsewhere, evil.filename)).href;
    const lock = writeLock(
      { packages: [pkg('ooo', '1.0', { sha: ooo.sha256, filename: ooo.filename })] },
      {
        target: `cp311\u2029evil @ ${evilUrl} --hash=sha256:${evil.sha256} #`,
        localProjects: BREAKS.map((ch, i) => ({
          name: `lib${i}` as NormalizedName,
          path: `lib${ch}evil @ ${evilUrl} --hash=sha256:${evil.sha256} #`,
          editable: true,
          extras: [],
          origin: 'uv.lock',
        })),
      },
    );
    const file = join(work, 'requirements.lock');
    writeFileSync(file, lock);
    const report = join(work, 'pip.json');
    const pip = spawnSync(
      'python3',
      pipReportArgs(report, '--no-index', '--find-links', links, '--require-hashes', '-r', file),
      { cwd: work, encoding: 'utf8', env: pipRunEnv(work) },
    );
    expect(pip.stderr).toBe('');
    expect(pip.status).toBe(0);
    const installed = (
      JSON.parse(readFileSync(report, 'utf8')) as { install: { metadata: { name: string } }[] }
    ).install.map((i) => i.metadata.name);
    expect(installed).toEqual(['ooo']);
  });
});

describe('lock inputs: a local path with a control character or line break is refused', () => {
  const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' });
  const options = {
    target,
    selection: { extras: [], allExtras: false, groups: [] },
    mayUseWheel: () => true,
    mayUseSdist: () => true,
  };

  it.each(BREAKS.map((ch) => [ch.codePointAt(0)!.toString(16), ch]))(
    'pylock directory path with U+%s',
    (_h, ch) => {
      const text = [
        'lock-version = "1.0"',
        'created-by = "test"',
        '[[packages]]',
        'name = "lib"',
        '[packages.directory]',
        `path = ${JSON.stringify(`lib${ch}evil @ file:///x/evil-1.0-py3-none-any.whl #`)}`,
        '',
      ].join('\n');
      const read = () => readLockInput('pylock.toml', text, options);
      expect(read).toThrow(LockFileError);
      expect(read).toThrow('package lib: the local path');
      expect(read).toThrow('holds a control character or line break');
    },
  );

  it('uv.lock editable member path with U+2028, through the CLI: exit 2 naming the file', async () => {
    const dir = join(work, 'uv');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'uv.lock'),
      [
        'version = 1',
        'requires-python = ">=3.8"',
        '[[package]]',
        'name = "app"',
        'version = "0.1"',
        'source = { editable = "." }',
        'dependencies = [{ name = "lib" }]',
        '[[package]]',
        'name = "lib"',
        'version = "0.1"',
        `source = { editable = "lib\\u2028evil @ file:///x/evil-1.0-py3-none-any.whl #" }`,
        '',
      ].join('\n'),
    );
    const got = await runCliCaptured(['resolve', '-r', 'uv.lock', '--python-version', '3.11'], {
      env: { HOME: dir, PIP_CONFIG_FILE: '/dev/null' },
      cwd: dir,
    } as never);
    expect(got.code).toBe(2);
    expect(got.stderr).toContain('uv.lock');
    expect(got.stderr).toContain('holds a control character or line break');
  });
});
