/**
 * The least-recently-used bookkeeping of a local cache directory (local-dir-backend.ts describes
 * the layout): `access.json`, the last use of each entry, and pruning — entries dropped, oldest use
 * first, until the directory holds at most its byte limit, and leftovers of crashed saves in tmp/
 * deleted. Everything here runs under the directory's lock (the backend takes it).
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../util/logger.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { describeProblem, readRegularFile } from '../util/read-regular-file.js';
import { renameWithRetry } from '../util/rename-retry.js';
import { errorMessage } from './backend.js';
import { listEntries, type EntryInfo } from './local-dir-entries.js';

/** Leftover tmp/ directories older than this are from crashed runs and get deleted. */
const STALE_TMP_MS = 24 * 60 * 60 * 1000;
/**
 * Recursive deletes retry EBUSY/EPERM/ENOTEMPTY a few times (Node's rm `maxRetries`, 100 ms linear
 * backoff): on Windows a file another process (a scanner, a concurrent restore) holds open cannot be
 * deleted yet. Node's rm already clears the read-only attribute itself on Windows before unlinking.
 */
export const RM_TREE = { recursive: true, force: true, maxRetries: 3 } as const;
/**
 * The most bytes of access.json read (about 50 bytes an entry: 20,000 entries). Like entry.json it
 * is read without following a link and only when it is a regular file (util/read-regular-file.ts):
 * it is read under the lock, where a planted FIFO would hang every run sharing the directory.
 */
const ACCESS_LIMIT = 1024 * 1024;

/** Where a local cache directory keeps what, and who is told. */
export interface LocalDirLayout {
  /** The cache root. */
  readonly dir: string;
  readonly entriesDir: string;
  readonly tmpDir: string;
  readonly accessFile: string;
  readonly logger: Logger;
  readonly now: () => number;
}

/**
 * Each of `dirs` (inside the cache root `root`) must be a real directory, never a symlink: a cache
 * directory is untrusted, and a symlinked tmp/ or entries/ would make saves, prunes and deletes
 * act outside it. Missing ones are created.
 */
export async function plainDirs(root: string, ...dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    const info = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info === undefined) {
      await mkdir(dir, { recursive: true });
      continue;
    }
    if (!info.isDirectory()) {
      throw new Error(
        `${dir} is ${info.isSymbolicLink() ? 'a symbolic link' : 'not a directory'}; the local cache uses only plain directories inside ${root}`,
      );
    }
  }
}

/** The last use of each entry by id, from access.json (empty when it is missing or unusable). */
export async function readAccess(layout: LocalDirLayout): Promise<Record<string, number>> {
  const read = await readRegularFile(layout.accessFile, ACCESS_LIMIT);
  if (!('text' in read)) {
    if (read.problem !== 'missing')
      layout.logger.warn(
        `${layout.accessFile}: ${describeProblem(read)}; ignored (entry creation times are used)`,
      );
    return {};
  }
  try {
    const data = JSON.parse(read.text) as unknown;
    // Only finite times are taken (one that is not would sort an entry first or last for good);
    // into an object without a prototype, so an id such as `__proto__` is just a name.
    const access: Record<string, number> = Object.create(null) as Record<string, number>;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) return access;
    for (const [id, time] of Object.entries(data))
      if (typeof time === 'number' && Number.isFinite(time)) access[id] = time;
    return access;
  } catch {
    return {};
  }
}

/** Records now as the last use of the entry `id` (advisory: a failure is only logged). */
export async function touchEntry(layout: LocalDirLayout, id: string): Promise<void> {
  try {
    const access = await readAccess(layout);
    access[id] = layout.now();
    await writeFileAtomic(layout.accessFile, JSON.stringify(access));
  } catch (error) {
    layout.logger.debug(`could not record cache access time: ${errorMessage(error)}`);
  }
}

/**
 * Renames the entry `id` into tmp/ (it disappears atomically) and deletes it there. Windows: fails
 * while another process reads the entry (restoring it); retried briefly, then it throws.
 */
export async function dropEntry(layout: LocalDirLayout, id: string): Promise<void> {
  const trash = join(layout.tmpDir, `trash-${id}-${randomBytes(4).toString('hex')}`);
  await plainDirs(layout.dir, layout.tmpDir);
  await renameWithRetry(join(layout.entriesDir, id), trash, { clearReadOnly: false });
  await rm(trash, RM_TREE);
}

/**
 * Deletes least-recently-used entries until the cache holds at most `maxBytes` (never `keep`, the
 * entry just saved), and leftovers of crashed saves. Answers the keys of the entries deleted.
 */
export async function pruneEntries(
  layout: LocalDirLayout,
  maxBytes: number,
  keep?: string,
): Promise<string[]> {
  const removed: string[] = [];
  const access = await readAccess(layout);
  const entries = await listEntries(layout.entriesDir, (problem) => layout.logger.debug(problem));
  const lastUse = (e: EntryInfo): number => access[e.id] ?? e.createdAt;
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const victims = entries.filter((e) => e.id !== keep).sort((a, b) => lastUse(a) - lastUse(b));
  for (const victim of victims) {
    if (total <= maxBytes) break;
    try {
      await dropEntry(layout, victim.id);
      total -= victim.bytes;
      removed.push(victim.key);
      delete access[victim.id];
      layout.logger.info(`pruned cache entry ${victim.key} (${victim.bytes} bytes, least recently used)`);
    } catch (error) {
      layout.logger.debug(`could not prune ${victim.key}: ${errorMessage(error)}`);
    }
  }
  if (removed.length > 0) await writeFileAtomic(layout.accessFile, JSON.stringify(access)).catch(() => {});
  await removeStaleTmp(layout);
  return removed;
}

async function removeStaleTmp(layout: LocalDirLayout): Promise<void> {
  let names: string[];
  try {
    const info = await lstat(layout.tmpDir);
    if (!info.isDirectory()) {
      layout.logger.warn(
        `${layout.tmpDir} is not a plain directory (a symbolic link?): left alone, nothing in it deleted`,
      );
      return;
    }
    names = await readdir(layout.tmpDir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(layout.tmpDir, name);
    try {
      const info = await lstat(path);
      if (name.startsWith('trash-') || layout.now() - info.mtimeMs > STALE_TMP_MS) {
        await rm(path, RM_TREE);
      }
    } catch {
      // gone already or in use by another process: leave it
    }
  }
}
