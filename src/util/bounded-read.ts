/**
 * Reads a text input file (requirements, pyproject.toml, uv.lock, pylock.toml) with a size limit
 * enforced while reading: a file that grows past the limit, or a device that never ends, stops at
 * the limit with an error naming the file, never fills memory.
 */
import { open } from 'node:fs/promises';
import { decodeByBom } from './bom-decode.js';

/** Input files larger than this are refused (real uv.lock files of big workspaces are ~2–5 MB). */
export const INPUT_FILE_LIMIT = 64 * 1024 * 1024;

export class InputTooLargeError extends Error {
  override name = 'InputTooLargeError';
}

export async function readTextBounded(
  path: string,
  shown: string,
  limit = INPUT_FILE_LIMIT,
): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) {
        throw new InputTooLargeError(
          `${shown}: larger than ${limit} bytes; refusing to read it as an input file`,
        );
      }
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
    // A UTF-16/32 BOM selects that encoding, as pip's auto_decode (review 15c F9).
    return decodeByBom(Buffer.concat(chunks, total), shown);
  } finally {
    await handle.close();
  }
}
