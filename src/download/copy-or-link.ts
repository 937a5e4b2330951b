import { copyFile, link } from 'node:fs/promises';

/**
 * Place a copy of `src` at `dst` (which must not exist): a hard link when both are on one file
 * system (no bytes copied), else a byte copy. Callers verify the hash of what they placed.
 */
export async function copyOrLink(src: string, dst: string): Promise<'linked' | 'copied'> {
  try {
    await link(src, dst);
    return 'linked';
  } catch {
    await copyFile(src, dst);
    return 'copied';
  }
}
