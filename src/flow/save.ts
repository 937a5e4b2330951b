/**
 * The end of a run (the action's post step; the CLI calls it right after the fetch): prune the
 * wheelhouse to the resolution's files and wheelhouse's own outputs, then save the cache entry
 * under the resolution key unless exactly that entry was restored. Never throws: a cache failure is
 * a warning (the backend logs it), a pruning failure too.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheBackend, SaveResult } from '../cache/backend.js';
import { errorMessage } from '../cache/backend.js';
import type { Logger } from '../util/logger.js';
import { WHEELHOUSE_OUTPUTS, type FetchResult } from './fetch.js';

/** What the main step hands to the post step (see src/action/state.ts). */
export interface SavePlan {
  key: string;
  cacheHit: boolean;
  /** Paths in the order they were restored. The first is the wheelhouse. */
  cachePaths: string[];
  /** File names of the resolution. */
  files: string[];
}

/** The plan of a finished fetch: its key, whether that entry was restored, and what to keep. */
export function savePlanOf(result: FetchResult): SavePlan {
  return {
    key: result.key.key,
    cacheHit: result.cacheHit,
    cachePaths: result.cachePaths,
    files: result.resolution.packages.map((p) => p.file.filename),
  };
}

export interface SaveOutcome {
  pruned: string[];
  save: SaveResult | { saved: false; reason: string };
}

/** Delete regular files of `dir` that are neither in `files` nor wheelhouse outputs. */
export async function pruneWheelhouse(dir: string, files: string[], logger: Logger): Promise<string[]> {
  const keep = new Set([...files, ...WHEELHOUSE_OUTPUTS]);
  const pruned: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    logger.warn(`cannot read the wheelhouse ${dir} to prune it: ${errorMessage(error)}`);
    return pruned;
  }
  for (const entry of entries) {
    if (!entry.isFile() || keep.has(entry.name)) continue;
    try {
      await rm(join(dir, entry.name), { force: true });
      pruned.push(entry.name);
    } catch (error) {
      logger.warn(`cannot prune ${entry.name} from the wheelhouse: ${errorMessage(error)}`);
    }
  }
  if (pruned.length > 0)
    logger.info(`pruned ${pruned.length} file(s) not in the resolution: ${pruned.join(', ')}`);
  return pruned;
}

export async function saveWheelhouse(
  plan: SavePlan,
  backend: CacheBackend,
  logger: Logger,
): Promise<SaveOutcome> {
  const wheelhouse = plan.cachePaths[0];
  const pruned = wheelhouse === undefined ? [] : await pruneWheelhouse(wheelhouse, plan.files, logger);
  if (plan.cacheHit) {
    logger.info(`cache entry ${plan.key} was restored exactly: not saved again`);
    return { pruned, save: { saved: false, reason: 'exact cache hit' } };
  }
  try {
    return { pruned, save: await backend.save(plan.cachePaths, plan.key) };
  } catch (error) {
    // Backends do not throw by contract; this guards the contract, it is not a second policy.
    const reason = errorMessage(error);
    logger.warn(`cache ${plan.key} not saved: ${reason}`);
    return { pruned, save: { saved: false, reason } };
  }
}
