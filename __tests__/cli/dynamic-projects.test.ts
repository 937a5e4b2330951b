/**
 * Dynamic project dependencies through the CLI (issue 11, §2): a pyproject.toml whose dependencies
 * setup.py computes, and a setup.py-only local project, are read through the machine's python3 pip
 * as the PEP 517 frontend — build isolation installs setuptools from the test index only.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { fixtureWheels, servedProjectsOf, writeRequirements } from '../helpers/fetch-fixture.js';
import { runCliCaptured } from '../helpers/cli-capture.js';
import { findBackendWheels } from '../helpers/setuptools-sdists.js';

const backends = findBackendWheels();
const maybe = backends === undefined ? describe.skip : describe;
if (backends === undefined) {
  console.warn('dynamic-projects: skipped — no python3, or no setuptools wheel on this machine');
}

let server: IndexServer;
let work: string;

beforeAll(async () => {
  server = await startIndexServer({ projects: [...servedProjectsOf(fixtureWheels()), ...(backends ?? [])] });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  server.reset();
  work = await mkdtemp(join(tmpdir(), 'wh-dynamic-'));
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const TARGET = ['--python-version', '3.11', '--platform', 'manylinux_2_17_x86_64'];
const cli = (argv: string[]) =>
  runCliCaptured(argv, { env: { HOME: work, PATH: process.env['PATH'] ?? '' }, cwd: work });
const pins = (lock: string) => lock.split('\n').filter((l) => l.includes('=='));

const SETUP_PY = [
  'from setuptools import setup',
  'setup(py_modules=[], packages=[],',
  '      install_requires=["util" + "<2.1"],',
  '      extras_require={"libs": ["lib==1.0"], "all": ["dyn[libs]", "big"]})',
].join('\n');

maybe('dynamic dependencies through the frontend', () => {
  it('-r pyproject.toml with dynamic dependencies and --extra', async () => {
    await writeFile(
      join(work, 'pyproject.toml'),
      '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "dyn"\nversion = "0.1"\ndynamic = ["dependencies", "optional-dependencies"]\n',
    );
    await writeFile(join(work, 'setup.py'), `${SETUP_PY}\n`);
    const r = await cli([
      'resolve',
      '-r',
      'pyproject.toml',
      '--extra',
      'all',
      '-i',
      server.indexUrl,
      ...TARGET,
    ]);
    expect(r.stderr).toContain('pyproject.toml: dependencies are dynamic; asking');
    expect(r.code).toBe(0);
    expect(pins(r.stdout)).toEqual(['big==1.0 \\', 'lib==1.0 \\', 'util==2.0 \\']);
    const bad = await cli([
      'resolve',
      '-r',
      'pyproject.toml',
      '--extra',
      'nope',
      '-i',
      server.indexUrl,
      ...TARGET,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'pyproject.toml: the project\'s metadata has no extra "nope" (extras: all, libs)',
    );
  }, 180_000);

  it('-e ./legacy: a setup.py-only project is resolved for its dependencies and named in the lock', async () => {
    await mkdir(join(work, 'legacy'));
    await writeFile(
      join(work, 'legacy', 'setup.py'),
      `${SETUP_PY.replace('setup(', 'setup(name="legacy-pkg", version="2.0", ')}\n`,
    );
    await writeRequirements(work, ['-e ./legacy[libs]']);
    const r = await cli(['resolve', '-r', 'requirements.txt', '-i', server.indexUrl, ...TARGET]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(pins(r.stdout)).toEqual(['lib==1.0 \\', 'util==2.0 \\']);
    expect(r.stdout).toContain('--no-deps -e ./legacy[libs]   (legacy-pkg, from requirements.txt:1)');
  }, 180_000);
});
