/**
 * The first part of every run, shared by `wheelhouse resolve`, `wheelhouse fetch` and the action:
 * read the requirement files (pip's format, with includes and constraints), merge the finder
 * options, and decide the target. Nothing here touches the network.
 */
import { hostsOf } from '../index/credentials.js';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { registerUrlSecrets } from '../index/redact.js';
import type { LockedInput } from '../provider/lock-input.js';
import { lockKindOf } from '../provider/lock-kind.js';
import { templateBuildOptions } from '../build/template-build-options.js';
import { NO_SELECTION, type ProjectSelection } from '../provider/project-inputs.js';
import { readRequirementInputs, type RequirementInputs } from '../provider/requirement-inputs.js';
import { targetEnvironment, type TargetEnvironment } from '../provider/target.js';
import { defaultOptions } from '../standards/requirements-file-options.js';
import { mayUseSdist, mayUseWheel } from '../standards/requirements-file-binary.js';
import { redactUrl } from '../index/redact.js';
import { LIMIT_ENV } from '../index/transfer-limits.js';
import { splitSources } from '../index/secure-origin.js';
import { readTextBounded } from '../util/bounded-read.js';
import { TOML_INPUT_BYTES } from '../provider/toml-file.js';
import { requiresPythonAllows } from '../provider/requires-python-verdict.js';
import type { Logger } from '../util/logger.js';
import { FlowInputError } from './flow-errors.js';
import {
  effectiveFinder,
  splitNamedIndex,
  type EffectiveFinder,
  type FinderOptions,
} from './finder-options.js';
import type { PipConfig } from './pip-config.js';
import {
  cachedRunCommand,
  detectTarget,
  findPython,
  type DetectedTarget,
  type ExplicitTarget,
  type PythonInfo,
  type RunnerPlatform,
} from './target-detect.js';

export interface PrepareOptions {
  requirementFiles: string[];
  constraintFiles?: string[];
  /** Extras and dependency groups of pyproject.toml / lock inputs (`--extra`, `--group`). */
  selection?: ProjectSelection;
  finder: FinderOptions;
  /** pip's configuration (pip-config.ts), read by the shell; explicit options win over it. */
  pipConfig?: PipConfig;
  target: ExplicitTarget;
  /** Relative requirement paths are taken from here (default process.cwd()). */
  cwd?: string;
  /** For `${VAR}` in requirement files. */
  env?: Record<string, string | undefined>;
  logger: Logger;
  /** pip's `--no-deps`: resolve only the named requirements. */
  noDeps?: boolean;
  /** pip's `--timeout` from the command line (seconds); wins over pip's configuration. */
  timeoutSec?: number;
  /** pip's `--retries` from the command line; wins over pip's configuration. */
  retries?: number;
  /** pip's `--require-hashes` (also turned on by the option in a requirements file). */
  requireHashes?: boolean;
  /** pip's `--no-cache-dir` from the command line (pip's configuration's is read from `pipConfig`). */
  noCacheDir?: boolean;
  /**
   * Directory of the interpreter probe cache (src/install/probe-cache.ts: `<cache dir>/probes`):
   * target detection and source builds keep their interpreter probes' answers there. Undefined:
   * every run probes.
   */
  probeCache?: string;
  /** Test seams for target detection. */
  findPython?: () => Promise<PythonInfo | undefined>;
  runner?: () => RunnerPlatform;
}

export interface Prepared {
  inputs: RequirementInputs;
  finder: EffectiveFinder;
  detected: DetectedTarget;
  target: TargetEnvironment;
  /** `cp312-manylinux_2_17_x86_64 (Python 3.12.4)` for headers and logs. */
  describe: string;
  /** The input was a lock file: this is the resolution (nothing is resolved). */
  locked?: LockedInput;
  noDeps: boolean;
  /**
   * Hash-checking mode (provider/require-hashes.ts): the command line's or a file's option, or any
   * line's `--hash` as pip does.
   */
  requireHashes: boolean;
  /** Where the `--hash` that turned the mode on was written, when no option asked for it. */
  requireHashesImpliedBy?: string;
  /** What the user set for the HTTP client (`pipNetworkOptions`), as its options; none: its defaults. */
  http?: PipNetworkOptions;
  /** pip's `cert` / `client-cert` from its configuration, for the build frontend (`frontendTls`). */
  tls?: FrontendTls;
  /** pip's `--no-cache-dir` (command line or configuration): the build frontend's pip gets it too. */
  noCacheDir?: boolean;
  /** Hosts of the index/find-links URLs of the command line, action inputs and pip's configuration. */
  configuredHosts?: string[];
}

export interface FrontendTls {
  cert?: string;
  clientCert?: string;
}

/** pip's `cert` / `client-cert` the user configured: the build frontend's pip reads no configuration itself. */
export function frontendTls(o: Pick<PrepareOptions, 'pipConfig'>): FrontendTls {
  return {
    ...(o.pipConfig?.cert !== undefined ? { cert: o.pipConfig.cert.value } : {}),
    ...(o.pipConfig?.clientCert !== undefined ? { clientCert: o.pipConfig.clientCert.value } : {}),
  };
}

/** pip's `--no-cache-dir`: given on the command line or set in pip's configuration (review 15a F15). */
function noCacheDir(o: Pick<PrepareOptions, 'noCacheDir' | 'pipConfig'>): boolean {
  return o.noCacheDir === true || o.pipConfig?.noCacheDir?.value === true;
}

export interface PipNetworkOptions {
  /** The wait for a response's first byte. */
  headersTimeoutMs?: number;
  /** Retries of one failed request. */
  retries?: number;
}

/**
 * pip's `--timeout` and `--retries` as wheelhouse applies them (retries: the command line, then pip's
 * configuration). The timeout is the wait for each response to start (the rest of an
 * exchange has its own limits, src/index/transfer-limits.ts). The command line wins, then
 * WHEELHOUSE_HTTP_HEADERS_TIMEOUT (read by the HTTP client itself), then pip's configuration
 * (PIP_TIMEOUT, PIP_DEFAULT_TIMEOUT, pip.conf `timeout`); none: the client's default.
 */
export function pipNetworkOptions(
  o: Pick<PrepareOptions, 'timeoutSec' | 'retries' | 'pipConfig' | 'env'>,
): PipNetworkOptions {
  const retries = o.retries ?? o.pipConfig?.retries?.value;
  const out = retries !== undefined ? { retries } : {};
  if (o.timeoutSec !== undefined) return { ...out, headersTimeoutMs: Math.round(o.timeoutSec * 1000) };
  if ((o.env ?? process.env)[LIMIT_ENV.headersTimeout]?.trim()) return out;
  const configured = o.pipConfig?.timeoutSec;
  return configured !== undefined ? { ...out, headersTimeoutMs: Math.round(configured.value * 1000) } : out;
}

/** Where relative find-links paths are read from (effectiveFinder): the run's cwd and HOME. */
function linkPaths(o: PrepareOptions): { cwd: string; home: string | undefined } {
  return { cwd: o.cwd ?? process.cwd(), home: (o.env ?? process.env)['HOME'] };
}

export async function prepare(o: PrepareOptions): Promise<Prepared> {
  if (o.requirementFiles.length === 0) {
    throw new FlowInputError('no requirement files given (CLI: -r FILE; action: the requirements input)');
  }
  // The secret parts of every URL given on the command line / as inputs are secrets of the run from
  // here on (src/index/redact.ts); the files' own URLs and `${VAR}` values are registered as read.
  const given = [
    ...(o.finder.indexUrl !== undefined ? [o.finder.indexUrl] : []),
    ...(o.finder.extraIndexUrls ?? []),
    ...(o.finder.findLinks ?? []),
    // pip's configuration (PIP_INDEX_URL may carry a token) likewise.
    ...(o.pipConfig?.indexUrl !== undefined ? [o.pipConfig.indexUrl.value] : []),
    ...(o.pipConfig?.extraIndexUrls?.value ?? []),
    ...(o.pipConfig?.findLinks?.value ?? []),
  ].map((u) => splitNamedIndex(u).url);
  for (const u of given) registerUrlSecrets(u);
  // Hosts whose per-host credential variables are theirs (index/credentials.ts): those of URLs the
  // job's own settings name — not a requirements file's, which a pull request can change (review 4).
  const configuredHosts = hostsOf(given);
  const cwd = o.cwd ?? process.cwd();
  // Paths stay as given (relative ones shown relative) but are read from `cwd`.
  // The requirement-file parser names its own, smaller, bound per file (requirements-file.ts).
  const io = {
    readFile: (p: string, maxBytes?: number) =>
      readTextBounded(isAbsolute(p) ? p : resolve(cwd, p), p, ...(maxBytes !== undefined ? [maxBytes] : [])),
    existingPath: async (p: string) => {
      const absolute = isAbsolute(p) ? p : resolve(cwd, p);
      return (await stat(absolute).catch(() => undefined)) !== undefined ? absolute : undefined;
    },
  };
  const lockFiles = o.requirementFiles.filter((f) => lockKindOf(f) !== undefined);
  if (lockFiles.length > 0)
    return {
      ...(await prepareLocked(o, io)),
      http: pipNetworkOptions(o),
      tls: frontendTls(o),
      noCacheDir: noCacheDir(o),
      configuredHosts,
    };
  const inputs = await readRequirementInputs(
    o.requirementFiles,
    o.constraintFiles ?? [],
    io,
    o.env ?? process.env,
    o.selection ?? NO_SELECTION,
  );
  const finder = effectiveFinder(inputs.options, o.finder, o.pipConfig, linkPaths(o));
  logFinderSource(o, finder);
  // pip ignores plain-http sources on hosts neither local nor trusted — by the command line's,
  // the requirements files' or its configuration's --trusted-host (review 16b F3): so does wheelhouse.
  const trusted = [
    ...(o.finder.trustedHosts ?? []),
    ...inputs.options.trustedHosts,
    ...(o.pipConfig?.trustedHosts?.value ?? []),
  ];
  const indexes = splitSources(finder.indexUrls, trusted);
  const links = splitSources(finder.findLinks, trusted);
  const ignored = [...indexes.ignored, ...links.ignored];
  for (const i of ignored) o.logger.warn(i.warning);
  finder.indexUrls = indexes.kept;
  finder.findLinks = links.kept;
  if (
    inputs.options.indexUrl !== undefined &&
    finder.indexUrls.length > 0 &&
    (o.finder.indexUrl !== undefined || (o.finder.extraIndexUrls ?? []).length > 0)
  ) {
    o.logger.warn(
      "a requirement file's -i replaces the index and extra indexes given as options or inputs (as pip does); the files' indexes are used",
    );
  }
  if (inputs.impliedNoBinary !== undefined) {
    o.logger.warn(
      `${inputs.impliedNoBinary}: --global-option implies --no-binary :all: (as pip 23.2 does): every distribution is built from its sdist`,
    );
  }
  // Only when some requirement needs a project page: `name @ url` lines need none, and pip 23.2
  // installs them with --no-index (review 14a F6). A dependency of theirs that does is refused by
  // the resolution, which finds no file for it.
  const onlyDirect =
    inputs.requirements.length > 0 &&
    inputs.dynamicProjects.length === 0 &&
    inputs.requirements.every((r) => inputs.directFiles.has(r.requirement.name));
  if (finder.indexUrls.length === 0 && finder.findLinks.length === 0 && !onlyDirect && ignored.length > 0) {
    // pip then finds nothing ("Could not find a version that satisfies the requirement … (from
    // versions: none)"): say why instead.
    throw new FlowInputError(
      `every index and find-links location was ignored, as pip does (plain http to a host that is neither local nor trusted: ${ignored.map((i) => redactUrl(i.url)).join(', ')}): nothing to resolve from; use https, or trust the host with --trusted-host (command line or a requirements file) or in pip's configuration (PIP_TRUSTED_HOST, pip.conf trusted-host)`,
    );
  }
  if (finder.indexUrls.length === 0 && finder.findLinks.length === 0 && !onlyDirect) {
    throw new FlowInputError(
      '--no-index is set and no --find-links location is given: nothing to resolve from',
    );
  }
  const decided = await decideTarget(o);
  // A local project's requires-python (pyproject input, `-e ./proj`) as pip checks it before
  // installing the project: "Package 'x' requires a different Python: 3.11.7 not in '>=3.12'"
  // (review 18a F10).
  for (const p of inputs.projectPythons) {
    if (!requiresPythonAllows(p.requiresPython, decided.target.pythonVersion)) {
      throw new FlowInputError(
        `${p.where}: project ${p.project} requires a different Python: ${decided.target.pythonVersion.toString()} not in ${JSON.stringify(p.requiresPython)} (its requires-python)`,
      );
    }
  }
  // The first requirement line of a project is pip's template: only its build options apply.
  const chosen = templateBuildOptions(inputs.requirements, inputs.buildOptionLines, decided.target.markers);
  inputs.buildOptions = chosen.options;
  for (const i of chosen.ignored)
    o.logger.warn(
      `${i.origin}: build options of ${i.project} ignored, as pip does: pip builds a project with the options of its first requirement line (${i.template})`,
    );
  const asked = o.requireHashes === true || inputs.options.requireHashes;
  const settings = {
    noDeps: o.noDeps === true,
    // pip's hash-checking mode: asked for, or implied by any line's `--hash` (pip 23.2 and 26
    // `get_requirements`; pip 26's `--no-require-hashes` opt-out is not an option of wheelhouse).
    requireHashes: asked || inputs.hashOptionsAt !== undefined,
    ...(!asked && inputs.hashOptionsAt !== undefined ? { requireHashesImpliedBy: inputs.hashOptionsAt } : {}),
    http: pipNetworkOptions(o),
    tls: frontendTls(o),
    noCacheDir: noCacheDir(o),
  };
  // Dynamic dependencies (PEP 621 `dynamic`, setup.py-only local projects) from the frontend,
  // which needs the finder's indexes and the target's interpreter.
  // Loaded only for such projects: it brings the build layer (issue 14 §2 start-up).
  if (inputs.dynamicProjects.length > 0)
    await (
      await import('./dynamic-projects.js')
    ).addDynamicProjects(
      inputs,
      { inputs, finder, ...decided, ...settings },
      {
        env: o.env ?? process.env,
        cwd,
        logger: o.logger,
        ...(o.probeCache !== undefined ? { probeCache: o.probeCache } : {}),
      },
    );
  return { inputs, finder, ...decided, ...settings, configuredHosts };
}

function logFinderSource(o: PrepareOptions, finder: EffectiveFinder): void {
  if (o.pipConfig !== undefined && o.pipConfig.files.length > 0) {
    o.logger.debug(`pip configuration files read: ${o.pipConfig.files.join(', ')}`);
  }
  const primary = finder.indexUrls[0];
  o.logger.info(
    primary === undefined
      ? `index: ${finder.indexSource}`
      : `index ${redactUrl(primary)} (from ${finder.indexSource})${finder.indexUrls.length > 1 ? `, ${finder.indexUrls.length - 1} extra` : ''}`,
  );
}

async function decideTarget(o: PrepareOptions): Promise<Pick<Prepared, 'detected' | 'target' | 'describe'>> {
  const cache = o.probeCache;
  const find =
    o.findPython ??
    (cache !== undefined
      ? () => findPython(cachedRunCommand({ dir: cache, cwd: o.cwd ?? process.cwd() }))
      : undefined);
  const detected = await detectTarget({
    explicit: o.target,
    ...(find !== undefined ? { findPython: find } : {}),
    ...(o.runner ? { runner: o.runner } : {}),
  });
  const target = targetEnvironment(detected.options);
  const describe = `${target.summary} (Python ${target.pythonVersion.toString()})`;
  o.logger.info(
    `target ${describe}: Python from ${detected.source.python === 'explicit' ? 'the given version' : `${detected.python?.command ?? 'python'}${isAbsolute(detected.python?.command ?? '') ? '' : ' on PATH'}`}, platform from ${detected.source.platform === 'explicit' ? 'the given tags' : 'this runner'}`,
  );
  return { detected, target, describe };
}

/**
 * A lock file input (uv.lock, pylock.toml) is the whole resolution: it must be the only input, and
 * its packages are selected for the target here, with the finder's binary rules (only-binary /
 * no-binary) deciding between a package's wheels and its sdist.
 */
async function prepareLocked(
  o: PrepareOptions,
  io: { readFile(p: string, maxBytes?: number): Promise<string> },
): Promise<Prepared> {
  const [file] = o.requirementFiles as [string];
  if (o.requirementFiles.length !== 1 || (o.constraintFiles ?? []).length > 0) {
    throw new FlowInputError(
      `${file}: a lock file is the whole resolution, so it must be the only requirement input, without constraints (given: ${[...o.requirementFiles, ...(o.constraintFiles ?? [])].join(', ')})`,
    );
  }
  const options = defaultOptions();
  const finder = effectiveFinder(options, o.finder, o.pipConfig, linkPaths(o));
  const text = await io.readFile(file, TOML_INPUT_BYTES);
  const decided = await decideTarget(o);
  const { readLockInput } = await import('../provider/lock-input.js');
  const locked = readLockInput(file, text, {
    target: decided.target,
    selection: o.selection ?? NO_SELECTION,
    mayUseWheel: (name) => mayUseWheel(finder, name),
    mayUseSdist: (name) => mayUseSdist(finder, name),
  });
  o.logger.info(
    `${file}: ${locked.resolution.packages.length} packages selected for ${decided.describe} from the lock (no resolution)${locked.localProjects.length > 0 ? `; local projects: ${locked.localProjects.map((p) => p.name).join(', ')}` : ''}`,
  );
  const inputs: RequirementInputs = {
    requirements: [],
    constraints: [],
    hashes: new Map(),
    directFiles: new Map(),
    options,
    files: [file],
    localProjects: locked.localProjects,
    dynamicProjects: [],
    projectPythons: [],
    buildOptionLines: [],
    buildOptions: new Map(),
  };
  // The lock pins every file by its hash already; --no-deps has nothing to leave out.
  return { inputs, finder, ...decided, locked, noDeps: false, requireHashes: false };
}
