/**
 * The interpreter probe of target detection, started before the rest of the CLI is loaded: asking
 * `python3` for its version takes about as long as Node takes to load the CLI (undici above all),
 * so run concurrently the two cost one of them instead of their sum (≈ 0.1 s of every run that
 * leaves the Python version or implementation to the interpreter on PATH). Nothing is started for
 * `--help`, `--version`, an invalid command line, or when `--python-version` and
 * `--implementation` are both given (target-detect.ts asks no interpreter then).
 *
 * `install` probes the interpreter it installs into instead (install-interpreter.ts): that one
 * probe answers the target too, so no second interpreter is asked.
 */
import { cachedRunCommand, findPython, type PythonInfo } from '../flow/target-detect.js';
import { locateInterpreter, type LocatedInterpreter } from '../flow/install-interpreter.js';
import { parseArgs, type ParsedArgs } from './args.js';
import { pythonArgument } from './python-argument.js';
import { probeCacheDir } from './cache-dir.js';

function runArgs(argv: string[]): ParsedArgs | undefined {
  try {
    const request = parseArgs(argv);
    return request.kind === 'run' ? request.args : undefined;
  } catch {
    // The CLI reports the usage error itself.
    return undefined;
  }
}

/**
 * The running probe for `argv`, or undefined when this command line needs none. Its answer is kept
 * in the probe cache of the CLI's cache directory (none with --no-cache): src/install/probe-cache.ts.
 */
export function earlyPythonProbe(
  argv: string[],
  find?: () => Promise<PythonInfo | undefined>,
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): Promise<PythonInfo | undefined> | undefined {
  const args = runArgs(argv);
  const needed =
    args !== undefined &&
    args.command !== 'install' &&
    (args.pythonVersion === undefined || args.implementation === undefined);
  if (!needed) return undefined;
  if (find !== undefined) return find();
  const dir = probeCacheDir(args, env, cwd);
  return findPython(dir === undefined ? undefined : cachedRunCommand({ dir, cwd }));
}

/** `install`: the target interpreter being located, or undefined for any other command line. */
export function earlyInterpreterProbe(
  argv: string[],
  env: Record<string, string | undefined>,
  cwd: string,
  locate?: (python: string | undefined) => Promise<LocatedInterpreter>,
): Promise<LocatedInterpreter> | undefined {
  const args = runArgs(argv);
  if (args?.command !== 'install') return undefined;
  const probeCache = probeCacheDir(args, env, cwd);
  locate ??= (python) =>
    locateInterpreter({ python, env, ...(probeCache !== undefined ? { probeCache } : {}) });
  const located = locate(pythonArgument(args.python, cwd));
  // Awaited by the install flow; until then a failure must not count as an unhandled rejection.
  located.catch(() => undefined);
  return located;
}
