/**
 * Listing and emptying a directory whose entries are untrusted (a cache directory a cache entry
 * was restored into: the GitHub Actions cache's tar restores symbolic links, FIFOs and devices as
 * they were saved) without ever acting through a symbolic link. A directory is entered only when
 * lstat says it is a real one; every other entry (regular file, link, FIFO…) is removed with
 * unlink(2), which removes the name in this directory and never touches what a link points to.
 */
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, unlink } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/**
 * What `path` is, by lstat: a real directory, missing, or something else (a symbolic link — to a
 * directory or not —, a file, a FIFO…), which a caller that wrote a directory there must not
 * enter nor empty.
 */
export async function plainDirState(
  path: string,
): Promise<'directory' | 'missing' | 'not a plain directory'> {
  try {
    return (await lstat(path)).isDirectory() ? 'directory' : 'not a plain directory';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'not a plain directory';
  }
}

/**
 * The entries of `dir` with their types as lstat sees them (a link is a link, never what it
 * points to); empty when `dir` is missing, unreadable or not a real directory (`plainDirState`).
 */
export async function listPlainDir(dir: string): Promise<Dirent[]> {
  if ((await plainDirState(dir)) !== 'directory') return [];
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/**
 * Removes the entry `entry` of `dir` (from `listPlainDir`) without following a link: anything but
 * a directory is unlinked; a real directory is removed with everything in it by Node's recursive
 * rm, which lstat-checks every entry below and unlinks links instead of entering them. The
 * entry's type is checked again first (it was listed earlier): one that became a link meanwhile
 * is unlinked, not entered.
 */
export async function removeEntry(dir: string, entry: Dirent): Promise<void> {
  const path = join(dir, entry.name);
  if (entry.isDirectory() && (await plainDirState(path)) === 'directory') {
    await rm(path, { recursive: true, force: true });
    return;
  }
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return;
    // EISDIR / EPERM: became a directory since it was listed; removed as one if still real.
    if (error.code === 'EISDIR' || error.code === 'EPERM') return removeDirIfPlain(path);
    throw error;
  });
}

async function removeDirIfPlain(path: string): Promise<void> {
  if ((await plainDirState(path)) === 'directory') await rm(path, { recursive: true, force: true });
}

/**
 * Makes `path` a real directory again when something else took its place (a cache restore that
 * put a symbolic link there): that is renamed aside to `<path>.refused-<hex>` — kept, not deleted,
 * since nothing proves whose it is — and an empty directory made. Answers the aside name, or
 * undefined when `path` was a real directory or missing (then made).
 */
export async function setAsideUnlessPlain(path: string): Promise<string | undefined> {
  const state = await plainDirState(path);
  let aside: string | undefined;
  if (state === 'not a plain directory') {
    aside = `${path}.refused-${randomBytes(6).toString('hex')}`;
    await rename(path, aside);
  }
  await mkdir(path, { recursive: true });
  return aside;
}

/**
 * Makes `path` a real directory to write into: missing, it is made (with its parents); something
 * else in its place (a symbolic link a cache restore put there, a file, a FIFO…) is unlinked —
 * the name only, never what a link points to (a name lstat says is not a directory is never a
 * directory, so unlink(2) applies) — and `warn` told, before a fresh directory is made. Writing
 * through such a name would put the writer's files wherever the link points.
 */
export async function ensurePlainDir(path: string, warn: (message: string) => void): Promise<void> {
  if ((await plainDirState(path)) === 'not a plain directory') {
    const removed = await unlink(path).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        // EISDIR / EPERM: a real directory took its place meanwhile; it is used as it is.
        if (error.code === 'EISDIR' || error.code === 'EPERM') return false;
        throw error;
      },
    );
    if (removed)
      warn(
        `${path} was not a plain directory (a symbolic link from a cache entry?): removed, a fresh one made`,
      );
  }
  await mkdir(path, { recursive: true });
}

/**
 * Makes `dir` — `root` itself or a directory below it — a chain of real directories to write
 * into, looking at every name from `root` down with lstat: a missing one is made (`root` with its
 * parents, the rest one level at a time), a real directory is entered, and anything else (a
 * symbolic link a cache entry planted, a file, a FIFO) stops it: answers false and leaves that
 * name as it is (nothing proves whose it is), so nothing is ever written through it. True when
 * `dir` is a real directory reached through real directories only. A `dir` outside `root` is
 * refused (false).
 */
export async function plainDirUnder(root: string, dir: string): Promise<boolean> {
  const rel = relative(root, dir);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return false;
  if (!(await makeOrCheck(root, true))) return false;
  let path = root;
  for (const part of rel.split(sep)) {
    if (part === '') continue;
    path = join(path, part);
    if (!(await makeOrCheck(path, false))) return false;
  }
  return true;
}

async function makeOrCheck(path: string, withParents: boolean): Promise<boolean> {
  const state = await plainDirState(path);
  if (state === 'directory') return true;
  if (state !== 'missing') return false;
  try {
    await mkdir(path, { recursive: withParents });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  }
  // Made here, or by a concurrent writer meanwhile: used only if it is a real directory now.
  return (await plainDirState(path)) === 'directory';
}
