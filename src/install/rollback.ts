/**
 * The undoing of what a journal (journal.ts) lists, as far as it was done — shared by a failed
 * placing (transaction.ts) and the next run's repair of a killed one (repair.ts): placed files
 * removed (only those still provably the journal's own, with the byte code Python made of them),
 * created directories removed when empty, moved-aside files put back.
 */
import { lstat, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { exdevCopyOf, identityOf, type Journal } from './journal.js';
import { RealContainment } from './real-containment.js';

export async function lexists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

export async function removeEmptyDirs(dirs: Iterable<string>, stopAt: readonly string[]): Promise<void> {
  const sorted = [...new Set(dirs)].sort((a, b) => b.length - a.length);
  for (let dir of sorted) {
    while (!stopAt.includes(dir) && dir !== dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        break; // not empty, or gone: stop climbing
      }
      dir = dirname(dir);
    }
  }
}

/**
 * Whether `name` (in a `__pycache__`) is the byte code of the source `<stem>.py`: Python names it
 * `<stem>.<cache tag>[.opt-<level>].pyc` (importlib.util.cache_from_source; a cache tag has no
 * dot), whatever dots the stem has (`foo.bar.py` → `foo.bar.cpython-311.pyc`). Another module's
 * byte code cannot match: for `foo`, `foo.bar.cpython-311.pyc` leaves `bar.cpython-311` as the
 * tag, which has a dot.
 */
export function isByteCodeOf(name: string, stem: string): boolean {
  if (!name.startsWith(`${stem}.`) || !name.endsWith('.pyc')) return false;
  return /^[^.]+(?:\.opt-[A-Za-z0-9]+)?$/.test(name.slice(stem.length + 1, -4));
}

/**
 * Removes a file the journal placed and, for a `.py`, the byte code an import or a compile made of
 * it since (`__pycache__/<stem>.<tag>[.opt-N].pyc` of any interpreter, the legacy `<stem>.pyc`
 * and `<stem>.pyo`), as pip's uninstall removes a source's byte code (pip/_internal/req/
 * req_uninstall.py: `uninstallation_paths` and `cache_from_source` for each `.py` of RECORD); the
 * `__pycache__` goes too when that leaves it empty. Without this, the byte code Python wrote while
 * a killed install was half done kept a placed directory — and a replaced file could not come back
 * where it was (review 3 of session 10).
 */
async function removePlaced(file: string): Promise<void> {
  await rm(file, { force: true });
  if (!file.endsWith('.py')) return;
  const dir = dirname(file);
  const stem = basename(file).slice(0, -3);
  const cache = join(dir, '__pycache__');
  // A real directory beside the file only (a symlink of that name is not followed).
  const isDir = await lstat(cache).then(
    (st) => st.isDirectory(),
    () => false,
  );
  const names = isDir ? await readdir(cache).catch(() => [] as string[]) : [];
  for (const name of names) if (isByteCodeOf(name, stem)) await rm(join(cache, name), { force: true });
  await rm(join(dir, `${stem}.pyc`), { force: true });
  await rm(join(dir, `${stem}.pyo`), { force: true });
  if (names.length > 0) await rmdir(cache).catch(() => {}); // others' byte code: kept
}

/** Whether what lies at a path now is what the journal placed there (see `rollback`). */
type Ours = (path: string, id: string | undefined) => Promise<boolean>;

/**
 * Undoes the rename of the whole directory `dir` (it did not exist before): removes the files the
 * journal lists below it that are still the ones it placed, then each directory of theirs, deepest
 * first, that is left empty — up to and including `dir`. What else lies there now is kept (and
 * answered), and so are the directories holding it.
 */
async function removePlacedTree(
  dir: string,
  files: readonly string[],
  ids: readonly string[] | undefined,
  ours: Ours,
  kept: string[],
): Promise<void> {
  const dirs = new Set<string>([dir]);
  for (const [i, file] of files.entries()) {
    if (!(await lexists(file))) continue;
    if (!(await ours(file, ids?.[i]))) {
      kept.push(file);
      continue;
    }
    await removePlaced(file);
    if (file.endsWith('.py')) dirs.add(join(dirname(file), '__pycache__'));
    for (let d = dirname(file); d.length > dir.length && !dirs.has(d); d = dirname(d)) dirs.add(d);
  }
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    await rmdir(d).catch(() => {}); // not empty (kept), or gone
  }
}

/**
 * Undoes what `journal` lists, as far as it was done. A file or directory is taken for one this
 * journal placed only when its staged copy is gone and it still has the identity the journal
 * recorded (version 2); anything else at a destination — a file pip or the user wrote there
 * after a kill — is kept and answered. A version-1 journal recorded no identities: a file counts
 * as placed by it only when it was not modified after the journal was written (`writtenAt`, the
 * journal's mtime; staged files are all written before it, and a rename keeps the mtime) —
 * without `writtenAt` nothing counts. A moved-aside file never replaces anything that lies where
 * it goes back; that path is named in the RollbackError instead — unless it is the original itself
 * (`asideIds`), when the copy aside is dropped.
 */
export async function rollback(
  journal: Journal,
  roots: readonly string[],
  writtenAt?: bigint,
): Promise<{ kept: string[] }> {
  const kept: string[] = [];
  const ours: Ours = async (path, id) => {
    const st = await lstat(path, { bigint: true }).catch(() => undefined);
    if (st === undefined) return false;
    if (journal.version === 2) return id !== undefined && identityOf(st) === id;
    return writtenAt !== undefined && (st.isDirectory() || st.mtimeNs <= writtenAt);
  };
  // Run again after a rollback that stopped part-way (the next run's repair), a destination whose
  // previous file was already moved back from aside holds that previous file, not ours: kept.
  const asideOf = new Map(journal.aside);
  const dirFiles = new Map(
    (journal.dirFiles ?? []).map(([d, files], i) => [d, { files, ids: journal.dirIds?.[i] }]),
  );
  for (let i = journal.place.length - 1; i >= 0; i--) {
    const [staged, dest] = journal.place[i] as [string, string];
    await rm(exdevCopyOf(dest), { recursive: true, force: true }); // a copy a kill left unplaced
    const aside = asideOf.get(dest);
    if (aside !== undefined && !(await lexists(aside))) continue;
    if ((await lexists(staged)) || !(await lexists(dest))) continue; // not placed
    if (!(await ours(dest, journal.ids?.[i]))) {
      kept.push(dest);
      continue;
    }
    const inside = dirFiles.get(dest);
    if (inside === undefined) await removePlaced(dest);
    else await removePlacedTree(dest, inside.files, inside.ids, ours, kept);
  }
  // A directory made where a moved-aside file was (a module that became a package) goes before
  // that file comes back; one removed where a file was placed (the reverse) comes back first.
  const origins = new Set(journal.aside.map(([orig]) => resolve(orig)));
  const atOrBelowOrigin = (dir: string): boolean => {
    for (let d = resolve(dir); ; d = dirname(d)) {
      if (origins.has(d)) return true;
      if (d === dirname(d)) return false;
    }
  };
  for (const dir of [...journal.createdDirs].reverse()) {
    if (atOrBelowOrigin(dir)) await rmdir(dir).catch(() => {}); // not empty: the move back fails and says so
  }
  for (const dir of journal.clearedDirs ?? []) await mkdir(dir, { recursive: true });
  // Each file back where it was, all that can be; then one error naming what could not. Where a
  // file goes is checked again right before it goes: one put back earlier may be a symlink that
  // leads a later one out of the environment (review 3 of session 10: a planted journal did so).
  const stuck: string[] = [];
  let env = new RealContainment(roots);
  for (const [k, [orig, aside]] of journal.aside.entries()) {
    const moved = await lstat(aside).catch(() => undefined);
    if (moved === undefined) continue;
    try {
      // The original itself, never removed (see `asideIds`): what lies aside is a copy of it.
      const id = journal.asideIds?.[k];
      const there = await lstat(orig, { bigint: true }).catch(() => undefined);
      if (id !== undefined && there !== undefined && identityOf(there) === id) {
        await rm(aside, { force: true });
        continue;
      }
      // Never over what lies there now (a file kept above, or anyone's): rename(2) would replace it.
      if (await lexists(orig)) throw new Error('something else lies there now');
      if (!(await env.inside(orig)))
        throw new Error('it now lies outside the environment, through a directory put back before it');
      await mkdir(dirname(orig), { recursive: true });
      await rename(aside, orig);
      // Only a symlink put back can change where later paths lead (a file cannot be passed through).
      if (moved.isSymbolicLink()) env = new RealContainment(roots);
    } catch (error) {
      stuck.push(`${orig} (kept as ${aside}: ${(error as Error).message})`);
    }
  }
  const created: string[] = [];
  env = new RealContainment(roots);
  for (const dir of [...journal.createdDirs].reverse()) if (await env.inside(dir)) created.push(dir);
  await removeEmptyDirs(created, roots);
  if (stuck.length > 0) throw new RollbackError(journal.dist, stuck, kept);
  return { kept };
}

/** A rollback that could not put every file of the previous version back. */
export class RollbackError extends Error {
  constructor(
    readonly dist: string,
    readonly stuck: readonly string[],
    /** Files at its destinations it did not place (written since), kept. */
    readonly kept: readonly string[] = [],
  ) {
    super(
      `could not put back ${stuck.length} file(s) of the version ${dist} replaced: ${stuck.slice(0, 3).join('; ')}${stuck.length > 3 ? `; and ${stuck.length - 3} more` : ''} — remove what is in the way and run again${kept.length > 0 ? ` (${keptText(kept)})` : ''}`,
    );
  }
}

/** The files a rollback kept because something other than the journal's run wrote them. */
export function keptText(kept: readonly string[]): string {
  const shown = kept.slice(0, 3).join(', ');
  return `kept ${kept.length} file(s) written at its destinations since the interrupted install, not by it: ${shown}${kept.length > 3 ? `, and ${kept.length - 3} more` : ''}`;
}
