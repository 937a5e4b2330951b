/**
 * The action with project inputs (issue 11, §2–3), as child processes: `requirements:
 * pyproject.toml` with the `extras` and `groups` inputs, the index taken from PIP_INDEX_URL when no
 * input names one, and a uv.lock input fetched with no page or metadata request.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from '@jest/globals';
import { freshJob, runStep, workflowCommands } from './action-harness.js';
import { useActionSuite } from './action-suite.js';

const suite = useActionSuite('wh-e2e-project-');
const TARGET = { 'python-version': '3.12', platform: 'manylinux_2_17_x86_64', cache: 'false' };

it('pyproject.toml with extras and groups; the index from PIP_INDEX_URL, named in the log', async () => {
  await freshJob(suite.dirs);
  await writeFile(
    join(suite.dirs.workspace, 'pyproject.toml'),
    '[project]\nname = "proj"\nversion = "1"\ndependencies = ["util<2.1"]\n[project.optional-dependencies]\nlibs = ["lib==1.0"]\n[dependency-groups]\nbulk = ["big"]\n',
  );
  const main = await runStep('main', {
    dirs: suite.dirs,
    inputs: { requirements: 'pyproject.toml', extras: 'libs', groups: 'bulk', ...TARGET },
    env: { PIP_INDEX_URL: suite.server.indexUrl },
  });
  expect(workflowCommands(main.stdout, 'error')).toEqual([]);
  expect(main.code).toBe(0);
  expect(main.stdout).toContain(`index ${suite.server.indexUrl} (from PIP_INDEX_URL)`);
  expect(await suite.wheels()).toEqual([
    'big-1.0-py3-none-any.whl',
    'lib-1.0-py3-none-any.whl',
    'util-2.0-py3-none-any.whl',
  ]);
});

it('a uv.lock input: the lock is the resolution, no page or metadata request', async () => {
  await freshJob(suite.dirs);
  const s = suite.server;
  const wheel = (name: string, version: string) => {
    const filename = `${name}-${version}-py3-none-any.whl`;
    return `[[package]]\nname = "${name}"\nversion = "${version}"\nsource = { registry = "${s.indexUrl}" }\nwheels = [{ url = "${s.fileUrl(filename)}", hash = "sha256:${s.sha256(filename) ?? ''}" }]\n`;
  };
  await writeFile(
    join(suite.dirs.workspace, 'uv.lock'),
    `version = 1\n\n[[package]]\nname = "proj"\nversion = "1"\nsource = { editable = "." }\ndependencies = [{ name = "util" }]\n\n${wheel('util', '2.1')}`,
  );
  s.reset();
  const main = await runStep('main', { dirs: suite.dirs, inputs: { requirements: 'uv.lock', ...TARGET } });
  expect(workflowCommands(main.stdout, 'error')).toEqual([]);
  expect(main.code).toBe(0);
  expect(main.outputs['packages']).toBe('1');
  expect(s.counters.byKind.page.requests + s.counters.byKind.metadata.requests).toBe(0);
  expect(await suite.wheels()).toEqual(['util-2.1-py3-none-any.whl']);
});
