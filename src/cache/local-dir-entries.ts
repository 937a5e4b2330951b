/**
 * The complete entries of a local cache directory (local-dir-backend.ts describes the layout):
 * `entries/<id>/entry.json` read back as the untrusted input it is, all of them listed, and the one
 * a restore takes chosen by key — in the GitHub cache service's order.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeProblem, readRegularFile } from '../util/read-regular-file.js';

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
    if (typeof meta.key === 'string' && Array.isArray(meta.paths)) return meta;
  } catch {
    // reported below
  }
  problem?.(`${path}: not an entry description; entry ignored`);
  return undefined;
}

/** The entry a restore of `pathCount` paths takes for these keys, if any. */
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
  // Same order as the GitHub cache service: the primary key as a prefix, then each restore key;
  // for each, an exact key match first, else the newest entry with that prefix.
  for (const prefix of [primaryKey, ...restoreKeys]) {
    const same = entries.find((e) => e.key === prefix);
    if (same) return same;
    const matches = entries.filter((e) => e.key.startsWith(prefix)).sort((a, b) => b.createdAt - a.createdAt);
    if (matches[0]) return matches[0];
  }
  return undefined;
}
