/**
 * Digests this process computed while writing a file itself (a verified download from the S3 store),
 * so the wheelhouse verification that follows need not read and hash the same bytes again.
 *
 * A digest is remembered with the file's identity from lstat: device, inode, size, and modification
 * and change times in nanoseconds. Any write, truncation, chmod, link or rename changes the change
 * time (which no unprivileged process can set back), and a replaced file has another inode, so a
 * remembered digest is only given back for the very bytes it was computed over — the same rule a
 * version-control index uses to skip re-hashing unchanged files. Nothing is remembered across
 * processes; at most MAX_ENTRIES paths.
 */
import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';

interface Known {
  sha256: string;
  size: number;
  dev: bigint;
  ino: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

const MAX_ENTRIES = 100_000;
const known = new Map<string, Known>();

/** Remember that the regular file at `path` (just written and checked by this process) has `sha256`. */
export async function rememberVerified(path: string, sha256: string, size: number): Promise<void> {
  const s = await lstat(path, { bigint: true }).catch(() => undefined);
  if (s === undefined || !s.isFile() || s.size !== BigInt(size)) return;
  if (known.size >= MAX_ENTRIES) known.clear();
  known.set(resolve(path), { sha256, size, dev: s.dev, ino: s.ino, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs });
}

/** The remembered digest of `path` when the file is still exactly the one it was computed over. */
export async function verifiedDigest(path: string): Promise<{ sha256: string; size: number } | undefined> {
  const key = resolve(path);
  const k = known.get(key);
  if (k === undefined) return undefined;
  const s = await lstat(path, { bigint: true }).catch(() => undefined);
  if (
    s === undefined ||
    !s.isFile() ||
    s.dev !== k.dev ||
    s.ino !== k.ino ||
    s.size !== BigInt(k.size) ||
    s.mtimeNs !== k.mtimeNs ||
    s.ctimeNs !== k.ctimeNs
  ) {
    known.delete(key);
    return undefined;
  }
  return { sha256: k.sha256, size: k.size };
}

/** Forget everything (tests). */
export function forgetVerified(): void {
  known.clear();
}
