/**
 * Review 18a F10: a local project's `requires-python` (a pyproject.toml input, `-e ./proj`) is
 * checked against the target as pip checks it before installing the project (pip 23.2:
 * "Package 'newproj' requires a different Python: 3.11.7 not in '>=3.12'"). Differential against
 * the machine's pip 23.2 (isolated).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildWheel } from '../helpers/dists.js';
import { pipRunEnv, runCliCaptured } from '../helpers/cli-capture.js';

const work = mkdtempSync(join(tmpdir(), 'wh-project-python-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const links = join(work, 'links');
mkdirSync(links);
const hhh = buildWheel({ name: 'hhh', version: '1.0' });
writeFileSync(join(links, hhh.filename), hhh.bytes);
for (const [dir, rp] of [
  ['new', '>=3.12'],
  ['ok', '>=3.8'],
] as const) {
  mkdirSync(join(work, dir));
  writeFileSync(
    join(work, dir, 'pyproject.toml'),
    `[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n\n[project]\nname = "${dir}proj"\nversion = "0.1"\nrequires-python = "${rp}"\ndependencies = ["hhh"]\n`,
  );
  // An in-tree PEP 517/660 backend that prepares the metadata (pip checks Requires-Python there).
  writeFileSync(
    join(work, dir, 'backend.py'),
    [
      'import os',
      'def _meta(d):',
      "    m = os.path.join(d, '" + dir + "proj-0.1.dist-info')",
      '    os.makedirs(m)',
      "    open(os.path.join(m, 'METADATA'), 'w').write('Metadata-Version: 2.1\\nName: " +
        dir +
        'proj\\nVersion: 0.1\\nRequires-Python: ' +
        rp +
        "\\nRequires-Dist: hhh\\n')",
      "    return '" + dir + "proj-0.1.dist-info'",
      'def get_requires_for_build_wheel(config_settings=None): return []',
      'def get_requires_for_build_editable(config_settings=None): return []',
      'def prepare_metadata_for_build_wheel(d, config_settings=None): return _meta(d)',
      'def prepare_metadata_for_build_editable(d, config_settings=None): return _meta(d)',
      'def build_wheel(*a, **k): raise RuntimeError("not built in a dry run")',
      'def build_editable(*a, **k): raise RuntimeError("not built in a dry run")',
      '',
    ].join('\n'),
  );
  writeFileSync(join(work, `req-${dir}.txt`), `-e ./${dir}\n`);
}

async function wheelhouse(...args: string[]) {
  return runCliCaptured(['resolve', '--no-index', '-f', links, '--python-version', '3.11', ...args], {
    env: { HOME: work, PIP_CONFIG_FILE: '/dev/null' },
    cwd: work,
  } as never);
}

describe("a local project's requires-python (review 18a F10)", () => {
  it('pip 23.2 refuses -e ./new on Python 3.11', () => {
    const pip = spawnSync(
      'python3',
      [
        '-m',
        'pip',
        'install',
        '--dry-run',
        '--ignore-installed',
        '--no-index',
        '-f',
        links,
        '-r',
        'req-new.txt',
      ],
      { cwd: work, encoding: 'utf8', env: pipRunEnv(work) },
    );
    expect(pip.status).not.toBe(0);
    expect(pip.stderr).toContain('requires a different Python: 3.11.');
    expect(pip.stderr).toContain("not in '>=3.12'");
    const ok = spawnSync(
      'python3',
      [
        '-m',
        'pip',
        'install',
        '--dry-run',
        '--ignore-installed',
        '--no-index',
        '-f',
        links,
        '-r',
        'req-ok.txt',
      ],
      { cwd: work, encoding: 'utf8', env: pipRunEnv(work) },
    );
    expect(`${ok.status} ${ok.stderr}`).toMatch(/^0 /);
  });

  it.each([
    ['-r', 'req-new.txt'],
    ['-r', 'new/pyproject.toml'],
  ])('wheelhouse %s %s: exit 2, the project named', async (...args) => {
    const got = await wheelhouse(...args);
    expect(got.code).toBe(2);
    expect(got.stderr).toContain('project newproj requires a different Python: 3.11 not in ">=3.12"');
  });

  it.each([
    ['-r', 'req-ok.txt'],
    ['-r', 'ok/pyproject.toml'],
  ])('wheelhouse %s %s (>=3.8): resolves', async (...args) => {
    const got = await wheelhouse(...args);
    expect(`${got.code} ${got.stderr}`).toMatch(/^0 /);
  });
});
