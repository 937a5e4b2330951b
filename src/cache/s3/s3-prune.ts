/**
 * Retention for the S3 store (`wheelhouse store prune --older-than DAYS`): mark and sweep.
 *   1. Entries and built-wheel records (`built/`, s3-built-wheels.ts) last written more than
 *      `olderThanDays` ago are deleted.
 *   2. Mark: every object the remaining entries and records name (read in full, size-bounded).
 *   3. Re-mark: entries and records are listed again after the objects are; any that appeared (or
 *      was rewritten) since step 2 is read and marks its objects too.
 *   4. Sweep: objects under wheels/ and blobs/ that no remaining entry names AND that are older
 *      than the grace period are deleted. The grace period covers saves in progress (a save uploads
 *      its objects before it writes the entry that names them).
 *
 * The save/prune race: a save that finds an object already stored (HEAD) does not upload it again,
 * so that object can be older than the grace period. If the save's entry is written after this
 * prune's last listing of entries (step 3) and the object is deleted in step 4, the entry names a
 * missing object. Step 3 narrows that window from the whole marking phase to the sweep itself; it
 * cannot close it (S3 has no delete-if-unreferenced). The consequence is bounded: a restore of that
 * entry warns "missing from the store" and downloads the wheel from the index (never other bytes),
 * and the next save of that wheel stores it again. Running prune when few runners save (a nightly
 * schedule) keeps it rare. A save never trusts a wheel it restored (or found on disk) earlier in the
 * job: it HEADs every object its entry names (review 14c F1), so the window is the sweep, not the job.
 * Safe while runners read: a runner that restores an entry deleted meanwhile gets 404s, which are
 * warnings, and downloads those wheels from the index; nothing unverified is ever placed
 * (s3-store.ts). An entry that cannot be read (not JSON, wrong version, over 16 MiB, refused with a
 * 4xx such as 403) protects nothing and is kept; a 5xx or a lost connection ends the prune.
 *
 * Bounded memory (review 17b F2): every listing is handled a page at a time and only compact forms
 * are kept (s3-prune-marks.ts) — marked digests, hashes of the entries kept, and the sweep's
 * candidates as binary digests; an object under wheels/ or blobs/ whose key is not of the store's
 * shape is counted, never kept or deleted (nothing foreign). Every key under entries/ and built/
 * is still an entry or record (a store's save takes any key). Old entries are deleted as their pages arrive; objects only after
 * every listing is complete, so a listing that fails (more than 1,000 pages, a 5xx) deletes no object.
 */
import type { Logger } from '../../util/logger.js';
import { shownForeignKey } from '../cache-key.js';
import type { S3Store } from '../s3-store.js';
import { SHA256_HEX } from './s3-entry.js';
import { Candidates, digestId, keyId, OBJECT_AREAS, objectDigest } from './s3-prune-marks.js';
import type { ListedObject } from './s3-xml.js';

export interface PruneOptions {
  olderThanDays: number;
  /** Unreferenced objects younger than this are kept (default 24 h). */
  graceMs?: number;
  now?: number;
  logger: Logger;
  /** Only report what would be deleted. */
  dryRun?: boolean;
  /** Test seam: runs between the first marking and the listing of objects. */
  afterMark?: () => Promise<void>;
}

export interface PruneResult {
  entriesDeleted: number;
  entriesKept: number;
  /** Built-wheel records (`built/`). */
  builtDeleted: number;
  builtKept: number;
  objectsDeleted: number;
  bytesDeleted: number;
  objectsKept: number;
  /**
   * Objects under wheels/ and blobs/ whose keys are not of the store's shape
   * (`{wheels,blobs}/sha256/<aa>/<64 hex>`): not written by wheelhouse, so never deleted (review 17b F2).
   */
  foreignKept: number;
}

const MAX_PAGES = 1000;
/** What protects objects from the sweep. */
const ROOTS = ['entries/', 'built/'] as const;
type Area = (typeof ROOTS)[number];

export async function pruneStore(store: S3Store, options: PruneOptions): Promise<PruneResult> {
  const now = options.now ?? Date.now();
  const cutoff = now - options.olderThanDays * 24 * 60 * 60 * 1000;
  const grace = now - (options.graceMs ?? 24 * 60 * 60 * 1000);
  const result: PruneResult = {
    entriesDeleted: 0,
    entriesKept: 0,
    builtDeleted: 0,
    builtKept: 0,
    objectsDeleted: 0,
    bytesDeleted: 0,
    objectsKept: 0,
    foreignKept: 0,
  };
  // Compact forms only (s3-prune-marks.ts): marked digests, the entries and records kept, the
  // sweep's candidates. Each listing is handled a page at a time.
  const marked = new Set<string>();
  /** The entries and records kept by step 1: compact key → last modified. */
  const seen = new Map<string, number>();
  const candidates = new Candidates();
  let firstForeign: string | undefined;
  const foreign = (key: string): void => {
    result.foreignKept++;
    firstForeign ??= key;
  };
  const mark = async (key: string, area: Area): Promise<void> => {
    const digests =
      area === 'entries/'
        ? await store.entryDigests(key)
        : await store.builtWheels.recordDigest(key).then((d) => (d === undefined ? undefined : [d]));
    if (digests === undefined) {
      options.logger.warn(
        `${area === 'entries/' ? 'entry' : 'built-wheel record'} ${key} is unreadable: kept, and it protects no object`,
      );
      return;
    }
    for (const d of digests) if (SHA256_HEX.test(d)) marked.add(digestId(d));
  };
  const count = (area: Area, what: 'Deleted' | 'Kept'): void => {
    result[`${area === 'entries/' ? 'entries' : 'built'}${what}`]++;
  };
  const list = (area: string, onPage: (objects: ListedObject[]) => Promise<void>): Promise<void> =>
    store.objects.listPages(store.prefixed(area), MAX_PAGES, onPage);
  for (const area of ROOTS)
    await list(area, async (page) => {
      for (const entry of page) {
        if (entry.lastModified < cutoff) {
          if (!options.dryRun) await store.client.delete(entry.key);
          count(area, 'Deleted');
          options.logger.info(`${options.dryRun ? 'would delete' : 'deleted'} ${entry.key}`);
          continue;
        }
        seen.set(keyId(entry.key), entry.lastModified);
        count(area, 'Kept');
        await mark(entry.key, area);
      }
    });
  await options.afterMark?.();
  for (const area of OBJECT_AREAS)
    await list(area, (page) => {
      for (const object of page) {
        const digest = objectDigest(store.objects, area, object.key);
        if (digest === undefined) foreign(object.key);
        else if (object.lastModified >= grace || marked.has(digestId(digest))) result.objectsKept++;
        else candidates.add(area, digest, object.size);
      }
      return Promise.resolve();
    });
  // Entries and records saved while this prune was marking name objects too (see the race above).
  for (const area of ROOTS)
    await list(area, async (page) => {
      for (const entry of page) {
        const before = seen.get(keyId(entry.key));
        if (before === entry.lastModified || entry.lastModified < cutoff) continue;
        if (before === undefined) count(area, 'Kept');
        await mark(entry.key, area);
      }
    });
  if (firstForeign !== undefined)
    options.logger.warn(
      `${result.foreignKept} object(s) under ${store.client.describe(store.prefixed(''))} are not of the store's shape (first: ${shownForeignKey(firstForeign)}): kept`,
    );
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates.at(i);
    if (marked.has(c.id)) {
      result.objectsKept++;
      continue;
    }
    if (!options.dryRun)
      await store.client.delete(store.prefixed(`${c.area}sha256/${c.hex.slice(0, 2)}/${c.hex}`));
    result.objectsDeleted++;
    result.bytesDeleted += c.size;
  }
  return result;
}
