/**
 * Which cache store the action uses: the GitHub Actions cache (@actions/cache) when this job can
 * reach the cache service (`isFeatureAvailable()`: ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL set;
 * also true under `act` with its cache server), else the local-directory backend in the runner
 * user's cache directory, which persists between jobs on self-hosted runners.
 */
import { ActionsCacheBackend } from '../cache/actions-cache-backend.js';
import type { CacheBackend } from '../cache/backend.js';
import { LocalDirBackend } from '../cache/local-dir-backend.js';
import { defaultCacheDir } from '../cache/user-cache-dir.js';
import type { Logger } from '../util/logger.js';

export interface BackendChoice {
  backend: CacheBackend;
  name: 'actions-cache' | 'local-dir';
  cacheDir?: string;
}

export function chooseBackend(
  logger: Logger,
  env: Record<string, string | undefined>,
  previous?: { name: string; cacheDir?: string },
): BackendChoice {
  if (previous?.name === 'local-dir' || (previous === undefined && !ActionsCacheBackend.isAvailable())) {
    const cacheDir = previous?.cacheDir ?? defaultCacheDir(env);
    return { backend: new LocalDirBackend({ dir: cacheDir, logger }), name: 'local-dir', cacheDir };
  }
  return { backend: new ActionsCacheBackend(logger), name: 'actions-cache' };
}
