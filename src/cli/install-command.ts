/**
 * `wheelhouse install`: locate the target interpreter (pip's require-virtualenv honoured), fill
 * the wheelhouse (given by --dest, else wheelhouse's own in the cache directory, else with
 * --no-cache a throwaway one) and install it, save it to the cache, and report.
 */
import { join } from 'node:path';
import type { InstallFlowResult } from '../flow/install.js';
import type { LocatedInterpreter } from '../flow/install-interpreter.js';
import { FlowInputError } from '../flow/flow-errors.js';
import type { PipConfig } from '../flow/pip-config.js';
import { redactText } from '../index/redact.js';
import { escapeLogText } from '../util/log-text.js';
import type { Logger } from '../util/logger.js';
import type { ParsedArgs } from './args.js';
import { probeCacheDir } from './cache-dir.js';
import type { CliIo } from './cli-io.js';
import { fetchSummary } from './fetch-command.js';
import { filling } from './filling.js';
import { pythonArgument } from './python-argument.js';
import { writeRequestedCopies } from './requested-outputs.js';

function installSummary(r: InstallFlowResult): string {
  const parts = [`installed ${r.installed}`];
  if (r.replaced > 0) parts.push(`${r.replaced} of them replacing another version`);
  if (r.installer === 'native') parts.push(`${r.unchanged} already installed`);
  if (r.compiledFiles > 0) parts.push(`${r.compiledFiles} files byte-compiled`);
  const seconds = (r.timings.reduce((sum, t) => sum + t.ms, 0) / 1000).toFixed(2);
  return `${parts.join(', ')} into ${r.interpreter.prefix} in ${seconds} s`;
}

/**
 * The interpreter `install` installs into (cli.ts starts locating it early: `io.seams.interpreter`).
 * run.ts asks before reading pip's configuration: its sys.prefix/pip.conf is pip's site file.
 */
export async function locateInstallInterpreter(args: ParsedArgs, io: CliIo): Promise<LocatedInterpreter> {
  if (io.seams?.interpreter !== undefined) return io.seams.interpreter;
  const probeCache = probeCacheDir(args, io.env, io.cwd);
  return (await import('../flow/install-interpreter.js')).locateInterpreter({
    python: pythonArgument(args.python, io.cwd),
    env: io.env,
    ...(probeCache !== undefined ? { probeCache } : {}),
  });
}

export async function installCommand(
  args: ParsedArgs,
  io: CliIo,
  logger: Logger,
  pipConfig: PipConfig,
  located: Promise<LocatedInterpreter> = locateInstallInterpreter(args, io),
): Promise<number> {
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
      // The flag, or pip's own setting (PIP_BREAK_SYSTEM_PACKAGES, pip.conf) — review 17a F2.
      breakSystemPackages: args.breakSystemPackages || pipConfig.breakSystemPackages?.value === true,
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
