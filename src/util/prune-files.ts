/**
 * The shared parts of wheelhouse's bounded store pruning (the stamp store, cache/stamp-store.ts;
 * the probe cache, install/probe-cache.ts): reading a store file as untrusted input without
 * following a symlink and with a size limit enforced while reading, picking a bounded random
 * sample of a directory's names, and removing a file so that a concurrent writer never loses a
 * newer one.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, open, opendir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The text of the file `path`, or undefined when it is missing, not a regular file (a symlink is
 * not followed: O_NOFOLLOW), larger than `limit` bytes (checked by fstat and again while reading,
 * so a file growing under us stops at the limit) or unreadable.
 */
export async function readFileNoFollow(path: string, limit: number): Promise<string | undefined> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    () => undefined,
  );
  if (handle === undefined) return undefined;
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > limit) return undefined;
    // One byte more than fstat said (up to limit + 1): a file that grew since is not judged.
    const buffer = Buffer.allocUnsafe(Math.min(limit, info.size) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total === buffer.length) return undefined;
    }
    return buffer.subarray(0, total).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
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
