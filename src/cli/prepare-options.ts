/**
 * The CLI's parsed arguments as the flow's PrepareOptions (inputs, finder, target, network
 * settings), what every command (`resolve`, `fetch`, `install`) starts from.
 */
import { isAbsolute, resolve } from 'node:path';
import type { PipConfig } from '../flow/pip-config.js';
import type { PrepareOptions } from '../flow/prepare.js';
import type { Logger } from '../util/logger.js';
import type { ParsedArgs } from './args.js';
import { probeCacheDir } from './cache-dir.js';
import type { CliIo } from './cli-io.js';

export async function prepareOptions(
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
      trustedHosts: args.trustedHosts,
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
    // --no-cache / --no-cache-dir (and pip's configured no-cache-dir): the build frontend's pip too.
    ...(args.noCache ? { noCacheDir: true } : {}),
    ...(args.timeoutSec !== undefined ? { timeoutSec: args.timeoutSec } : {}),
    ...(args.retries !== undefined ? { retries: args.retries } : {}),
    ...(io.seams?.findPython !== undefined ? { findPython: io.seams.findPython } : {}),
    ...(io.seams?.runner !== undefined ? { runner: io.seams.runner } : {}),
  };
}
