/**
 * What `wheelhouse fetch` and `wheelhouse install` share before they run: the run's state
 * directory, the cache directory and backend (local or S3), and the progress bar on stderr.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CacheBackend } from '../cache/backend.js';
import { ProgressReporter, type DownloadProgress } from '../download/progress.js';
import { FlowInputError } from '../flow/flow-errors.js';
import type { FetchOptions } from '../flow/fetch.js';
import type { PipConfig } from '../flow/pip-config.js';
import type { Logger } from '../util/logger.js';
import type { ParsedArgs } from './args.js';
import { cliCacheDir } from './cache-dir.js';
import type { CliIo } from './cli-io.js';
import { prepareOptions } from './prepare-options.js';

/** What `fetch` and `install` share: the state directory, the local cache and the progress bar. */
export interface Filling {
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

export async function filling(
  args: ParsedArgs,
  io: CliIo,
  logger: Logger,
  pipConfig: PipConfig,
): Promise<Filling> {
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
