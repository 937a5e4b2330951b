import type { SharedBuiltWheels } from '../build/shared-built-wheels.js';
import type { FileStamps } from './file-stamps.js';
import type { HeldFiles } from '../util/held-files.js';
import type { ManifestFile } from './wheelhouse-manifest.js';

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
  /**
   * The files of the `deferred` paths (RestoreOptions) still being restored when restore()
   * answered; absent when nothing is left. The caller settles it before anything else touches
   * those paths.
   */
  pending?: PendingRestore;
}

/** A restore still writing into its deferred paths (the wheelhouse, while the resolution runs). */
export interface PendingRestore {
  /**
   * Files not started yet for which `keep(name, sha256)` is false are not fetched (the resolution
   * is known and does not need them); files in flight finish.
   */
  narrow(keep: (name: string, sha256: string) => boolean): void;
  /** Starts nothing more and ends the requests in flight (their temporary files removed). */
  cancel(): void;
  /**
   * Resolves once the file this restore would place at `path` is no longer being restored
   * (placed, rejected or not fetched), at once when it has no such file; a file not started yet
   * is started next.
   */
  fileSettled(path: string): Promise<void>;
  /**
   * Resolves once nothing of this restore runs any more and every file it placed is in place (and
   * listed where the backend lists them); never rejects (failures are warnings).
   */
  readonly settled: Promise<void>;
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
  /**
   * Names of files in the wheelhouse (path 0) that this run did not write and must leave as they
   * are (wheelhouse-guard.ts): a restore never places an entry's file over one of them.
   */
  foreign?: ReadonlySet<string>;
  /**
   * Positions in `paths` whose files a backend may still be fetching when restore() answers (the
   * result's `pending`): the others are in place by then. Backends that cannot defer ignore it.
   */
  deferred?: readonly number[];
  /**
   * Small files of the paths other than the wheelhouse (METADATA, index pages) that a backend
   * restoring them from one verified object (the S3 store's packs) may hold here instead of
   * writing them: the caller reads them through it and writes what it keeps
   * (src/util/held-files.ts). Backends that place files otherwise ignore it.
   */
  held?: HeldFiles;
  /**
   * Told the files of the wheelhouse (path 0) a restore is about to place — name → the sha256
   * and size its entry's manifest lists — before it places the first; the flow lists them in the
   * wheelhouse's incomplete manifest (wheelhouse-session.ts), so a run killed mid-restore leaves
   * no file there that no manifest lists, and the next run knows them for its own (review 15b F7).
   * A backend that is given it leaves the wheelhouse's manifest to the caller (the entry's is not
   * placed). When it fails, nothing of the wheelhouse is placed. Backends that cannot tell the
   * names first ignore it.
   */
  beforePlacing?: (files: Record<string, ManifestFile>) => Promise<void>;
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
  /**
   * True when `save` stores every file of the paths as it is, a run lock included (the Actions
   * cache tars whole directories), so it refuses while a live run holds a lock there: a caller
   * that checks the wheelhouse under the run lock lets the lock go before it saves.
   */
  readonly savesLocks?: boolean;
}

/** A message for a thrown value, without stack traces (they would leak local paths into warnings). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
