/**
 * The distributions already installed in the target's site-packages ("Recording installed
 * projects"): one `<name>-<version>.dist-info` directory per distribution in purelib/platlib,
 * keyed by normalised name (PEP 503), with the Version from its METADATA. Also the files a
 * distribution's RECORD says it owns, as pip's uninstall computes them
 * (pip/_internal/req/req_uninstall.py: every RECORD path, resolved against the directory holding
 * the .dist-info, plus the `__pycache__` byte code of each `.py`; paths outside the environment's
 * prefix — as written or once the symlinks of their directories are followed — are never
 * touched).
 *
 * `.egg-info` (review 17a F8) as pip 23.2's importlib backend finds it: any `*.egg-info` entry
 * (`name-version-pyX.Y[-platform].egg-info` as setuptools and distros write it), named and
 * versioned by its PKG-INFO; a directory is replaced as pip's `setuptools_flat_installation`
 * uninstall does (the directory itself and the files its RECORD or installed-files.txt declares,
 * pip/_internal/req/req_uninstall.py, metadata/base.py `iter_declared_entries`); a file (distutils)
 * is refused as pip refuses it.
 */
import { lstat, readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { normalizeName } from '../standards/names.js';
import { readRegularFile } from '../util/read-regular-file.js';
import { RealContainment } from './real-containment.js';
import { parseRecord } from './record.js';

/**
 * Limits for reading an installed distribution's files (untrusted: anyone who could write the
 * environment wrote them): METADATA as the index side bounds it; RECORD well above the largest
 * real one (torch: ~15,000 rows, ~2 MB).
 */
const METADATA_LIMIT = 16 * 1024 * 1024;
export const RECORD_LIMIT = 64 * 1024 * 1024;

export interface InstalledDist {
  /** Normalised name. */
  name: string;
  /** Version as in METADATA (or the directory name). */
  version: string;
  /** Absolute path of the `.dist-info` (or `.egg-info`) directory. */
  metadataDir: string;
  kind: 'dist-info' | 'egg-info';
  /** Why the native installer cannot replace it (a distutils `.egg-info` file, …), if it cannot. */
  unremovable?: string;
}

/**
 * What a `.dist-info` directory's METADATA says, or undefined when pip 23.2 does not count the
 * directory as installed: its importlib backend skips a distribution whose metadata has no Name
 * ("invalid metadata entry 'name'", pip/_internal/metadata/importlib/_envs.py), and a missing
 * METADATA (and PKG-INFO) reads as empty (review 1 of session 12: such leftovers counted as installed). A
 * METADATA that is there but not read here (not a regular file, too large, unreadable) keeps the
 * directory, with the directory name's version.
 */
async function readMetadata(
  dir: string,
  file?: string,
): Promise<{ version?: string; name?: string } | undefined> {
  if (file !== undefined) return fields(await readRegularFile(file, METADATA_LIMIT));
  let read = await readRegularFile(join(dir, 'METADATA'), METADATA_LIMIT);
  // importlib.metadata reads `METADATA or PKG-INFO`: a missing or empty METADATA falls back to
  // PKG-INFO, as pip 23.2 on Python 3.11 does (review 5 s12).
  if (('text' in read && read.text === '') || (!('text' in read) && read.problem === 'missing')) {
    const pkgInfo = await readRegularFile(join(dir, 'PKG-INFO'), METADATA_LIMIT);
    if ('text' in pkgInfo || pkgInfo.problem !== 'missing') read = pkgInfo;
  }
  return fields(read);
}

function fields(
  read: Awaited<ReturnType<typeof readRegularFile>>,
): { version?: string; name?: string } | undefined {
  if (!('text' in read)) return read.problem === 'missing' ? undefined : {};
  let name: string | undefined;
  let version: string | undefined;
  for (const line of read.text.split(/\r?\n/)) {
    if (line === '') break;
    // A field's rest, trimmed: no regex (a lazy group before `\s*$` was quadratic in a run of
    // spaces — review 1 of session 12).
    const field = line.slice(0, line.indexOf(':') + 1).toLowerCase();
    if (field === 'name:' && name === undefined) name = line.slice(5).trim();
    else if (field === 'version:' && version === undefined) version = line.slice(8).trim();
  }
  if (name === undefined) return undefined;
  return { name, ...(version !== undefined ? { version } : {}) };
}

/**
 * An `.egg-info` entry as pip 23.2 counts it (see the header), or undefined when it does not: its
 * PKG-INFO (the file itself for distutils) gives name and version; without a Name it is skipped, as
 * for `.dist-info`. Unreadable metadata falls back to the entry's name (`name-version-…`).
 */
async function eggInfo(dir: string, entry: string): Promise<InstalledDist | undefined> {
  const metadataDir = join(dir, entry);
  const info = await lstat(metadataDir).catch(() => undefined);
  if (info === undefined) return undefined;
  const isDir = info.isDirectory();
  const metadata = isDir
    ? await readMetadata(metadataDir)
    : info.isFile()
      ? await readMetadata(dir, metadataDir)
      : {};
  if (metadata === undefined) return undefined;
  const parts = entry.slice(0, -'.egg-info'.length).split('-');
  const name = normalizeName(metadata.name ?? (parts[0] as string));
  const version = metadata.version ?? parts[1] ?? '';
  const found: InstalledDist = { name, version, metadataDir, kind: 'egg-info' };
  const shown = `${name} ${version} (${metadataDir})`;
  if (info.isFile()) {
    // pip: "Cannot uninstall 'x'. It is a distutils installed project and thus we cannot
    // accurately determine which files belong to it which would lead to only a partial uninstall."
    found.unremovable = `cannot replace ${shown}: it is a distutils installed project, so which files belong to it cannot be determined (pip refuses it too); remove it by hand or with the tool that installed it`;
  } else if (!isDir) {
    found.unremovable = `cannot replace ${shown}: the .egg-info is not a directory or a regular file`;
  } else if (parts.length < 2) {
    found.unremovable = `cannot replace ${shown}: a legacy editable (develop) install; use --installer pip`;
  } else if (
    (await lstat(join(metadataDir, 'RECORD')).catch(() => undefined)) === undefined &&
    (await lstat(join(metadataDir, 'installed-files.txt')).catch(() => undefined)) === undefined
  ) {
    // pip then removes the top_level.txt packages whole; the native installer removes only files
    // a list names.
    found.unremovable = `cannot replace ${shown}: its .egg-info lists no installed files (no RECORD, no installed-files.txt); use --installer pip`;
  }
  return found;
}

/** Scans `dirs` (purelib, platlib) for installed distributions. Missing directories are empty. */
export async function readInstalledDists(dirs: readonly string[]): Promise<Map<string, InstalledDist>> {
  const found = new Map<string, InstalledDist>();
  for (const dir of [...new Set(dirs)]) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const entry of names) {
      if (entry.length > '.egg-info'.length && entry.endsWith('.egg-info')) {
        const egg = await eggInfo(dir, entry);
        if (egg !== undefined && !found.has(egg.name)) found.set(egg.name, egg);
        continue;
      }
      const m = /^(.+)-([^-]+)\.dist-info$/.exec(entry);
      if (m === null) continue;
      const metadataDir = join(dir, entry);
      const name = normalizeName(m[1] as string);
      const metadata = await readMetadata(metadataDir);
      if (metadata === undefined) continue;
      const version = metadata.version ?? (m[2] as string);
      found.set(name, { name, version, metadataDir, kind: 'dist-info' });
    }
  }
  return found;
}

export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * The directories a replaced version's RECORD paths must lie in: the environment's prefix in a
 * virtual environment; outside one also the scheme directories, which need not lie below
 * sys.prefix (Homebrew: site-packages under `$(brew --prefix)/lib`, sys.prefix in the Cellar) —
 * pip 23.2 treats every path as local there (pip/_internal/utils/misc.py `is_local`: "If we're
 * not in a virtualenv, all paths are considered local"; review 1 of session 12).
 */
export function removalRoots(
  interpreter: { prefix: string; isVirtualEnv: boolean },
  schemeRoots: readonly string[],
): string[] {
  return interpreter.isVirtualEnv ? [interpreter.prefix] : [...new Set([interpreter.prefix, ...schemeRoots])];
}

/** Whether `abs` lies inside one of `roots` as written. */
export function insideAny(roots: readonly string[], abs: string): boolean {
  return roots.some((root) => isInside(root, abs));
}

/** Whether anything (a symlink too, not followed) is at `path`. */
async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Anything else (a loop, no search permission): there may be something; containment decides.
    return !(code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG');
  }
}

/**
 * The absolute paths that exist of those a dist-info distribution owns per its RECORD, restricted
 * to `within` (the prefix, or `removalRoots`), plus
 * the byte code next to each `.py` (`__pycache__/<stem>.<cacheTag>[.opt-N].pyc` and the legacy
 * `<stem>.pyc` and `<stem>.pyo`, as pip's `uninstallation_paths`), existing or not (callers skip
 * missing ones).
 */
export async function recordedFiles(
  dist: InstalledDist,
  within: string | readonly string[],
  cacheTag?: string,
): Promise<{ files: string[]; refused: string[] }> {
  if (dist.unremovable !== undefined) throw new Error(dist.unremovable);
  const egg = dist.kind === 'egg-info';
  const recordPath = join(dist.metadataDir, 'RECORD');
  let read = await readRegularFile(recordPath, RECORD_LIMIT);
  /** What the declared paths are relative to: site-packages for RECORD, the .egg-info for installed-files.txt. */
  let base = dirname(dist.metadataDir);
  let declared: string[] | undefined;
  if (egg && !('text' in read) && read.problem === 'missing') {
    const listPath = join(dist.metadataDir, 'installed-files.txt');
    read = await readRegularFile(listPath, RECORD_LIMIT);
    if ('text' in read) {
      base = dist.metadataDir;
      declared = read.text.split(/\r?\n/).filter((line) => line !== '');
    }
  }
  if (!('text' in read)) {
    // pip refuses a missing one the same way ("Cannot uninstall ..., RECORD file not found")
    const why =
      read.problem === 'missing'
        ? 'is missing'
        : `is ${read.problem}${read.detail ? ` (${read.detail})` : ''}`;
    throw new Error(`cannot replace the installed ${dist.name} ${dist.version}: ${recordPath} ${why}`);
  }
  const text = read.text;
  const files = new Set<string>();
  const refused: string[] = [];
  const roots = (typeof within === 'string' ? [within] : within).map((r) => resolve(r));
  const containment = new RealContainment(roots);
  // A row whose path does not exist has nothing to remove (pip 23.2's UninstallPathSet.add returns
  // before its containment check when `os.path.exists` is false); its directories are not resolved
  // either (review 14a F5: a deep row of missing directories cost a realpath per level). A missing
  // `.py` whose directory exists still names its byte code, as pip's uninstallation_paths does.
  // The checks of a batch of rows run together, their outcomes are applied in RECORD order (review
  // 14d F8: one awaited lstat after another made a 20,000-file upgrade 4–6× slower).
  const look = async (abs: string): Promise<'absent' | 'outside' | { present: boolean }> => {
    const present = await exists(abs);
    if (!present && !(abs.endsWith('.py') && (await exists(dirname(abs))))) return 'absent';
    return (await containment.inside(abs)) ? { present } : 'outside';
  };
  const rows = (declared?.map((path) => ({ path })) ?? parseRecord(text)).filter((row) => row.path !== '');
  // pip removes an .egg-info directory whole: each file below it (not following symlinks).
  if (egg)
    for (const file of await filesBelow(dist.metadataDir))
      rows.push({ path: relative(base, file).split(sep).join('/') });
  for (let at = 0; at < rows.length; at += RECORD_CHECK_BATCH) {
    const batch = rows.slice(at, at + RECORD_CHECK_BATCH).map((row) => {
      const abs = resolve(base, row.path.split('/').join(sep));
      // Inside the roots as written and once its directories' symlinks are followed (pip's rule).
      return { row, abs, seen: insideAny(roots, abs) ? look(abs) : Promise.resolve('outside' as const) };
    });
    const outcomes = await Promise.all(batch.map((b) => b.seen));
    batch.forEach(({ row, abs }, i) => {
      const outcome = outcomes[i];
      if (outcome === 'absent' || outcome === undefined) return;
      if (outcome === 'outside') {
        refused.push(row.path);
        return;
      }
      add(abs, outcome.present);
    });
  }
  return { files: [...files], refused };

  function add(abs: string, present: boolean): void {
    if (present) files.add(abs);
    if (abs.endsWith('.py')) {
      const dir = dirname(abs);
      const stem = abs.slice(dir.length + 1, -3);
      files.add(join(dir, `${stem}.pyc`));
      files.add(join(dir, `${stem}.pyo`));
      if (cacheTag !== undefined) {
        for (const opt of ['', '.opt-1', '.opt-2'])
          files.add(join(dir, '__pycache__', `${stem}.${cacheTag}${opt}.pyc`));
      }
    }
  }
}

/** Every non-directory below `dir` (symlinks not followed), bounded by the RECORD row limit. */
async function filesBelow(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const abs = join(d, entry.name);
      if (entry.isDirectory()) await walk(abs);
      else out.push(abs);
      if (out.length > MAX_EGG_INFO_FILES)
        throw new Error(
          `cannot replace the distribution of ${dir}: more than ${MAX_EGG_INFO_FILES} files in it`,
        );
    }
  };
  await walk(dir);
  return out;
}

/** Files below one .egg-info directory (real ones hold fewer than ten). */
const MAX_EGG_INFO_FILES = 10_000;

/** RECORD rows checked together (each costs an lstat or two on the libuv pool). */
const RECORD_CHECK_BATCH = 64;
