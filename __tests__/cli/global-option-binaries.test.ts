/**
 * A `--global-option` on a requirement or constraint line makes pip 23.2 take no binary distribution at all
 * ("Implying --no-binary=:all: due to the presence of --build-option / --global-option",
 * req_install.py `check_legacy_setup_py_options`): the project resolves to its sdist although a
 * wheel is there. wheelhouse does the same and says so (review 2 s11 #4). Both sides offline, against
 * one find-links directory holding pkgx's wheel and its sdist (an in-tree PEP 517 backend that
 * gives metadata only); pip's configuration isolated.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { buildWheel } from '../helpers/dists.js';

const BACKEND = [
  'import os',
  'def get_requires_for_build_wheel(config_settings=None): return []',
  'def prepare_metadata_for_build_wheel(d, config_settings=None):',
  "    os.mkdir(os.path.join(d, 'pkgx-1.0.dist-info'))",
  "    open(os.path.join(d, 'pkgx-1.0.dist-info', 'METADATA'), 'w').write('Metadata-Version: 2.1\\nName: pkgx\\nVersion: 1.0\\n')",
  "    return 'pkgx-1.0.dist-info'",
  "def build_wheel(d, config_settings=None, metadata_directory=None): raise RuntimeError('metadata only')",
  '',
].join('\n');

let work: string;
function isolatedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^PIP_/i.test(k)) env[k] = v;
  return { ...env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', HOME: work };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'wh-global-option-'));
  const src = join(work, 'src', 'pkgx-1.0');
  mkdirSync(src, { recursive: true });
  mkdirSync(join(work, 'links'));
  writeFileSync(join(src, 'PKG-INFO'), 'Metadata-Version: 2.1\nName: pkgx\nVersion: 1.0\n');
  writeFileSync(
    join(src, 'pyproject.toml'),
    '[build-system]\nrequires = []\nbuild-backend = "backend"\nbackend-path = ["."]\n',
  );
  writeFileSync(join(src, 'backend.py'), BACKEND);
  execFileSync('tar', ['-czf', join(work, 'links', 'pkgx-1.0.tar.gz'), '-C', join(work, 'src'), 'pkgx-1.0']);
  const wheel = buildWheel({ name: 'pkgx', version: '1.0' });
  writeFileSync(join(work, 'links', wheel.filename), wheel.bytes);
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

// pip 23.2 looks for `--global-option` on every line it parsed before evaluating any marker:
// constraint lines (review 3 s11 #5) and lines whose marker is false (then ignored) count too.
describe('--global-option on a requirement or constraint line', () => {
  it.each([
    ['pkgx --global-option=--no-user-cfg\n', '', 'pkgx-1.0.tar.gz'],
    ['pkgx\n', '', 'pkgx-1.0-py3-none-any.whl'],
    ['pkgx\n', 'pkgx --global-option=--no-user-cfg\n', 'pkgx-1.0.tar.gz'],
    ['pkgx\nother ; python_version < "3" --global-option=--quiet\n', '', 'pkgx-1.0.tar.gz'],
    ['pkgx\n', 'pkgx ; python_version < "3" --global-option=--quiet\n', 'pkgx-1.0.tar.gz'],
    ['pkgx\n', 'pkgx -C k=v\n', 'pkgx-1.0-py3-none-any.whl'],
  ])(
    'requirements %j, constraints %j: the file pip 23.2 takes',
    async (line, constraint, expected) => {
      const dir = mkdtempSync(join(work, 'case-'));
      const req = join(dir, 'req.txt');
      writeFileSync(req, line);
      const cons = join(dir, 'cons.txt');
      writeFileSync(cons, constraint);
      const out = join(dir, 'pip');
      const pipRun = spawnSync(
        'python3',
        [
          '-m',
          'pip',
          'download',
          '--no-deps',
          '--no-index',
          '--no-build-isolation',
          '-f',
          join(work, 'links'),
          '-d',
          out,
          '-r',
          req,
          '-c',
          cons,
        ],
        { env: isolatedEnv(), encoding: 'utf8', timeout: 120_000 },
      );
      expect(readdirSync(out)).toEqual([expected]);
      const report = join(dir, 'report.json');
      const run = await runCliCaptured(
        ['resolve', '--no-index', '-f', join(work, 'links'), '--report', report, '-r', req, '-c', cons],
        { env: isolatedEnv(), cwd: work },
      );
      expect(run.code).toBe(0);
      const got = (
        JSON.parse(readFileSync(report, 'utf8')) as { install: { download_info: { url: string } }[] }
      ).install.map((i) => i.download_info.url.split('/').at(-1));
      expect(got).toEqual([expected]);
      const implied = /--global-option implies --no-binary :all:/.test(run.stderr);
      expect(implied).toBe(expected.endsWith('.tar.gz'));
      expect(pipRun.stderr.includes('Implying --no-binary=:all:')).toBe(implied);
    },
    240_000,
  );
});

describe("a requirement file's -i over the command line's", () => {
  it('is used, as pip does, and the run says the given index was replaced', async () => {
    const req = join(work, 'req-index.txt');
    writeFileSync(req, '-i http://127.0.0.1:9/from-file/simple/\npkgx\n');
    const run = await runCliCaptured(
      ['resolve', '-i', 'http://127.0.0.1:9/from-cli/simple/', '--retries', '0', '-r', req],
      { env: isolatedEnv(), cwd: work },
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("a requirement file's -i replaces the index and extra indexes given");
    expect(run.stderr).toContain('from-file');
    expect(run.stderr).not.toContain('from-cli/simple/pkgx');
  }, 60_000);
});
