/**
 * The unpacked-wheel cache's manifest and trust checks (unpacked-cache.ts has the design): what an
 * entry's `manifest.json` records of each cached member, when a manifest may be believed (it must
 * say exactly what the verified wheel's plan says), when a directory or a linked file may be
 * trusted, and the verified copy used where a hard link is impossible.
 */
import { constants, createWriteStream, type BigIntStats } from 'node:fs';
import { chmod, lstat, open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';

export const MANIFEST = 'manifest.json';
export const FILES = 'f';
export const MANIFEST_VERSION = 1;
export const MANIFEST_LIMIT = 64 * 1024 * 1024;
export const SHA256_HEX = /^[0-9a-f]{64}$/;
/** One member the installer would otherwise extract into `staged`. */
export interface CacheableFile {
  /** The member's path in the wheel (and its RECORD). */
  archivePath: string;
  /** Its expected digest (from the wheel's RECORD): the Node algorithm name and the bytes. */
  algorithm: string;
  digest: Buffer;
  size: number;
  /** The permission bits the installed file must have (after the umask). */
  mode: number;
  /** The staging path the installer renames into place later. */
  staged: string;
}

/**
 * A member's expected digest as the manifest records it, `<node algorithm>:<hex>` — made when
 * needed, not kept per member (tens of thousands for torch or tensorflow).
 */
export function cacheHash(f: Pick<CacheableFile, 'algorithm' | 'digest'>): string {
  return `${f.algorithm}:${f.digest.toString('hex')}`;
}

export interface ManifestFile {
  path: string;
  hash: string;
  size: number;
  mode: number;
  dev: string;
  ino: string;
  mtimeNs: string;
}

export interface Manifest {
  version: number;
  wheel: string;
  uid: number;
  umask: number;
  files: ManifestFile[];
}

export function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export function myUid(): number {
  return process.getuid?.() ?? -1;
}

/** Whether `st` is the file the manifest describes (no ctime: link(2) changes it). */
export function matches(st: BigIntStats, m: ManifestFile, uid: number): boolean {
  return (
    st.isFile() &&
    st.uid === BigInt(uid) &&
    String(st.dev) === m.dev &&
    String(st.ino) === m.ino &&
    st.size === BigInt(m.size) &&
    String(st.mtimeNs) === m.mtimeNs &&
    Number(st.mode & 0o7777n) === m.mode
  );
}

/** A directory we may trust: a real one, ours, not writable by group or others. */
export async function trustedDir(path: string, uid: number): Promise<boolean | 'missing'> {
  try {
    const st = await lstat(path);
    return st.isDirectory() && st.uid === uid && (st.mode & 0o022) === 0;
  } catch (error) {
    return errno(error) === 'ENOENT' ? 'missing' : false;
  }
}

/** The manifest when it says exactly what the plan says (see the module comment), else undefined. */
export function parseManifest(
  text: string,
  wheel: string,
  uid: number,
  umask: number,
  files: readonly CacheableFile[],
): Manifest | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const m = data as Manifest;
  if (typeof m !== 'object' || m === null || m.version !== MANIFEST_VERSION) return undefined;
  if (m.wheel !== wheel || m.uid !== uid || m.umask !== umask) return undefined;
  if (!Array.isArray(m.files) || m.files.length !== files.length) return undefined;
  for (let i = 0; i < files.length; i++) {
    const e = m.files[i] as ManifestFile;
    const f = files[i] as CacheableFile;
    if (typeof e !== 'object' || e === null) return undefined;
    if (e.path !== f.archivePath || e.hash !== cacheHash(f) || e.size !== f.size || e.mode !== f.mode)
      return undefined;
    if (typeof e.dev !== 'string' || typeof e.ino !== 'string' || typeof e.mtimeNs !== 'string')
      return undefined;
  }
  return m;
}

/**
 * Copies the file at `src` to `dest` only when the inode opened (O_NOFOLLOW) is `m`, byte count
 * checked; `dest` gets exactly `m.mode`. False when `src` is not that file.
 */
export async function copyVerified(
  src: string,
  dest: string,
  m: ManifestFile,
  uid: number,
): Promise<boolean> {
  const handle = await open(src, constants.O_RDONLY | constants.O_NOFOLLOW).catch(() => undefined);
  if (handle === undefined) return false;
  try {
    if (!matches(await handle.stat({ bigint: true }), m, uid)) return false;
    await pipeline(
      handle.createReadStream({ start: 0, autoClose: false }),
      createWriteStream(dest, { mode: m.mode, flags: 'wx' }),
    );
    await chmod(dest, m.mode);
    return (await lstat(dest)).size === m.size;
  } finally {
    await handle.close();
  }
}
