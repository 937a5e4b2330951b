/**
 * The store's entries (issue 12 §1): `<prefix>/entries/<cache-key>.json`, the manifest of one
 * resolution — for each saved path, relative name → sha256 and size of a content-addressed object
 * (s3-objects.ts). Entries are untrusted input: the document is size-bounded and must be a version 1
 * entry; names and digests are checked where they are used (s3-store.ts). Lookup follows the GitHub
 * cache service: the exact key, else for each restore prefix in turn the newest entry whose key
 * starts with it (ListObjectsV2).
 */
import type { Logger } from '../../util/logger.js';
import type { S3Objects, ObjectFile } from './s3-objects.js';
import type { PackRef } from './s3-pack.js';

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

const ENTRY_LIMIT = 16 * 1024 * 1024;
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

/** The entry at `objectKey`; undefined when it is absent or not a version 1 entry (with a warning). */
export async function readEntry(
  objects: S3Objects,
  objectKey: string,
  logger: Logger,
): Promise<StoreEntry | undefined> {
  const body = await objects.client.getBuffer(objectKey, ENTRY_LIMIT);
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

/** The entry of `primaryKey`, else the newest one starting with each restore prefix in turn. */
export async function findEntry(
  objects: S3Objects,
  pathCount: number,
  primaryKey: string,
  restoreKeys: string[],
  logger: Logger,
): Promise<StoreEntry | undefined> {
  const exact = await readEntry(objects, entryKey(objects, primaryKey), logger);
  if (exact !== undefined && exact.key === primaryKey && exact.paths.length === pathCount) return exact;
  // Like the GitHub cache service: each prefix in turn, the newest entry starting with it.
  for (const prefix of [primaryKey, ...restoreKeys]) {
    const listPrefix = entryKey(objects, prefix).replace(/\.json$/, '');
    const candidates = (await objects.listAll(listPrefix)).filter((o) => o.key.endsWith('.json'));
    candidates.sort((a, b) => b.lastModified - a.lastModified);
    for (const candidate of candidates.slice(0, 3)) {
      const entry = await readEntry(objects, candidate.key, logger);
      if (entry !== undefined && entry.key.startsWith(prefix) && entry.paths.length === pathCount)
        return entry;
    }
  }
  return undefined;
}

/** Every well-formed object digest an entry names (what prune keeps). */
export function entryDigests(entry: StoreEntry): Set<string> {
  const out = new Set<string>();
  for (const listed of entry.paths)
    for (const file of Object.values(listed ?? {}))
      if (typeof file?.sha256 === 'string' && SHA256_HEX.test(file.sha256)) out.add(file.sha256);
  return out;
}
