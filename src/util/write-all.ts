/** Writing a list of buffers to a file handle whole (`writev` may write fewer bytes than asked). */
import type { FileHandle } from 'node:fs/promises';

/** `writev` until every byte of `chunks` is written (a short write continues where it stopped). */
export async function writeAll(handle: FileHandle, chunks: Buffer[], position?: number): Promise<void> {
  let rest = chunks;
  let at = position;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, at);
    if (bytesWritten === 0) throw new Error('the file system accepted no bytes');
    if (at !== undefined) at += bytesWritten;
    let skip = bytesWritten;
    const next: Buffer[] = [];
    for (const c of rest) {
      if (skip >= c.length) {
        skip -= c.length;
        continue;
      }
      next.push(skip > 0 ? c.subarray(skip) : c);
      skip = 0;
    }
    rest = next;
  }
}
