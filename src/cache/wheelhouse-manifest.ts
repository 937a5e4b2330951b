import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Resolution, ResolvedFile } from '../provider/resolution.js';
import type { Logger } from '../util/logger.js';
import { writeFileAtomic } from '../util/atomic-file.js';
import { fileSha256, type FileDigester } from '../util/file-sha256.js';
import { runLimited } from '../util/for-each-limited.js';
import { describeProblem, readRegularFile } from '../util/read-regular-file.js';

/**
 * The wheelhouse manifest (`wheelhouse-manifest.json` in the wheelhouse): filename → sha256 and size
 * of every file the wheelhouse should hold, written atomically. It documents the wheelhouse for
 * people and tools; wheelhouse itself never trusts it for a restored cache: `verifyWheelhouse`
 * hashes the bytes on disk against the resolution, which is what keeps a poisoned cache entry
 * (wrong bytes under a wheel's name, extra files) away from `pip install`.
 */

export const MANIFEST_FILENAME = 'wheelhouse-manifest.json';
/** The other files a wheelhouse run writes next to the distributions (see src/flow/wheelhouse-files.ts). */
export const LOCK_FILENAME = 'requirements.lock';
export const REPORT_FILENAME = 'report.json';
export const PYLOCK_FILENAME = 'pylock.toml';
/** The run lock (src/util/dir-lock.ts) of a wheelhouse: one run at a time. Never part of a cache entry. */
export const RUN_LOCK_FILENAME = '.wheelhouse.lock';

/** The run lock, or one of its drafts (`.wheelhouse.lock.<hex>.new`, dir-lock.ts). */
export function isRunLockName(name: string): boolean {
  return name === RUN_LOCK_FILENAME || name.startsWith(`${RUN_LOCK_FILENAME}.`);
}
export const MANIFEST_VERSION = 1;
/**
 * The most bytes of a manifest read (~150 bytes a listed file: some 400,000 files). A manifest is
 * read without following a link and only when it is a regular file (util/read-regular-file.ts):
 * a wheelhouse or cache entry restored by the Actions cache's tar may hold a FIFO or a link to a
 * device under its name.
 */
export const MANIFEST_LIMIT = 64 * 1024 * 1024;

export interface ManifestFile {
  sha256: string;
  size?: number;
  /**
   * A file of the resolution that was in the wheelhouse before wheelhouse wrote anything there
   * (the user's, with the resolution's bytes): listed, used, never deleted (review 4 of session 13).
   */
  notOwned?: true;
}

export interface WheelhouseManifest {
  version: typeof MANIFEST_VERSION;
  /**
   * False while a run is changing the wheelhouse (then `files` lists every file the run may have
   * written, as proof of ownership for the next run): such a wheelhouse is not complete, and has
   * no lock next to it. Absent (older manifests) or true: complete.
   */
  complete?: boolean;
  files: Record<string, ManifestFile>;
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

export function manifestFor(resolution: Resolution): WheelhouseManifest {
  const files: Record<string, ManifestFile> = {};
  const sorted = [...resolution.packages].sort((a, b) => (a.file.filename < b.file.filename ? -1 : 1));
  for (const { file } of sorted) {
    files[file.filename] =
      file.size === undefined ? { sha256: file.sha256 } : { sha256: file.sha256, size: file.size };
  }
  return { version: MANIFEST_VERSION, files };
}

export async function writeManifest(dir: string, manifest: WheelhouseManifest): Promise<string> {
  const path = join(dir, MANIFEST_FILENAME);
  await writeFileAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
  return path;
}

export async function readManifest(dir: string): Promise<WheelhouseManifest | undefined> {
  const path = join(dir, MANIFEST_FILENAME);
  // The wheelhouse may come from a cache entry (the Actions cache restores it with tar, FIFOs and
  // links included): read without following a link, never a FIFO, up to MANIFEST_LIMIT.
  const read = await readRegularFile(path, MANIFEST_LIMIT);
  if (!('text' in read)) {
    if (read.problem === 'missing') return undefined;
    throw new ManifestError(`${path}: ${describeProblem(read)}`);
  }
  const text = read.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${path} is not JSON: ${(error as Error).message}`);
  }
  const m = data as Partial<WheelhouseManifest>;
  if (m.version !== MANIFEST_VERSION || typeof m.files !== 'object' || m.files === null) {
    throw new ManifestError(`${path} is not a version ${MANIFEST_VERSION} wheelhouse manifest`);
  }
  return m as WheelhouseManifest;
}

export interface VerifyResult {
  /** Files of the resolution present with the right sha256. */
  valid: ResolvedFile[];
  /** Files of the resolution not (or no longer) in the wheelhouse: these must be downloaded. */
  missing: ResolvedFile[];
  /** Files deleted: wrong bytes under a resolved name, or names the resolution does not have. */
  removed: { filename: string; reason: 'hash-mismatch' | 'not-in-resolution' | 'not-a-file' }[];
  /**
   * Files of the resolution whose name holds something else that `deletable` says this run may
   * not delete (a file the user put there): neither replaced nor downloaded over.
   */
  notOwned: ResolvedFile[];
}

/**
 * Check a (restored) wheelhouse against the resolution: hash every file named by the resolution
 * (streaming; or take the digest `options.digest` gives), delete the ones whose sha256 differs, delete every other regular file except the
 * manifest and the names in `keep` ("prune"), and report what is missing. Entries that are not
 * regular files (subfolders, symlinks: a restored cache entry may carry them; pip's --find-links
 * would not read them, but they do not belong in a wheelhouse) are deleted too, never followed.
 * Only names `deletable` allows are deleted (the flow spares entries it did not write).
 */
export async function verifyWheelhouse(
  dir: string,
  resolution: Resolution,
  options: {
    logger: Logger;
    concurrency?: number;
    keep?: string[];
    /** Whether a file outside the resolution may be deleted (default: every one). */
    deletable?: (name: string) => boolean;
    /**
     * How a file's sha256 is found (default: its bytes are read). The flow passes a stamp-backed
     * digester (file-stamps.ts) that reads only files changed since wheelhouse last hashed them.
     */
    digest?: FileDigester;
  },
): Promise<VerifyResult> {
  const wanted = new Map<string, ResolvedFile>();
  for (const pkg of resolution.packages) wanted.set(pkg.file.filename, pkg.file);
  const result: VerifyResult = { valid: [], missing: [], removed: [], notOwned: [] };
  let names: string[] = [];
  let others: string[] = [];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.filter((e) => e.isFile()).map((e) => e.name);
    others = entries.filter((e) => !e.isFile()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const name of others) {
    if (options.keep?.includes(name) || (options.deletable !== undefined && !options.deletable(name)))
      continue;
    await rm(join(dir, name), { recursive: true, force: true });
    result.removed.push({ filename: name, reason: 'not-a-file' });
    options.logger.warn(`removed ${name} from the wheelhouse: not a regular file`);
  }
  const present = new Set(names);
  for (const name of names) {
    if (name === MANIFEST_FILENAME || wanted.has(name) || options.keep?.includes(name)) continue;
    if (options.deletable !== undefined && !options.deletable(name)) continue;
    await rm(join(dir, name), { force: true });
    result.removed.push({ filename: name, reason: 'not-in-resolution' });
    options.logger.debug(`pruned ${name} from the wheelhouse: not in the resolution`);
  }
  const otherNames = new Set(others);
  // A name not this run's to delete that is no regular file (a user's link): its target is hashed
  // like a file; with other bytes it is refused, never replaced.
  const notDeletable = (name: string): boolean => options.deletable !== undefined && !options.deletable(name);
  const toHash = [...wanted.values()].filter(
    (f) => present.has(f.filename) || (otherNames.has(f.filename) && notDeletable(f.filename)),
  );
  for (const f of wanted.values())
    if (!present.has(f.filename) && !otherNames.has(f.filename)) result.missing.push(f);
  for (const f of wanted.values())
    if (otherNames.has(f.filename) && !notDeletable(f.filename)) result.missing.push(f);
  await runLimited(toHash, options.concurrency ?? 4, async (file) => {
    const path = join(dir, file.filename);
    // A file this run wrote and hashed, or one unchanged since an earlier run hashed it, is not
    // read again (options.digest: the run's stamps, src/cache/file-stamps.ts).
    // A size other than the resolution's is a mismatch without reading a byte: a huge (sparse)
    // file a hostile entry put under a resolved name is not hashed for hours (review 15b F4).
    const sized = file.size === undefined || (await stat(path).catch(() => undefined))?.size === file.size;
    const actual = sized ? await (options.digest ?? fileSha256)(path).catch(() => undefined) : undefined;
    if (actual && actual.sha256 === file.sha256.toLowerCase()) {
      result.valid.push(file);
      return;
    }
    if (options.deletable !== undefined && !options.deletable(file.filename)) {
      // Not this run's to delete (nor to download over): the caller refuses it.
      result.notOwned.push(file);
      return;
    }
    await rm(path, { force: true });
    result.removed.push({ filename: file.filename, reason: 'hash-mismatch' });
    result.missing.push(file);
    options.logger.warn(
      sized
        ? `removed ${file.filename} from the wheelhouse: sha256 ${actual?.sha256 ?? '(unreadable)'} does not match the resolution's ${file.sha256}`
        : `removed ${file.filename} from the wheelhouse: its size is not the resolution's ${file.size} bytes (sha256 ${file.sha256})`,
    );
  });
  return result;
}
