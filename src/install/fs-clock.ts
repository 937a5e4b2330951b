/**
 * The clock a file system stamps its changes with, read where it matters (repair.ts: how long ago
 * another host's run last changed its staging directory). A shared environment's times are not
 * this host's: an NFS server stamps a rename with its own clock, which may run ahead of ours, and
 * a run's changes are then "in the future" here while it lives. A file made here now and stat'ed
 * carries that clock's present, so times are compared with it instead of Date.now().
 *
 * The probe is an empty file of the name the unpacked-wheel cache's link probe has
 * (`<STAGING_PREFIX>link-probe-<12 hex>`), made with O_EXCL (never an existing file or a planted
 * link) and removed only while its name still holds the inode made here: a probe left by a killed
 * run is an empty file of that name, which the next repair removes as it removes the cache's.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { STAGING_PREFIX } from './journal.js';

/**
 * The present by the clock of the file system holding `dir` (ms since the epoch), or Date.now()
 * when no file can be made there (a read-only environment: nothing is repaired there either).
 */
export async function fileSystemNow(dir: string): Promise<number> {
  const path = join(dir, `${STAGING_PREFIX}link-probe-${randomBytes(6).toString('hex')}`);
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch {
    return Date.now();
  }
  try {
    const made = await handle.stat();
    const now = await lstat(path).catch(() => undefined);
    if (now !== undefined && now.ino === made.ino && now.dev === made.dev)
      await unlink(path).catch(() => undefined);
    return made.mtimeMs;
  } finally {
    await handle.close();
  }
}
