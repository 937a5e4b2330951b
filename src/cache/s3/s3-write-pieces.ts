/**
 * Writing a restored object's bytes to its file in calls of at most WRITE_PIECE bytes.
 *
 * Linux (6.x) caches a regular file of ext4, xfs and others in large folios whose size follows
 * each write call: a 1 MiB write at a 1 MiB boundary takes one 1 MiB folio, a 256 KiB write a
 * 256 KiB one. On the runner VM this was measured on (Firecracker, 6.18, free page reporting),
 * writing real-ds's 139 wheels (360 MB) into new files cost 0.46–0.59 s of system time in 1 MiB
 * calls, 0.65–0.85 s in 2 MiB calls and 0.09–0.12 s in 64–256 KiB calls (docs/benchmarks.md, S3
 * section, "Session 16"): the large folios' memory is what the host must back again. The batch
 * buffers stay 1 MiB (fewer buffers, fewer hand-overs); only the calls are cut.
 */
import type { FileHandle } from 'node:fs/promises';
import { writeAll } from '../../util/write-all.js';

/** The most bytes one write call carries. */
export const WRITE_PIECE = 256 * 1024;

/**
 * Writes `chunks` in order (at `position`, else at the file's offset), each call at most
 * WRITE_PIECE bytes (`writev` of whole or cut chunks; a short write continues where it stopped).
 */
export async function writeInPieces(handle: FileHandle, chunks: Buffer[], position?: number): Promise<void> {
  let at = position;
  let piece: Buffer[] = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (bytes === 0) return;
    await writeAll(handle, piece, at);
    if (at !== undefined) at += bytes;
    piece = [];
    bytes = 0;
  };
  for (const chunk of chunks) {
    for (let from = 0; from < chunk.length;) {
      const n = Math.min(chunk.length - from, WRITE_PIECE - bytes);
      piece.push(from === 0 && n === chunk.length ? chunk : chunk.subarray(from, from + n));
      bytes += n;
      from += n;
      if (bytes === WRITE_PIECE) await flush();
    }
  }
  await flush();
}
