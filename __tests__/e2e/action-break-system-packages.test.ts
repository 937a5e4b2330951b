/**
 * The action with `install: true` against an externally managed Python (PEP 668; review 17a F2), as
 * child processes the way the runner runs it: the interpreter is the first `python3` on PATH — a
 * throwaway copy of the machine's python3.11 with an EXTERNALLY-MANAGED file
 * (helpers/externally-managed-python.ts), never the machine's own. Without an override the step
 * fails, naming the action's input, before anything is fetched or installed; with the
 * `break-system-packages` input, or pip's own setting in pip.conf (what GitHub's ubuntu-24.04
 * image writes to /etc/pip.conf), it installs. Skipped with a message where no python3.11 can be copied.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, expect, it } from '@jest/globals';
import { fixtureWheels, serveFixture } from '../helpers/fetch-fixture.js';
import { externallyManagedPython } from '../helpers/externally-managed-python.js';
import { runJob, workflowCommands } from './action-harness.js';
import { useActionSuite } from './action-suite.js';

const suite = useActionSuite('wh-e2e-pep668-');

beforeAll(() => {
  serveFixture(suite.server, fixtureWheels());
});

/** A fresh managed copy whose bin directory comes first on PATH (no VIRTUAL_ENV: the runner sets none). */
function managed(name: string): { python: string; site: string; env: Record<string, string> } | undefined {
  const sys = externallyManagedPython(join(suite.root, name));
  if (sys === undefined) {
    console.warn('skipped: no python3.11 to copy');
    return undefined;
  }
  return { ...sys, env: { PATH: `${dirname(sys.python)}${delimiter}${process.env['PATH'] ?? ''}` } };
}

const inputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  'index-url': suite.server.indexUrl,
  install: 'true',
  cache: 'false',
  ...extra,
});

it('install: true into an externally managed Python fails, naming the input, before anything is fetched or installed', async () => {
  const sys = managed('sys-refused');
  if (sys === undefined) return;
  await suite.newJob(['app']);
  suite.server.reset();
  const { main, post } = await runJob({ dirs: suite.dirs, inputs: inputs(), env: sys.env });
  expect(main.code).not.toBe(0);
  expect(post).toBeUndefined();
  const errors = workflowCommands(main.stdout, 'error').join('\n');
  expect(errors).toContain('externally managed (PEP 668)');
  expect(errors).toContain("the action's break-system-packages: true input");
  expect(errors).toContain('managed by the test'); // the EXTERNALLY-MANAGED file's own message
  expect(main.outputs).toMatchObject({ installed: '0' });
  expect(readdirSync(sys.site)).toEqual([]);
  expect(suite.server.counters.requests).toBe(0);
});

it.each([
  ['the break-system-packages input', { 'break-system-packages': 'true' }, false],
  ["pip.conf's break-system-packages = true", {}, true],
])('install: true into an externally managed Python with %s installs', async (_, extra, conf) => {
  const sys = managed(conf ? 'sys-conf' : 'sys-input');
  if (sys === undefined) return;
  await suite.newJob(['app']);
  const env = { ...sys.env };
  if (conf) {
    const file = join(suite.root, 'pip-break.conf');
    writeFileSync(file, '[global]\nbreak-system-packages = true\n');
    env['PIP_CONFIG_FILE'] = file;
  }
  const { main, post } = await runJob({ dirs: suite.dirs, inputs: inputs(extra), env });
  expect(workflowCommands(main.stdout, 'error')).toEqual([]);
  expect(main.code).toBe(0);
  expect(post?.code).toBe(0);
  expect(main.outputs).toMatchObject({ installed: '3' });
  expect(main.summary).toContain(`installed 3 with wheelhouse into ${join(dirname(sys.python), 'python3')} `);
  expect(readdirSync(sys.site)).toContain('app');
  const run = spawnSync(sys.python, ['-c', 'import app, lib; print(app.__version__, lib.__version__)'], {
    encoding: 'utf8',
  });
  expect(run.stdout.trim()).toBe('1.0 1.1');
});
