/**
 * One sdist built into a wheel by the target interpreter's pip (the PEP 517 frontend):
 *
 *   python -m pip wheel --no-deps --wheel-dir <fresh dir> <sdist file>
 *   python -m pip wheel --no-deps --wheel-dir <fresh dir> -r <private file: "<sdist URL> --config-settings=K=V …">
 *
 * The options are the requirement line's own (`pkg --config-settings=K=V` in a requirements file):
 * pip 23.2 reads `--config-settings` and `--global-option` per requirement; written on the sdist's
 * line of a private requirements file (pip-source-args.ts: never on pip's command line, which other
 * users can read), they reach exactly this build as pip would give them to the user's requirement.
 *
 * with the frontend's environment (the resolver's indexes for build isolation). `--no-deps`: the
 * resolver chose every other file; only this one is built. The wheel directory is fresh and private,
 * so the one `.whl` in it is the build's product; its name must parse and name the sdist's project
 * and version. pip's log is kept (its end) for the Actions group and for errors.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidFilenameError, parseWheelFilename, type WheelFilename } from '../standards/filenames.js';
import type { NormalizedName } from '../standards/names.js';
import { Version } from '../standards/version.js';
import { SdistBuildError } from './build-error.js';
import { lastLines, runPip, type PipFrontend } from './pip-frontend.js';
import { checkSdistArchive } from './sdist-archive-check.js';
import { pipSourceArgs } from './pip-source-args.js';

export const BUILD_TIMEOUT_MS = 30 * 60 * 1000;

/** A requirement's build options as pip arguments (the `=` form: a value may start with `-`). */
export function pipBuildArgs(o: {
  configSettings: readonly string[];
  globalOptions: readonly string[];
}): string[] {
  return [
    ...o.configSettings.map((v) => `--config-settings=${v}`),
    ...o.globalOptions.map((v) => `--global-option=${v}`),
  ];
}

export interface BuiltWheelFile {
  /** The wheel in its own temporary directory (the caller moves it and removes `dir`). */
  path: string;
  dir: string;
  filename: string;
  parsed: WheelFilename;
  /** The end of pip's log. */
  log: string;
}

export interface BuildWheelOptions {
  /** The sdist's file name, for messages. */
  label: string;
  project: NormalizedName;
  version: string;
  /** Parent of the fresh wheel directory. */
  workDir: string;
  timeoutMs?: number;
  /** The requirement's build options as pip arguments (`pipBuildArgs`). */
  pipOptions?: readonly string[];
}

export async function buildWheel(
  frontend: PipFrontend,
  sdistPath: string,
  o: BuildWheelOptions,
): Promise<BuiltWheelFile> {
  // Before pip unpacks it: no member may land outside pip's directory (review 18a F13).
  await checkSdistArchive(sdistPath, o.label);
  const dir = await mkdtemp(join(o.workDir, 'build-'));
  try {
    const timeoutMs = o.timeoutMs ?? BUILD_TIMEOUT_MS;
    const source = await pipSourceArgs(sdistPath, o.pipOptions);
    const run = await runPip(frontend, ['wheel', '--no-deps', '--wheel-dir', dir, ...source.args], {
      timeoutMs,
    }).finally(() => source.dispose());
    if (run.spawnError !== undefined) {
      throw new SdistBuildError(o.label, 'wheel', `cannot run ${frontend.python} -m pip: ${run.spawnError}`);
    }
    // pip that exited 0 finished its work, even when the timer fired at that moment.
    if (run.timedOut && run.code !== 0) {
      throw new SdistBuildError(
        o.label,
        'wheel',
        `the build took longer than ${Math.round(timeoutMs / 1000)} s; stopped`,
        lastLines(run.log),
      );
    }
    if (run.code !== 0) {
      throw new SdistBuildError(
        o.label,
        'wheel',
        `the build failed (${frontend.python} -m pip wheel exited with ${run.code})`,
        lastLines(run.log),
      );
    }
    const wheels = (await readdir(dir)).filter((n) => n.endsWith('.whl'));
    if (wheels.length !== 1) {
      throw new SdistBuildError(
        o.label,
        'wheel',
        `pip wheel left ${wheels.length} wheels, expected one`,
        lastLines(run.log),
      );
    }
    const filename = wheels[0] as string;
    let parsed: WheelFilename;
    try {
      parsed = parseWheelFilename(filename);
    } catch (error) {
      if (error instanceof InvalidFilenameError) {
        throw new SdistBuildError(o.label, 'wheel', `the build produced ${filename}: ${error.message}`);
      }
      throw error;
    }
    const sameVersion = Version.tryParse(parsed.version)?.equals(Version.parse(o.version)) ?? false;
    if (parsed.name !== o.project || !sameVersion) {
      throw new SdistBuildError(
        o.label,
        'wheel',
        `the build produced ${filename}, not a wheel of ${o.project} ${o.version}`,
      );
    }
    return { path: join(dir, filename), dir, filename, parsed, log: run.log };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
