import { constants } from 'node:fs';
import { chmod, lstat, open, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { identityOfStats, sameIdentity, type Stamp } from '../cache/file-stamps.js';
import { writeAll } from '../util/write-all.js';

/**
 * A find-links wheel on this machine (a `file:` URL) that this run has already hashed itself (the
 * resolver hashes every local find-links file to check it against the requirement's hash) is put
 * into the wheelhouse by a plain read/write copy, not read through its URL and hashed a second
 * time (fetch-file.ts). That saves hashing every find-links byte twice (issue 9 §6: 720 MB hashed
 * for the 360 MB of real-ds).
 *
 * Why the copy holds exactly the bytes that were hashed, without hashing it: the hash came with
 * the source file's identity (device, inode, size, mtime and ctime in nanoseconds, checked equal
 * before and after that hash; cache/file-stamps.ts), the file opened for the copy has exactly that
 * identity, and so has the file under the source's name after the copy. Any write to the file in between — in place, by
 * truncation, or by replacing it under its name — changes its ctime (or its inode), which user
 * space cannot set back; then the copy is discarded and the caller reads the file the ordinary
 * way (hashing while it copies, so wrong bytes are refused). The limit is the stamps' own: a
 * write within the same clock tick as the file's previous change is not seen.
 *
 * The user's file is only read: never linked (the local cache's save makes the wheelhouse's files
 * read-only, which through a shared inode would change the user's file), never modified.
 */

/** The local path of a `file:` URL, or undefined for any other URL. */
export function localPathOf(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/**
 * Whether `path` is still (lstat: a link in its place is not) the regular file `hashed` describes.
 * Also download-all.ts's check before it hands a find-links file over where it is (`inPlace`).
 */
export async function stillHashed(path: string, hashed: Stamp): Promise<boolean> {
  const st = await lstat(path, { bigint: true }).catch(() => undefined);
  const now = st === undefined ? undefined : identityOfStats(st);
  return now !== undefined && sameIdentity(now, hashed);
}

/**
 * Bytes read and written per step: 256 KiB, not more — ext4 (Linux 6.x) caches a file in folios
 * sized by its writes, and on the VM measured new 1 MiB folios cost 4–5 times the system time of
 * 256 KiB ones (src/cache/s3/s3-write-pieces.ts, docs/benchmarks.md "Session 16").
 */
const CHUNK = 256 * 1024;

/**
 * Copies at most `size` bytes of `source` to the new file `tmp`, 256 KiB at a time through one
 * buffer. Not copyFile: on Linux that is copy_file_range, with which a real-ml install (wheels up
 * to 274 MB) took 18–42 s of system time instead of ~5 s in three runs once memory was full of
 * page cache; this loop, and the old read-through-the-URL path, stayed at ~5–7 s in that state
 * (docs/benchmarks.md, install session 7).
 */
async function copyBytes(source: string, tmp: string, hashed: Stamp): Promise<boolean> {
  // Opened without waiting (a FIFO put in the file's place would block a plain open forever), not
  // through a symbolic link, and read only when the file opened is, unchanged, the one hashed.
  const from = await open(source, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW).catch(
    () => undefined,
  );
  if (from === undefined) return false;
  try {
    const opened = identityOfStats(await from.stat({ bigint: true }));
    if (opened === undefined || !sameIdentity(opened, hashed)) return false;
    const size = Number(hashed.size);
    const to = await open(tmp, 'wx', 0o644);
    try {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, Math.max(1, size)));
      let at = 0;
      while (at < size) {
        const { bytesRead } = await from.read(buffer, 0, Math.min(buffer.length, size - at), at);
        if (bytesRead === 0) break; // shorter than hashed: the size check after the copy refuses it
        await writeAll(to, [buffer.subarray(0, bytesRead)], at);
        at += bytesRead;
      }
    } finally {
      await to.close();
    }
    return true;
  } finally {
    await from.close();
  }
}

export interface LocalCopyHooks {
  /** Runs before the source is opened and checked (tests change the source there). */
  beforeCopy?: () => Promise<void>;
  /** Runs between the copy and the second identity check (tests change the source there). */
  afterCopy?: () => Promise<void>;
}

/**
 * Copy `source` to `tmp` (which must not exist) when the copy provably holds the bytes `hashed`
 * vouches for; answers false (and leaves no `tmp`) when the source changed since it was hashed.
 */
export async function copyHashedFile(
  source: string,
  tmp: string,
  hashed: Stamp,
  hooks: LocalCopyHooks = {},
): Promise<boolean> {
  try {
    await hooks.beforeCopy?.();
    if (!(await copyBytes(source, tmp, hashed))) return false;
    // A wheelhouse file gets the plain mode a download would have, whatever the user's file has
    // (setuid bits and all), and whatever the umask.
    await chmod(tmp, 0o644);
    await hooks.afterCopy?.();
    const copied = await lstat(tmp);
    if (String(copied.size) === hashed.size && (await stillHashed(source, hashed))) return true;
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await rm(tmp, { force: true });
  return false;
}
