import { join, resolve } from 'node:path';
import { defaultCacheDir } from '../cache/user-cache-dir.js';
import type { ParsedArgs } from './args.js';

/** The CLI's cache directory: `--cache-dir` (relative: from the working directory), else the user's. */
export function cliCacheDir(
  args: Pick<ParsedArgs, 'cacheDir'>,
  env: Record<string, string | undefined>,
  cwd: string,
): string {
  return args.cacheDir !== undefined ? resolve(cwd, args.cacheDir) : defaultCacheDir(env);
}

/** Where interpreter probes are cached (src/install/probe-cache.ts); none with --no-cache. */
export function probeCacheDir(
  args: Pick<ParsedArgs, 'cacheDir' | 'noCache'> & { isolated?: boolean },
  env: Record<string, string | undefined>,
  cwd: string,
): string | undefined {
  // The probes run before pip's configuration is read (early-probe.ts): PIP_NO_CACHE_DIR is
  // looked at here directly (its pip.conf key counts from then on, src/cli/run.ts withPipFlags).
  const pipNoCache = args.isolated !== true && (env['PIP_NO_CACHE_DIR'] ?? '') !== '';
  return args.noCache || pipNoCache ? undefined : join(cliCacheDir(args, env, cwd), 'probes');
}
