/**
 * The action (main + post as child processes) with sdist-only requirements and the default
 * `only-binary` (none, as pip): the python on PATH builds them against the test index, each build's
 * log is an Actions group, the job summary says "built", and the next job restores the built wheels
 * from the local-directory cache: no build, no sdist download.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startIndexServer, type IndexServer } from '../helpers/index-server.js';
import { findBackendWheels, sdistFixture } from '../helpers/setuptools-sdists.js';
import { freshJob, runJob, runnerDirs, workflowCommands, type RunnerDirs } from './action-harness.js';

const backends = findBackendWheels();
const maybe = backends === undefined ? describe.skip : describe;
if (backends === undefined) {
  console.warn('action-sdist: skipped — no python3, or no setuptools/wheel wheels on this machine');
}

const { projects: sdistProjects } = sdistFixture();

maybe('action with sdists (default only-binary)', () => {
  jest.setTimeout(300_000);
  let server: IndexServer;
  let dirs: RunnerDirs;

  beforeAll(async () => {
    server = await startIndexServer({
      projects: [...(backends ?? []), ...sdistProjects],
    });
    dirs = runnerDirs(await mkdtemp(join(tmpdir(), 'wh-e2e-sdist-')));
  });
  afterAll(async () => {
    await server.close();
    await rm(dirs.root, { recursive: true, force: true });
  });

  const job = async () => {
    await freshJob(dirs);
    await writeFile(join(dirs.workspace, 'requirements.txt'), 'static-pkg\ndyn-pkg\n');
    server.reset();
    return runJob({
      dirs,
      inputs: { requirements: 'requirements.txt', 'index-url': server.indexUrl },
      env: { PIP_NO_CACHE_DIR: '1' },
    });
  };
  const sdistDownloads = () =>
    server.counters.log.filter((e) => /^\/files\/[^/]+\.tar\.gz$/.test(e.path) && e.status === 200).length;
  const built = [
    'dep_wheel-1.0-py3-none-any.whl',
    'dyn_pkg-2.0-py3-none-any.whl',
    'static_pkg-1.0-py3-none-any.whl',
  ];

  it('cold job: builds both sdists, each log in a group, wheels in the wheelhouse, saved in post', async () => {
    const { main, post } = await job();
    expect(workflowCommands(main.stdout, 'error')).toEqual([]);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(
      /^::group::built static_pkg-1\.0-py3-none-any\.whl from static_pkg-1\.0\.tar\.gz/m,
    );
    expect(main.stdout).toMatch(/^::group::built dyn_pkg-2\.0-py3-none-any\.whl from dyn_pkg-2\.0\.tar\.gz/m);
    expect(main.stdout).toContain('::endgroup::');
    expect(main.outputs['packages']).toBe('3');
    const wheelhouse = main.outputs['wheelhouse'] as string;
    expect(
      (await readdir(wheelhouse)).filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz')).sort(),
    ).toEqual(built);
    expect(main.summary).toContain('built from its sdist');
    expect(main.summary).toContain('prepared by pip');
    expect(sdistDownloads()).toBe(2);
    expect(post?.code).toBe(0);
    expect(post?.stdout).toContain(`saved cache entry ${main.outputs['cache-key']}`);
  });

  it('warm job: cache hit, no build, no sdist downloaded', async () => {
    const { main } = await job();
    expect(main.code).toBe(0);
    expect(main.outputs['cache-hit']).toBe('true');
    expect(main.stdout).not.toContain('::group::built');
    expect(sdistDownloads()).toBe(0);
    const wheelhouse = main.outputs['wheelhouse'] as string;
    expect((await readdir(wheelhouse)).filter((f) => f.endsWith('.whl')).sort()).toEqual(built);
  });
});
