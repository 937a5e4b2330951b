/**
 * Verified-file stamps: the sha256 wheelhouse computed for a file, remembered together with the
 * file's identity and change time as `lstat` reports them (device, inode, size, mtime and ctime in
 * nanoseconds), so that a later look at the same, unchanged file needs no second read of its bytes
 * (issue 9 §6 "a second install ≤ 1 s", issue 14 §2 warm runs).
 *
 * What makes a stamp worth trusting:
 *   - it is made only from a hash wheelhouse computed itself: `lstat` before and after the hash
 *     must agree on every field, so a file changed while it was read gets no stamp;
 *   - it answers only while `lstat` still gives exactly the recorded device, inode, size, mtime
 *     and ctime. Any write to the file, a rename or replacement of it, a new hard link, chmod or
 *     utimes (which can set mtime back but not ctime) changes ctime, which user space cannot set;
 *     a cache restore (tar extraction, copy, hard link) makes new inodes or changes ctime;
 *   - stamp files live in a store of their own (the CLI's `<cache dir>/stamps/`, one file per
 *     directory, named by the sha256 of its absolute path), outside every directory a cache entry
 *     saves or restores: no cache entry can bring a stamp along, and a wheelhouse holds only what
 *     it always held. A run reads them at its start and writes them at its end. Each file names its
 *     directory (`dir`); the fetch flow then prunes the store, boundedly: a file of ours whose
 *     directory is gone, or that was not written for 30 days, is removed (stamp-store.ts states
 *     the rule; store files are read there without following symlinks, within a size limit).
 *
 * What it does not cover (the trade-off, see docs/benchmarks.md): someone who can write the
 * stamp store and the wheelhouse between two runs can replace a wheel and write a matching stamp.
 * Such a writer can equally rewrite `requirements.lock` in the wheelhouse (and, for the default
 * `install` wheelhouse, which lives in the same cache directory, anything else); the bytes that matter
 * are checked again where they are consumed: wheelhouse's installer hashes every wheel before
 * unpacking it unless this very run hashed those bytes itself (`hashedThisRun`: never a stamp
 * from the store), pip's `--require-hashes` does the same, and a cache restore hashes every file. A
 * write within the same clock tick as wheelhouse's own rename of a file it just verified (a few
 * milliseconds on Linux's coarse file timestamps) is not seen either; nor, where wheelhouse itself
 * changes a verified file's ctime (a hard link or rename it makes, the read-only bit a local cache
 * save sets: `carry`, `adoptChangeTimes`), a write during that operation that also sets the mtime
 * back.
 */
import type { BigIntStats } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import { fileSha256, type FileDigest, type FileDigester } from '../util/file-sha256.js';
import { readStoreFile, STAMPS_FILE_LIMIT, storeHashOf } from './stamp-store.js';

const VERSION = 1;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const DIGITS = /^[0-9]{1,30}$/;

/**
 * A file's identity as `lstat`/`fstat` (bigint) report it: device, inode, size, mtime and ctime in
 * nanoseconds, as decimal strings. Equal identities mean the same, unchanged file (see above).
 */
export interface FileIdentity {
  size: string;
  dev: string;
  ino: string;
  mtimeNs: string;
  ctimeNs: string;
}

/** A sha256 wheelhouse computed, with the identity of the file it was computed from. */
export interface Stamp extends FileIdentity {
  sha256: string;
}

interface StampFile {
  version: typeof VERSION;
  files: Record<string, Stamp>;
}

/** The identity in a bigint stat result, when it describes a regular file. */
export function identityOfStats(info: BigIntStats): FileIdentity | undefined {
  if (!info.isFile()) return undefined;
  return {
    size: String(info.size),
    dev: String(info.dev),
    ino: String(info.ino),
    mtimeNs: String(info.mtimeNs),
    ctimeNs: String(info.ctimeNs),
  };
}

async function identityOf(path: string): Promise<FileIdentity | undefined> {
  const info = await lstat(path, { bigint: true }).catch(() => undefined);
  return info === undefined ? undefined : identityOfStats(info);
}

/** Same inode, size and mtime: the same bytes unless ctime says the inode was touched since. */
export function sameInodeContent(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.dev === b.dev && a.ino === b.ino && a.mtimeNs === b.mtimeNs;
}

/** Every field of the identity equal: the same file, not written, replaced, linked or chmod-ed since. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return sameInodeContent(a, b) && a.ctimeNs === b.ctimeNs;
}

function validStamp(s: unknown): s is Stamp {
  if (typeof s !== 'object' || s === null) return false;
  const x = s as Record<string, unknown>;
  return (
    typeof x.sha256 === 'string' &&
    SHA256_HEX.test(x.sha256) &&
    ['size', 'dev', 'ino', 'mtimeNs', 'ctimeNs'].every((k) => typeof x[k] === 'string' && DIGITS.test(x[k]))
  );
}

export interface FileStampsOptions {
  /**
   * The directory that keeps stamp files (created when first written). Without it stamps live
   * only as long as this object: one run reads no file twice, the next starts afresh.
   */
  store?: string;
  /** Computes a digest from the bytes (default util/file-sha256.ts); a test seam that counts reads. */
  hash?: FileDigester;
}

/** The stamp file of `dir` in `store`. */
export function stampFileOf(store: string, dir: string): string {
  return join(store, `${storeHashOf(dir)}.json`);
}

/**
 * The stamps of one run, by absolute path. `digest` is a FileDigester that hashes only files whose
 * stamp no longer matches.
 */
export class FileStamps {
  private readonly stamps = new Map<string, Stamp>();
  /** Paths whose stamp this run made from bytes it hashed itself (not loaded from the store). */
  private readonly fresh = new Set<string>();
  private readonly hashFile: FileDigester;
  private readonly store: string | undefined;
  /** Files whose bytes were read and hashed, and answers taken from a matching stamp. */
  readonly counts = { hashed: 0, trusted: 0 };

  constructor(options: FileStampsOptions = {}) {
    this.hashFile = options.hash ?? fileSha256;
    this.store = options.store;
  }

  /**
   * Reads the stored stamps of the files directly in `dir`, if the store has a usable stamp file
   * for it (a regular file, bounded, version 1); anything else is ignored: stamps only ever save
   * work, never decide a result.
   */
  async loadDir(dir: string): Promise<number> {
    if (this.store === undefined) return 0;
    const text = await readStoreFile(stampFileOf(this.store, dir), STAMPS_FILE_LIMIT);
    if (text === undefined) return 0;
    let data: Partial<StampFile>;
    try {
      data = JSON.parse(text) as Partial<StampFile>;
    } catch {
      return 0;
    }
    if (data.version !== VERSION || typeof data.files !== 'object' || data.files === null) return 0;
    let n = 0;
    for (const [name, stamp] of Object.entries(data.files)) {
      // Plain names directly inside `dir` only.
      if (name === '' || name !== basename(name) || name === '.' || name === '..' || !validStamp(stamp))
        continue;
      this.stamps.set(resolve(dir, name), { ...stamp });
      this.fresh.delete(resolve(dir, name));
      n++;
    }
    return n;
  }

  /**
   * Stores the stamps of the files in `dir` that `keep` accepts (atomically; replaces the old
   * stamp file of `dir`). Nothing without a store.
   */
  async saveDir(dir: string, keep: (name: string) => boolean): Promise<void> {
    if (this.store === undefined) return;
    const files: Record<string, Stamp> = {};
    const root = resolve(dir);
    for (const [path, stamp] of [...this.stamps].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const name = basename(path);
      if (dirname(path) === root && keep(name)) files[name] = stamp;
    }
    await mkdir(this.store, { recursive: true });
    await writeFileAtomic(
      stampFileOf(this.store, dir),
      `${JSON.stringify({ version: VERSION, dir: root, files })}\n`,
    );
  }

  /** The stamp's digest when `path` is still exactly the file it was made from, else undefined. */
  async known(path: string): Promise<FileDigest | undefined> {
    const abs = resolve(path);
    const stamp = this.stamps.get(abs);
    if (stamp === undefined) return undefined;
    const now = await identityOf(abs);
    if (now === undefined || !sameIdentity(stamp, now)) {
      this.forget(abs);
      return undefined;
    }
    return { sha256: stamp.sha256, size: Number(stamp.size) };
  }

  /**
   * sha256 and size of `path`: from its stamp when the file is unchanged, else read and hashed
   * (then stamped, when it did not change while it was read). Rejects as fileSha256 does.
   */
  readonly digest: FileDigester = async (path) => {
    const abs = resolve(path);
    const known = await this.known(abs);
    if (known !== undefined) {
      this.counts.trusted++;
      return known;
    }
    const before = await identityOf(abs);
    // A missing file is an error without a read (as fileSha256 would reject).
    if (before === undefined) await lstat(abs);
    this.counts.hashed++;
    const digest = await this.hashFile(abs);
    const after = await identityOf(abs);
    if (before !== undefined && after !== undefined && sameIdentity(before, after)) {
      this.stamps.set(abs, { sha256: digest.sha256.toLowerCase(), ...after });
      this.fresh.add(abs);
    }
    return digest;
  };

  /**
   * Stamps a file wheelhouse has just written itself from bytes it hashed while writing them (a
   * download streamed through sha256, then renamed into place). With `written` (the handle's fstat
   * after its last write), the file must still be that inode with that size and mtime — a write by
   * anyone between the writer's close and this lstat is not vouched for (review 15b F14); without
   * it, only the size is compared.
   */
  async record(path: string, digest: FileDigest, written?: FileIdentity): Promise<void> {
    const abs = resolve(path);
    const now = await identityOf(abs);
    if (
      now === undefined ||
      String(digest.size) !== now.size ||
      (written !== undefined && !sameInodeContent(now, written))
    ) {
      this.forget(abs);
      return;
    }
    this.stamps.set(abs, { sha256: digest.sha256.toLowerCase(), ...now });
    this.fresh.add(abs);
  }

  /**
   * After wheelhouse hard-linked or renamed `from` to `to` itself (which changes the inode's
   * ctime): `to` takes over `from`'s stamp when it is the same inode with the same size and mtime.
   */
  async carry(from: string, to: string): Promise<void> {
    const stamp = this.stamps.get(resolve(from));
    const abs = resolve(to);
    const wasFresh = this.fresh.has(resolve(from));
    this.forget(abs);
    if (stamp === undefined) return;
    const now = await identityOf(abs);
    if (now !== undefined && sameInodeContent(now, stamp)) {
      this.stamps.set(abs, { ...stamp, ctimeNs: now.ctimeNs });
      if (wasFresh) this.fresh.add(abs);
    }
  }

  /**
   * After wheelhouse itself changed only the metadata of files in `dir` (the local cache's save
   * hard-links them into the entry and makes them read-only, which changes their ctime): stamps of
   * files still of the same inode, size and mtime take the new ctime. Answers how many did.
   */
  async adoptChangeTimes(dir: string): Promise<number> {
    const root = resolve(dir);
    let n = 0;
    for (const [path, stamp] of this.stamps) {
      if (dirname(path) !== root) continue;
      const now = await identityOf(path);
      if (now !== undefined && now.ctimeNs !== stamp.ctimeNs && sameInodeContent(now, stamp)) {
        this.stamps.set(path, { ...stamp, ctimeNs: now.ctimeNs });
        n++;
      }
    }
    return n;
  }

  forget(path: string): void {
    this.stamps.delete(resolve(path));
    this.fresh.delete(resolve(path));
  }

  /**
   * The stamp of `path` when this run made it from bytes it hashed itself (never one loaded from
   * the store), as it stands now in memory — no look at the file. A consumer that is about to read
   * the file compares it with what `fstat` says of the descriptor it reads from (the installer
   * does, install/installer-api.ts `verified`): equal device, inode, size, mtime and ctime mean the
   * bytes this run hashed, so they need not be hashed again.
   */
  hashedThisRun(path: string): Readonly<Stamp> | undefined {
    const abs = resolve(path);
    const stamp = this.fresh.has(abs) ? this.stamps.get(abs) : undefined;
    return stamp === undefined ? undefined : { ...stamp };
  }
}
