/**
 * Every sdist of a resolution turned into a wheel for the target (issue 11 §1):
 *
 *   1. the built-wheel store is asked first, by (sdist sha256, interpreter tag, platform): a stored
 *      wheel of the right project and version whose tags the target supports is used as is: no
 *      sdist download, no pip, no build;
 *   2. otherwise the interpreter must be the target (build-target.ts), the sdist is fetched (the
 *      caller's `sdistPath`, sha256-verified) and built by the target interpreter's pip
 *      (build-wheel.ts), at most `concurrency` builds at once (default: the machine's cores);
 *      the wheel's tags are checked against the target and it is stored.
 *
 * Each build's log is shown folded (an Actions group); a failing build stops new builds from
 * starting (the ones running finish) and the first failure is thrown: SdistBuildError, naming the
 * sdist, with the last lines of its build log.
 */
import { availableParallelism } from 'node:os';
import { rm } from 'node:fs/promises';
import { parseWheelFilename } from '../standards/filenames.js';
import type { NormalizedName } from '../standards/names.js';
import { Version } from '../standards/version.js';
import { logGroup, type Logger } from '../util/logger.js';
import { SdistBuildError } from './build-error.js';
import {
  checkBuildInterpreter,
  checkBuiltWheelTags,
  type BuildInterpreter,
  type BuildTargetView,
} from './build-target.js';
import { buildWheel } from './build-wheel.js';
import { checkBuiltMetadata, type ResolvedSdistMetadata } from './built-metadata-check.js';
import type { BuildKey, BuiltWheelStore, StoredWheel } from './built-wheel-store.js';
import type { PipFrontend } from './pip-frontend.js';
import { forEachLimited } from '../util/for-each-limited.js';

export interface SdistToBuild {
  project: NormalizedName;
  version: string;
  filename: string;
  sha256: string;
  /** The requirement's build options as pip arguments (build-wheel.ts `pipBuildArgs`); part of the key. */
  pipOptions?: readonly string[];
  /** What the resolution took from the sdist's metadata: a built wheel must agree (built-metadata-check.ts). */
  resolved?: Pick<ResolvedSdistMetadata, 'requiresDist'>;
}

export interface BuildOutcome {
  sdist: SdistToBuild;
  wheel: StoredWheel;
  /** built: by pip in this run; stored: found in the built-wheel store. */
  source: 'built' | 'stored';
}

export interface BuildSdistsOptions {
  target: BuildTargetView;
  store: BuiltWheelStore;
  /** The interpreter that builds (asked only when something must be built). */
  interpreter: () => Promise<BuildInterpreter | undefined>;
  /** The frontend running that interpreter. */
  frontend: (interpreter: BuildInterpreter) => PipFrontend;
  /** A local, sha256-verified copy of the sdist (downloaded when needed). */
  sdistPath: (sdist: SdistToBuild) => Promise<string>;
  /** Where build directories are made (removed after each build). */
  workDir: string;
  logger: Logger;
  /** Parallel builds; default the machine's available parallelism. */
  concurrency?: number;
  /** The build environment's part of the key (frontend-env.ts `buildEnvironmentKey`). */
  environment?: string;
}

export interface BuildSummary {
  /** By the sdist's file name. */
  outcomes: Map<string, BuildOutcome>;
  built: number;
  stored: number;
}

/** The key parts of a target summary `cp311-manylinux_2_17_x86_64`. */
export function buildKeyOf(
  sdistSha256: string,
  target: BuildTargetView,
  options?: readonly string[],
  environment?: string,
): BuildKey {
  const dash = target.summary.indexOf('-');
  return {
    sdistSha256,
    interpreterTag: target.summary.slice(0, dash),
    platform: target.summary.slice(dash + 1),
    ...(options !== undefined && options.length > 0 ? { options } : {}),
    ...(environment !== undefined ? { environment } : {}),
  };
}

/**
 * Why a stored wheel cannot stand for `sdist` on `target` (undefined: it can): another project or
 * version, tags the target cannot install, or METADATA that does not agree with what the resolution
 * used (checked for a stored wheel as for a fresh build: review 18a F4).
 */
async function storedProblem(
  sdist: SdistToBuild,
  wheel: StoredWheel,
  target: BuildTargetView,
): Promise<string | undefined> {
  const parsed = parseWheelFilename(wheel.filename);
  const sameVersion = Version.tryParse(parsed.version)?.equals(Version.parse(sdist.version)) ?? false;
  if (parsed.name !== sdist.project || !sameVersion)
    return `it is not a wheel of ${sdist.project} ${sdist.version}`;
  try {
    checkBuiltWheelTags(sdist.filename, parsed, wheel.filename, target);
  } catch {
    return `the target ${target.summary} cannot install it`;
  }
  try {
    await checkBuiltMetadata(sdist.filename, wheel.path, wheel.filename, {
      project: sdist.project,
      version: sdist.version,
      ...sdist.resolved,
    });
  } catch (error) {
    const text = (error as Error).message;
    return `its METADATA does not agree with the resolution: ${text.startsWith(`${sdist.filename}: `) ? text.slice(sdist.filename.length + 2) : text}`;
  }
  return undefined;
}

export async function buildSdists(sdists: SdistToBuild[], o: BuildSdistsOptions): Promise<BuildSummary> {
  const summary: BuildSummary = { outcomes: new Map(), built: 0, stored: 0 };
  const toBuild: SdistToBuild[] = [];
  for (const sdist of sdists) {
    const key = buildKeyOf(sdist.sha256, o.target, sdist.pipOptions, o.environment);
    const stored = await o.store.get(key);
    const problem = stored === undefined ? undefined : await storedProblem(sdist, stored, o.target);
    if (stored !== undefined && problem === undefined) {
      summary.outcomes.set(sdist.filename, { sdist, wheel: stored, source: 'stored' });
      summary.stored++;
      o.logger.debug(`${sdist.filename}: built wheel ${stored.filename} from the cache`);
      continue;
    }
    if (problem !== undefined)
      o.logger.warn(`${sdist.filename}: not using the cached build (${problem}); building again`);
    toBuild.push(sdist);
  }
  if (toBuild.length === 0) return summary;

  let interpreter: BuildInterpreter | undefined;
  try {
    interpreter = await o.interpreter();
  } catch {
    interpreter = undefined;
  }
  // Before anything is downloaded: every build must be possible for the target.
  for (const sdist of toBuild) interpreter = checkBuildInterpreter(sdist.filename, interpreter, o.target);
  const frontend = o.frontend(interpreter as BuildInterpreter);
  const concurrency = Math.max(1, Math.floor(o.concurrency ?? availableParallelism()));
  o.logger.info(
    `building ${toBuild.length} wheel(s) from sdists with ${frontend.python} (${concurrency} at a time): ${toBuild.map((s) => s.filename).join(', ')}`,
  );

  const one = async (sdist: SdistToBuild): Promise<void> => {
    const started = Date.now();
    const path = await o.sdistPath(sdist);
    const built = await buildWheel(frontend, path, {
      label: sdist.filename,
      project: sdist.project,
      version: sdist.version,
      workDir: o.workDir,
      ...(sdist.pipOptions !== undefined ? { pipOptions: sdist.pipOptions } : {}),
    }).catch((error: unknown) => {
      if (error instanceof SdistBuildError && error.logTail !== '') {
        logGroup(o.logger, `build of ${sdist.filename} failed: log`, error.logTail);
      }
      throw error;
    });
    try {
      logGroup(
        o.logger,
        `built ${built.filename} from ${sdist.filename} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        built.log,
      );
      checkBuiltWheelTags(sdist.filename, built.parsed, built.filename, o.target);
      if (sdist.resolved !== undefined)
        await checkBuiltMetadata(sdist.filename, built.path, built.filename, {
          project: sdist.project,
          version: sdist.version,
          ...sdist.resolved,
        });
      const wheel = await o.store.put(
        buildKeyOf(sdist.sha256, o.target, sdist.pipOptions, o.environment),
        built.path,
        built.filename,
      );
      summary.outcomes.set(sdist.filename, { sdist, wheel, source: 'built' });
      summary.built++;
    } finally {
      await rm(built.dir, { recursive: true, force: true });
    }
  };
  const failures = (await forEachLimited(toBuild, concurrency, async (sdist) => {
    try {
      await one(sdist);
    } catch (error) {
      throw error instanceof SdistBuildError
        ? error
        : new SdistBuildError(sdist.filename, 'wheel', (error as Error).message);
    }
  })) as SdistBuildError[];
  if (failures.length > 0) {
    for (const f of failures.slice(1)) o.logger.error(f.message);
    throw failures[0] as SdistBuildError;
  }
  return summary;
}
