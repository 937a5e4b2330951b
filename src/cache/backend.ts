import type { SharedBuiltWheels } from '../build/shared-built-wheels.js';
import type { FileStamps } from './file-stamps.js';

/**
 * The seam between the wheelhouse flow and a cache store (GitHub Actions cache, a local directory).
 *
 * The rule every implementation follows: a cache-service failure is a warning, never a failed job.
 * `restore` and `save` never throw; on any failure they log one warning through the Logger they
 * were given and answer "nothing restored" / "not saved".
 */

export interface RestoreResult {
  /** The key of the entry that was restored (the primary key or one matched by a restore prefix). */
  matchedKey?: string;
  /** True when `matchedKey` equals the primary key. */
  exact: boolean;
}

export interface SaveResult {
  saved: boolean;
  /** Why nothing was saved (already present, service failure, …), for logs and the job summary. */
  reason?: string;
}

/** What a restore may use besides the paths and keys (backends that cannot use it ignore it). */
export interface RestoreOptions {
  /**
   * The run's verified-file stamps (file-stamps.ts): a backend restoring a wheelhouse through its
   * manifest leaves files the destination already holds with the listed bytes in place, and
   * records what it hashed, so the flow's verification does not read the same bytes twice.
   */
  stamps?: FileStamps;
  /**
   * Positions in `paths` to restore; the others are left as they are (a run whose resolution is
   * reused needs only the wheelhouse, not the entry's page and metadata caches). Backends that
   * restore an entry as one archive may restore everything.
   */
  only?: readonly number[];
}

export interface CacheBackend {
  readonly name: string;
  /**
   * Restore the entry for `primaryKey`, else the newest entry whose key starts with one of
   * `restoreKeys` (tried in order), into `paths`.
   */
  restore(
    paths: string[],
    primaryKey: string,
    restoreKeys: string[],
    options?: RestoreOptions,
  ): Promise<RestoreResult>;
  /** Save `paths` under `key`. Entries are immutable: an existing key is not overwritten. */
  save(paths: string[], key: string): Promise<SaveResult>;
  /**
   * Wheels built from sdists that every runner using this backend shares, looked up by build key
   * when the restored entry has none (the S3 store's `built/` area); absent for backends whose
   * entries are the only sharing.
   */
  readonly builtWheels?: SharedBuiltWheels;
}

/** A message for a thrown value, without stack traces (they would leak local paths into warnings). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
