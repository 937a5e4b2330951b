/**
 * The unpacked-wheel cache (issue 9 §4/§6): each wheel's members, inflated and verified once, kept
 * under `<cache dir>/unpacked/<wheel sha256>/`, and environments filled by hard links from there —
 * a repeat install writes no file content at all (on Linux most of an install's time is the kernel
 * copying ~1 GB of inflated bytes into fresh page-cache pages), in the way uv fills environments.
 *
 * Layout of an entry (`<sha256>` = the whole wheel file's sha256, which the installer checked
 * against the resolution before calling us, so the key is the verified content itself):
 *   <dir>/<sha256>/f/<i>            the i-th cacheable member of the wheel's plan (wheel-plan.ts order)
 *   <dir>/<sha256>/manifest.json   written last: {version, wheel, uid, umask, files: [{path, hash,
 *                                  size, mode, dev, ino, mtimeNs}]}
 * Only plain members are cached: never a `.data/scripts` file (its `#!python` line is rewritten
 * for the target interpreter), an unhashed signature file, or anything the installer generates
 * (RECORD, INSTALLER, REQUESTED, direct_url.json, launchers) — those are written per environment
 * exactly as without the cache.
 *
 * Trust (the cache is untrusted input). An entry is used only when
 *   - the entry and its `f` directory are real directories (lstat, no symlink followed) owned by
 *     this user and not writable by group or others;
 *   - the manifest (read without following a symlink, size-limited) parses, names this wheel, this
 *     user and this umask, and lists exactly the planned members in plan order with the RECORD
 *     hash and size the verified wheel gives them — so the manifest can only ever say what the
 *     wheel says;
 *   - the entry holds exactly `f` and the manifest, and `f` exactly `0 … n-1` (a missing, extra or
 *     foreign file discards the entry);
 *   - every linked file, after linking, is (lstat of the new link, i.e. the very inode that will be
 *     installed — no window between check and use) a regular file owned by this user with the
 *     manifest's device, inode, size, mtime (ns) and mode. A symlink in the entry is linked as a
 *     symlink (link(2) does not follow) and so fails this check.
 * Any failure removes what was linked, discards the entry (renamed aside atomically, then deleted)
 * and unpacks the wheel again into a new one. ctime is not compared: every link(2) changes it.
 * What the identity check cannot see: content rewritten in place by someone who then restores the
 * mtime (utimes) — a deliberate act of a process running as this user, which could as well write
 * into the environment itself; the wheel's own bytes are always checked against the resolution.
 *
 * Shared content. An installed file is the cache's inode: editing it in place (an editor that
 * writes through the link) edits the cache and every environment linked to it — as with uv on
 * Linux. The edit changes the mtime (and usually the size), so the next install that uses the
 * entry discards it and unpacks again from the verified wheel; environments linked earlier keep the
 * edited file. Renaming/deleting installed files (pip uninstall, upgrades, our own placement) only
 * unlinks, so the cache stays intact. `chmod` of an installed file changes the mode → discarded.
 *
 * When. An entry is written on a wheel's second use, not its first: the first install of a wheel
 * (no entry, no marker) only creates `<dir>/.seen-<sha256>` (an empty file, O_EXCL — an existing
 * name, whatever it is, is never followed or written) and unpacks the wheel straight into staging,
 * as without the cache; the next install that finds the marker fills the entry (and removes the
 * marker), and the ones after link from it. Filling costs every member a second directory entry
 * — on ext4 (no reflinks) the kernel's `link(2)` per file, ≈ 0.4 s of a 6 s real-ds install on
 * two cores (docs/benchmarks.md, Install, sessions 10–11) — which a wheel installed once (a
 * one-off container, a runner whose cache directory does not survive the job) never earns back.
 * The marker only decides when an entry is written, never whether one is trusted: a forged or
 * stale marker makes the next use fill a new entry, checked as above like any other.
 *
 * Writing a new entry: unpacked-cache-fill.ts.
 *
 * Links fail (EXDEV across file systems or mounts, EPERM, EMLINK at the link-count limit,
 * ENOTSUP): `usableFor` probes once per installer whether a link into site-packages works at all
 * (if not, the cache is left alone: no entry written, none read); a single file that still cannot
 * be linked is copied from the verified inode (opened O_NOFOLLOW, fstat compared) instead.
 *
 * Bounded: each use sets the entry directory's mtime (the "last used" time);
 * unpacked-cache-prune.ts removes entries unused for 30 days, and first-use markers as old. Off with --no-cache, or
 * WHEELHOUSE_UNPACKED_CACHE=0 (the shells decide; the installer only takes the collaborator).
 */
import { randomBytes } from 'node:crypto';
import { linkSync, lstatSync } from 'node:fs';
import { identityOf } from './journal.js';
import { mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { Logger } from '../util/logger.js';
import { readFileNoFollow } from '../util/prune-files.js';
import { discardDir } from './unpacked-cache-prune.js';
import {
  COPY_INSTEAD,
  fillEntry,
  inChunks,
  type CacheExtract,
  type LinkFunction,
} from './unpacked-cache-fill.js';
import {
  copyVerified,
  errno,
  FILES,
  MANIFEST,
  MANIFEST_LIMIT,
  matches,
  myUid,
  parseManifest,
  SHA256_HEX,
  trustedDir,
  type CacheableFile,
  type ManifestFile,
} from './unpacked-manifest.js';

export { MANIFEST, type CacheableFile } from './unpacked-manifest.js';
export type { CacheExtract, ExtractLink, LinkFunction } from './unpacked-cache-fill.js';

/** A wheel's first-use marker: `<dir>/.seen-<wheel sha256>` (see "When" above). */
export const SEEN = '.seen-';

export interface UnpackedCacheOptions {
  /** `<cache dir>/unpacked`. */
  dir: string;
  logger: Logger;
  /** link(2) (a test seam: inject EXDEV and the like). */
  link?: LinkFunction;
  /** Write an entry on a wheel's first use too (default: on its second use; see "When" above). */
  fillOnFirstUse?: boolean;
}

/** Counters (for -v output and tests). */
export interface UnpackedCacheStats {
  /** Wheels staged from an existing entry. */
  hits: number;
  /** Entries written. */
  populated: number;
  /** Entries thrown away because they failed a check. */
  discarded: number;
  /** Wheels used for the first time: unpacked straight into staging, the entry written on the next use. */
  firstSeen: number;
  /** Files hard-linked into staging, and copied because a link was impossible. */
  linked: number;
  copied: number;
}

export class UnpackedCache {
  readonly stats: UnpackedCacheStats = {
    hits: 0,
    populated: 0,
    discarded: 0,
    firstSeen: 0,
    linked: 0,
    copied: 0,
  };
  private readonly dir: string;
  private readonly logger: Logger;
  private readonly link: LinkFunction;
  /** Whether the extractor may make the staging links itself (not when `link` is injected). */
  private readonly linkedByExtractor: boolean;
  private readonly uid = myUid();
  private readonly fillOnFirstUse: boolean;

  constructor(options: UnpackedCacheOptions) {
    this.dir = options.dir;
    this.logger = options.logger;
    this.link = options.link ?? linkSync;
    this.linkedByExtractor = options.link === undefined;
    this.fillOnFirstUse = options.fillOnFirstUse === true;
  }

  /** The cache directory, private (0700); its parent (the user's cache dir) keeps the default mode. */
  private async makeDir(): Promise<void> {
    await mkdir(dirname(this.dir), { recursive: true });
    await mkdir(this.dir, { mode: 0o700 }).catch((error: unknown) => {
      if (errno(error) !== 'EEXIST') throw error;
    });
  }

  /**
   * Whether a file in the cache can be hard-linked to `probePrefix` + a random tag (a name inside
   * site-packages, where the installer stages, that its recovery removes should a killed run leave
   * it): creates the cache directory, links a probe file, removes both probes.
   */
  async usableFor(probePrefix: string): Promise<boolean> {
    const tag = randomBytes(6).toString('hex');
    const probe = join(this.dir, `.probe-${tag}`);
    const linked = `${probePrefix}${tag}`;
    const targetDir = dirname(linked);
    try {
      await this.makeDir();
      if ((await trustedDir(this.dir, this.uid)) !== true) {
        this.logger.debug(
          `unpacked-wheel cache not used: ${this.dir} is not a private directory of this user`,
        );
        return false;
      }
      await writeFile(probe, '', { flag: 'wx', mode: 0o600 });
      this.link(probe, linked);
      return true;
    } catch (error) {
      this.logger.debug(
        `unpacked-wheel cache not used: cannot hard-link from ${this.dir} into ${targetDir} (${errno(error) ?? (error as Error).message})`,
      );
      return false;
    } finally {
      await rm(linked, { force: true }).catch(() => undefined);
      await rm(probe, { force: true }).catch(() => undefined);
    }
  }

  /**
   * Puts every file of `files` at its `staged` path: linked from the wheel's entry when there is a
   * good one, else `extract(targets)` (the installer's verified extraction) fills a new entry and
   * the files are linked from it. Errors of `extract` (a bad wheel) are passed on; a cache that
   * cannot be written is bypassed (extract straight into the staging paths).
   */
  async stage(
    wheelSha256: string,
    umask: number,
    files: readonly CacheableFile[],
    extract: CacheExtract,
    /** Told the identity (journal.ts `identityOf`) of each file linked from a good entry. */
    identified?: (staged: string, id: string) => void,
  ): Promise<void> {
    const wheel = wheelSha256.toLowerCase();
    if (!SHA256_HEX.test(wheel) || files.length === 0) {
      await extract(files.map((f) => f.staged));
      return;
    }
    const entry = join(this.dir, wheel);
    const found = await this.linkFromEntry(entry, wheel, umask, files, identified);
    if (found === 'hit') {
      this.stats.hits++;
      await utimes(entry, new Date(), new Date()).catch(() => undefined); // last used (pruning)
      return;
    }
    if (found === 'bad') await this.discard(entry, wheel);
    else if (!this.fillOnFirstUse && (await this.firstUse(wheel))) {
      this.stats.firstSeen++;
      await extract(files.map((f) => f.staged));
      return;
    }
    const cache = {
      dir: this.dir,
      uid: this.uid,
      logger: this.logger,
      link: this.link,
      linkedByExtractor: this.linkedByExtractor,
      stats: this.stats,
      makeDir: () => this.makeDir(),
    };
    if (await fillEntry(cache, entry, wheel, umask, files, extract))
      await rm(join(this.dir, `${SEEN}${wheel}`), { force: true }).catch(() => undefined);
  }

  /**
   * Whether this is `wheel`'s first use: creates its marker `.seen-<sha256>` (O_EXCL: a name that
   * exists — a marker, or anything else — is never followed or written, and means "seen"). A
   * marker that cannot be written counts as a first use (the entry would not be writable either).
   */
  private async firstUse(wheel: string): Promise<boolean> {
    try {
      await writeFile(join(this.dir, `${SEEN}${wheel}`), '', { flag: 'wx', mode: 0o600 });
      return true;
    } catch (error) {
      return errno(error) !== 'EEXIST';
    }
  }

  /** Links every file from the entry; 'bad' (nothing left staged) when any check fails. */
  private async linkFromEntry(
    entry: string,
    wheel: string,
    umask: number,
    files: readonly CacheableFile[],
    identified?: (staged: string, id: string) => void,
  ): Promise<'hit' | 'miss' | 'bad'> {
    const trusted = await trustedDir(entry, this.uid);
    if (trusted === 'missing') return 'miss';
    if (!trusted || (await trustedDir(join(entry, FILES), this.uid)) !== true) return 'bad';
    const text = await readFileNoFollow(join(entry, MANIFEST), MANIFEST_LIMIT);
    const manifest = text === undefined ? undefined : parseManifest(text, wheel, this.uid, umask, files);
    if (manifest === undefined) return 'bad';
    const top = await readdir(entry).catch((): string[] => []);
    if (top.length !== 2 || !top.includes(FILES) || !top.includes(MANIFEST)) return 'bad';
    const names = await readdir(join(entry, FILES)).catch((): string[] => []);
    if (names.length !== files.length) return 'bad';
    const expected = new Set(files.map((_, i) => String(i)));
    if (!names.every((n) => expected.delete(n))) return 'bad';

    const made: string[] = [];
    let bad = false;
    const inFiles = join(entry, FILES) + sep;
    try {
      await inChunks(files.length, async (i) => {
        const f = files[i] as CacheableFile;
        const m = manifest.files[i] as ManifestFile;
        const src = inFiles + i;
        try {
          this.link(src, f.staged);
        } catch (error) {
          if (!COPY_INSTEAD.has(errno(error) ?? '')) {
            bad = true; // gone (discarded or pruned meanwhile), or unreadable
            return false;
          }
          made.push(f.staged);
          if (await copyVerified(src, f.staged, m, this.uid)) this.stats.copied++;
          else bad = true;
          return !bad;
        }
        made.push(f.staged);
        const st = lstatSync(f.staged, { bigint: true });
        if (matches(st, m, this.uid)) {
          this.stats.linked++;
          identified?.(f.staged, identityOf(st));
        } else bad = true;
        return !bad;
      });
    } finally {
      if (bad) await Promise.all(made.map((p) => rm(p, { force: true })));
    }
    return bad ? 'bad' : 'hit';
  }

  /** Renames a failed entry aside (atomically: a reader either had it or finds nothing) and deletes it. */
  private async discard(entry: string, wheel: string): Promise<void> {
    if (!(await discardDir(this.dir, entry, wheel))) return; // already gone, or not ours to move
    this.stats.discarded++;
    this.logger.debug(`unpacked-wheel cache: entry ${wheel} failed its checks; unpacking the wheel again`);
  }
}
