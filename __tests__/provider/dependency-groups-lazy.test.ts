/**
 * Review 18a F12: an invalid requirement in a dependency group nobody asked for does not fail the
 * run (the Dependency Groups specification, "Validation and Compatibility": tools SHOULD NOT
 * eagerly validate the list contents of all groups). Differential against pip 26 (bench/.venv,
 * `pip install --group`) when that venv is present; the asked group's own error still fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { pipReportArgs, pipRunEnv, runCliCaptured } from '../helpers/cli-capture.js';

const work = mkdtempSync(join(tmpdir(), 'wh-groups-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const links = join(work, 'links');
mkdirSync(links);
for (const name of ['iii', 'kkk']) {
  const w = buildWheel({ name, version: '1.0' });
  writeFileSync(join(links, w.filename), w.bytes);
}
writeFileSync(
  join(work, 'pyproject.toml'),
  '[project]\nname = "app"\nversion = "0.1"\ndependencies = ["kkk"]\n\n[dependency-groups]\ntest = ["iii"]\nbroken = ["jjj >>>= 1"]\n',
);

const names = (file: string): string[] =>
  (JSON.parse(readFileSync(file, 'utf8')) as { install: { metadata: { name: string } }[] }).install
    .map((i) => i.metadata.name.toLowerCase())
    .sort();

async function wheelhouse(...args: string[]) {
  return runCliCaptured(
    ['resolve', '--no-index', '-f', links, '-r', 'pyproject.toml', '--python-version', '3.11', ...args],
    { env: { HOME: work, PIP_CONFIG_FILE: '/dev/null' }, cwd: work } as never,
  );
}

describe('an unused broken dependency group (review 18a F12)', () => {
  it('--group test: resolved; no group: resolved; --group broken: the error at its key', async () => {
    const a = await wheelhouse('--group', 'test', '--report', 'wh-test.json');
    expect(`${a.code} ${a.stderr}`).toMatch(/^0 /);
    expect(names(join(work, 'wh-test.json'))).toEqual(['iii', 'kkk']);
    const b = await wheelhouse('--report', 'wh-none.json');
    expect(`${b.code} ${b.stderr}`).toMatch(/^0 /);
    expect(names(join(work, 'wh-none.json'))).toEqual(['kkk']);
    const c = await wheelhouse('--group', 'broken');
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('dependency-groups.broken[0]');
  });

  const pip26 = resolve('bench/.venv/bin/python');
  (existsSync(pip26) ? it : it.skip)(
    'pip 26 `install --group pyproject.toml:test` installs the same',
    async () => {
      const pip = spawnSync(
        pip26,
        pipReportArgs(
          'pip-test.json',
          '--no-index',
          '-f',
          links,
          '--group',
          'pyproject.toml:test',
          '-r',
          '/dev/null',
        ),
        { cwd: work, encoding: 'utf8', env: pipRunEnv(work) },
      );
      expect(`${pip.status} ${pip.stderr}`).toMatch(/^0 /);
      const ours = await wheelhouse('--group', 'test', '--report', 'wh-test2.json');
      expect(`${ours.code} ${ours.stderr}`).toMatch(/^0 /);
      // pip's --group installs the group only (not the project's dependencies).
      expect(names(join(work, 'pip-test.json'))).toEqual(['iii']);
      expect(names(join(work, 'wh-test2.json')).filter((n) => n !== 'kkk')).toEqual(['iii']);
    },
  );
});
