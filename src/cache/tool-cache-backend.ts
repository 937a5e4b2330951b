import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import * as toolCache from '@actions/tool-cache';
import type { ResolvedFile } from '../provider/resolution.js';
import type { Logger } from '../util/logger.js';
import { errorMessage } from './backend.js';

/**
 * Where @actions/tool-cache serves (see docs/cache-backends.md): a persistent, content-addressed
 * per-wheel store under RUNNER_TOOL_CACHE on self-hosted runners. It is not a CacheBackend (no
 * keys): it sits beside one. Before downloading, `lookup` offers a stored wheel to downloadAll's
 * `reuse` hook, which verifies the sha256 before linking or copying it into the wheelhouse; after
 * downloading, `add` stores the new wheels. Wheels are immutable and named by their sha256, so
 * any resolution, on any branch or repository that shares the runner, reuses them.
 *
 * Layout (tool-cache's own): `$RUNNER_TOOL_CACHE/wheelhouse-wheels/0.0.0-sha256-<hex>/any/<filename>`
 * plus tool-cache's `any.complete` marker. The version is a valid semver (the prerelease
 * identifier `sha256-<hex>` contains letters, so tool-cache's semver checks accept every digest)
 * because `toolCache.find` only looks a version up directly when it is explicit semver.
 *
 * Disabled on GitHub-hosted runners (RUNNER_ENVIRONMENT=github-hosted): their tool cache dies with
 * the VM, so storing would only cost time. Like every cache here, failures are warnings.
 */

export const TOOL_CACHE_NAME = 'wheelhouse-wheels';
const ARCH = 'any';
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function toolCacheVersion(sha256: string): string {
  return `0.0.0-sha256-${sha256.toLowerCase()}`;
}

export class ToolCacheWheelStore {
  readonly name = 'tool-cache';

  constructor(private readonly logger: Logger) {}

  /**
   * The store when this job can use one: RUNNER_TOOL_CACHE set and the runner not GitHub-hosted
   * (or `force`, for tests and for admins who opt in explicitly).
   */
  static fromEnvironment(
    logger: Logger,
    env: Record<string, string | undefined> = process.env,
    force = false,
  ): ToolCacheWheelStore | undefined {
    if (!env['RUNNER_TOOL_CACHE']) return undefined;
    if (!force && env['RUNNER_ENVIRONMENT'] === 'github-hosted') return undefined;
    return new ToolCacheWheelStore(logger);
  }

  /** Path of a stored copy of `file`, a regular file (unverified: the caller checks its sha256), if any. */
  lookup(file: ResolvedFile): string | undefined {
    const sha = file.sha256.toLowerCase();
    if (!SHA256_HEX.test(sha)) return undefined;
    try {
      const dir = toolCache.find(TOOL_CACHE_NAME, toolCacheVersion(sha), ARCH);
      if (!dir) return undefined;
      const path = join(dir, file.filename);
      // A plain file only: a symlink planted in the tool cache is never followed (the caller
      // still checks the sha256 of what it links or copies).
      return lstatSync(path, { throwIfNoEntry: false })?.isFile() === true ? path : undefined;
    } catch (error) {
      this.logger.debug(`tool cache lookup of ${file.filename} failed: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /**
   * Store verified wheels (`path` must already have `file.sha256`, e.g. fresh from downloadAll).
   * Wheels already stored are skipped. Returns how many were added.
   */
  async add(items: { file: ResolvedFile; path: string }[]): Promise<number> {
    let added = 0;
    for (const { file, path } of items) {
      const sha = file.sha256.toLowerCase();
      if (!SHA256_HEX.test(sha) || this.lookup(file) !== undefined) continue;
      try {
        await toolCache.cacheFile(path, file.filename, TOOL_CACHE_NAME, toolCacheVersion(sha), ARCH);
        added++;
      } catch (error) {
        this.logger.warn(`could not store ${file.filename} in the runner tool cache: ${errorMessage(error)}`);
      }
    }
    return added;
  }
}
