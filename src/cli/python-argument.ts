import { isAbsolute, resolve } from 'node:path';

/**
 * `--python` as the interpreter to run: a path made absolute against the working directory; a bare
 * name (`python3.12`) stays a command looked up on PATH.
 */
export function pythonArgument(python: string | undefined, cwd: string): string | undefined {
  if (python === undefined || !/[\\/]/.test(python) || isAbsolute(python)) return python;
  return resolve(cwd, python);
}
