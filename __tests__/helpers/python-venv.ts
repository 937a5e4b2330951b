/**
 * A fresh Python virtual environment for tests that check a wheelhouse with the real pip (no jest
 * imports). Answers undefined when no python3/python with the venv module exists, so callers can
 * skip cleanly. pip runs with PIP_CONFIG_FILE pointed at the null device so no machine
 * configuration (mirrors, extra indexes) takes part.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { devNull } from 'node:os';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

export function venvPython(venv: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
}

/**
 * Creates a venv at `dir` with the first interpreter that can; undefined when none can. `withoutPip`
 * makes a bare one (faster; for tests where wheelhouse installs and pip takes no part).
 */
export function makeVenv(dir: string, options: { withoutPip?: boolean } = {}): string | undefined {
  const args = ['-m', 'venv', ...(options.withoutPip ? ['--without-pip'] : []), dir];
  for (const python of ['python3', 'python']) {
    try {
      execFileSync(python, args, { stdio: 'ignore', timeout: 120_000 });
      if (existsSync(venvPython(dir))) return dir;
    } catch {
      // this name is missing or has no venv module: try the next one
    }
  }
  return undefined;
}

/**
 * `pip install --no-index --find-links <wheelhouse> --require-hashes -r <lock>` in `venv`; answers
 * pip's stdout (throws with pip's output when pip fails).
 */
export function pipInstallLocked(venv: string, wheelhouse: string, lock: string): string {
  return execFileSync(
    venvPython(venv),
    [
      '-m',
      'pip',
      'install',
      '--disable-pip-version-check',
      '--no-index',
      '--find-links',
      wheelhouse,
      '--require-hashes',
      '-r',
      lock,
    ],
    { encoding: 'utf8', timeout: 180_000, env: isolatedPipProcessEnv() },
  );
}

/** This process's environment without any PIP_* variable, and PIP_CONFIG_FILE the null device. */
export function isolatedPipProcessEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('PIP_')) env[k] = v;
  return { ...env, PIP_CONFIG_FILE: devNull };
}

/** Runs `code` with the venv's python; answers its stdout. */
export function venvRun(venv: string, code: string): string {
  return execFileSync(venvPython(venv), ['-c', code], { encoding: 'utf8', timeout: 60_000 });
}

/** The venv's site-packages directory (POSIX layout: lib/pythonX.Y/site-packages). */
export async function sitePackagesOf(venv: string): Promise<string> {
  const lib = join(venv, 'lib');
  const [py] = (await readdir(lib)).filter((n) => n.startsWith('python'));
  return join(lib, py as string, 'site-packages');
}

/**
 * The environment for wheelhouse flows run in-process against the test index: no PIP_* variable and
 * no VIRTUAL_ENV of the machine, pip's configuration file the null device, the index's loopback
 * address never sent through a proxy.
 */
export function isolatedFlowEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('PIP_') && k !== 'VIRTUAL_ENV') env[k] = v;
  return { ...env, PIP_CONFIG_FILE: devNull, NO_PROXY: '127.0.0.1,localhost' };
}
