/**
 * The interpreter probe of target detection, started before the rest of the CLI is loaded: asking
 * `python3` for its version takes about as long as Node takes to load the CLI (undici above all),
 * so run concurrently the two cost one of them instead of their sum (≈ 0.1 s of every run that
 * leaves the Python version or implementation to the interpreter on PATH). Nothing is started for
 * `--help`, `--version`, an invalid command line, or when `--python-version` and
 * `--implementation` are both given (target-detect.ts asks no interpreter then).
 */
import { findPython, type PythonInfo } from '../flow/target-detect.js';
import { parseArgs } from './args.js';

/** The running probe for `argv`, or undefined when this command line needs none. */
export function earlyPythonProbe(
  argv: string[],
  find: () => Promise<PythonInfo | undefined> = () => findPython(),
): Promise<PythonInfo | undefined> | undefined {
  let needed: boolean;
  try {
    const request = parseArgs(argv);
    needed =
      request.kind === 'run' &&
      (request.args.pythonVersion === undefined || request.args.implementation === undefined);
  } catch {
    // The CLI reports the usage error itself.
    needed = false;
  }
  return needed ? find() : undefined;
}
