/**
 * Which cache store the action uses: the GitHub Actions cache (@actions/cache) when this job can
 * reach the cache service (`isFeatureAvailable()`: ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL set;
 * also true under `act` with its cache server), else the local-directory backend in the runner
 * user's cache directory, which persists between jobs on self-hosted runners. The `cache-backend`
 * input picks `local` (always the directory) or `s3` (a bucket a runner fleet shares:
 * src/cache/s3-store.ts) instead.
 */
import { ActionsCacheBackend } from '../cache/actions-cache-backend.js';
import type { CacheBackend } from '../cache/backend.js';
import { LocalDirBackend } from '../cache/local-dir-backend.js';
import { createS3Backend, type S3Settings } from '../cache/s3/s3-settings.js';
import { defaultCacheDir } from '../cache/user-cache-dir.js';
import type { Logger } from '../util/logger.js';

export interface BackendChoice {
  backend: CacheBackend;
  name: 'actions-cache' | 'local-dir' | 's3';
  cacheDir?: string;
  /** For the s3 backend (no credentials in here: they come from the environment each step). */
  s3?: S3Settings;
}

/** The backend the inputs ask for (`cache-backend`), or the main step's for the post step. */
export interface BackendWish {
  cacheBackend?: 'github' | 's3' | 'local';
  s3?: S3Settings;
}

export function chooseBackend(
  logger: Logger,
  env: Record<string, string | undefined>,
  previous?: { name: string; cacheDir?: string; s3?: S3Settings },
  wish: BackendWish = {},
): BackendChoice {
  const s3 = previous !== undefined ? (previous.name === 's3' ? previous.s3 : undefined) : wish.s3;
  if (s3 !== undefined && (previous !== undefined || wish.cacheBackend === 's3')) {
    return { backend: createS3Backend(s3, env, logger), name: 's3', s3 };
  }
  if (previous === undefined && wish.cacheBackend === 'local') {
    const cacheDir = defaultCacheDir(env);
    return { backend: new LocalDirBackend({ dir: cacheDir, logger }), name: 'local-dir', cacheDir };
  }
  if (previous?.name === 'local-dir' || (previous === undefined && !ActionsCacheBackend.isAvailable())) {
    const cacheDir = previous?.cacheDir ?? defaultCacheDir(env);
    return { backend: new LocalDirBackend({ dir: cacheDir, logger }), name: 'local-dir', cacheDir };
  }
  return { backend: new ActionsCacheBackend(logger), name: 'actions-cache' };
}
