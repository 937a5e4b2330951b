/**
 * Whether the interpreter that can build is the target (issue 11 §1): a build runs the backend under
 * the interpreter that executes it, so its wheel is for that interpreter. pip refuses to build for
 * another Python (`--python-version` requires `--only-binary :all:`); wheelhouse does the same, per
 * package, with an error that names the sdist:
 *
 *   - before a build or a metadata preparation: the interpreter's Python X.Y and implementation,
 *     and the platform its backend sees (`sys.platform`, `os.name`, `platform.machine()`: what
 *     setup.py and backends compute dynamic metadata from) must be the target's marker values —
 *     a `--platform` of another OS or machine is refused before anything runs, even for a pure
 *     sdist, since its prepared dependencies would be this machine's (review 18a F2). pip refuses
 *     every sdist once `--platform`/`--python-version`/`--abi`/`--implementation` is given
 *     (cmdoptions.check_dist_restriction, 23.2 and 26: unless `--no-deps` or `--only-binary
 *     :all:`); wheelhouse still builds when the target is this interpreter (docs/pip-agreement.md);
 *   - after a build: one of the wheel's tags must be among the target's supported tags (a libc or
 *     macOS version this machine does not have is caught here; a pure `py3-none-any` wheel fits).
 *
 * `probeInterpreter` asks the interpreter once for what the check and the build cache key need.
 */
import { execFile } from 'node:child_process';
import { tagToString, type WheelFilename } from '../standards/filenames.js';
import { SdistBuildError } from './build-error.js';

export interface BuildInterpreter {
  /** The command (or path) run as the frontend. */
  command: string;
  /** `3.11.7` */
  version: string;
  implementation: 'cp' | 'pp' | string;
  /** `cp311`: the interpreter part of the build cache key. */
  interpreterTag: string;
  /** sysconfig.get_platform(), e.g. `linux-x86_64`, `macosx-14.0-arm64`, `win-amd64`. */
  platform: string;
  /** The marker values a backend run by this interpreter sees (PEP 508 names). */
  markers: BuildPlatformMarkers;
}

/** The PEP 508 marker values that say which OS and machine a backend runs on. */
export interface BuildPlatformMarkers {
  sys_platform: string;
  os_name: string;
  platform_machine: string;
}

/** What the check needs of the target (src/provider/target.ts's TargetEnvironment has it). */
export interface BuildTargetView {
  /** `cp311-manylinux_2_17_x86_64` */
  summary: string;
  /** The target's Python as given (`3.11` or `3.11.4`). */
  pythonVersion: string;
  implementation: string;
  tagPriority: ReadonlyMap<string, number>;
  /** The target's marker values for OS and machine (provider/target.ts markers). */
  markers: BuildPlatformMarkers;
}

const PROBE = [
  'import json, os, platform, sys, sysconfig',
  'i = sys.implementation.name',
  'print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3], "impl": i, "platform": sysconfig.get_platform(),',
  '  "sys_platform": sys.platform, "os_name": os.name, "machine": platform.machine()}))',
].join('\n');

const IMPL: Record<string, string> = { cpython: 'cp', pypy: 'pp' };

/** Runs `command args` in `env` and answers its stdout, or undefined when it cannot be run or fails. */
export type RunBuildProbe = (
  command: string,
  args: string[],
  env: Record<string, string> | undefined,
) => Promise<string | undefined>;

export const runBuildProbe: RunBuildProbe = (command, args, env) =>
  new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: 30_000, windowsHide: true, ...(env !== undefined ? { env } : {}) },
      (error, stdout) => resolve(error ? undefined : String(stdout)),
    );
  });

/** The probe's answer read back, or undefined when it is not one. */
export function parseBuildProbe(stdout: string, command: string): BuildInterpreter | undefined {
  try {
    const j = JSON.parse(stdout) as {
      version: string;
      impl: string;
      platform: string;
      sys_platform: string;
      os_name: string;
      machine: string;
    };
    const m = /^3\.(\d+)\.\d+$/.exec(j.version);
    const strings = [j.platform, j.sys_platform, j.os_name, j.machine];
    if (m === null || strings.some((v) => typeof v !== 'string')) return undefined;
    const implementation = IMPL[j.impl] ?? j.impl;
    return {
      command,
      version: j.version,
      implementation,
      interpreterTag: `${implementation}3${m[1]}`,
      platform: j.platform,
      markers: { sys_platform: j.sys_platform, os_name: j.os_name, platform_machine: j.machine },
    };
  } catch {
    return undefined;
  }
}

/**
 * Asks `command` for its version, implementation and platform; undefined when it cannot answer.
 * `run` runs the probe (default `runBuildProbe`; the flow passes one that keeps answers in the
 * probe cache, src/install/probe-cache.ts).
 */
export async function probeInterpreter(
  command: string,
  env?: Record<string, string>,
  run: RunBuildProbe = runBuildProbe,
): Promise<BuildInterpreter | undefined> {
  const stdout = await run(command, ['-c', PROBE], env);
  return stdout === undefined ? undefined : parseBuildProbe(stdout, command);
}

const IMPL_NAMES: Record<string, string> = { cp: 'CPython', pp: 'PyPy' };

function describe(i: BuildInterpreter): string {
  return `${IMPL_NAMES[i.implementation] ?? i.implementation} ${i.version} (${i.platform})`;
}

const ADVICE =
  'builds run with the target interpreter: run on the target (e.g. after actions/setup-python with that version), or pass --only-binary :all: (action: only-binary) to use wheels only';

/** Throws unless `interpreter` may build `label` for `target` (Python X.Y, implementation, OS and machine). */
export function checkBuildInterpreter(
  label: string,
  interpreter: BuildInterpreter | undefined,
  target: BuildTargetView,
): BuildInterpreter {
  if (interpreter === undefined) {
    throw new SdistBuildError(
      label,
      'target',
      `has to be built for ${target.summary}, but no python3/python on PATH can run the build; ${ADVICE}`,
    );
  }
  const [major, minor] = target.pythonVersion.trim().split('.');
  const sameVersion = interpreter.version.split('.').slice(0, 2).join('.') === `${major}.${minor}`;
  if (!sameVersion || interpreter.implementation !== target.implementation) {
    throw new SdistBuildError(
      label,
      'target',
      `has to be built for ${target.summary} (Python ${target.pythonVersion}), but the interpreter that can build is ${describe(interpreter)}; ${ADVICE}`,
    );
  }
  const differs = (['sys_platform', 'os_name', 'platform_machine'] as const).filter(
    (k) => interpreter.markers[k].toLowerCase() !== target.markers[k].toLowerCase(),
  );
  if (differs.length > 0) {
    const says = (m: BuildPlatformMarkers): string =>
      differs.map((k) => `${k} ${JSON.stringify(m[k])}`).join(', ');
    throw new SdistBuildError(
      label,
      'target',
      `has to be built for ${target.summary} (${says(target.markers)}), but the interpreter that can build runs on ${describe(interpreter)} (${says(interpreter.markers)}): a build there computes its dependencies for the wrong platform, as pip refuses sdists with --platform; ${ADVICE}`,
    );
  }
  return interpreter;
}

/** Throws unless one of the built wheel's tags is supported by the target. */
export function checkBuiltWheelTags(
  label: string,
  wheel: WheelFilename,
  filename: string,
  target: BuildTargetView,
): void {
  if (wheel.tags.some((t) => target.tagPriority.has(tagToString(t)))) return;
  throw new SdistBuildError(
    label,
    'target',
    `the build made ${filename}, which the target ${target.summary} cannot install (the machine that builds is not the target platform); ${ADVICE}`,
  );
}
