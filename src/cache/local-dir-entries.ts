/**
 * The complete entries of a local cache directory (local-dir-backend.ts describes the layout):
 * `entries/<id>/entry.json` read back as the untrusted input it is, all of them listed, and the one
 * a restore takes chosen by key — in the GitHub cache service's order.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeProblem, readRegularFile } from '../util/read-regular-file.js';
import { isCacheKey, shownForeignKey } from './cache-key.js';

/**
 * The most bytes of an `entry.json` read (one has a key, two numbers and a kind per saved path: a
 * few hundred bytes). It is read without following a link and only when it is a regular file
 * (util/read-regular-file.ts): a FIFO planted there would otherwise hang every run that takes the
 * cache's lock, a link to /dev/zero fill memory.
 */
export const ENTRY_META_LIMIT = 64 * 1024;

/** Told why an entry that is there was not taken (its entry.json unusable). */
export type EntryProblem = (message: string) => void;

export interface EntryMeta {
  key: string;
  createdAt: number;
  bytes: number;
  paths: ('file' | 'directory' | 'missing')[];
}

export interface EntryInfo extends EntryMeta {
  id: string;
}

/** A finite, non-negative whole number (a size in bytes). */
export function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function localEntryId(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32);
}

/** All complete entries (those under `entriesDir` with a readable entry.json). */
export async function listEntries(entriesDir: string, problem?: EntryProblem): Promise<EntryInfo[]> {
  let names: string[];
  try {
    names = await readdir(entriesDir);
  } catch {
    return [];
  }
  const out: EntryInfo[] = [];
  for (const id of names) {
    const meta = await readEntryMeta(entriesDir, id, problem);
    if (meta) out.push({ ...meta, id });
  }
  return out;
}

export async function readEntryMeta(
  entriesDir: string,
  id: string,
  problem?: EntryProblem,
): Promise<EntryMeta | undefined> {
  const path = join(entriesDir, id, 'entry.json');
  const read = await readRegularFile(path, ENTRY_META_LIMIT);
  if (!('text' in read)) {
    if (read.problem !== 'missing') problem?.(`${path}: ${describeProblem(read)}; entry ignored`);
    return undefined;
  }
  try {
    const meta = JSON.parse(read.text) as EntryMeta;
    // Sizes and times decide what pruning deletes: a value that is no count (text, NaN, negative)
    // would make every other entry look over the limit, or none ever (review 2 of session 13).
    if (
      typeof meta.key === 'string' &&
      Array.isArray(meta.paths) &&
      isCount(meta.bytes) &&
      typeof meta.createdAt === 'number' &&
      Number.isFinite(meta.createdAt)
    )
      return meta;
  } catch {
    // reported below
  }
  problem?.(`${path}: not an entry description; entry ignored`);
  return undefined;
}

/**
 * The entry a restore of `pathCount` paths takes for these keys, if any. The directory is untrusted
 * (anyone who can write it wrote its entry.json), and the key of an entry found by prefix becomes
 * the matched key (an output, a log line, the job summary): an entry is taken only when its
 * directory is named after its key (localEntryId), and one found by a prefix other than its whole
 * key only when that key is one wheelhouse makes (cache-key.ts isCacheKey); others are ignored
 * with a problem reported.
 */
export async function findEntry(
  entriesDir: string,
  pathCount: number,
  primaryKey: string,
  restoreKeys: string[],
  problem?: EntryProblem,
): Promise<EntryInfo | undefined> {
  const exact = await readEntryMeta(entriesDir, localEntryId(primaryKey), problem);
  if (exact && exact.key === primaryKey && exact.paths.length === pathCount) {
    return { ...exact, id: localEntryId(primaryKey) };
  }
  const entries = (await listEntries(entriesDir, problem)).filter((e) => e.paths.length === pathCount);
  const reported = new Set<string>();
  const usable = (e: EntryInfo, prefix: string): boolean => {
    if (!e.key.startsWith(prefix)) return false;
    const own = localEntryId(e.key) === e.id;
    if (own && (e.key === prefix || isCacheKey(e.key))) return true;
    if (!reported.has(e.id)) {
      reported.add(e.id);
      problem?.(
        `${join(entriesDir, e.id, 'entry.json')}: key ${shownForeignKey(e.key)} is ${own ? 'not a wheelhouse cache key' : 'not the one its directory is named after'}; entry ignored`,
      );
    }
    return false;
  };
  // Same order as the GitHub cache service: the primary key as a prefix, then each restore key;
  // for each, an exact key match first, else the newest entry with that prefix.
  for (const prefix of [primaryKey, ...restoreKeys]) {
    const matches = entries.filter((e) => usable(e, prefix));
    const same = matches.find((e) => e.key === prefix);
    if (same) return same;
    matches.sort((a, b) => b.createdAt - a.createdAt);
    if (matches[0]) return matches[0];
  }
  return undefined;
}
