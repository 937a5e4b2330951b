/**
 * Reading a small file that is untrusted input (a store's record, an installed distribution's
 * METADATA or RECORD) so that it can neither hang nor exhaust memory: a symlink is not followed
 * (O_NOFOLLOW), nothing but a regular file is read (a FIFO is opened without blocking, O_NONBLOCK,
 * and refused by fstat), and the size limit is checked by fstat and again while reading, so a
 * file growing under us stops at the limit.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

export type RegularFileProblem = {
  problem: 'missing' | 'not a regular file' | 'too large' | 'unreadable';
  detail?: string;
};

export type RegularFileRead = { text: string } | RegularFileProblem;

/** The UTF-8 text of the regular file `path` (see the header), or why it was not read. */
export async function readRegularFile(path: string, limit: number): Promise<RegularFileRead> {
  const read = await readRegularBytes(path, limit);
  return 'bytes' in read ? { text: read.bytes.toString('utf8') } : read;
}

/** `problem` and `detail` as one phrase ("not a regular file (a symlink)"). */
export function describeProblem(read: RegularFileProblem): string {
  return read.detail !== undefined ? `${read.problem} (${read.detail})` : read.problem;
}

/** The bytes of the regular file `path` (see the header), or why they were not read. */
export async function readRegularBytes(
  path: string,
  limit: number,
): Promise<{ bytes: Buffer } | RegularFileProblem> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing' };
    // O_NOFOLLOW on a symlink: ELOOP (Linux, macOS), EMLINK (FreeBSD).
    if (code === 'ELOOP' || code === 'EMLINK') return { problem: 'not a regular file', detail: 'a symlink' };
    return { problem: 'unreadable', detail: (error as Error).message };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { problem: 'not a regular file' };
    if (info.size > limit)
      return { problem: 'too large', detail: `${info.size} bytes, the limit is ${limit}` };
    // One byte more than fstat said (up to limit + 1): a file that grew since is not judged.
    const buffer = Buffer.allocUnsafe(Math.min(limit, info.size) + 1);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total === buffer.length) {
        return total > limit
          ? { problem: 'too large', detail: `over ${limit} bytes` }
          : { problem: 'unreadable', detail: 'it grew while being read' };
      }
    }
    return { bytes: buffer.subarray(0, total) };
  } catch (error) {
    return { problem: 'unreadable', detail: (error as Error).message };
  } finally {
    await handle.close();
  }
}

/**
 * `readRegularFile` for a synchronous caller (a signal handler): the text, or undefined when the
 * file is missing, not a regular file (a link not followed, a FIFO opened without blocking),
 * larger than `limit` bytes or unreadable.
 */
export function readRegularFileSync(path: string, limit: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > limit) return undefined;
    const buffer = Buffer.allocUnsafe(info.size + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total === buffer.length) return undefined; // grew while being read
    }
    return buffer.subarray(0, total).toString('utf8');
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
