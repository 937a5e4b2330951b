/**
 * pip's require-hashes, no-deps, constraint and require-virtualenv settings (PIP_* variables here;
 * pip.conf keys are read by the same reader) act in the action as the CLI's flags do (review 15a
 * F11): they were honoured by `wheelhouse` but silently ignored by the action.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { runStep, workflowCommands } from './action-harness.js';
import { useActionSuite } from './action-suite.js';

const suite = useActionSuite('wh-e2e-pipconf-');

describe("pip's configuration in the action (review 15a F11)", () => {
  it('PIP_NO_DEPS: only the named project, as --no-deps', async () => {
    await suite.newJob(['app']);
    const main = await runStep('main', {
      dirs: suite.dirs,
      inputs: suite.inputs({ cache: 'false' }),
      env: { PIP_NO_DEPS: '1' },
    });
    expect(workflowCommands(main.stdout, 'error')).toEqual([]);
    expect(main.code).toBe(0);
    expect(main.outputs['packages']).toBe('1');
    expect(await suite.wheels()).toEqual(['app-1.0-py3-none-any.whl']);
  });

  it("PIP_CONSTRAINT: the file's pins apply, as -c", async () => {
    await suite.newJob(['app']);
    await writeFile(join(suite.dirs.workspace, 'pins.txt'), 'lib==1.0\nutil==2.0\n');
    const main = await runStep('main', {
      dirs: suite.dirs,
      inputs: suite.inputs({ cache: 'false' }),
      env: { PIP_CONSTRAINT: join(suite.dirs.workspace, 'pins.txt') },
    });
    expect(main.code).toBe(0);
    expect(await suite.wheels()).toEqual([
      'app-1.0-py3-none-any.whl',
      'lib-1.0-py3-none-any.whl',
      'util-2.0-py3-none-any.whl',
    ]);
  });

  it('PIP_REQUIRE_HASHES: a requirement without a hash fails, as --require-hashes', async () => {
    await suite.newJob(['util']);
    const main = await runStep('main', {
      dirs: suite.dirs,
      inputs: suite.inputs({ cache: 'false' }),
      env: { PIP_REQUIRE_HASHES: 'true' },
    });
    expect(main.code).not.toBe(0);
    expect(workflowCommands(main.stdout, 'error').join('\n')).toMatch(/hash/i);
  });

  it('PIP_REQUIRE_VIRTUALENV with install: an interpreter outside a virtual environment is refused, naming the setting', async () => {
    await suite.newJob(['util']);
    // python3 on PATH with no VIRTUAL_ENV: this machine's python3 is not a virtual environment.
    const main = await runStep('main', {
      dirs: suite.dirs,
      inputs: {
        requirements: 'requirements.txt',
        'index-url': suite.server.indexUrl,
        install: 'true',
        cache: 'false',
      },
      env: { PIP_REQUIRE_VIRTUALENV: '1', VIRTUAL_ENV: undefined },
    });
    expect(main.code).not.toBe(0);
    expect(workflowCommands(main.stdout, 'error').join('\n')).toContain('PIP_REQUIRE_VIRTUALENV: ');
    expect(main.stdout).toContain("is not in a virtual environment (pip's require-virtualenv)");
  });
});
