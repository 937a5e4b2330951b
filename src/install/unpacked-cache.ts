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
 * Writing. A new entry is unpacked into a private `.tmp-*` directory (mode 0700) in the cache dir,
 * every member checked against its RECORD hash while it streams (the installer's own extraction),
 * linked into the installer's staging directory, its identity taken from lstat of the link, the
 * manifest written last, and the directory renamed to `<sha256>`: readers see complete entries
 * only. When two installs race, the second rename fails (the name exists) and its temporary
 * directory is removed — both installs are complete either way. Not fsync'ed: after a power loss an
 * entry may hold torn files with an old-looking identity, like the environment pip would leave.
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
import { constants, linkSync, lstatSync, type BigIntStats } from 'node:fs';
import { identityOf } from './journal.js';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { Logger } from '../util/logger.js';
import type { LinkedIdentity } from './extract-worker.js';
import { readFileNoFollow } from '../util/prune-files.js';
import { discardDir } from './unpacked-cache-prune.js';
import {
  cacheHash,
  copyVerified,
  errno,
  FILES,
  MANIFEST,
  MANIFEST_LIMIT,
  MANIFEST_VERSION,
  matches,
  myUid,
  parseManifest,
  SHA256_HEX,
  trustedDir,
  type CacheableFile,
  type Manifest,
  type ManifestFile,
} from './unpacked-manifest.js';

export { MANIFEST, type CacheableFile } from './unpacked-manifest.js';

/** A wheel's first-use marker: `<dir>/.seen-<wheel sha256>` (see "When" above). */
export const SEEN = '.seen-';

/** Link failures after which a file is copied instead (the link itself is impossible here). */
const COPY_INSTEAD = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** link(2), synchronous (see `inChunks`). */
export type LinkFunction = (existing: string, newPath: string) => void;

/**
 * What an extractor answers per member when it also made the member's second name (the staging
 * path, `links[i]`) itself: the identity of the inode it created and wrote (O_EXCL, in the private
 * temporary entry), or link(2)'s error code; `undefined` when it did not link (the cache links).
 */
export type ExtractLink = { identity: LinkedIdentity } | { error: string } | undefined;

/**
 * The installer's verified extraction into `targets` (the cache's paths). With `links`, it may
 * also hard-link each written file to `links[i]` (done in the extraction workers, beside the
 * writing, instead of on this thread afterwards) and answer what it did.
 */
export type CacheExtract = (
  targets: string[],
  links?: readonly string[],
) => Promise<readonly ExtractLink[] | void>;

/**
 * Runs `step(0 … n-1)` in order, yielding to the event loop every CHUNK steps; stops when a step
 * answers false. The links and lstats run synchronously: for these tiny metadata calls a
 * synchronous call costs a fraction of the main-thread CPU of a promise round trip through the
 * libuv pool (tens of thousands per install), and a chunk blocks the loop for about a millisecond.
 */
async function inChunks(n: number, step: (i: number) => Promise<boolean>): Promise<void> {
  for (let start = 0; start < n; start += CHUNK) {
    for (let i = start; i < Math.min(n, start + CHUNK); i++) if (!(await step(i))) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
const CHUNK = 256;

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
    if (await this.populate(entry, wheel, umask, files, extract))
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

  /**
   * Unpacks into a new private entry, links from it, and publishes it by one rename. True when the
   * entry is there (published by this install or, in a race, by another).
   */
  private async populate(
    entry: string,
    wheel: string,
    umask: number,
    files: readonly CacheableFile[],
    extract: CacheExtract,
  ): Promise<boolean> {
    let tmp: string | undefined;
    try {
      await this.makeDir();
      tmp = await mkdtemp(join(this.dir, `.tmp-${wheel.slice(0, 16)}-`));
      await mkdir(join(tmp, FILES), { mode: 0o700 });
    } catch (error) {
      this.logger.debug(`unpacked-wheel cache: cannot write ${this.dir} (${(error as Error).message})`);
      if (tmp !== undefined) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      await extract(files.map((f) => f.staged));
      return false;
    }
    const dir = tmp;
    try {
      const inFiles = join(dir, FILES) + sep; // one concatenation per path, not path.join's pieces
      const paths = files.map((_, i) => inFiles + i);
      const done =
        (await extract(paths, this.linkedByExtractor ? files.map((f) => f.staged) : undefined)) ?? [];
      const recorded: ManifestFile[] = new Array<ManifestFile>(files.length);
      let consistent = true;
      await inChunks(files.length, async (i) => {
        const f = files[i] as CacheableFile;
        const src = paths[i] as string;
        const outcome = done[i];
        let id: LinkedIdentity;
        if (outcome !== undefined && 'identity' in outcome) {
          // Written (O_EXCL) and linked by a worker; its fstat after the last write and chmod.
          id = outcome.identity;
          this.stats.linked++;
        } else {
          let st: BigIntStats;
          try {
            if (outcome !== undefined)
              throw Object.assign(new Error(`${outcome.error}: cannot link ${src} to ${f.staged}`), {
                code: outcome.error,
              });
            this.link(src, f.staged);
            st = lstatSync(f.staged, { bigint: true });
            this.stats.linked++;
          } catch (error) {
            if (!COPY_INSTEAD.has(errno(error) ?? '')) throw error;
            await copyFile(src, f.staged, constants.COPYFILE_EXCL);
            await chmod(f.staged, f.mode);
            st = lstatSync(src, { bigint: true });
            this.stats.copied++;
          }
          id = {
            dev: String(st.dev),
            ino: String(st.ino),
            mtimeNs: String(st.mtimeNs),
            size: Number(st.size),
            mode: Number(st.mode),
          };
        }
        if ((id.mode & 0o170000) !== 0o100000 || id.size !== f.size || (id.mode & 0o7777) !== f.mode)
          consistent = false;
        recorded[i] = {
          path: f.archivePath,
          hash: cacheHash(f),
          size: f.size,
          mode: f.mode,
          dev: id.dev,
          ino: id.ino,
          mtimeNs: id.mtimeNs,
        };
        return true;
      });
      if (!consistent) {
        this.logger.debug(`unpacked-wheel cache: ${wheel} unpacked with unexpected sizes or modes; not kept`);
        return false;
      }
      const manifest: Manifest = { version: MANIFEST_VERSION, wheel, uid: this.uid, umask, files: recorded };
      await writeFile(join(dir, MANIFEST), JSON.stringify(manifest), { flag: 'wx', mode: 0o600 });
      try {
        await rename(dir, entry);
        tmp = undefined;
        this.stats.populated++;
        return true;
      } catch (error) {
        // EEXIST/ENOTEMPTY: another install published this wheel first — its entry serves.
        if (['EEXIST', 'ENOTEMPTY'].includes(errno(error) ?? '')) return true;
        this.logger.debug(`unpacked-wheel cache: cannot publish ${wheel} (${(error as Error).message})`);
        return false;
      }
    } finally {
      if (tmp !== undefined) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}
