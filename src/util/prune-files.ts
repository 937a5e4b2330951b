/**
 * The shared parts of wheelhouse's bounded store pruning (the stamp store, cache/stamp-store.ts;
 * the probe cache, install/probe-cache.ts): reading a store file as untrusted input without
 * following a symlink and with a size limit enforced while reading, picking a bounded random
 * sample of a directory's names, removing a file so that a concurrent writer never loses a newer
 * one, and the pruning pass both stores run over a sample (`pruneSample`).
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { link, lstat, opendir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readRegularFile } from './read-regular-file.js';

/**
 * The text of the file `path`, or undefined when it is missing, not a regular file (a symlink is
 * not followed), larger than `limit` bytes or unreadable (util/read-regular-file.ts).
 */
export async function readFileNoFollow(path: string, limit: number): Promise<string | undefined> {
  const read = await readRegularFile(path, limit);
  return 'text' in read ? read.text : undefined;
}

/** The names in `dir` that `keep` accepts, the listing stopping after `maxListed` names. */
export async function listNames(
  dir: string,
  keep: (name: string) => boolean,
  maxListed = 10_000,
): Promise<string[]> {
  const names: string[] = [];
  let listing;
  try {
    listing = await opendir(dir);
  } catch {
    return names;
  }
  let seen = 0;
  for await (const entry of listing) {
    if (++seen > maxListed) break;
    if (keep(entry.name)) names.push(entry.name);
  }
  return names;
}

/** Picks up to `n` of `names` at random (partial Fisher–Yates; reorders `names`). */
export function sampleNames(names: string[], n: number): string[] {
  const k = Math.min(n, names.length);
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(names.length - i);
    [names[i], names[j]] = [names[j] as string, names[i] as string];
  }
  return names.slice(0, k);
}

/** The identity of the file a pruner examined (lstat with bigint). */
export interface ExaminedFile {
  dev: bigint;
  ino: bigint;
  mtimeNs: bigint;
}

/**
 * Removes `name` from `dir` only if it is still the file that was `examined` and still useless:
 * it is first renamed to a private `.<name>.prune-<12 hex>` (atomic), checked again there, and put
 * back with link(2) — which never overwrites a newer file under the real name — when another run
 * replaced or touched it meanwhile or `stillUseless` says no. True when it was removed.
 */
export async function removeIfUnchanged(
  dir: string,
  name: string,
  examined: ExaminedFile,
  stillUseless: () => Promise<boolean>,
): Promise<boolean> {
  const path = join(dir, name);
  const aside = join(dir, `.${name}.prune-${randomBytes(6).toString('hex')}`);
  try {
    await rename(path, aside);
  } catch {
    return false; // removed or replaced under us: nothing of ours to do
  }
  let remove = false;
  try {
    const now = await lstat(aside, { bigint: true });
    remove =
      now.isFile() &&
      now.dev === examined.dev &&
      now.ino === examined.ino &&
      now.mtimeNs === examined.mtimeNs &&
      (await stillUseless());
  } catch {
    remove = false;
  }
  if (!remove) {
    // Put it back unless a newer file took the name meanwhile (link never overwrites).
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return remove;
}

/** True only when lstat(path) answers ENOENT (any other failure: not provably gone). */
export async function pathGone(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface PruneOptions {
  /** Files examined at most per run (default 32). */
  examine?: number;
  /** Files neither written nor used for longer than this are removed even when their owner exists (default 30). */
  maxAgeDays?: number;
  /** Now, in ms since the epoch (a test seam; default Date.now()). */
  now?: number;
  /** Called after a file was judged useless, before it is renamed aside (a test seam for races). */
  beforeRemove?: (name: string) => Promise<void>;
}

export interface PruneResult {
  examined: number;
  removed: string[];
}

/** What a store tells `pruneSample` about its own file names and contents. */
export interface PruneRule {
  /** A name of one of the store's entries. */
  isEntry(name: string): boolean;
  /** A name of a write or removal in progress (`.….tmp`, `.….prune-…`); removed after a day unread. */
  isLeftover(name: string): boolean;
  /**
   * For an entry that is a regular file (`info`: its lstat): the absolute path whose absence makes
   * it useless, `null` when it is ours but names none (only the age rule applies), undefined when
   * it is not ours to judge (left alone).
   */
  ownerOf(name: string, info: BigIntStats): Promise<string | null | undefined>;
}

/**
 * One bounded pruning pass over `dir`: up to `examine` names the rule accepts, picked at random
 * (the listing stops after 10 000 names). A leftover regular file not modified for a day is
 * removed; an entry whose owner path lstat answers ENOENT for, or that was last written or used
 * more than `maxAgeDays` ago, is removed — each through `removeIfUnchanged`, so a file another
 * run rewrote meanwhile (or whose owner came back) stays. Symlinks and other non-files are left.
 */
export async function pruneSample(
  dir: string,
  rule: PruneRule,
  options: PruneOptions = {},
): Promise<PruneResult> {
  const examine = options.examine ?? 32;
  const maxAgeMs = (options.maxAgeDays ?? 30) * DAY_MS;
  const now = options.now ?? Date.now();
  const result: PruneResult = { examined: 0, removed: [] };
  const names = await listNames(dir, (name) => rule.isEntry(name) || rule.isLeftover(name));
  for (const name of sampleNames(names, examine)) {
    result.examined++;
    const info = await lstat(join(dir, name), { bigint: true }).catch(() => undefined);
    if (info === undefined || !info.isFile()) continue;
    const examined = { dev: info.dev, ino: info.ino, mtimeNs: info.mtimeNs };
    const age = now - Number(info.mtimeMs);
    let useless: () => Promise<boolean>;
    if (rule.isLeftover(name)) {
      if (age <= DAY_MS) continue;
      useless = async () => true;
    } else {
      const owner = await rule.ownerOf(name, info);
      if (owner === undefined) continue; // not ours to judge: left alone
      if (owner !== null && (await pathGone(owner))) useless = () => pathGone(owner);
      else if (age > maxAgeMs) useless = async () => true;
      else continue;
      await options.beforeRemove?.(name);
    }
    if (await removeIfUnchanged(dir, name, examined, useless)) result.removed.push(name);
  }
  return result;
}
