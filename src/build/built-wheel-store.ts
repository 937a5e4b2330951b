/**
 * Wheels built from sdists, kept by what determines them: the sdist's sha256, the interpreter tag
 * (`cp311`) and the platform of the target (`manylinux_2_35_x86_64`). A warm run finds the wheel
 * here and builds nothing; it needs neither the sdist nor pip.
 *
 * `BuiltWheelStore` is the small interface every backend implements (shared-built-wheels.ts layers
 * a store a runner fleet shares, e.g. the S3 store's `built/` area, over this one);
 * `DirBuiltWheelStore` keeps `<dir>/<key digest>/<wheel file name>` in a directory that is part of
 * the wheelhouse cache entry, so the GitHub Actions cache and the local-directory backend carry it
 * like the metadata cache. Caches are untrusted: `get` answers only a regular file with a valid
 * wheel name (never a path from the cache itself) whose sha256, computed from the bytes, is the one
 * `put` recorded next to it (`<digest>/sha256`) when it was built — a wheel replaced or written in
 * place since (also through an entry the cache backend then drops as changed) is a miss with a
 * warning, and is built again (review 18a F4); callers check project, version, tags and METADATA.
 * Only key digests and validated wheel names become paths.
 */
import { randomBytes, createHash } from 'node:crypto';
import { copyFile, lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidFilenameError, parseWheelFilename } from '../standards/filenames.js';
import { fileSha256 } from '../util/file-sha256.js';
import { listPlainDir, plainDirState, removeEntry } from '../util/plain-dir.js';
import { renameWithRetry } from '../util/rename-retry.js';

export interface BuildKey {
  sdistSha256: string;
  /** `cp311` */
  interpreterTag: string;
  /** The target's platform tag, e.g. `manylinux_2_35_x86_64`. */
  platform: string;
  /**
   * The requirement's build options as pip arguments (`--config-settings=K=V`, `--global-option=X`,
   * build-wheel.ts `pipBuildArgs`): another set is another wheel. None: the key is as before.
   */
  options?: readonly string[];
  /**
   * The build environment's sources and format control (frontend-env.ts `buildEnvironmentKey`):
   * another index set is another build (review 18a F4). None: the key is as before.
   */
  environment?: string;
}

export interface StoredWheel {
  path: string;
  filename: string;
  sha256: string;
  size: number;
}

export interface BuiltWheelStore {
  get(key: BuildKey): Promise<StoredWheel | undefined>;
  /** Stores a copy of `path` (a wheel named `filename`); answers the stored copy. */
  put(key: BuildKey, path: string, filename: string): Promise<StoredWheel>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The file next to a stored wheel holding `<sha256> <file name>` of the wheel `put` stored. */
export const BUILT_RECORD = 'sha256';
const MAX_RECORD = 512;

/** The hex digest a key is stored under (no part of it reaches a path unhashed). */
export function buildKeyDigest(key: BuildKey): string {
  const sha = key.sdistSha256.toLowerCase();
  if (!SHA256_HEX.test(sha))
    throw new Error(`build key needs an sdist sha256, got ${JSON.stringify(key.sdistSha256)}`);
  return createHash('sha256')
    .update(
      [
        'wheelhouse-build-v1',
        sha,
        key.interpreterTag,
        key.platform,
        ...(key.options !== undefined && key.options.length > 0 ? ['options', ...key.options] : []),
        ...(key.environment !== undefined ? ['environment', key.environment] : []),
      ].join('\0'),
    )
    .digest('hex');
}

/** A plain wheel file name (no path, not hidden) that parses as a wheel name. */
export function validWheelName(name: string): boolean {
  if (!name.endsWith('.whl') || name.includes('/') || name.includes('\\') || name.startsWith('.'))
    return false;
  try {
    parseWheelFilename(name);
    return true;
  } catch (error) {
    if (error instanceof InvalidFilenameError) return false;
    throw error;
  }
}

/** The record `put` wrote (`<sha256> <file name>`), or undefined when there is no plain, small one. */
async function readRecord(path: string): Promise<string | undefined> {
  const stat = await lstat(path).catch(() => undefined);
  if (stat === undefined || !stat.isFile() || stat.size > MAX_RECORD) return undefined;
  const text = await readFile(path, 'utf8').catch(() => undefined);
  return text?.replace(/\n$/, '');
}

export class DirBuiltWheelStore implements BuiltWheelStore {
  private readonly used = new Set<string>();

  constructor(
    readonly dir: string,
    /** Where a directory this store refuses to act in (a link from a cache entry) is reported. */
    private readonly warn: (message: string) => void = () => {},
  ) {}

  async get(key: BuildKey): Promise<StoredWheel | undefined> {
    const digest = buildKeyDigest(key);
    const sub = join(this.dir, digest);
    // Read only through real directories: a linked `builds/` or `builds/<digest>` (restored as
    // saved by the Actions cache) would have a wheel read from anywhere.
    if ((await plainDirState(this.dir)) !== 'directory' || (await plainDirState(sub)) !== 'directory')
      return undefined;
    let names: string[];
    try {
      names = await readdir(sub);
    } catch {
      return undefined;
    }
    const wheels = names.filter(validWheelName);
    if (wheels.length !== 1) return undefined;
    const filename = wheels[0] as string;
    const path = join(sub, filename);
    const stat = await lstat(path).catch(() => undefined);
    if (stat === undefined || !stat.isFile()) return undefined;
    const { sha256, size } = await fileSha256(path);
    const recorded = await readRecord(join(sub, BUILT_RECORD));
    if (recorded !== `${sha256} ${filename}`) {
      this.warn(
        recorded === undefined
          ? `built wheel ${filename} in the cache has no sha256 recorded when it was built: not used, built again`
          : `built wheel ${filename} in the cache is not the file built (sha256 ${sha256}, recorded ${recorded.split(' ')[0] ?? ''}): not used, built again`,
      );
      return undefined;
    }
    this.used.add(digest);
    return { path, filename, sha256, size };
  }

  async put(key: BuildKey, path: string, filename: string): Promise<StoredWheel> {
    if (!validWheelName(filename)) throw new Error(`not a wheel file name: ${JSON.stringify(filename)}`);
    const digest = buildKeyDigest(key);
    const sub = join(this.dir, digest);
    await rm(sub, { recursive: true, force: true });
    await mkdir(sub, { recursive: true });
    const tmp = join(sub, `.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await copyFile(path, tmp);
      await renameWithRetry(tmp, join(sub, filename));
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    this.used.add(digest);
    const final = join(sub, filename);
    const { sha256, size } = await fileSha256(final);
    await writeFile(join(sub, BUILT_RECORD), `${sha256} ${filename}\n`);
    return { path: final, filename, sha256, size };
  }

  /**
   * Removes entries this run did not use (so a cache entry does not grow forever); answers how
   * many. The directory travels in cache entries: a `builds/` that is not a real directory (a
   * symbolic link restored by the Actions cache) is reported and left alone, and nothing in it is
   * followed — a linked entry is unlinked, its target untouched (util/plain-dir.ts).
   */
  async pruneUnused(): Promise<number> {
    const state = await plainDirState(this.dir);
    if (state === 'not a plain directory') {
      this.warn(
        `${this.dir} is not a plain directory (a symbolic link from a cache entry?): left alone, nothing in it pruned`,
      );
    }
    let removed = 0;
    for (const entry of await listPlainDir(this.dir)) {
      if (entry.isDirectory() && this.used.has(entry.name)) continue;
      await removeEntry(this.dir, entry);
      removed++;
    }
    return removed;
  }
}
