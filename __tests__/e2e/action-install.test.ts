/**
 * `install: true` with the native installer, as child processes the way the runner runs the
 * action: into the active virtual environment (VIRTUAL_ENV, a fresh venv), which is also the
 * target; the console script it installed runs; the `installed` output and the job summary's
 * install phase are set; the files are hard links into the runner user's unpacked-wheel cache; a
 * second job is a no-op; a python-version input naming another Python
 * fails before anything is installed. The interpreter probe is kept beside the local cache
 * (`<cache dir>/probes`, src/install/probe-cache.ts) and read, not redone, by the next job.
 * Skipped with a message only where no python3 with venv exists.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { beforeAll, expect, it } from '@jest/globals';
import { OUTPUT_NAMES } from '../../src/action/outputs.js';
import { fixtureWheels, serveFixture, toolFixtureWheel } from '../helpers/fetch-fixture.js';
import { venvPython, venvRun } from '../helpers/python-venv.js';
import { runJob, runnerCacheDir, workflowCommands } from './action-harness.js';
import { useActionSuite } from './action-suite.js';

const suite = useActionSuite('wh-e2e-install-');

beforeAll(() => {
  serveFixture(suite.server, [...fixtureWheels(), toolFixtureWheel()]);
});

/** A venv without pip (the native installer needs none; quick to make), or undefined. */
function bareVenv(dir: string): string | undefined {
  for (const python of ['python3', 'python']) {
    try {
      execFileSync(python, ['-m', 'venv', '--without-pip', dir], { stdio: 'ignore', timeout: 120_000 });
      if (existsSync(venvPython(dir))) return dir;
    } catch {
      // try the next name
    }
  }
  console.warn('skipped: no python3 with the venv module on this machine');
  return undefined;
}

function activated(venv: string): Record<string, string> {
  const binDir = join(venv, process.platform === 'win32' ? 'Scripts' : 'bin');
  return { PATH: `${binDir}${delimiter}${process.env['PATH'] ?? ''}`, VIRTUAL_ENV: venv };
}

function runScript(path: string): { status: number | null; stdout: string } {
  try {
    return { status: 0, stdout: execFileSync(path, [], { encoding: 'utf8', timeout: 60_000 }) };
  } catch (error) {
    const e = error as { status: number | null; stdout: string };
    return { status: e.status, stdout: e.stdout };
  }
}

it('install: true installs natively into the virtual environment; its console script runs; a second job is a no-op', async () => {
  const venv = bareVenv(join(suite.root, 'venv'));
  if (venv === undefined) return;
  await suite.newJob(['app', 'big', 'tool']);
  const inputs = { 'index-url': suite.server.indexUrl, install: 'true' };
  const { main, post } = await runJob({ dirs: suite.dirs, inputs, env: activated(venv) });
  expect(workflowCommands(main.stdout, 'error')).toEqual([]);
  expect(main.code).toBe(0);
  expect(post?.code).toBe(0);
  expect(Object.keys(main.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
  expect(main.outputs).toMatchObject({ packages: '5', installed: '5' });
  expect(main.stdout).not.toContain('Successfully installed'); // not pip
  expect(main.summary).toMatch(/installed 5 with wheelhouse into .*python/);
  expect(main.summary).toMatch(/\| install \| \d+/);

  const script = join(venv, process.platform === 'win32' ? 'Scripts/hello-tool.exe' : 'bin/hello-tool');
  expect(runScript(script)).toEqual({ status: 3, stdout: 'hello from tool, util 2.1\n' });
  expect(
    venvRun(
      venv,
      'import app, big, lib, util; print(app.__version__, lib.__version__, util.__version__)',
    ).trim(),
  ).toBe('1.0 1.1 2.1');
  // By default the runner user's cache directory keeps the unpacked wheels (src/install/unpacked-cache.ts),
  // each from its second install on: after the first, one first-use marker per installed wheel.
  if (process.platform !== 'win32') {
    const unpacked = join(runnerCacheDir(suite.dirs), 'unpacked');
    expect(readdirSync(unpacked).filter((n) => /^\.seen-[0-9a-f]{64}$/.test(n))).toHaveLength(5);
    expect(readdirSync(unpacked).filter((n) => /^[0-9a-f]{64}$/.test(n))).toHaveLength(0);
    const utilFile = venvRun(venv, 'import util; print(util.__file__)').trim();
    expect(statSync(utilFile).nlink).toBe(1);
  }

  const probes = join(runnerCacheDir(suite.dirs), 'probes');
  const probeEntries = (await readdir(probes)).filter((n) => /^[0-9a-f]{64}\.json$/.test(n));
  expect(probeEntries.length).toBeGreaterThan(0);
  const inodes = async (): Promise<bigint[]> =>
    Promise.all(probeEntries.map(async (n) => (await stat(join(probes, n), { bigint: true })).ino));
  const before = await inodes();

  // A new job on the same runner with the environment kept: everything is already installed.
  await suite.newJob(['app', 'big', 'tool']);
  const again = await runJob({ dirs: suite.dirs, inputs, env: activated(venv) });
  expect(await inodes()).toEqual(before); // the probes were cache hits, not rewritten
  expect(again.main.code).toBe(0);
  expect(again.main.outputs).toMatchObject({ installed: '0', 'cache-hit': 'true' });
  expect(again.main.summary).toContain('installed 0 with wheelhouse');
  expect(again.main.summary).toContain('5 already installed');
});

it('a python-version input naming another Python than the one to install into fails, installing nothing', async () => {
  const venv = bareVenv(join(suite.root, 'venv-mismatch'));
  if (venv === undefined) return;
  await suite.newJob(['util']);
  const { main } = await runJob({
    dirs: suite.dirs,
    inputs: { 'index-url': suite.server.indexUrl, install: 'true', 'python-version': '3.7', cache: 'false' },
    env: activated(venv),
  });
  expect(main.code).toBe(2);
  expect(main.outputs).toMatchObject({ installed: '0', packages: '0' });
  expect(workflowCommands(main.stdout, 'error').join('\n')).toMatch(
    /the target Python is 3\.7, but the interpreter/,
  );
  expect(venvRun(venv, 'import importlib.util; print(importlib.util.find_spec("util"))').trim()).toBe('None');
});
