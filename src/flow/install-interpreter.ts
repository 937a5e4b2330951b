/**
 * Which interpreter `wheelhouse install` installs into (issue 9, §1), asked once: `--python PATH`
 * when given; else the active virtual environment (`VIRTUAL_ENV`, what `activate` sets — pip run as
 * `python -m pip` from that shell would use its interpreter); else the first of `python3`,
 * `python` on PATH that answers (Windows: `python`, `python3`, then the `py` launcher, as
 * target-detect.ts orders them). The one probe (src/install/interpreter.ts) answers everything:
 * the scheme paths the installer writes to and the version and implementation that decide the
 * target's wheel tags (`pythonInfoOf`, handed to target detection so it asks no second interpreter).
 */
import { join } from 'node:path';
import { cachedRunPython, probeInterpreter, type Interpreter } from '../install/interpreter.js';
import type { PythonInfo } from './target-detect.js';

export class InstallInterpreterError extends Error {
  override name = 'InstallInterpreterError';
}

/** The interpreter inside a virtual environment directory. */
export function venvInterpreter(venv: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
}

export interface LocateOptions {
  /** `--python`: a path or a command on PATH. */
  python?: string;
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  /** Directory of the probe cache (src/install/probe-cache.ts); undefined: probe every time. */
  probeCache?: string;
  /** Test seam: the probe (default probeInterpreter, cached in `probeCache`). */
  probe?: (python: string) => Promise<Interpreter>;
}

/** Where the interpreter was chosen from, for the log. */
export type InterpreterSource = 'option' | 'virtual-env' | 'path';

export interface LocatedInterpreter {
  interpreter: Interpreter;
  source: InterpreterSource;
}

function detail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function locateInterpreter(o: LocateOptions): Promise<LocatedInterpreter> {
  const platform = o.platform ?? process.platform;
  const cache = o.probeCache;
  const probe =
    o.probe ??
    ((python: string) =>
      probeInterpreter(python, {
        env: o.env,
        ...(cache !== undefined ? { run: cachedRunPython({ dir: cache }) } : {}),
      }));
  if (o.python !== undefined) {
    try {
      return { interpreter: await probe(o.python), source: 'option' };
    } catch (error) {
      throw new InstallInterpreterError(`--python ${o.python}: ${detail(error)}`);
    }
  }
  const venv = o.env['VIRTUAL_ENV'];
  if (venv !== undefined && venv !== '') {
    const python = venvInterpreter(venv, platform);
    try {
      return { interpreter: await probe(python), source: 'virtual-env' };
    } catch (error) {
      throw new InstallInterpreterError(
        `VIRTUAL_ENV is ${venv}, but its interpreter ${python} cannot be run (${detail(error)}): activate a working environment, unset VIRTUAL_ENV, or pass --python`,
      );
    }
  }
  const commands = platform === 'win32' ? ['python', 'python3', 'py'] : ['python3', 'python'];
  const failures: string[] = [];
  for (const command of commands) {
    try {
      return { interpreter: await probe(command), source: 'path' };
    } catch (error) {
      failures.push(`${command}: ${detail(error)}`);
    }
  }
  throw new InstallInterpreterError(
    `no Python to install into: pass --python PATH, activate a virtual environment, or put python3 on PATH (${failures.join('; ')})`,
  );
}

/** What target detection needs from the probe: the version and implementation decide the tags. */
export function pythonInfoOf(interpreter: Interpreter): PythonInfo {
  return {
    version: interpreter.version,
    implementation: interpreter.implementation,
    command: interpreter.executable,
  };
}
