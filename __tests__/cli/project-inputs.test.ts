/**
 * `-r pyproject.toml` with `--extra`/`--all-extras`/`--group`, and `-e .` / `./pkg` local projects,
 * through the CLI shell in-process against the test index server (issue 11, §2).
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse as parseToml } from 'smol-toml';
import { FIXTURE_TARGET as TARGET, useFixtureIndex } from '../helpers/fixture-index.js';
import { writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';

const fx = useFixtureIndex({ workPrefix: 'wh-project-' });

const cli = (argv: string[]) => runCliCaptured(argv, { env: { HOME: fx.work }, cwd: fx.work });
const pins = (lock: string) => lock.split('\n').filter((l) => l.includes('=='));

const PYPROJECT = `
[project]
name = "my-app"
version = "0.1"
dependencies = ["util<2.1"]

[project.optional-dependencies]
libs = ["lib==1.0"]
everything = ["my_app[libs]", "big"]

[dependency-groups]
test = ["app", {include-group = "bulk"}]
bulk = ["big"]
`;

async function writePyproject(dir: string, text = PYPROJECT): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'pyproject.toml'), text);
}

describe('-r pyproject.toml', () => {
  it('resolves [project] dependencies alone', async () => {
    await writePyproject(fx.work);
    const r = await cli(['resolve', '-r', 'pyproject.toml', '-i', fx.server.indexUrl, ...TARGET]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(pins(r.stdout)).toEqual(['util==2.0 \\']);
  });

  it('--extra adds optional dependencies, expanding self-references', async () => {
    await writePyproject(fx.work);
    const r = await cli([
      'resolve',
      '-r',
      'pyproject.toml',
      '--extra',
      'everything',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
    ]);
    expect(r.code).toBe(0);
    expect(pins(r.stdout)).toEqual(['big==1.0 \\', 'lib==1.0 \\', 'util==2.0 \\']);
    const all = await cli([
      'resolve',
      '-r',
      'pyproject.toml',
      '--all-extras',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
    ]);
    expect(pins(all.stdout)).toEqual(pins(r.stdout));
  });

  it('--group adds a PEP 735 group with its include-group', async () => {
    await writePyproject(fx.work);
    const r = await cli([
      'resolve',
      '-r',
      'pyproject.toml',
      '--group',
      'test',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
    ]);
    expect(r.stderr).not.toContain('error');
    expect(pins(r.stdout)).toEqual(['app==1.0 \\', 'big==1.0 \\', 'lib==1.1 \\', 'util==2.0 \\']);
  });

  it('a pyproject.toml with only [dependency-groups] works with --group', async () => {
    await writePyproject(fx.work, '[dependency-groups]\ndev = ["util"]\n');
    const r = await cli([
      'resolve',
      '-r',
      'pyproject.toml',
      '--group',
      'dev',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
    ]);
    expect(pins(r.stdout)).toEqual(['util==2.1 \\']);
  });

  it.each([
    [['--extra', 'nope'], PYPROJECT, '--extra nope: no project.optional-dependencies.nope in pyproject.toml'],
    [['--group', 'docs'], PYPROJECT, '--group docs: no dependency-groups.docs in pyproject.toml'],
    [
      ['--group', 'a'],
      '[dependency-groups]\na = [{include-group = "a"}]\n',
      'pyproject.toml: dependency-groups.a[0]: include-group cycle: a -> a',
    ],
    [
      [],
      '[project]\nname = "x"\ndependencies = ["ok", "no good"]\n',
      'pyproject.toml: project.dependencies[1]: invalid requirement "no good"',
    ],
    [[], '[project\nname = "x"\n', 'pyproject.toml:1:'],
    [[], '[tool.black]\nline-length = 3\n', 'pyproject.toml: project: is missing'],
  ])('%j is exit 2 naming the file and key', async (extra, text, message) => {
    await writePyproject(fx.work, text);
    const r = await cli(['resolve', '-r', 'pyproject.toml', ...extra, '-i', fx.server.indexUrl, ...TARGET]);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(2);
    expect(fx.server.counters.requests).toBe(0);
  });

  it('--extra without a pyproject input is a clear error', async () => {
    await writeRequirements(fx.work, ['app']);
    const r = await cli([
      'resolve',
      '-r',
      'requirements.txt',
      '--extra',
      'x',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--extra, --all-extras and --group select from a pyproject.toml');
  });
});

describe('local projects: -e . and ./path', () => {
  it('resolves their dependencies, keeps them out of the wheelhouse, and the locks say how to install them', async () => {
    await writePyproject(fx.work);
    await writePyproject(
      join(fx.work, 'libs', 'helper'),
      '[project]\nname = "helper"\ndependencies = ["app"]\n',
    );
    await writeRequirements(fx.work, ['-e .[libs]', './libs/helper', 'my-app']);
    const r = await cli([
      'fetch',
      '-r',
      'requirements.txt',
      '-i',
      fx.server.indexUrl,
      ...TARGET,
      '--dest',
      'wh',
      '--no-cache',
    ]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const files = (await readdir(join(fx.work, 'wh'))).filter((f) => f.endsWith('.whl')).sort();
    expect(files).toEqual([
      'app-1.0-py3-none-any.whl',
      'lib-1.0-py3-none-any.whl',
      'util-2.0-py3-none-any.whl',
    ]);
    const lock = await readFile(join(fx.work, 'wh', 'requirements.lock'), 'utf8');
    expect(pins(lock)).toEqual(['app==1.0 \\', 'lib==1.0 \\', 'util==2.0 \\']);
    expect(lock).toContain('pip install --no-index --find-links DIR --no-deps -e .[libs]');
    expect(lock).toContain('pip install --no-index --find-links DIR --no-deps ./libs/helper');
    const pylock = parseToml(await readFile(join(fx.work, 'wh', 'pylock.toml'), 'utf8')) as {
      packages: { name: string; directory?: { path: string; editable: boolean } }[];
    };
    // PEP 751: a directory path is relative to the lock file's directory (wh/), not to the
    // working directory the requirements file's paths are read from (review 15c F6).
    expect(pylock.packages.filter((p) => p.directory !== undefined)).toEqual([
      { name: 'helper', directory: { path: '../libs/helper', editable: false } },
      { name: 'my-app', directory: { path: '..', editable: true } },
    ]);
  });

  it('a local path without pyproject.toml is an error naming the line', async () => {
    await mkdir(join(fx.work, 'legacy'));
    await writeRequirements(fx.work, ['app', '-e ./legacy']);
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('requirements.txt:2: local project "./legacy" has no pyproject.toml');
    expect(r.stderr).not.toContain('internal error');
  });

  it('a local archive is still refused', async () => {
    await writeRequirements(fx.work, ['./dist/pkg-1.0.tar.gz']);
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'requirements.txt:1: local path requirement ./dist/pkg-1.0.tar.gz cannot be resolved',
    );
  });
});

describe("pip's configuration", () => {
  // pip's configuration files outside the fx.work directory (the machine's) read as absent.
  const outside = (p: string) =>
    Promise.reject(Object.assign(new Error(`not read: ${p}`), { code: 'ENOENT' }));
  const pipConfigFs = {
    readFile: (p: string, enc: 'utf8') => (p.startsWith(fx.work) ? readFile(p, enc) : outside(p)),
    stat: (p: string) => (p.startsWith(fx.work) ? stat(p) : outside(p)),
  };
  const run = (argv: string[], env: Record<string, string>) =>
    runCliCaptured(argv, { env: { HOME: fx.work, ...env }, cwd: fx.work, pipConfigFs });

  it('PIP_INDEX_URL is the index when no option names one; the log says so; --isolated ignores it', async () => {
    await writeRequirements(fx.work, ['app']);
    const r = await run(['resolve', '-r', 'requirements.txt', ...TARGET], {
      PIP_INDEX_URL: fx.server.indexUrl,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`index ${fx.server.indexUrl} (from PIP_INDEX_URL)`);
    expect(pins(r.stdout)).toEqual(['app==1.0 \\', 'lib==1.1 \\', 'util==2.1 \\']);
    const explicit = await run(['resolve', '-r', 'requirements.txt', '-i', fx.server.indexUrl, ...TARGET], {
      PIP_INDEX_URL: 'http://127.0.0.1:9/nothing/',
    });
    expect(explicit.code).toBe(0);
    expect(explicit.stderr).toContain('(from --index-url)');
    const isolated = await run(['resolve', '-r', 'requirements.txt', '--isolated', '--no-index', ...TARGET], {
      PIP_FIND_LINKS: fx.server.projectUrl('app'),
    });
    expect(isolated.code).toBe(2);
    expect(isolated.stderr).toContain('--no-index is set and no --find-links location is given');
  });

  it('a pip.conf named by PIP_CONFIG_FILE: [install] find-links and no-index, named in the log', async () => {
    await writeRequirements(fx.work, ['util']);
    const conf = join(fx.work, 'pip.conf');
    await writeFile(
      conf,
      `[global]\nno-index = true\n[install]\nfind-links = ${fx.server.projectUrl('util')}\n`,
    );
    const r = await run(['resolve', '-r', 'requirements.txt', ...TARGET, '-v'], { PIP_CONFIG_FILE: conf });
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`index: no index (--no-index from ${conf} [global] no-index)`);
    expect(r.stderr).toContain(`pip configuration files read: ${conf}`);
    expect(pins(r.stdout)).toEqual(['util==2.1 \\']);
  });
});
