/**
 * One probe of the target interpreter (issue 9 §2): everything the installer needs — where pip
 * would put each kind of file, the version, the executable for shebangs, whether it is a virtual
 * environment and whether it is externally managed — from a single `python -c` run, nothing guessed
 * from the host.
 *
 * The scheme is the one pip 23.2 / pip 26 use on Python ≥ 3.10 (pip/_internal/locations/
 * _sysconfig.py `get_scheme` with no --user/--home/--prefix/--root): the scheme name is
 * `sysconfig.get_preferred_scheme("prefix")` where it exists (3.10+: `venv` inside a virtual
 * environment on 3.11+, else `posix_prefix` / `nt`), otherwise pip's own fallback order
 * (`<impl>_<os>`, `<impl>`, `<os>_prefix`, `<os>`, `posix_prefix`); the paths are
 * `sysconfig.get_paths(scheme)`; inside a virtual environment pip replaces `include` by
 * `<sys.prefix>/include/site/pythonX.Y`, and the headers of a distribution go to
 * `<include>/<dist name>`. On Python < 3.10 pip consults distutils instead; its sysconfig answer is
 * the same for plain CPython installs and virtual environments, which is what this probe reports.
 *
 * PEP 668: a file `EXTERNALLY-MANAGED` in `sysconfig.get_path("stdlib")` marks the interpreter as
 * externally managed; pip ignores it inside a virtual environment (`running_under_virtualenv`:
 * `sys.prefix != sys.base_prefix`, or a legacy virtualenv's `sys.real_prefix`).
 */
import { execFile } from 'node:child_process';
import { cachedProbe, type ProbeCacheOptions } from './probe-cache.js';

export class InterpreterProbeError extends Error {
  override name = 'InterpreterProbeError';
  constructor(
    /** The interpreter command that was run. */
    readonly command: string,
    detail: string,
  ) {
    super(`cannot probe the Python interpreter ${JSON.stringify(command)}: ${detail}`);
  }
}

export interface SchemePaths {
  purelib: string;
  platlib: string;
  scripts: string;
  data: string;
  /** Directory under which headers go, one subdirectory per distribution (pip's `headers`). */
  include: string;
}

export interface Interpreter {
  /** What the caller passed (a path or a command name). */
  command: string;
  /** `sys.executable`: the interpreter pip writes into shebangs. */
  executable: string;
  /** `3.11.7` */
  version: string;
  implementation: 'cp' | 'pp';
  prefix: string;
  basePrefix: string;
  isVirtualEnv: boolean;
  /** The sysconfig scheme the paths came from (`venv`, `posix_prefix`, `nt`, ...). */
  scheme: string;
  paths: SchemePaths;
  /** `sys.platform`: `linux`, `darwin`, `win32`. */
  sysPlatform: string;
  /** `os.name`: `posix` or `nt`. */
  osName: string;
  /** PEP 668 marker present (and not inside a virtual environment). */
  externallyManaged: boolean;
  /** The marker's `[externally-managed] Error` text, when it has one. */
  externallyManagedMessage?: string;
  /** `sys.flags.optimize` — pip byte-compiles at the interpreter's default level. */
  optimize: number;
  /** `sys.getfilesystemencoding()`. */
  fsEncoding: string;
  /** `sys.implementation.cache_tag` (`cpython-311`): names the `__pycache__` files. */
  cacheTag?: string;
}

/** Runs `python args` and answers stdout; rejects with the failure text. */
export type RunPython = (
  python: string,
  args: string[],
  env: Record<string, string | undefined>,
) => Promise<string>;

export interface ProbeOptions {
  env?: Record<string, string | undefined>;
  /** Test seam: how the interpreter is run. */
  run?: RunPython;
}

// Prints one JSON object; kept free of anything newer than Python 3.7.
const PROBE = String.raw`
import json, os, sys, sysconfig
def scheme_name():
    pref = getattr(sysconfig, "get_preferred_scheme", None)
    if pref is not None:
        return pref("prefix")
    names = sysconfig.get_scheme_names()
    for cand in ("%s_%s" % (sys.implementation.name, os.name), sys.implementation.name, os.name + "_prefix", os.name):
        if cand in names:
            return cand
    return "posix_prefix"
venv = sys.prefix != getattr(sys, "base_prefix", sys.prefix) or hasattr(sys, "real_prefix")
name = scheme_name()
paths = sysconfig.get_paths(scheme=name)
include = paths["include"]
if venv:
    include = os.path.join(sys.prefix, "include", "site", "python%d.%d" % sys.version_info[:2])
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
managed = (not venv) and os.path.isfile(marker)
message = None
if managed:
    try:
        import configparser
        cp = configparser.ConfigParser(interpolation=None)
        cp.read(marker, encoding="utf-8")
        message = cp.get("externally-managed", "Error", fallback=None)
    except Exception:
        message = None
print(json.dumps({
    "executable": sys.executable,
    "version": "%d.%d.%d" % sys.version_info[:3],
    "implementation": sys.implementation.name,
    "prefix": sys.prefix,
    "basePrefix": getattr(sys, "base_prefix", sys.prefix),
    "isVirtualEnv": venv,
    "scheme": name,
    "paths": {"purelib": paths["purelib"], "platlib": paths["platlib"], "scripts": paths["scripts"],
              "data": paths["data"], "include": include},
    "sysPlatform": sys.platform,
    "osName": os.name,
    "externallyManaged": managed,
    "externallyManagedMessage": message,
    "optimize": sys.flags.optimize,
    "fsEncoding": sys.getfilesystemencoding(),
    "cacheTag": sys.implementation.cache_tag,
    "managedMarker": marker,
}))
`;

export const runPython: RunPython = (python, args, env) =>
  new Promise((resolve, reject) => {
    execFile(
      python,
      args,
      { env, timeout: 30_000, windowsHide: true, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const why =
            code === 'ENOENT'
              ? 'no such file or command'
              : String(stderr).trim().split('\n').slice(-3).join(' | ') || error.message;
          reject(new Error(why));
        } else resolve(String(stdout));
      },
    );
  });

function str(value: unknown, what: string, command: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new InterpreterProbeError(command, `the probe's answer lacks ${what}`);
  }
  return value;
}

/** Parses the probe's JSON (exported for tests of malformed answers). */
export function parseProbeOutput(stdout: string, command: string): Interpreter {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
  } catch {
    throw new InterpreterProbeError(command, `unexpected output ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  const impl = raw.implementation === 'cpython' ? 'cp' : raw.implementation === 'pypy' ? 'pp' : undefined;
  if (impl === undefined) {
    throw new InterpreterProbeError(
      command,
      `unsupported implementation ${JSON.stringify(raw.implementation)}`,
    );
  }
  const p = (raw.paths ?? {}) as Record<string, unknown>;
  const message = raw.externallyManagedMessage;
  return {
    command,
    executable: str(raw.executable, 'sys.executable', command),
    version: str(raw.version, 'the version', command),
    implementation: impl,
    prefix: str(raw.prefix, 'sys.prefix', command),
    basePrefix: str(raw.basePrefix, 'sys.base_prefix', command),
    isVirtualEnv: raw.isVirtualEnv === true,
    scheme: str(raw.scheme, 'the scheme name', command),
    paths: {
      purelib: str(p.purelib, 'purelib', command),
      platlib: str(p.platlib, 'platlib', command),
      scripts: str(p.scripts, 'scripts', command),
      data: str(p.data, 'data', command),
      include: str(p.include, 'include', command),
    },
    sysPlatform: str(raw.sysPlatform, 'sys.platform', command),
    osName: str(raw.osName, 'os.name', command),
    externallyManaged: raw.externallyManaged === true,
    ...(typeof message === 'string' ? { externallyManagedMessage: message } : {}),
    optimize: typeof raw.optimize === 'number' ? raw.optimize : 0,
    fsEncoding: typeof raw.fsEncoding === 'string' ? raw.fsEncoding : 'utf-8',
    ...(typeof raw.cacheTag === 'string' ? { cacheTag: raw.cacheTag } : {}),
  };
}

/** Asks `python` (a path or command) where and how pip would install into it. */
export async function probeInterpreter(python: string, opts: ProbeOptions = {}): Promise<Interpreter> {
  const run = opts.run ?? runPython;
  // The same environment pip would run in (PYTHONHOME, PYTHONOPTIMIZE... take part as for pip).
  const env = { ...(opts.env ?? process.env) };
  let stdout: string;
  try {
    stdout = await run(python, ['-c', PROBE], env);
  } catch (error) {
    throw new InterpreterProbeError(python, (error as Error).message);
  }
  return parseProbeOutput(stdout, python);
}

/**
 * `run` with its successful probe answers kept in the probe cache (probe-cache.ts), keyed on the
 * interpreter's identity; a cached answer is used only when `parseProbeOutput` accepts it.
 */
export function cachedRunPython(
  cache: Omit<ProbeCacheOptions, 'env'>,
  run: RunPython = runPython,
): RunPython {
  return (python, args, env) =>
    cachedProbe(
      { ...cache, env },
      python,
      args,
      () => run(python, args, env),
      (stdout) => {
        try {
          parseProbeOutput(stdout, python);
          return true;
        } catch {
          return false;
        }
      },
      // The PEP 668 marker can appear or go without the interpreter changing.
      (stdout) => {
        const marker = managedMarkerOf(stdout);
        return marker === undefined ? [] : [marker];
      },
    ) as Promise<string>;
}

/** The path of the `EXTERNALLY-MANAGED` marker the probe looked at, if its answer names one. */
function managedMarkerOf(stdout: string): string | undefined {
  try {
    const raw = JSON.parse(stdout.trim().split('\n').pop() ?? '') as Record<string, unknown>;
    return typeof raw.managedMarker === 'string' && raw.managedMarker !== '' ? raw.managedMarker : undefined;
  } catch {
    return undefined;
  }
}
