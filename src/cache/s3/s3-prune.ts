/**
 * Retention for the S3 store (`wheelhouse store prune --older-than DAYS`): mark and sweep.
 *   1. Entries last written more than `olderThanDays` ago are deleted.
 *   2. Mark: every object the remaining entries name (read in full, size-bounded).
 *   3. Sweep: objects under wheels/ and blobs/ that no remaining entry names AND that are older
 *      than the grace period are deleted. The grace period covers saves in progress (a save uploads
 *      its objects before it writes the entry that names them).
 * Safe while runners read: a runner that restores an entry deleted meanwhile gets 404s, which are
 * warnings, and downloads those wheels from the index; nothing unverified is ever placed
 * (s3-store.ts). An entry that cannot be read (not JSON, wrong version) protects nothing and is kept.
 */
import type { Logger } from '../../util/logger.js';
import type { S3Store } from '../s3-store.js';

export interface PruneOptions {
  olderThanDays: number;
  /** Unreferenced objects younger than this are kept (default 24 h). */
  graceMs?: number;
  now?: number;
  logger: Logger;
  /** Only report what would be deleted. */
  dryRun?: boolean;
}

export interface PruneResult {
  entriesDeleted: number;
  entriesKept: number;
  objectsDeleted: number;
  bytesDeleted: number;
  objectsKept: number;
}

const MAX_PAGES = 1000;

export async function pruneStore(store: S3Store, options: PruneOptions): Promise<PruneResult> {
  const now = options.now ?? Date.now();
  const cutoff = now - options.olderThanDays * 24 * 60 * 60 * 1000;
  const grace = now - (options.graceMs ?? 24 * 60 * 60 * 1000);
  const result: PruneResult = {
    entriesDeleted: 0,
    entriesKept: 0,
    objectsDeleted: 0,
    bytesDeleted: 0,
    objectsKept: 0,
  };
  const marked = new Set<string>();
  for (const entry of await store.listAll(store.prefixed('entries/'), MAX_PAGES)) {
    if (entry.lastModified < cutoff) {
      if (!options.dryRun) await store.client.delete(entry.key);
      result.entriesDeleted++;
      options.logger.info(`${options.dryRun ? 'would delete' : 'deleted'} entry ${entry.key}`);
      continue;
    }
    result.entriesKept++;
    const digests = await store.entryDigests(entry.key);
    if (digests === undefined) {
      options.logger.warn(`entry ${entry.key} is unreadable: kept, and it protects no object`);
      continue;
    }
    for (const d of digests) marked.add(d);
  }
  for (const area of ['wheels/', 'blobs/']) {
    for (const object of await store.listAll(store.prefixed(area), MAX_PAGES)) {
      const digest = object.key.split('/').pop() ?? '';
      if (marked.has(digest) || object.lastModified >= grace) {
        result.objectsKept++;
        continue;
      }
      if (!options.dryRun) await store.client.delete(object.key);
      result.objectsDeleted++;
      result.bytesDeleted += object.size;
    }
  }
  return result;
}
