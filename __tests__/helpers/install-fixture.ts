/**
 * Install-flow options of the flow tests (no jest imports): `requirements.txt` of `work` over the
 * index at `indexUrl`, the wheelhouse `<work>/wh` and state `<work>/state`, the machine's environment
 * isolated from pip's (isolatedFlowEnv), silent, the target the interpreter's own (`target: {}`);
 * and a venv's interpreter as the install flow locates it.
 */
import { join } from 'node:path';
import { locateInterpreter } from '../../src/flow/install-interpreter.js';
import type { InstallFlowOptions } from '../../src/flow/install.js';
import { silentLogger } from '../../src/util/logger.js';
import { isolatedFlowEnv, venvPython } from './python-venv.js';

export function fixtureInstallOptions(
  indexUrl: string,
  work: string,
): Omit<InstallFlowOptions, 'interpreter'> {
  return {
    requirementFiles: ['requirements.txt'],
    finder: { indexUrl },
    target: {},
    cwd: work,
    env: isolatedFlowEnv(),
    logger: silentLogger,
    wheelhouse: join(work, 'wh'),
    stateDir: join(work, 'state'),
  };
}

/** The interpreter of `venv`, located as the install flow does, in the isolated environment. */
export function venvInterpreter(venv: string): InstallFlowOptions['interpreter'] {
  return locateInterpreter({ python: venvPython(venv), env: isolatedFlowEnv() });
}
