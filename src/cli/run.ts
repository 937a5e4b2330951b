/**
 * The CLI shell: `wheelhouse resolve`, `wheelhouse fetch` and `wheelhouse install` (see args.ts and
 * help.ts). Logs and errors go to stderr; stdout carries only results (the lock when `resolve`
 * writes no file, the lock's path after `fetch` and `install`). Exit codes: 0 success,
 * 1 unsatisfiable, 2 bad input, network or a failed install.
 * Everything the process would read from globals (streams, environment, working directory) is
 * injectable so tests run the real shell in-process.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { CacheBackend } from '../cache/backend.js';
import { cliCacheDir, probeCacheDir } from './cache-dir.js';
import {
  formatBytes,
  ProgressReporter,
  type DownloadProgress,
  type ProgressStream,
} from '../download/progress.js';
import { redactText } from '../index/redact.js';
import { FlowInputError } from '../flow/flow-errors.js';
import {
  fsPipConfigIo,
  proxySettingWarning,
  readPipConfig,
  refusedSetting,
  type PipConfig,
} from '../flow/pip-config.js';
import type { FetchOptions, FetchResult } from '../flow/fetch.js';
import type { InstallFlowResult } from '../flow/install.js';
import type { LocatedInterpreter } from '../flow/install-interpreter.js';
import type { PrepareOptions } from '../flow/prepare.js';
import { runResolve } from '../flow/resolve.js';
import { checkOutputFiles } from '../flow/output-files.js';
import type { Logger } from '../util/logger.js';
import { parseArgs, UsageError, type CliRequest, type ParsedArgs } from './args.js';
import { requestedOutputs, STDOUT, stdoutOutputs, writeRequestedCopies } from './requested-outputs.js';
import { answerWithoutRunning } from './early-answer.js';
import { pythonArgument } from './python-argument.js';
import { StderrLogger } from './stderr-logger.js';
import { escapeLogText } from '../util/log-text.js';

export interface CliIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** How pip's configuration files are read (tests keep the machine's files out). */
  pipConfigFs?: Parameters<typeof fsPipConfigIo>[2];
  /** Test seams passed to target detection and the flow. */
  seams?: Pick<PrepareOptions, 'findPython' | 'runner'> & {
    /** install: the target interpreter, located early (cli.ts) or by a test. */
    interpreter?: Promise<LocatedInterpreter>;
    /** How the failure report is loaded (a test makes it fail). */
    loadFailureReport?: () => Promise<typeof import('../flow/failure.js')>;
  };
}

function loadFailureReport(): Promise<typeof import('../flow/failure.js')> {
  return import('../flow/failure.js');
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

async function prepareOptions(
  args: ParsedArgs,
  io: CliIo,
  logger: Logger,
  pipConfig: PipConfig,
): Promise<PrepareOptions> {
  const probeCache = probeCacheDir(args, io.env, io.cwd);
  return {
    pipConfig,
    ...(probeCache !== undefined ? { probeCache } : {}),
    requirementFiles: args.requirements,
    constraintFiles: args.constraints,
    selection: { extras: args.extras, allExtras: args.allExtras, groups: args.groups },
    finder: {
      ...(args.indexUrl !== undefined ? { indexUrl: args.indexUrl } : {}),
      extraIndexUrls: args.extraIndexUrls,
      // Local directories are taken from the working directory, as pip takes them (the CLI's own,
      // which differs from the process's only under tests).
      findLinks: args.findLinks.map((f) =>
        /^[a-z][a-z0-9+.-]*:\/\//i.test(f) || isAbsolute(f) ? f : resolve(io.cwd, f),
      ),
      noIndex: args.noIndex,
      pre: args.pre,
      onlyBinary: args.onlyBinary,
      noBinary: args.noBinary,
      binaryValues: args.binaryValues,
      preferBinary: args.preferBinary,
      ...(args.indexStrategy !== undefined ? { indexStrategy: args.indexStrategy } : {}),
    },
    target: {
      ...(args.pythonVersion !== undefined ? { pythonVersion: args.pythonVersion } : {}),
      ...(args.platforms.length > 0 ? { platforms: args.platforms } : {}),
      ...(args.implementation !== undefined ? { implementation: args.implementation } : {}),
      ...(args.abis.length > 0 ? { abis: args.abis } : {}),
    },
    cwd: io.cwd,
    env: io.env,
    logger,
    noDeps: args.noDeps,
    requireHashes: args.requireHashes,
    ...(args.timeoutSec !== undefined ? { timeoutSec: args.timeoutSec } : {}),
    ...(args.retries !== undefined ? { retries: args.retries } : {}),
    ...(io.seams?.findPython !== undefined ? { findPython: io.seams.findPython } : {}),
    ...(io.seams?.runner !== undefined ? { runner: io.seams.runner } : {}),
  };
}

async function resolveCommand(
  args: ParsedArgs,
  io: CliIo,
  logger: Logger,
  pipConfig: PipConfig,
): Promise<number> {
  const file = (path: string | undefined) => (path !== undefined && path !== STDOUT ? path : undefined);
  const lock = file(args.lock);
  const report = file(args.report);
  const pylock = file(args.pylock);
  const result = await runResolve({
    ...(await prepareOptions(args, io, logger, pipConfig)),
    ...(lock !== undefined ? { lock } : {}),
    ...(report !== undefined ? { report } : {}),
    ...(pylock !== undefined ? { pylock } : {}),
  });
  const toStdout = stdoutOutputs(args);
  if (args.lock === undefined && args.report === undefined && args.pylock === undefined)
    toStdout.push('lock');
  if (toStdout.length > 0) {
    const { lockText } = await import('../flow/lock-texts.js');
    for (const kind of toStdout) io.stdout.write(lockText(kind, result.resolution, result.prepared));
  }
  return 0;
}

function fetchSummary(r: FetchResult): string {
  const fromCache = r.packages.filter((p) => p.source === 'cache').length;
  const parts = [
    // Wheels used where they are (install without --dest) are not in the wheelhouse: said so.
    r.inPlace > 0
      ? `${r.packages.length} packages (${r.inPlace} read in place from the find-links directories, the rest in ${r.wheelhouse})`
      : `${r.packages.length} packages in ${r.wheelhouse}`,
    `${r.downloaded} downloaded (${formatBytes(r.downloadedBytes)})`,
    `${fromCache} from cache`,
  ];
  const reused = r.packages.filter((p) => p.source === 'reused' || p.source === 'present').length;
  if (reused > 0) parts.push(`${reused} already present`);
  return parts.join(', ');
}

/** What `fetch` and `install` share: the state directory, the local cache and the progress bar. */
interface Filling {
  options: Omit<FetchOptions, 'wheelhouse'>;
  backend?: CacheBackend;
  cacheDir: string;
  /** Draws the progress bar's final state. */
  finishProgress(): void;
  cleanup(): Promise<void>;
}

/**
 * The cache backend: --cache-backend / $WHEELHOUSE_CACHE_BACKEND `local` (default) or `s3`, whose
 * settings come from --s3-* options, else $WHEELHOUSE_S3_* variables (credentials: AWS_* only).
 */
async function cliBackend(
  args: ParsedArgs,
  env: Record<string, string | undefined>,
  cacheDir: string,
  logger: Logger,
): Promise<CacheBackend> {
  const kind = args.cacheBackend ?? (env.WHEELHOUSE_CACHE_BACKEND || 'local');
  if (kind === 'local') {
    // Loaded here, not with the CLI: `resolve` (whose start-up issue 14 times) keeps no cache.
    const { LocalDirBackend } = await import('../cache/local-dir-backend.js');
    return new LocalDirBackend({ dir: cacheDir, logger });
  }
  if (kind !== 's3')
    throw new FlowInputError(`--cache-backend: ${JSON.stringify(kind)} is not one of local, s3`);
  // One after the other: jest's ESM loader (the test runner) cannot link two dynamic imports that
  // share modules at once ("request for … is not in cache"); for Node it costs nothing measurable.
  const { createS3Backend } = await import('../cache/s3/s3-settings.js');
  const { cliS3Settings } = await import('./s3-options.js');
  return createS3Backend(cliS3Settings(args.s3, env), env, logger);
}

async function filling(args: ParsedArgs, io: CliIo, logger: Logger, pipConfig: PipConfig): Promise<Filling> {
  // A relative --cache-dir is taken from the working directory the CLI was given (as --dest is).
  const cacheDir = cliCacheDir(args, io.env, io.cwd);
  const backend = args.noCache ? undefined : await cliBackend(args, io.env, cacheDir, logger);
  const stateDir = await mkdtemp(join(tmpdir(), 'wheelhouse-state-'));
  const reporter =
    args.verbosity === 'quiet' || args.progressBar === 'off'
      ? undefined
      : new ProgressReporter({ stream: io.stderr });
  let last: DownloadProgress | undefined;
  return {
    options: {
      ...(await prepareOptions(args, io, logger, pipConfig)),
      clean: args.clean,
      stateDir,
      // Verified-file stamps between runs (src/cache/file-stamps.ts): warm runs read no wheel
      // again. Kept in the cache directory, so --no-cache keeps none.
      ...(args.noCache ? {} : { stampStore: join(cacheDir, 'stamps') }),
      ...(backend !== undefined
        ? { cache: { backend, ...(args.cacheSuffix !== undefined ? { suffix: args.cacheSuffix } : {}) } }
        : {}),
      ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
      ...(reporter !== undefined
        ? {
            onProgress: (p: DownloadProgress) => {
              last = p;
              reporter.update(p);
            },
          }
        : {}),
    },
    ...(backend !== undefined ? { backend } : {}),
    cacheDir,
    finishProgress: () => {
      if (reporter !== undefined && last !== undefined) reporter.finish(last);
    },
    cleanup: async () => {
      await (backend as { close?: () => Promise<void> } | undefined)?.close?.();
      await rm(stateDir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

async function fetchCommand(
  args: ParsedArgs,
  io: CliIo,
  logger: Logger,
  pipConfig: PipConfig,
): Promise<number> {
  const fill = await filling(args, io, logger, pipConfig);
  try {
    const { runFetch } = await import('../flow/fetch.js');
    const result = await runFetch({
      ...fill.options,
      wheelhouse: args.dest as string,
      // The save copies the wheelhouse: done while this run still holds it.
      whileHeld: async (fetched) => {
        fill.finishProgress();
        if (fill.backend === undefined) return;
        // Loaded only now: nothing before the run's first request needs the save (issue 14 §2).
        const { savePlanOf, saveWheelhouse } = await import('../flow/save.js');
        await saveWheelhouse(savePlanOf(fetched), fill.backend, logger);
      },
    });
    const printed = await writeRequestedCopies(args, result, io);
    logger.info(fetchSummary(result));
    logger.info(
      `install with: wheelhouse install --no-index --find-links ${result.wheelhouse} --require-hashes -r ${result.lockFile} (or pip install with the same options)`,
    );
    if (!printed) io.stdout.write(`${result.lockFile}\n`);
    return 0;
  } finally {
    await fill.cleanup();
  }
}

function installSummary(r: InstallFlowResult): string {
  const parts = [`installed ${r.installed}`];
  if (r.replaced > 0) parts.push(`${r.replaced} of them replacing another version`);
  if (r.installer === 'native') parts.push(`${r.unchanged} already installed`);
  if (r.compiledFiles > 0) parts.push(`${r.compiledFiles} files byte-compiled`);
  const seconds = (r.timings.reduce((sum, t) => sum + t.ms, 0) / 1000).toFixed(2);
  return `${parts.join(', ')} into ${r.interpreter.prefix} in ${seconds} s`;
}

async function installCommand(
  args: ParsedArgs,
  io: CliIo,
  logger: Logger,
  pipConfig: PipConfig,
): Promise<number> {
  const probeCache = probeCacheDir(args, io.env, io.cwd);
  const located =
    io.seams?.interpreter ??
    (await import('../flow/install-interpreter.js')).locateInterpreter({
      python: pythonArgument(args.python, io.cwd),
      env: io.env,
      ...(probeCache !== undefined ? { probeCache } : {}),
    });
  // pip's require-virtualenv: install refuses an interpreter outside a virtual environment
  // (pip's base_command: `running_under_virtualenv()` or "Could not find an activated virtualenv").
  const requireVenv = pipConfig.requireVirtualenv;
  const interpreter =
    requireVenv?.value === true
      ? located.then((l) => {
          if (!l.interpreter.isVirtualEnv)
            throw new FlowInputError(
              `${requireVenv.source}: ${l.interpreter.executable} is not in a virtual environment (pip's require-virtualenv)`,
            );
          return l;
        })
      : located;
  // Awaited by the install flow; a run that fails before must not leave it unhandled.
  interpreter.catch(() => undefined);
  const fill = await filling(args, io, logger, pipConfig);
  try {
    const { defaultInstallWheelhouse, runInstallFlow, unpackedCacheDirFor } =
      await import('../flow/install.js');
    // Hard links from <cache dir>/unpacked (src/install/unpacked-cache.ts); none with --no-cache.
    const unpackedCacheDir = args.noCache ? undefined : unpackedCacheDirFor(fill.cacheDir, io.env);
    const { savePlanOf, saveWheelhouseAgain } = await import('../flow/save.js');
    // --no-cache (pip's --no-cache-dir) without --dest keeps nothing: the wheelhouse lives in the
    // run's state directory, removed at the end (a container image built with it stays small).
    const throwaway = args.dest === undefined && args.noCache;
    const result = await runInstallFlow({
      ...fill.options,
      wheelhouse:
        args.dest !== undefined
          ? args.dest
          : throwaway
            ? join(fill.options.stateDir, 'wheelhouse')
            : (found) => defaultInstallWheelhouse(fill.cacheDir, found),
      interpreter,
      // Without --dest the wheelhouse is wheelhouse's own: the native installer reads find-links
      // wheels where they are instead of a copy of each there (issue 9 §6; fetch-types.ts).
      inPlace: args.dest === undefined,
      installer: args.installer,
      compile: args.compile,
      reinstall: args.reinstall,
      breakSystemPackages: args.breakSystemPackages,
      ...(unpackedCacheDir !== undefined ? { unpackedCacheDir } : {}),
      pipOutput: {
        write: (text: string) =>
          args.verbosity === 'quiet' ? true : io.stderr.write(escapeLogText(redactText(text))),
      },
    });
    fill.finishProgress();
    if (result.fetch.inPlace > 0) {
      // The wheelhouse lacks those wheels (it is marked incomplete): an entry saved from it would
      // claim files it does not hold, and the find-links directory is their source anyway.
      logger.debug(
        `cache not saved: ${result.fetch.inPlace} wheel(s) were installed from the find-links directory, not from the wheelhouse`,
      );
    } else if (fill.backend !== undefined) {
      await saveWheelhouseAgain(savePlanOf(result.fetch), fill.backend, logger);
    }
    const printed = await writeRequestedCopies(args, result.fetch, io);
    logger.info(fetchSummary(result.fetch));
    logger.info(installSummary(result));
    // A throwaway wheelhouse is gone when the run ends, and one whose wheels were used where they
    // are has no lock: no path to print.
    const lock = result.fetch.lockFile;
    if (!throwaway && !printed && lock !== undefined) io.stdout.write(`${lock}\n`);
    return 0;
  } finally {
    await fill.cleanup();
  }
}

/**
 * pip's configuration of the flags pip reads from it too: `PIP_NO_CACHE_DIR` (or pip.conf
 * `no-cache-dir`) is `--no-cache-dir`, `PIP_PROGRESS_BAR` is `--progress-bar` unless given,
 * `PIP_REQUIRE_HASHES` / `PIP_NO_DEPS` are `--require-hashes` / `--no-deps` (a true value turns them
 * on, as pip's store_true defaults), and `PIP_CONSTRAINT`'s files come before the command line's
 * `-c` (pip's append options start from the configured list: review 15a F11).
 */
export function withPipFlags(args: ParsedArgs, pipConfig: PipConfig): ParsedArgs {
  const progressBar = args.progressBar ?? pipConfig.progressBar?.value;
  return {
    ...args,
    noCache: args.noCache || pipConfig.noCacheDir?.value === true,
    requireHashes: args.requireHashes || pipConfig.requireHashes?.value === true,
    noDeps: args.noDeps || pipConfig.noDeps?.value === true,
    constraints: [...(pipConfig.constraints?.value ?? []), ...args.constraints],
    ...(progressBar !== undefined ? { progressBar } : {}),
  };
}

/** The CLI shell. Returns the process exit code. */
export async function runCli(argv: string[], ioOverrides: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = { ...defaultIo(), ...ioOverrides };
  if (argv[0] === 'store') return (await import('./store-command.js')).storeCommand(argv.slice(1), io);
  let request: CliRequest;
  try {
    request = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const hint = error.command !== undefined ? `wheelhouse ${error.command} --help` : 'wheelhouse --help';
    io.stderr.write(`wheelhouse: ${redactText(error.message)}\n(see ${hint})\n`);
    return 2;
  }
  const answered = answerWithoutRunning(request, io);
  if (answered !== undefined || request.kind !== 'run') return answered ?? 0;
  const logger = new StderrLogger(io.stderr, request.args.verbosity);
  try {
    const pipConfig = await readPipConfig(
      fsPipConfigIo(io.env, request.args.isolated, io.pipConfigFs ?? { readFile, stat }),
    );
    // A pip setting wheelhouse cannot honour is refused, never ignored (review 15a F11/F20).
    const refused = refusedSetting(pipConfig, request.args.command);
    if (refused !== undefined) throw refused;
    const proxyWarning = proxySettingWarning(pipConfig, io.env);
    if (proxyWarning !== undefined) logger.warn(proxyWarning);
    // pip's PIP_NO_CACHE_DIR / PIP_PROGRESS_BAR (and their pip.conf keys) as the flags would.
    const args = withPipFlags(request.args, pipConfig);
    // A --lock/--report/--pylock path that can never be written fails now, not after the run.
    const outputs = requestedOutputs(args, io);
    if (outputs.length > 0) await checkOutputFiles(outputs);
    if (args.command === 'resolve') return await resolveCommand(args, io, logger, pipConfig);
    if (args.command === 'fetch') return await fetchCommand(args, io, logger, pipConfig);
    return await installCommand(args, io, logger, pipConfig);
  } catch (error) {
    // Loaded only now: it imports every error class of the tool (start-up, issue 14 §2).
    let describeFailure: (typeof import('../flow/failure.js'))['describeFailure'];
    try {
      ({ describeFailure } = await (io.seams?.loadFailureReport ?? loadFailureReport)());
    } catch (loadError) {
      // A damaged install (a missing chunk): still the redacted message, never Node's raw stack.
      const text = (e: unknown) => escapeLogText(redactText(e instanceof Error ? e.message : String(e)));
      io.stderr.write(
        `wheelhouse: internal error: ${text(error)}\n(the error report could not be loaded: ${text(loadError)})\n`,
      );
      return 2;
    }
    const failure = describeFailure(error);
    if (failure.kind === 'unsatisfiable') {
      io.stderr.write(`${failure.message}\n`);
    } else {
      io.stderr.write(
        `wheelhouse: ${failure.kind === 'internal' ? 'internal error: ' : ''}${failure.message}\n`,
      );
    }
    if (
      request.args.verbosity === 'verbose' &&
      failure.kind === 'internal' &&
      error instanceof Error &&
      error.stack
    ) {
      io.stderr.write(`${escapeLogText(redactText(error.stack))}\n`);
    }
    return failure.exitCode;
  }
}
