/**
 * The install flow both shells run (issue 9): the fetch flow (fetch.ts) into a wheelhouse, and the
 * wheels installed into one Python environment.
 *
 *   interpreter (located and probed once, install-interpreter.ts; its version and implementation
 *   are the target, and it builds the wheels of resolved sdists) → installer opened (refuses a
 *   target it cannot write, or an externally managed Python per PEP 668, before anything is
 *   changed) → fetch, and every wheel handed to the installer as soon as its sha256 is verified
 *   (already present, from the cache, built, or just downloaded), so installing — inflating and
 *   writing each wheel into a staging directory, the costly part — overlaps the downloads: the
 *   downloads start with the largest wheels (src/download/download-all.ts) and the installer
 *   starts the largest waiting wheel first, so the longest installs do not end the run → the fetch
 *   succeeded: staged distributions are placed (renames), the rest as each is staged → wait for
 *   the installer.
 *
 * `installer: 'pip'` keeps the old way: fetch, then `python -m pip install --no-index --find-links
 * WH --require-hashes -r LOCK` (pip-install.ts).
 *
 * `REQUESTED` is written for the packages the requirement files name (the resolution's `requested`,
 * pip's report field); `direct_url.json` (PEP 610) for `name @ url` requirements, as pip writes
 * them: the URL without credentials and the archive's sha256.
 *
 * A download that fails leaves the environment as it was, as pip's does (pip downloads everything
 * before it installs anything): the wheels verified before it were staged, never placed, and are
 * discarded (the installer's `placeAfter`). A wheel that fails to install (a bad archive) does not
 * stop the wheels already handed to the installer, which are placed once the fetch has succeeded,
 * each one whole (the installer stages and renames); the wheels verified after the failure are not
 * handed to it (which ones those are depends on download order); the run fails and names the wheel.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { openInstaller, type InstallSummary } from '../install/installer.js';
import type { Interpreter } from '../install/interpreter.js';
import { UnpackedCache } from '../install/unpacked-cache.js';
import { pruneUnpackedCache } from '../install/unpacked-cache-prune.js';
import type { ResolvedPackage } from '../provider/resolution.js';
import { FlowInputError } from './flow-errors.js';
import { lockEnvironment } from './install-lock.js';
import { pruneInstallWheelhouses } from './install-wheelhouse-prune.js';
import { runFetch, type FetchOptions, type FetchResult, type ReadyWheel } from './fetch.js';
import { pythonInfoOf, type LocatedInterpreter } from './install-interpreter.js';
import type { PhaseTiming } from './phase-timer.js';
import { runPipInstall, type TextSink } from './pip-install.js';

export type InstallerKind = 'native' | 'pip';

export interface InstallFlowOptions extends Omit<FetchOptions, 'wheelhouse' | 'onWheelReady' | 'findPython'> {
  /**
   * The wheelhouse, or how to name it once the interpreter is known (defaultInstallWheelhouse):
   * one named so is a per-environment wheelhouse, and after the run its siblings that no run used
   * for 30 days are pruned (install-wheelhouse-prune.ts).
   */
  wheelhouse: string | ((interpreter: Interpreter) => string);
  /** The target interpreter (install-interpreter.ts); the CLI starts locating it early. */
  interpreter: LocatedInterpreter | Promise<LocatedInterpreter>;
  installer?: InstallerKind;
  /** Byte-compile what was installed (native; pip byte-compiles by default). */
  compile?: boolean;
  reinstall?: boolean;
  breakSystemPackages?: boolean;
  /** Where pip's own output goes (installer pip). */
  pipOutput?: TextSink;
  /**
   * The unpacked-wheel cache directory (`<cache dir>/unpacked`; src/install/unpacked-cache.ts):
   * environments are filled by hard links from it. Absent: every member is written (native only).
   */
  unpackedCacheDir?: string;
}

export interface InstallFlowResult {
  fetch: FetchResult;
  interpreter: Interpreter;
  installer: InstallerKind;
  /** Distributions written in this run (new ones and replaced ones). */
  installed: number;
  /** Of those, distributions that replaced another installed version (native only). */
  replaced: number;
  /** Already installed at the resolved version, left alone (native only). */
  unchanged: number;
  compiledFiles: number;
  /** The fetch flow's phases, then `install`: the time installing added after the fetch ended. */
  timings: PhaseTiming[];
}

/**
 * The default wheelhouse of `wheelhouse install` without `--dest`: one per target environment
 * under the cache directory (`<cache>/wheelhouses/<digest of sys.prefix>`), so installs into one
 * environment reuse their wheels and two environments never prune each other's.
 */
export function defaultInstallWheelhouse(cacheDir: string, interpreter: Interpreter): string {
  const digest = createHash('sha256').update(interpreter.prefix).digest('hex').slice(0, 16);
  return join(cacheDir, 'wheelhouses', digest);
}

/**
 * Where the unpacked-wheel cache lives for a cache directory: `<cache dir>/unpacked`, or undefined
 * (not used) when `WHEELHOUSE_UNPACKED_CACHE` is `0`/`false`/`no`/`off`, or on Windows (hard-linked
 * files there cannot be replaced while a process has them open; not supported yet). The shells
 * also leave it out with `--no-cache`.
 *
 * On GitHub-hosted runners (RUNNER_ENVIRONMENT=github-hosted) it is off unless the variable turns it
 * on (`1`/`true`/`yes`/`on`): the cache directory dies with the VM, and filling the cache costs a
 * first install ≈ 0.85 s of 6 on real-ds (docs/benchmarks.md, Install, session 9) — as the tool
 * cache backend is off there (cache/tool-cache-backend.ts).
 */
export function unpackedCacheDirFor(
  cacheDir: string,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  const setting = (env['WHEELHOUSE_UNPACKED_CACHE'] ?? '').trim().toLowerCase();
  if (['0', 'false', 'no', 'off'].includes(setting) || platform === 'win32') return undefined;
  const forced = ['1', 'true', 'yes', 'on'].includes(setting);
  if (!forced && env['RUNNER_ENVIRONMENT'] === 'github-hosted') return undefined;
  return join(cacheDir, 'unpacked');
}

/** PEP 610 `direct_url.json` for an archive URL, as pip writes it (credentials removed). */
export function directUrlOf(pkg: ResolvedPackage): { url: string; archive_info: Record<string, unknown> } {
  let url = pkg.file.redactedUrl;
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    url = u.href;
  } catch {
    // not parseable: keep the redacted form
  }
  const sha = pkg.file.sha256.toLowerCase();
  return { url, archive_info: { hash: `sha256=${sha}`, hashes: { sha256: sha } } };
}

/** The interpreter must be the target: another version's wheels would install but not work. */
function checkTargetMatches(fetchTarget: FetchOptions['target'], interpreter: Interpreter): void {
  const wanted = fetchTarget.pythonVersion?.trim();
  if (wanted !== undefined) {
    const minor = (v: string): string => v.split('.').slice(0, 2).join('.');
    if (minor(wanted) !== minor(interpreter.version)) {
      throw new FlowInputError(
        `the target Python is ${wanted}, but the interpreter to install into (${interpreter.executable}) is Python ${interpreter.version}: leave the Python version to the interpreter, or install into a Python ${minor(wanted)}`,
      );
    }
  }
  const impl = fetchTarget.implementation;
  if (impl !== undefined && impl !== interpreter.implementation) {
    throw new FlowInputError(
      `the target implementation is ${impl}, but ${interpreter.executable} is ${interpreter.implementation}`,
    );
  }
}

export async function runInstallFlow(o: InstallFlowOptions): Promise<InstallFlowResult> {
  // One native install per environment at a time (install-lock.ts, review 17a F9).
  const release =
    (o.installer ?? 'native') === 'native'
      ? await lockEnvironment((await o.interpreter).interpreter, {
          breakSystemPackages: o.breakSystemPackages === true,
          logger: o.logger,
        })
      : undefined;
  let result: InstallFlowResult;
  try {
    result = await installFlow(o);
  } finally {
    await release?.();
  }
  if (typeof o.wheelhouse !== 'string') {
    // A per-environment wheelhouse: the ones of environments no run used for long are pruned.
    const own = result.fetch.wheelhouse;
    const pruned = await pruneInstallWheelhouses(dirname(own), { keep: basename(own) }).catch(
      (error: unknown) => {
        o.logger.debug(`install wheelhouses: pruning failed (${(error as Error).message})`);
        return undefined;
      },
    );
    if (pruned !== undefined && pruned.removed.length > 0)
      o.logger.debug(`install wheelhouses: removed ${pruned.removed.join(', ')} (unused for 30 days)`);
  }
  return result;
}

async function installFlow(o: InstallFlowOptions): Promise<InstallFlowResult> {
  const { interpreter } = await o.interpreter;
  checkTargetMatches(o.target, interpreter);
  const kind: InstallerKind = o.installer ?? 'native';
  const wheelhouse = typeof o.wheelhouse === 'string' ? o.wheelhouse : o.wheelhouse(interpreter);
  const { interpreter: _located, installer: _kind, ...rest } = o;
  void _located;
  void _kind;
  const fetchOptions: FetchOptions = {
    ...rest,
    wheelhouse,
    findPython: () => Promise.resolve(pythonInfoOf(interpreter)),
  };
  const where = `${interpreter.executable} (Python ${interpreter.version}${interpreter.isVirtualEnv ? ', virtual environment' : ''})`;

  if (kind === 'pip') {
    // pip reads the wheelhouse: every wheel must be in it (no `inPlace`).
    const fetched = await runFetch({ ...fetchOptions, inPlace: false });
    o.logger.info(`installing with pip into ${where}`);
    const start = performance.now();
    if (fetched.lockFile === undefined) throw new Error('the wheelhouse has no lock to install from');
    const installed = await runPipInstall(interpreter.executable, fetched.wheelhouse, fetched.lockFile, {
      reinstall: o.reinstall === true,
      noDeps: o.noDeps === true,
      breakSystemPackages: o.breakSystemPackages === true,
      output: o.pipOutput ?? { write: () => true },
      ...(o.env !== undefined ? { env: o.env } : {}),
    });
    return {
      fetch: fetched,
      interpreter,
      installer: kind,
      installed,
      replaced: 0,
      unchanged: 0,
      compiledFiles: 0,
      timings: [...fetched.timings, { phase: 'install', ms: Math.round(performance.now() - start) }],
    };
  }

  const unpackedCache =
    o.unpackedCacheDir !== undefined
      ? new UnpackedCache({ dir: o.unpackedCacheDir, logger: o.logger })
      : undefined;
  // Nothing is placed into the environment before the fetch has succeeded (every wheel verified,
  // the wheelhouse written): wheels are staged while the others download, and a failed download
  // leaves the environment as it was, as pip installs nothing when a download fails.
  let fetchSucceeded: () => void = () => undefined;
  let fetchFailed: (error: unknown) => void = () => undefined;
  const placeAfter = new Promise<void>((resolve, reject) => {
    fetchSucceeded = resolve;
    fetchFailed = reject;
  });
  placeAfter.catch(() => undefined); // the fetch's own error is what the run reports
  const installer = await openInstaller({
    interpreter,
    placeAfter,
    ...(unpackedCache !== undefined ? { unpackedCache } : {}),
    reinstall: o.reinstall === true,
    compile: o.compile === true,
    breakSystemPackages: o.breakSystemPackages === true,
    logger: o.logger,
    ...(o.env !== undefined ? { env: o.env } : {}),
  });
  o.logger.info(`installing into ${where}`);
  const adds: Promise<void>[] = [];
  const failures: unknown[] = [];
  const onWheelReady = ({ pkg, path, verified }: ReadyWheel): void => {
    if (failures.length > 0) return; // the run fails: no more wheels are started (module comment)
    const added = installer
      .add({
        wheelPath: path,
        filename: pkg.file.filename,
        sha256: pkg.file.sha256,
        name: pkg.name,
        version: pkg.version,
        requested: pkg.requested,
        ...(pkg.requirementName !== undefined ? { requirementName: pkg.requirementName } : {}),
        ...(verified !== undefined ? { verified } : {}),
        ...(pkg.isDirect ? { directUrl: directUrlOf(pkg) } : {}),
      })
      .catch((error: unknown) => {
        failures.push(error);
      });
    adds.push(added);
  };

  let fetched: FetchResult;
  try {
    // Local files (the find-links wheels the resolver hashes) are hashed in the installer's
    // workers, so the resolution's main thread is not the hashing thread too (worker-digest.ts).
    fetched = await runFetch({ ...fetchOptions, onWheelReady, hashFile: o.hashFile ?? installer.hashFile });
  } catch (error) {
    // The distributions staged so far are discarded (none was placed); then the fetch's error.
    fetchFailed(error);
    await Promise.allSettled(adds);
    await installer.finish().catch(() => undefined);
    throw error;
  }
  fetchSucceeded();
  const start = performance.now();
  await Promise.allSettled(adds);
  let summary: InstallSummary;
  try {
    summary = await installer.finish();
  } catch (error) {
    throw failures[0] ?? error;
  }
  if (failures.length > 0) throw failures[0];
  const timings = [
    ...fetched.timings,
    { phase: 'install' as const, ms: Math.round(performance.now() - start) },
  ];
  o.logger.debug(
    `phases: install ${timings[timings.length - 1]!.ms} ms after the fetch; wheels hashed again by the installer ${installer.hashedWheels} of ${adds.length}`,
  );
  if (unpackedCache !== undefined && o.unpackedCacheDir !== undefined) {
    const s = unpackedCache.stats;
    o.logger.debug(
      `unpacked-wheel cache: ${s.hits} wheels from it, ${s.populated} added, ${s.discarded} discarded, ${s.firstSeen} first seen (added on their next install); ${s.linked} files hard-linked, ${s.copied} copied`,
    );
    await pruneUnpackedCache(o.unpackedCacheDir).catch((error: unknown) =>
      o.logger.debug(`unpacked-wheel cache: pruning failed (${(error as Error).message})`),
    );
  }
  return {
    fetch: fetched,
    interpreter,
    installer: kind,
    installed: summary.installed.length + summary.replaced.length,
    replaced: summary.replaced.length,
    unchanged: summary.unchanged.length,
    compiledFiles: summary.compiledFiles,
    timings,
  };
}
