/**
 * The CLI shell: `wheelhouse resolve`, `wheelhouse fetch` and `wheelhouse install` (see args.ts and
 * help.ts). Logs and errors go to stderr; stdout carries only results (the lock when `resolve`
 * writes no file, the lock's path after `fetch` and `install`). Exit codes: 0 success,
 * 1 unsatisfiable, 2 bad input, network or a failed install.
 * Everything the process would read from globals (streams, environment, working directory) is
 * injectable so tests run the real shell in-process (cli-io.ts). `fetch` and `install` are
 * fetch-command.ts and install-command.ts (what they share: filling.ts); the flow options every
 * command starts from are prepare-options.ts.
 */
import { readFile, stat } from 'node:fs/promises';
import { redactText } from '../index/redact.js';
import {
  fsPipConfigIo,
  proxySettingWarning,
  readPipConfig,
  refusedSetting,
  type PipConfig,
} from '../flow/pip-config.js';
import { runResolve } from '../flow/resolve.js';
import { checkOutputFiles } from '../flow/output-files.js';
import type { Logger } from '../util/logger.js';
import { parseArgs, UsageError, type CliRequest, type ParsedArgs } from './args.js';
import type { CliIo } from './cli-io.js';
import { prepareOptions } from './prepare-options.js';
import { requestedOutputs, STDOUT, stdoutOutputs } from './requested-outputs.js';
import { answerWithoutRunning } from './early-answer.js';
import { StderrLogger } from './stderr-logger.js';
import { escapeLogText } from '../util/log-text.js';

function loadFailureReport(): Promise<typeof import('../flow/failure.js')> {
  return import('../flow/failure.js');
}

function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
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
    // install: the target interpreter first — its sys.prefix/pip.conf is pip's site
    // configuration file (review 15a F6).
    // fetch and install load their commands (and what only they use) when run (issue 14 §2 start-up).
    const install = request.args.command === 'install' ? await import('./install-command.js') : undefined;
    const located = install?.locateInstallInterpreter(request.args, io);
    located?.catch(() => undefined);
    // An interpreter that cannot be located fails the install later, as before: a refused setting
    // is still reported first.
    const sitePrefix =
      located !== undefined
        ? await located.then(
            (l) => l.interpreter.prefix,
            () => undefined,
          )
        : undefined;
    const pipConfig = await readPipConfig({
      ...fsPipConfigIo(io.env, request.args.isolated, io.pipConfigFs ?? { readFile, stat }),
      ...(sitePrefix !== undefined ? { sitePrefix } : {}),
    });
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
    if (args.command === 'fetch')
      return await (await import('./fetch-command.js')).fetchCommand(args, io, logger, pipConfig);
    return await (install as typeof import('./install-command.js')).installCommand(
      args,
      io,
      logger,
      pipConfig,
      located,
    );
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
