/**
 * The action's main step: inputs → the fetch flow (src/flow/fetch.ts), or with `install: true` the
 * install flow (src/flow/install.ts: fetch + install overlapping) → outputs, post-step state, job
 * summary. Every output is set on every path; requirement-file problems
 * become annotations at file:line; any failure fails the step with one redacted message.
 */
import * as core from '@actions/core';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ToolCacheWheelStore } from '../cache/tool-cache-backend.js';
import { defaultCacheDir } from '../cache/user-cache-dir.js';
import { ProgressReporter, type DownloadProgress } from '../download/progress.js';
import { redactText, registerUrlSecrets, runSecrets } from '../index/redact.js';
import { escapeLogText } from '../util/log-text.js';
import { describeFailure } from '../flow/failure.js';
import { splitNamedIndex } from '../flow/finder-options.js';
import { runFetch, type FetchOptions, type FetchResult } from '../flow/fetch.js';
import { runInstallFlow, unpackedCacheDirFor, type InstallFlowResult } from '../flow/install.js';
import { locateInterpreter } from '../flow/install-interpreter.js';
import { FlowInputError } from '../flow/flow-errors.js';
import type { PhaseTiming } from '../flow/phase-timer.js';
import { savePlanOf } from '../flow/save.js';
import { fsPipConfigIo, proxySettingWarning, readPipConfig, refusedSetting } from '../flow/pip-config.js';
import { annotateFailure } from './annotations.js';
import { chooseBackend } from './backend-choice.js';
import { coreLogger } from './core-logger.js';
import { ActionInputError, parseInputs, type ActionInputs } from './inputs.js';
import { failureOutputs, outputsOf, setOutputs } from './outputs.js';
import { savePostState } from './state.js';
import { failureSummaryMarkdown, summaryMarkdown, writeSummary } from './summary.js';

/**
 * Registers the secret parts of the index inputs with the run (src/index/redact.ts); the runner
 * masks each value `runSecrets` ever holds (see `runMain`).
 */
function registerInputSecrets(inputs: ActionInputs): void {
  for (const url of [inputs.indexUrl, ...inputs.extraIndexUrls, ...inputs.findLinks]) {
    if (url !== undefined) registerUrlSecrets(splitNamedIndex(url).url);
  }
}

/** The job summary of a failed run (what failed, where); a summary that cannot be written is a warning. */
async function writeFailureSummary(
  kind: Parameters<typeof failureSummaryMarkdown>[0],
  message: string,
  logger: typeof coreLogger,
  locations: Parameters<typeof failureSummaryMarkdown>[2] = [],
): Promise<void> {
  try {
    await writeSummary(failureSummaryMarkdown(kind, message, locations));
  } catch (error) {
    logger.warn(`could not write the job summary: ${(error as Error).message}`);
  }
}

/** Per-wheelhouse state directory under RUNNER_TEMP: stable across runs (cache entries are versioned by their paths). */
export function stateDirFor(wheelhouse: string, env: Record<string, string | undefined>): string {
  const base = env['RUNNER_TEMP'] || tmpdir();
  return join(base, `wheelhouse-state-${createHash('sha256').update(wheelhouse).digest('hex').slice(0, 12)}`);
}

function installLine(r: InstallFlowResult): string {
  const how = r.installer === 'native' ? 'wheelhouse' : 'pip';
  const extra =
    r.installer === 'native'
      ? ` (${r.unchanged} already installed${r.compiledFiles > 0 ? `, ${r.compiledFiles} files byte-compiled` : ''})`
      : '';
  return `installed ${r.installed} with ${how} into ${r.interpreter.executable} (Python ${r.interpreter.version})${extra}`;
}

function unpackedOption(env: Record<string, string | undefined>): { unpackedCacheDir?: string } {
  const dir = unpackedCacheDirFor(defaultCacheDir(env), env);
  return dir !== undefined ? { unpackedCacheDir: dir } : {};
}

export async function runMain(env: Record<string, string | undefined> = process.env): Promise<void> {
  const logger = coreLogger;
  let wheelhouse: string | undefined;
  // Every secret of the run (input URLs, `${VAR}` values in requirement files, …) is passed to the
  // runner as soon as it is registered, before anything that could hold it is printed.
  const unsubscribe = runSecrets.onAdd((value) => core.setSecret(value));
  try {
    const inputs = await parseInputs({ env });
    wheelhouse = inputs.wheelhouse;
    registerInputSecrets(inputs);
    const choice = inputs.cache
      ? chooseBackend(logger, env, undefined, {
          cacheBackend: inputs.cacheBackend,
          ...(inputs.s3 !== undefined ? { s3: inputs.s3 } : {}),
        })
      : undefined;
    // Interpreter probes (target detection, source builds, install) kept in the cache directory, as
    // the CLI keeps them (src/install/probe-cache.ts): the local backend's, else the runner user's
    // (as the unpacked-wheel cache); none with `cache: false`.
    const probeCache =
      choice !== undefined ? join(choice.cacheDir ?? defaultCacheDir(env), 'probes') : undefined;
    // With `install: true` the target interpreter is probed first: its sys.prefix/pip.conf is
    // pip's site configuration file (review 15a F6).
    const located = inputs.install
      ? locateInterpreter({ env, ...(probeCache !== undefined ? { probeCache } : {}) })
      : undefined;
    located?.catch(() => undefined);
    // One that cannot be located fails the install below, after pip's settings are checked.
    const probed = located !== undefined ? await located.catch(() => undefined) : undefined;
    // pip's configuration (PIP_* variables, pip.conf) as a pip user on this runner expects it.
    // Its URLs' secrets are registered by prepare (src/flow/prepare.ts) before anything is logged.
    const pipConfig = await readPipConfig({
      ...fsPipConfigIo(env, false, { readFile, stat }),
      ...(probed !== undefined ? { sitePrefix: probed.interpreter.prefix } : {}),
    });
    // A pip setting wheelhouse cannot honour is refused, never ignored (review 15a F11/F20).
    const refused = refusedSetting(pipConfig, inputs.install ? 'install' : 'fetch');
    if (refused !== undefined) throw refused;
    const proxyWarning = proxySettingWarning(pipConfig, env);
    if (proxyWarning !== undefined) logger.warn(proxyWarning);
    const requireVenv = pipConfig.requireVirtualenv;
    if (probed !== undefined && requireVenv?.value === true && !probed.interpreter.isVirtualEnv)
      throw new FlowInputError(
        `${requireVenv.source}: ${probed.interpreter.executable} is not in a virtual environment (pip's require-virtualenv)`,
      );
    if (choice !== undefined)
      logger.info(
        `cache backend: ${choice.name}${choice.cacheDir ? ` (${choice.cacheDir})` : ''}${choice.s3 ? ` (s3://${choice.s3.bucket}/${choice.s3.prefix})` : ''}`,
      );
    const wheelStore = ToolCacheWheelStore.fromEnvironment(logger, env);
    if (wheelStore !== undefined)
      logger.info('runner tool cache: wheels are shared across jobs on this runner');
    const reporter = new ProgressReporter({ stream: process.stdout });
    let last: DownloadProgress | undefined;
    const options: FetchOptions = {
      requirementFiles: inputs.requirements,
      // pip's require-hashes, no-deps and constraint settings act as they do for the CLI (its
      // --require-hashes, --no-deps, -c; configured constraints only: the action has no input for
      // them) — review 15a F11.
      constraintFiles: pipConfig.constraints?.value ?? [],
      noDeps: pipConfig.noDeps?.value === true,
      requireHashes: pipConfig.requireHashes?.value === true,
      ...(inputs.selection !== undefined ? { selection: inputs.selection } : {}),
      finder: {
        ...(inputs.indexUrl !== undefined ? { indexUrl: inputs.indexUrl } : {}),
        extraIndexUrls: inputs.extraIndexUrls,
        findLinks: inputs.findLinks,
        pre: inputs.pre,
        onlyBinary: inputs.onlyBinary !== undefined ? [inputs.onlyBinary] : [],
        indexStrategy: inputs.indexStrategy,
      },
      target: {
        ...(inputs.pythonVersion !== undefined ? { pythonVersion: inputs.pythonVersion } : {}),
        ...(inputs.platforms.length > 0 ? { platforms: inputs.platforms } : {}),
      },
      cwd: env['GITHUB_WORKSPACE'] || process.cwd(),
      env,
      pipConfig,
      logger,
      wheelhouse: inputs.wheelhouse,
      clean: inputs.clean,
      stateDir: stateDirFor(inputs.wheelhouse, env),
      ...(probeCache !== undefined ? { probeCache } : {}),
      ...(choice !== undefined ? { cache: { backend: choice.backend, suffix: inputs.cacheSuffix } } : {}),
      concurrency: inputs.concurrency,
      ...(wheelStore !== undefined ? { wheelStore } : {}),
      onProgress: (p) => {
        last = p;
        reporter.update(p);
      },
    };
    let result: FetchResult;
    let installed: InstallFlowResult | undefined;
    if (located !== undefined) {
      installed = await runInstallFlow({
        ...options,
        interpreter: located,
        installer: inputs.installer,
        compile: inputs.compile,
        // The input, or pip's own setting (PIP_BREAK_SYSTEM_PACKAGES, pip.conf: GitHub's
        // ubuntu-24.04 image sets it in /etc/pip.conf) — review 17a F2.
        breakSystemPackages: inputs.breakSystemPackages || pipConfig.breakSystemPackages?.value === true,
        // Hard links from the runner user's cache directory (src/install/unpacked-cache.ts): a
        // persistent (self-hosted) runner fills each environment without writing the wheels
        // again. `cache: false` leaves it out, as --no-cache does for the CLI.
        ...(inputs.cache ? unpackedOption(env) : {}),
        // pip's own output, with the same redaction and escaping as every other logged line.
        pipOutput: { write: (text: string) => process.stdout.write(escapeLogText(redactText(text))) },
      });
      result = installed.fetch;
    } else {
      result = await runFetch(options);
    }
    if (last !== undefined) reporter.finish(last);
    setOutputs(outputsOf(result, installed?.installed ?? 0));
    if (choice !== undefined) {
      savePostState({
        ...savePlanOf(result),
        backend: choice.name,
        ...(choice.cacheDir !== undefined ? { cacheDir: choice.cacheDir } : {}),
        ...(choice.s3 !== undefined ? { s3: choice.s3 } : {}),
      });
    }
    const extra: PhaseTiming[] = installed?.timings.filter((t) => t.phase === 'install') ?? [];
    const line = installed !== undefined ? installLine(installed) : undefined;
    try {
      await writeSummary(summaryMarkdown(result, extra, line));
    } catch (error) {
      logger.warn(`could not write the job summary: ${(error as Error).message}`);
    }
    logger.info(
      `wheelhouse ready: ${result.wheelhouse} (${result.resolution.packages.length} packages, ${result.downloaded} downloaded, cache-hit=${result.cacheHit})`,
    );
    if (line !== undefined) logger.info(line);
  } catch (error) {
    setOutputs(failureOutputs(wheelhouse));
    if (error instanceof ActionInputError) {
      core.setFailed(redactText(error.message));
      await writeFailureSummary('input', error.message, logger);
      process.exitCode = 2;
      return;
    }
    const failure = describeFailure(error);
    annotateFailure(failure);
    await writeFailureSummary(failure.kind, failure.message, logger, failure.locations);
    core.setFailed(failure.kind === 'internal' ? `internal error: ${failure.message}` : failure.message);
    // The CLI's codes (1 unsatisfiable, 2 input, network or install); the runner only needs non-zero.
    process.exitCode = failure.exitCode;
  } finally {
    unsubscribe();
  }
}
