import { chmod, copyFile, link, lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { renameWithRetry } from '../util/rename-retry.js';
import { runLimited } from '../util/for-each-limited.js';
import { tempSiblingName } from './temp-names.js';

/**
 * Copies a file or directory tree for the local-directory cache, hard-linking files where that is
 * safe and possible. Only regular files and directories are carried; symlinks and special files are
 * skipped (a wheelhouse holds neither). Each destination file appears under its final name only
 * once whole: it is linked or copied to a temporary sibling and renamed into place.
 */
export interface TreeCopyOptions {
  /**
   * Hard-link instead of copying when source and destination share a file system. Only safe when
   * nobody writes the files in place: the local cache marks its files read-only and wheelhouse
   * writers replace files by rename, never in place. Falls back to copying on EXDEV/EPERM/….
   */
  link: boolean;
  /** chmod 0444 every destination file (POSIX only; ignored on Windows). */
  readOnly?: boolean;
  /** Names at the top of a directory `src` that are not copied (another process's state). */
  leaveOut?: (name: string) => boolean;
  /** Called once the tree is listed, before any file is placed (tests change the tree there). */
  afterListing?: () => Promise<void>;
}

export interface TreeCopyResult {
  files: number;
  bytes: number;
  /** Entries neither regular files nor directories (symlinks, FIFOs…): never followed, not copied. */
  skipped: string[];
}

/**
 * Place the regular file `src` at `dst` (linked or copied to a temporary sibling, then renamed).
 * Answers whether `dst` is a hard link of `src` (the same inode).
 */
export async function placeFile(src: string, dst: string, options: TreeCopyOptions): Promise<boolean> {
  const tmp = join(dirname(dst), tempSiblingName(basename(dst), 'tmp'));
  let linked = false;
  if (options.link) {
    try {
      await link(src, tmp);
      linked = true;
    } catch {
      linked = false;
    }
  }
  try {
    if (!linked) {
      await copyFile(src, tmp);
      if (options.readOnly && process.platform !== 'win32') await chmod(tmp, 0o444);
    } else if (options.readOnly && process.platform !== 'win32') {
      await chmod(tmp, 0o444);
    }
    // Windows: a destination left read-only, or held open by a scanner, fails a plain rename.
    await renameWithRetry(tmp, dst);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return linked;
}

/** Copy `src` (file or directory) to `dst`, merging into an existing directory. */
export async function copyTree(src: string, dst: string, options: TreeCopyOptions): Promise<TreeCopyResult> {
  const info = await lstat(src);
  if (info.isFile()) {
    await mkdir(dirname(dst), { recursive: true });
    await placeFile(src, dst, options);
    return { files: 1, bytes: info.size, skipped: [] };
  }
  if (!info.isDirectory()) return { files: 0, bytes: 0, skipped: [src] };
  const total: TreeCopyResult = { files: 0, bytes: 0, skipped: [] };
  // Directories first (created in order), then the files placed PLACE_CONCURRENCY at a time: a
  // warm restore links a few hundred small cache files, one link and one rename each.
  const files: [string, string][] = [];
  const walk = async (from: string, to: string): Promise<void> => {
    await mkdir(to, { recursive: true });
    for (const entry of await readdir(from, { withFileTypes: true })) {
      if (from === src && options.leaveOut?.(entry.name) === true) continue;
      const path = join(from, entry.name);
      if (entry.isDirectory()) await walk(path, join(to, entry.name));
      else if (entry.isFile()) files.push([path, join(to, entry.name)]);
      else total.skipped.push(path);
    }
  };
  await walk(src, dst);
  await options.afterListing?.();
  // A file gone since the directory was listed was some process's transient file (another run's
  // lock draft, `.<name>.<hex>.new`, removed once its link attempt failed): not part of the tree.
  const lstatUnlessGone = (path: string) =>
    lstat(path).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
  await runLimited(files, PLACE_CONCURRENCY, async ([from, to]) => {
    const stat = await lstatUnlessGone(from);
    if (stat === undefined) return;
    if (!stat.isFile()) {
      total.skipped.push(from);
      return;
    }
    try {
      await placeFile(from, to, options);
    } catch (error) {
      // ENOENT from the source (not the destination): it went while being placed.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && (await lstatUnlessGone(from)) === undefined) return;
      throw error;
    }
    total.files++;
    total.bytes += stat.size;
  });
  return total;
}

/** Files placed at once by copyTree. */
const PLACE_CONCURRENCY = 16;
