/**
 * A fresh Python virtual environment for tests that check a wheelhouse with the real pip (no jest
 * imports). Answers undefined when no python3/python with the venv module exists, so callers can
 * skip cleanly. pip runs with PIP_CONFIG_FILE pointed at the null device so no machine
 * configuration (mirrors, extra indexes) takes part.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';

export function venvPython(venv: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
}

/** Creates a venv at `dir` with the first interpreter that can; undefined when none can. */
export function makeVenv(dir: string): string | undefined {
  for (const python of ['python3', 'python']) {
    try {
      execFileSync(python, ['-m', 'venv', dir], { stdio: 'ignore', timeout: 120_000 });
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
