/**
 * Two requirement lines for one project with different `--config-settings` (review 15a F10): the
 * build gets what the real pip gives it — the first line's settings only (pip's template
 * requirement, src/build/template-build-options.ts). An sdist with an in-tree PEP 517 backend
 * records the config_settings each build receives; `wheelhouse fetch` (from src, in a child process,
 * the machine's python3 as the frontend) and `python3 -m pip wheel` build from the same file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cliFromSource } from '../helpers/cli-from-source.js';

const BACKEND = `import json, os, zipfile
META = 'Metadata-Version: 2.1\\nName: pkgc\\nVersion: 1.0\\n'
def get_requires_for_build_wheel(config_settings=None):
    return []
def prepare_metadata_for_build_wheel(d, config_settings=None):
    os.makedirs(os.path.join(d, 'pkgc-1.0.dist-info'))
    open(os.path.join(d, 'pkgc-1.0.dist-info', 'METADATA'), 'w').write(META)
    return 'pkgc-1.0.dist-info'
def build_wheel(d, config_settings=None, metadata_directory=None):
    with open(os.environ['CS_OUT'], 'a') as f:
        f.write(json.dumps(config_settings, sort_keys=True) + '\\n')
    name = 'pkgc-1.0-py3-none-any.whl'
    with zipfile.ZipFile(os.path.join(d, name), 'w') as z:
        z.writestr('pkgc-1.0.dist-info/METADATA', META)
        z.writestr('pkgc-1.0.dist-info/WHEEL', 'Wheel-Version: 1.0\\nGenerator: t\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n')
        z.writestr('pkgc-1.0.dist-info/RECORD', '')
    return name
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-cs-lines-'));
  const src = join(work, 'src', 'pkgc-1.0');
  mkdirSync(src, { recursive: true });
  mkdirSync(join(work, 'links'));
  writeFileSync(
    join(src, 'pyproject.toml'),
    '[build-system]\nrequires = []\nbuild-backend = "be"\nbackend-path = ["."]\n',
  );
  writeFileSync(join(src, 'be.py'), BACKEND);
  writeFileSync(join(src, 'PKG-INFO'), 'Metadata-Version: 2.2\nName: pkgc\nVersion: 1.0\n');
  execFileSync('tar', ['-czf', join(work, 'links', 'pkgc-1.0.tar.gz'), '-C', join(work, 'src'), 'pkgc-1.0']);
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function env(out: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: join(work, 'home'),
    XDG_CACHE_HOME: join(work, 'xdg-cache'),
    PIP_CONFIG_FILE: '/dev/null',
    // pip's own wheel cache would skip the second build of the same sdist.
    PIP_NO_CACHE_DIR: '1',
    CS_OUT: out,
    NODE_OPTIONS: '',
  };
}

function recorded(out: string): string[] {
  return existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n') : [];
}

/** The config_settings the build got from pip, then from wheelhouse, for the same requirements file. */
function both(
  name: string,
  requirements: string,
  extraEnv: Record<string, string> = {},
): { pip: string[]; ours: string[] } {
  const req = join(work, `${name}.txt`);
  writeFileSync(req, requirements);
  const pipOut = join(work, `${name}.pip.jsonl`);
  execFileSync(
    'python3',
    [
      '-m',
      'pip',
      'wheel',
      '-q',
      '--no-deps',
      '--no-index',
      '-f',
      join(work, 'links'),
      '-w',
      join(work, `${name}-pip`),
      '-r',
      req,
    ],
    { env: { ...env(pipOut), ...extraEnv }, stdio: 'ignore', timeout: 120_000 },
  );
  const oursOut = join(work, `${name}.ours.jsonl`);
  const run = spawnSync(
    process.execPath,
    cliFromSource(
      'fetch',
      '--no-index',
      '-f',
      join(work, 'links'),
      '--dest',
      join(work, `${name}-wh`),
      '--cache-dir',
      join(work, `${name}-cache`),
      '-r',
      req,
    ),
    { env: { ...env(oursOut), ...extraEnv }, encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0) throw new Error(`wheelhouse failed: ${run.stderr}`);
  return { pip: recorded(pipOut), ours: recorded(oursOut) };
}

describe('--config-settings on two lines for one project (review 15a F10)', () => {
  it("the first line's settings, as pip", () => {
    const got = both(
      'first',
      'pkgc --config-settings=a=1\npkgc --config-settings=b=2 --config-settings=a=3\n',
    );
    expect(got.pip).toEqual(['{"a": "1"}']);
    expect(got.ours).toEqual(got.pip);
  }, 300_000);

  it('a first line without settings: none, as pip', () => {
    const got = both('none-first', 'pkgc\npkgc -C a=1\n');
    expect(got.pip).toEqual(['null']);
    expect(got.ours).toEqual(got.pip);
  }, 300_000);

  it('a first line whose marker is false does not count', () => {
    const got = both('marker', 'pkgc ; python_version < "3" -C a=1\npkgc -C b=1 -C b=2\n');
    expect(got.pip).toEqual(['{"b": ["1", "2"]}']);
    expect(got.ours).toEqual(got.pip);
  }, 300_000);
});

describe("pip's configured config-settings (pip.conf, PIP_CONFIG_SETTINGS) with requirement files", () => {
  // pip 23.2 and 26 give options.config_settings only to command-line requirements and editables
  // (cli/req_command.py get_requirements); a requirements file's lines get their own -C only.
  // wheelhouse's requirements always come from files: the configuration's settings never apply.
  it('pip.conf config-settings: not applied to -r lines, as pip', () => {
    const conf = join(work, 'cs-pip.conf');
    writeFileSync(conf, '[global]\nconfig-settings = a=9\n[wheel]\nconfig-settings = c=7\n');
    const got = both('conf', 'pkgc\n', { PIP_CONFIG_FILE: conf });
    expect(got.pip).toEqual(['null']);
    expect(got.ours).toEqual(got.pip);
  }, 300_000);
  it("PIP_CONFIG_SETTINGS: not applied; a line's own -C still is", () => {
    const got = both('env', 'pkgc -C b=1\n', { PIP_CONFIG_SETTINGS: 'a=9' });
    expect(got.pip).toEqual(['{"b": "1"}']);
    expect(got.ours).toEqual(got.pip);
  }, 300_000);
});
