/**
 * The store's entries (issue 12 §1): `<prefix>/entries/<cache-key>.json`, the manifest of one
 * resolution — for each saved path, relative name → sha256 and size of a content-addressed object
 * (s3-objects.ts). Entries are untrusted input: the document is size-bounded and must be a version 1
 * entry; names and digests are checked where they are used (s3-store.ts). Lookup follows the GitHub
 * cache service: the exact key, else for each restore prefix in turn the newest entry whose key
 * starts with it (ListObjectsV2).
 */
import type { Logger } from '../../util/logger.js';
import { isCacheKey, shownForeignKey } from '../cache-key.js';
import { MAX_LIST_PAGES, type S3Objects, type ObjectFile } from './s3-objects.js';
import type { PackRef } from './s3-pack.js';
import type { ListedObject } from './s3-xml.js';
import { S3Error, TOO_LARGE } from './s3-error.js';

export type EntryFile = ObjectFile;

export interface StoreEntry {
  version: 1;
  key: string;
  createdAt: number;
  /** One map per saved path: relative POSIX name → file. The first path is the wheelhouse. */
  paths: Record<string, EntryFile>[];
  /** Small files of paths after the first, one compressed object per path (s3-pack.ts). */
  packs?: PackRef[];
}

export const ENTRY_LIMIT = 16 * 1024 * 1024;
export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Most files one entry lists (saved or restored). */
export const MAX_ENTRY_FILES = 100_000;

/** A relative name from an entry is usable when every segment is a plain, safe name. */
export function unsafeRelativeName(name: string): string | undefined {
  if (name.length === 0 || name.length > 1024) return 'empty or too long';
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return `segment ${JSON.stringify(segment)}`;
    if (/[\\\0]/.test(segment)) return 'backslash or NUL';
    if (segment.startsWith('.')) return 'hidden name';
  }
  return undefined;
}

/** `<prefix>/entries/<cache-key>.json`. */
export function entryKey(objects: S3Objects, cacheKey: string): string {
  return objects.key('entries', `${encodeURIComponent(cacheKey)}.json`);
}

/**
 * The entry at `objectKey`; undefined when it is absent, not a version 1 entry, larger than
 * ENTRY_LIMIT or refused with a 4xx (403: not ours to read) — each with a warning, so one such
 * object neither ends a restore by prefix (the next candidate is tried) nor stops a prune (it is
 * kept as unreadable; review 14c F3). A 5xx after the client's retries, a lost connection or an
 * unresponsive store still throws: those are the store's state, not the entry's.
 */
export async function readEntry(
  objects: S3Objects,
  objectKey: string,
  logger: Logger,
): Promise<StoreEntry | undefined> {
  let body: Buffer | undefined;
  try {
    body = await objects.client.getBuffer(objectKey, ENTRY_LIMIT);
  } catch (error) {
    // A refusal (403, 404 …) or a body too large: that entry is skipped. Not a throttled answer
    // (408, 429 after the client's retries): the entry may be live, and a prune that took it for
    // unreadable would delete every object it names (review 14e F4) — that one throws.
    const refused =
      error instanceof S3Error &&
      error.status !== undefined &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 408 &&
      error.status !== 429;
    if (!(error instanceof S3Error && (error.code === TOO_LARGE || refused))) throw error;
    logger.warn(
      `S3 cache entry ${objects.client.describe(objectKey)} cannot be read (${error.message}): ignored`,
    );
    return undefined;
  }
  if (body === undefined) return undefined;
  let data: Partial<StoreEntry>;
  try {
    data = JSON.parse(body.toString('utf8')) as Partial<StoreEntry>;
  } catch {
    logger.warn(`S3 cache entry ${objects.client.describe(objectKey)} is not JSON: ignored`);
    return undefined;
  }
  if (data.version !== 1 || typeof data.key !== 'string' || !Array.isArray(data.paths)) {
    logger.warn(`S3 cache entry ${objects.client.describe(objectKey)} is not a version 1 entry: ignored`);
    return undefined;
  }
  return data as StoreEntry;
}

/**
 * The cache key an entry's object name encodes (`<prefix>/entries/<encodeURIComponent(key)>.json`),
 * when it is a key wheelhouse makes and encoded as entryKey encodes it; undefined otherwise.
 */
function keyOfEntryName(objects: S3Objects, objectKey: string): string | undefined {
  const base = `${objects.key('entries')}/`;
  if (!objectKey.startsWith(base) || !objectKey.endsWith('.json')) return undefined;
  let key: string;
  try {
    key = decodeURIComponent(objectKey.slice(base.length, -'.json'.length));
  } catch {
    return undefined;
  }
  return isCacheKey(key) && entryKey(objects, key) === objectKey ? key : undefined;
}

/**
 * The entry of `primaryKey`, else the newest one starting with each restore prefix in turn. An
 * entry found by prefix is untrusted text from end to end — its key becomes the matched key (an
 * output, a log line, the job summary) — so it is taken only when its object name encodes a key
 * wheelhouse makes (cache-key.ts isCacheKey) and its document holds that same key; others are
 * ignored with a warning.
 */
export async function findEntry(
  objects: S3Objects,
  pathCount: number,
  primaryKey: string,
  restoreKeys: string[],
  logger: Logger,
): Promise<StoreEntry | undefined> {
  // A restore prefix given as the primary key (the fetch flow's `restore(paths, prefix, [prefix])`,
  // every warm run's first lookup) is not a key wheelhouse makes: it saves no entry under such a
  // name, and one found by prefix must carry a key it makes. So that name is not asked for — one
  // request and one round trip fewer before every restore by prefix.
  const exact =
    restoreKeys.includes(primaryKey) && !isCacheKey(primaryKey)
      ? undefined
      : await readEntry(objects, entryKey(objects, primaryKey), logger);
  if (exact !== undefined && exact.key === primaryKey && exact.paths.length === pathCount) return exact;
  // Like the GitHub cache service: each prefix in turn, the newest entry starting with it. A
  // prefix given twice (the flow's `restore(paths, prefix, [prefix])`) is listed once (review 14c F8).
  for (const prefix of new Set([primaryKey, ...restoreKeys])) {
    const listPrefix = entryKey(objects, prefix).replace(/\.json$/, '');
    // The listing is streamed and only the three newest candidates are kept (what is read below),
    // with a count and the first name of the foreign objects: a prefix's listing may run to 100
    // pages of 1 KiB keys, which held whole took ~200 MB (session 17's note on review 17b F2).
    const candidates: (ListedObject & { cacheKey: string })[] = [];
    let foreignCount = 0;
    let firstForeign = '';
    await objects.listPages(listPrefix, MAX_LIST_PAGES, (page) => {
      for (const listed of page) {
        const cacheKey = keyOfEntryName(objects, listed.key);
        if (cacheKey !== undefined && cacheKey.startsWith(prefix))
          keepNewest(candidates, { ...listed, cacheKey });
        else if (foreignCount++ === 0) firstForeign = listed.key;
      }
    });
    if (foreignCount > 0)
      logger.warn(
        `S3 cache: ignored ${foreignCount} object(s) under ${objects.client.describe(listPrefix)} whose names are not entries of wheelhouse cache keys (first: ${shownForeignKey(firstForeign)})`,
      );
    for (const candidate of candidates) {
      const entry = await readEntry(objects, candidate.key, logger);
      if (entry === undefined) continue;
      if (entry.key !== candidate.cacheKey) {
        logger.warn(
          `S3 cache entry ${objects.client.describe(candidate.key)} holds the key ${shownForeignKey(entry.key)}, not the one its name encodes: ignored`,
        );
        continue;
      }
      if (entry.paths.length === pathCount) return entry;
    }
  }
  return undefined;
}

/** How many entries found by prefix are read, newest first. */
const CANDIDATES_READ = 3;

/**
 * Adds `listed` to `newest` (newest first, at most CANDIDATES_READ) as a stable sort of the whole
 * listing by time would place it: after every candidate at least as new, so of equal times the one
 * listed first stays first.
 */
function keepNewest<T extends ListedObject>(newest: T[], listed: T): void {
  let at = newest.length;
  while (at > 0 && newest[at - 1]!.lastModified < listed.lastModified) at--;
  if (at >= CANDIDATES_READ) return;
  newest.splice(at, 0, listed);
  if (newest.length > CANDIDATES_READ) newest.pop();
}

/** Every well-formed object digest an entry names (what prune keeps). */
export function entryDigests(entry: StoreEntry): Set<string> {
  const out = new Set<string>();
  for (const listed of entry.paths)
    for (const file of Object.values(listed ?? {}))
      if (typeof file?.sha256 === 'string' && SHA256_HEX.test(file.sha256)) out.add(file.sha256);
  return out;
}
