/**
 * Restoring a wheelhouse from a cache entry through its manifest (the cache is untrusted input:
 * anyone who can write the cache directory can change an entry). Only files the entry's
 * `wheelhouse-manifest.json` lists are placed, and only when the name is a plain file name
 * (dist-filename-check.ts), the entry's file is a regular file (not a symlink, directory, FIFO…;
 * checked with lstat, never followed) and its bytes have the sha256 the manifest gives. Everything
 * else in the entry (unlisted files, subdirectories, symlinks, files with other bytes) is ignored
 * and reported. The lock, report and pylock of the saved run are not restored (a run writes its
 * own, last). The manifest itself is placed last, so the wheelhouse names what it holds.
 *
 * With `stamps` (file-stamps.ts), a listed file the destination already holds with the listed
 * sha256 (its stamp still matches, or its bytes are hashed once) is left in place, and a file
 * placed as a hard link of a hashed entry file keeps that hash as its stamp, so the flow's
 * verification after the restore (wheelhouse-manifest.ts) does not read the same bytes again.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { unsafeFilenameReason } from '../index/dist-filename-check.js';
import { fileSha256 } from '../util/file-sha256.js';
import { readRegularFile } from '../util/read-regular-file.js';
import type { RestoreOptions } from './backend.js';
import type { FileStamps } from './file-stamps.js';
import { runOwnedReason } from './run-owned-names.js';
import { foreignWheelhouseEntry, isWheelhouseName, RUN_FILES } from './wheelhouse-entry-names.js';
import { placeFile, type TreeCopyOptions } from './tree-copy.js';
import {
  MANIFEST_FILENAME,
  MANIFEST_LIMIT,
  isRunLockName,
  type WheelhouseManifest,
} from './wheelhouse-manifest.js';
import { runLimited } from '../util/for-each-limited.js';

/**
 * Saved with the wheelhouse but never restored: a run writes them anew, last (src/flow/fetch.ts) —
 * the run's own files (wheelhouse-entry-names.ts) but the manifest, which is placed on its own.
 */
const RUN_OUTPUTS: ReadonlySet<string> = new Set([...RUN_FILES].filter((name) => name !== MANIFEST_FILENAME));

export interface ManifestRestoreResult {
  /** Files placed from the entry. */
  files: number;
  /** Listed files the destination already held with the listed sha256 (left as they were). */
  present: number;
  bytes: number;
  /** `name: reason` for every entry of the cache entry that was not restored. */
  ignored: string[];
  /**
   * Listed files whose bytes in the entry are no longer the listed ones: the entry changed since
   * it was saved (an in-place write through a hard link, review 15b F8) and cannot be trusted whole.
   */
  changed: number;
  /**
   * Why the entry was refused whole, nothing placed: its manifest lists a name wheelhouse never
   * writes into a wheelhouse (wheelhouse-entry-names.ts, review 17b F1).
   */
  refused?: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Listed files restored at once. */
const RESTORE_CONCURRENCY = 4;

/**
 * The entry's manifest, when `src` holds a usable one (a regular file of at most MANIFEST_LIMIT
 * bytes with version 1 JSON; read without following a link, a FIFO never opened for a blocking read).
 */
export async function entryManifest(src: string): Promise<WheelhouseManifest | undefined> {
  const read = await readRegularFile(join(src, MANIFEST_FILENAME), MANIFEST_LIMIT);
  return 'text' in read ? manifestFromText(read.text) : undefined;
}

/** A manifest's text as version 1 JSON with a `files` object, else undefined. */
export function manifestFromText(text: string): WheelhouseManifest | undefined {
  try {
    const data = JSON.parse(text) as Partial<WheelhouseManifest>;
    if (data.version !== 1 || typeof data.files !== 'object' || data.files === null) return undefined;
    return data as WheelhouseManifest;
  } catch {
    return undefined;
  }
}

/**
 * Why an entry's manifest line `name` → `entry` is never restored (an unsafe or run-owned name,
 * the manifest itself, no sha256), else the listed sha256 in lowercase. One rule for every backend
 * that restores a wheelhouse through its entry's manifest.
 */
export function listedSha(
  name: string,
  entry: WheelhouseManifest['files'][string] | undefined,
): { sha: string } | { ignored: string; byName: boolean } {
  // The run lock, hidden names and the run's outputs are the run's own, never an entry's
  // (review 15b F16: a listed `.wheelhouse.lock` was renamed over the live run lock).
  const unsafe =
    unsafeFilenameReason(name) ??
    runOwnedReason(name) ??
    (isWheelhouseName(name) ? undefined : 'not a name wheelhouse writes into a wheelhouse');
  if (unsafe !== undefined || name === MANIFEST_FILENAME)
    return { ignored: `${JSON.stringify(name)}: ${unsafe ?? 'the manifest lists itself'}`, byName: true };
  const sha = typeof entry?.sha256 === 'string' ? entry.sha256.toLowerCase() : '';
  if (!SHA256_HEX.test(sha))
    return { ignored: `${JSON.stringify(name)}: no sha256 in the manifest`, byName: false };
  return { sha };
}

/**
 * The names of the wheelhouse `dir` its own manifest proves wheelhouse wrote (listed and not
 * `notOwned`), its manifest and the run's outputs; undefined for a directory without a usable
 * manifest (not a wheelhouse: saved whole). What a save takes of a wheelhouse (review 15b F5, F10).
 */
export async function ownWheelhouseNames(dir: string): Promise<Set<string> | undefined> {
  const manifest = await entryManifest(dir);
  if (manifest === undefined) return undefined;
  const own = new Set(RUN_FILES);
  for (const [name, file] of Object.entries(manifest.files)) if (file?.notOwned !== true) own.add(name);
  return own;
}

export async function restoreThroughManifest(
  src: string,
  dst: string,
  manifest: WheelhouseManifest,
  options: TreeCopyOptions & {
    stamps?: FileStamps;
    foreign?: ReadonlySet<string>;
    /** backend.ts RestoreOptions.beforePlacing: told the files first; the manifest is then not placed. */
    beforePlacing?: RestoreOptions['beforePlacing'];
    /** Test seam: runs after each file placed. */
    afterPlace?: (name: string) => Promise<void>;
  },
): Promise<ManifestRestoreResult> {
  const result: ManifestRestoreResult = { files: 0, present: 0, bytes: 0, ignored: [], changed: 0 };
  const refused = foreignWheelhouseEntry(Object.keys(manifest.files));
  if (refused !== undefined) return { ...result, refused };
  const stamps = options.stamps;
  const digest = stamps?.digest ?? fileSha256;
  const listed = new Set<string>();
  type Outcome = { ignored?: string; placed?: number; present?: true; changed?: true };
  /** Why the entry's `name` is not placed (ignored or skipped), else its lowercase sha256. */
  const placeable = async (
    name: string,
    entry: WheelhouseManifest['files'][string],
  ): Promise<{ sha: string } | Outcome> => {
    const judged = listedSha(name, entry);
    if ('ignored' in judged && judged.byName) return { ignored: judged.ignored };
    listed.add(name);
    if ('ignored' in judged) return { ignored: judged.ignored };
    const sha = judged.sha;
    const info = await lstat(join(src, name)).catch(() => undefined);
    if (info === undefined) return {}; // listed but not saved (a manifest of an incomplete run)
    if (!info.isFile()) return { ignored: `${JSON.stringify(name)}: not a regular file` };
    // A file of the destination this run did not write is never replaced (the flow decides about
    // it once the resolution is known).
    if (options.foreign?.has(name) === true) return {};
    return { sha };
  };
  const one = async (
    name: string,
    entry: WheelhouseManifest['files'][string],
    sha: string,
  ): Promise<Outcome> => {
    const path = join(src, name);
    const info = await lstat(path).catch(() => undefined);
    if (info === undefined) return {};
    if (!info.isFile()) return { ignored: `${JSON.stringify(name)}: not a regular file` };
    const target = join(dst, name);
    if (stamps !== undefined && (await lstat(target).catch(() => undefined))?.isFile() === true) {
      const here = await digest(target).catch(() => undefined);
      if (here?.sha256 === sha) return { present: true };
    }
    // The listed size, when given, is checked before a byte is read (review 15b F4).
    if (typeof entry.size === 'number' && info.size !== entry.size)
      return {
        ignored: `${JSON.stringify(name)}: ${info.size} bytes, not the manifest's ${entry.size}`,
        changed: true,
      };
    const actual = await digest(path).catch(() => undefined);
    if (actual?.sha256 !== sha) {
      return {
        ignored: `${JSON.stringify(name)}: sha256 ${actual?.sha256 ?? '(unreadable)'} is not the manifest's ${sha}`,
        changed: true,
      };
    }
    const linked = await placeFile(path, target, options);
    await stamps?.carry(path, target);
    // A hard link changed the inode's ctime: the entry's file keeps the stamp just checked (same
    // inode, size and mtime — carry checks), so the next restore does not hash it again.
    if (linked) await stamps?.carry(target, path);
    await options.afterPlace?.(name);
    return { placed: actual.size };
  };
  // A few files at once (hashing and linking overlap); outcomes reported in the manifest's order.
  const entries = Object.entries(manifest.files);
  const outcomes: Outcome[] = new Array<Outcome>(entries.length);
  const shas: (string | undefined)[] = new Array<string | undefined>(entries.length);
  await runLimited(entries, RESTORE_CONCURRENCY, async ([name, entry], i) => {
    const judged = await placeable(name, entry);
    if ('sha' in judged) shas[i] = judged.sha;
    else outcomes[i] = judged;
  });
  // The names are told before the first file lands (review 15b F7): a run killed from here on
  // leaves only files its wheelhouse's manifest lists.
  const announced: WheelhouseManifest['files'] = {};
  for (const [i, [name, entry]] of entries.entries()) {
    const sha = shas[i];
    if (sha !== undefined)
      announced[name] = typeof entry.size === 'number' ? { sha256: sha, size: entry.size } : { sha256: sha };
  }
  if (options.beforePlacing !== undefined && Object.keys(announced).length > 0)
    await options.beforePlacing(announced);
  await runLimited(entries, RESTORE_CONCURRENCY, async ([name, entry], i) => {
    const sha = shas[i];
    if (sha !== undefined) outcomes[i] = await one(name, entry, sha);
  });
  for (const o of outcomes) {
    if (o.ignored !== undefined) result.ignored.push(o.ignored);
    if (o.present) result.present++;
    if (o.changed) result.changed++;
    if (o.placed !== undefined) {
      result.files++;
      result.bytes += o.placed;
    }
  }
  for (const name of await readdir(src)) {
    if (!listed.has(name) && name !== MANIFEST_FILENAME && !RUN_OUTPUTS.has(name) && !isRunLockName(name))
      result.ignored.push(`${JSON.stringify(name)}: not listed in the entry's manifest`);
  }
  // A caller told the names keeps the wheelhouse's manifest itself: the entry's (which lists only
  // its own files, and may say complete) would unlist the caller's files until it writes its own.
  if (options.beforePlacing === undefined)
    await placeFile(join(src, MANIFEST_FILENAME), join(dst, MANIFEST_FILENAME), options);
  return result;
}
