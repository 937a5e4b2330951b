/**
 * Writing an entry of the unpacked-wheel cache (unpacked-cache.ts has the layout, the trust rules
 * and when an entry is written).
 *
 * A new entry is unpacked into a private `.tmp-*` directory (mode 0700) in the cache dir,
 * every member checked against its RECORD hash while it streams (the installer's own extraction),
 * linked into the installer's staging directory, its identity taken from lstat of the link, the
 * manifest written last, and the directory renamed to `<sha256>`: readers see complete entries
 * only. When two installs race, the second rename fails (the name exists) and its temporary
 * directory is removed — both installs are complete either way. Not fsync'ed: after a power loss an
 * entry may hold torn files with an old-looking identity, like the environment pip would leave.
 *
 */
import { constants, type BigIntStats, lstatSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Logger } from '../util/logger.js';
import type { LinkedIdentity } from './extract-worker.js';
import {
  cacheHash,
  errno,
  FILES,
  MANIFEST,
  MANIFEST_VERSION,
  type CacheableFile,
  type Manifest,
  type ManifestFile,
} from './unpacked-manifest.js';

/** Link failures after which a file is copied instead (the link itself is impossible here). */
export const COPY_INSTEAD = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

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
export async function inChunks(n: number, step: (i: number) => Promise<boolean>): Promise<void> {
  for (let start = 0; start < n; start += CHUNK) {
    for (let i = start; i < Math.min(n, start + CHUNK); i++) if (!(await step(i))) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
const CHUNK = 256;

/** What filling needs of the cache (unpacked-cache.ts `UnpackedCache`). */
export interface FillContext {
  readonly dir: string;
  readonly uid: number;
  readonly logger: Logger;
  readonly link: LinkFunction;
  /** Whether the extractor may make the staging links itself (not when `link` is injected). */
  readonly linkedByExtractor: boolean;
  readonly stats: { linked: number; copied: number; populated: number };
  /** Creates the cache directory (private). */
  makeDir(): Promise<void>;
}

/**
 * Unpacks into a new private entry, links from it, and publishes it by one rename. True when the
 * entry is there (published by this install or, in a race, by another).
 */
export async function fillEntry(
  cache: FillContext,
  entry: string,
  wheel: string,
  umask: number,
  files: readonly CacheableFile[],
  extract: CacheExtract,
): Promise<boolean> {
  let tmp: string | undefined;
  try {
    await cache.makeDir();
    tmp = await mkdtemp(join(cache.dir, `.tmp-${wheel.slice(0, 16)}-`));
    await mkdir(join(tmp, FILES), { mode: 0o700 });
  } catch (error) {
    cache.logger.debug(`unpacked-wheel cache: cannot write ${cache.dir} (${(error as Error).message})`);
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    await extract(files.map((f) => f.staged));
    return false;
  }
  const dir = tmp;
  try {
    const inFiles = join(dir, FILES) + sep; // one concatenation per path, not path.join's pieces
    const paths = files.map((_, i) => inFiles + i);
    const done =
      (await extract(paths, cache.linkedByExtractor ? files.map((f) => f.staged) : undefined)) ?? [];
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
        cache.stats.linked++;
      } else {
        let st: BigIntStats;
        try {
          if (outcome !== undefined)
            throw Object.assign(new Error(`${outcome.error}: cannot link ${src} to ${f.staged}`), {
              code: outcome.error,
            });
          cache.link(src, f.staged);
          st = lstatSync(f.staged, { bigint: true });
          cache.stats.linked++;
        } catch (error) {
          if (!COPY_INSTEAD.has(errno(error) ?? '')) throw error;
          await copyFile(src, f.staged, constants.COPYFILE_EXCL);
          await chmod(f.staged, f.mode);
          st = lstatSync(src, { bigint: true });
          cache.stats.copied++;
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
      cache.logger.debug(`unpacked-wheel cache: ${wheel} unpacked with unexpected sizes or modes; not kept`);
      return false;
    }
    const manifest: Manifest = { version: MANIFEST_VERSION, wheel, uid: cache.uid, umask, files: recorded };
    await writeFile(join(dir, MANIFEST), JSON.stringify(manifest), { flag: 'wx', mode: 0o600 });
    try {
      await rename(dir, entry);
      tmp = undefined;
      cache.stats.populated++;
      return true;
    } catch (error) {
      // EEXIST/ENOTEMPTY: another install published this wheel first — its entry serves.
      if (['EEXIST', 'ENOTEMPTY'].includes(errno(error) ?? '')) return true;
      cache.logger.debug(`unpacked-wheel cache: cannot publish ${wheel} (${(error as Error).message})`);
      return false;
    }
  } finally {
    if (tmp !== undefined) await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
}
