/**
 * Placing one staged distribution so that it ends up fully installed or not at all (issue 9 §3),
 * also across a killed process:
 *
 *   1. a journal (`journal.json` in the distribution's staging directory, written atomically)
 *      names every rename about to happen: existing files moved aside into the staging directory
 *      (the replaced version's files by its RECORD, and whatever else sits where a new file goes),
 *      the directories that will be created, and every rename into place — a staged file, or a
 *      whole staged directory where the destination directory does not exist yet and the
 *      staging tree (stage-wheel.ts) holds everything that goes below it (a fresh install of
 *      torch is then a few renames instead of 12k);
 *   2. existing files are moved aside, directories created, staged files and directories renamed
 *      into place (the `.dist-info` last: its RECORD very last, or the whole directory at once);
 *   3. a `committed` marker is written beside the journal, then the staging directory (with the
 *      old files) is removed — or left to the caller until the whole install is done
 *      (`keepCommitted`) — and directories the old version leaves empty are removed (pip's
 *      uninstall does the same by moving whole directories).
 * A failure in step 2 rolls back in the same process; a process killed in step 2 leaves the
 * journal, and `recoverStaging` (repair.ts; run by the next installer before it changes anything) rolls back:
 * a staged file or directory that is gone was placed, so its destination is removed (a directory:
 * the files the journal lists below it, then the directories they leave empty — what else came to
 * lie there since is kept); every file moved aside is
 * moved back; created directories are removed when empty. A staging directory without a journal
 * never touched the environment and is simply deleted.
 */
import { lstatSync, statSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import { runLimited } from '../util/for-each-limited.js';
import type { Logger } from '../util/logger.js';
import { COMMITTED, COPY_IDS, identityOf, JOURNAL, JOURNAL_LIMIT, type Journal } from './journal.js';
import { keptText, lexists, removeEmptyDirs, rollback } from './rollback.js';
import { ownedTree } from './owned-tree.js';
import { move, type Rename } from './place-move.js';
import { PlacementContainment } from './real-containment.js';
import { placementUnits } from './stage-layout.js';
import type { StagedFile } from './stage-wheel.js';

export { STAGING_PREFIX } from './journal.js';

/** What lies at `path`: nothing, a directory, or a file (with its identity, journal.ts `identityOf`). */
async function kindOf(path: string): Promise<'none' | 'dir' | { file: string }> {
  try {
    const st = await lstat(path, { bigint: true });
    return st.isDirectory() ? 'dir' : { file: identityOf(st) };
  } catch {
    return 'none';
  }
}

/**
 * Runs `fn` over `items` with at most 16 calls waiting on the shared `limit` at a time: a few
 * runners walk the list, instead of one promise and closure per item held for the whole
 * distribution (tens of thousands for the largest wheels: that was most of the live heap). After
 * the first failure no runner takes another item, and it rejects with that failure only once
 * every runner has finished (util/for-each-limited.ts): a rollback must never run while renames
 * still go on (review 1 of session 12 — files moved aside after the rollback passed them were
 * deleted with the staging directory, files placed after it stayed).
 */
async function eachLimited<T, R>(
  items: readonly T[],
  limit: <X>(work: () => Promise<X>) => Promise<X>,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  await runLimited(items, 16, async (item, i) => {
    out[i] = await limit(() => fn(item, i));
  });
  return out;
}

type Unit = { staged: string; dest: string; dir: boolean };

/**
 * Placements run one at a time: a directory renamed whole must not exist yet, and two
 * distributions placed together could both find one missing (two Jupyter extensions' `share/jupyter`).
 */
let placing: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = placing.then(work, work);
  placing = run.catch(() => undefined);
  return run;
}

/** mkdir that accepts a directory someone else (another distribution placed in parallel) made. */
async function mkdirOnce(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

export interface PlaceOptions {
  stageDir: string;
  dist: string;
  files: StagedFile[];
  /** Files of the version being replaced (absolute, inside the prefix; missing ones are skipped). */
  remove: string[];
  /** Directories never removed when emptied (scheme roots, the prefix). */
  roots: string[];
  logger: Logger;
  limit: <T>(work: () => Promise<T>) => Promise<T>;
  /** Test seam: the largest journal written (default: what the repair reads, 64 MiB). */
  journalLimit?: number;
  /** Test seam: called after each file is placed (to simulate a crash). */
  afterPlace?: (index: number) => Promise<void> | void;
  /** Test seam: rename(2) (to inject EXDEV, or to stop a run at a rename as a kill would). */
  rename?: Rename;
  /**
   * Leave the committed staging directory for the caller to remove (with `removeCommitted`) once
   * the whole install is done, instead of removing it now. Why: on ext4 without a journal the
   * inode allocator skips every inode freed in the last 60 s (360 s while its inode-table block is
   * dirty), looking each one up (`recently_deleted()` in fs/ext4/ialloc.c), so inodes freed in the
   * environment's block group while files are still being created there make every later create
   * cost more — measured on real-ds as seconds of system time. A committed staging directory is
   * harmless: the environment is complete without it, and `recoverStaging` removes it after a kill.
   */
  keepCommitted?: boolean;
}

/**
 * Each directory of `dirs` (none below another) with the destinations of `files` below it, and
 * the identity of each (journal.ts `identityOf`, taken from its staged file).
 */
function filesBelow(dirs: readonly string[], files: readonly StagedFile[]): [string, string[], string[]][] {
  if (dirs.length === 0) return [];
  const below = new Map<string, [string[], string[]]>(dirs.map((d) => [d, [[], []]]));
  // The directory placed whole that a file lies below is its directory's: looked up once per
  // directory, not by walking every file's ancestors (each a new string to hash).
  const listOf = new Map<string, [string[], string[]] | null>();
  for (const f of files) {
    const first = dirname(f.dest);
    let list = listOf.get(first);
    if (list === undefined) {
      list = null;
      for (let d = first; d !== dirname(d); d = dirname(d)) {
        const found = below.get(d);
        if (found !== undefined) {
          list = found;
          break;
        }
      }
      listOf.set(first, list);
    }
    if (list !== null) {
      list[0].push(f.dest);
      list[1].push(f.id ?? identityOf(lstatSync(f.staged, { bigint: true })));
    }
  }
  return [...below].map(([d, [dests, ids]]) => [d, dests, ids]);
}

/** Places a staged distribution (see the module comment); rolls back and rethrows on failure. */
export function placeStaged(opts: PlaceOptions): Promise<void> {
  return oneAtATime(() => placeNow(opts));
}

async function placeNow(opts: PlaceOptions): Promise<void> {
  const { stageDir, files } = opts;
  const asideDir = join(stageDir, 'o');
  await mkdir(asideDir);
  const ren: Rename = opts.rename ?? rename;
  // Names for staged originals an EXDEV fallback has copied into place (see `move`).
  let exdevs = 0;
  const gone = async (): Promise<string> => {
    const dir = join(stageDir, 'x');
    if (exdevs === 0) await mkdir(dir);
    return join(dir, String(exdevs++));
  };
  const destSet = new Set(files.map((f) => f.dest));
  // Every ancestor of every destination directory (synchronous stats: a few per distribution).
  const ancestors = new Set<string>();
  for (const dest of destSet) {
    for (let x = dirname(dest); !ancestors.has(x); x = dirname(x)) {
      ancestors.add(x);
      if (x === dirname(x)) break;
    }
  }
  const removeSet = new Set(opts.remove);
  // Parents first: below a missing directory everything is missing, and is not looked at. A file
  // of the version being replaced where the new one needs a directory (a module that became a
  // package's directory) is moved aside before any directory is made: missing too, as after pip's
  // uninstall. Anyone else's file there is a conflict, refused before anything changes.
  const dirList = [...ancestors].sort((a, b) => a.length - b.length);
  const missingDirs = new Set<string>();
  const containment = new PlacementContainment(opts.roots);
  for (const d of dirList) {
    if (missingDirs.has(dirname(d))) {
      missingDirs.add(d);
      continue;
    }
    // Write only inside the environment (review 17a F6): a symlinked directory on the way to a
    // destination must lead inside it; pip 23.2 writes through it (docs/pip-agreement.md).
    const linked = lstatSync(d, { throwIfNoEntry: false });
    let st: ReturnType<typeof statSync> = linked;
    if (linked?.isSymbolicLink() === true) {
      st = statSync(d, { throwIfNoEntry: false });
      const real = st?.isDirectory() === true ? containment.linkedOutside(d) : undefined;
      if (real !== undefined)
        throw new Error(
          `refused: ${d} is a symbolic link to ${real}, outside the environment; the wheel would write through it (remove the link, or install elsewhere)`,
        );
    }
    if (st === undefined || (!st.isDirectory() && removeSet.has(d))) missingDirs.add(d);
    else if (!st.isDirectory()) throw new Error(`${d} is a file, the wheel installs a directory there`);
  }
  const { units, made } = placementUnits(files, (d) => !missingDirs.has(d), opts.roots);
  // The directories created, parents first; a unit's directory comes with its rename.
  const createdDirs = made.sort((a, b) => a.length - b.length);
  // Payload first, then the metadata: single files, RECORD last, or the whole .dist-info directory.
  const ordered = [
    ...units.filter((u) => !u.metadata),
    ...units.filter((u) => u.metadata && !u.dir && !u.dest.endsWith('RECORD')),
    ...units.filter((u) => u.metadata && !u.dir && u.dest.endsWith('RECORD')),
    ...units.filter((u) => u.metadata && u.dir),
  ];
  // Nothing can exist yet inside a directory that does not: only other destinations are looked at.
  const fileDests = ordered.filter((u) => !u.dir).map((u) => u.dest);
  const candidates = [...new Set([...opts.remove, ...fileDests.filter((d) => !missingDirs.has(dirname(d)))])];
  const kinds = await eachLimited(candidates, opts.limit, kindOf);
  const aside: [string, string][] = [];
  const asideIds: string[] = [];
  const clearedDirs: string[] = [];
  for (const [i, p] of candidates.entries()) {
    const kind = kinds[i] as 'none' | 'dir' | { file: string };
    if (kind === 'dir') {
      // A RECORD row naming a directory is never followed (it may hold other projects' files).
      // A directory where a file must go: when every file below it belongs to the version being
      // replaced (moved aside here), it is removed once empty, as pip's uninstall removes it
      // first; anything else below it is a conflict the user has to resolve.
      if (destSet.has(p)) {
        const below = await ownedTree(p, removeSet);
        if ('foreign' in below)
          throw new Error(
            `${p} is a directory, the wheel installs a file there (${below.foreign} ${below.unreadable !== undefined ? `cannot be read: ${below.unreadable}` : "is not the replaced version's"})`,
          );
        clearedDirs.push(...below.dirs);
      }
      continue;
    }
    if (kind !== 'none') {
      aside.push([p, join(asideDir, String(aside.length))]);
      asideIds.push(kind.file);
    }
  }
  // What each rename will put in place (rename keeps the inode): a repair removes only what still
  // is exactly that — never a file another installer or the user wrote at the same path since.
  // A file an extraction worker wrote comes with its identity; the rest are looked at here.
  const idOf = new Map<string, string>();
  for (const f of files) if (f.id !== undefined) idOf.set(f.staged, f.id);
  const below = filesBelow(
    ordered.filter((u) => u.dir).map((u) => u.dest),
    files,
  );
  const journal: Journal = {
    version: 2,
    state: 'applying',
    dist: opts.dist,
    aside,
    asideIds,
    place: ordered.map((u) => [u.staged, u.dest]),
    ids: ordered.map(
      (u) => (u.dir ? undefined : idOf.get(u.staged)) ?? identityOf(lstatSync(u.staged, { bigint: true })),
    ),
    dirFiles: below.map(([d, dests]) => [d, dests]),
    dirIds: below.map(([, , ids]) => ids),
    createdDirs,
    emptied: [...new Set(opts.remove.map((p) => dirname(p)))],
    ...(clearedDirs.length > 0 ? { clearedDirs } : {}),
  };
  // A copy placed across file systems (EXDEV) has inodes of its own: their identities go into the
  // journal in memory (this run's rollback) and into `x/<n>.ids` beside the staged original's new
  // name, written before anything of the copy is placed (the next run's repair, journal.ts).
  const placeIndex = new Map<Unit, number>(ordered.map((u, i) => [u, i]));
  const dirIndex = new Map(below.map(([d], k) => [d, k]));
  const copied = async (u: Unit, tmp: string, aside: string): Promise<void> => {
    const i = placeIndex.get(u) as number;
    const id = identityOf(lstatSync(tmp, { bigint: true }));
    const k = u.dir ? dirIndex.get(u.dest) : undefined;
    const dirIds =
      k === undefined
        ? undefined
        : (below[k] as [string, string[], string[]])[1].map((f) =>
            identityOf(lstatSync(tmp + f.slice(u.dest.length), { bigint: true })),
          );
    await writeFileAtomic(
      `${aside}${COPY_IDS}`,
      JSON.stringify({ dest: u.dest, id, ...(dirIds ? { dirIds } : {}) }),
    );
    (journal.ids as string[])[i] = id;
    if (k !== undefined && dirIds !== undefined) (journal.dirIds as string[][])[k] = dirIds;
  };
  const placeUnit = (u: Unit): Promise<void> =>
    move(u.staged, u.dest, u.dir, gone, ren, (tmp, aside) => copied(u, tmp, aside));
  const text = JSON.stringify(journal);
  // The repair reads at most JOURNAL_LIMIT: a larger journal could never be acted on after a kill.
  const size = Buffer.byteLength(text);
  const limit = opts.journalLimit ?? JOURNAL_LIMIT;
  if (size > limit)
    throw new Error(
      `${opts.dist} has too many files to install safely (its journal would be ${size} bytes, the limit is ${limit})`,
    );
  await writeFileAtomic(join(stageDir, JOURNAL), text);
  try {
    await eachLimited(aside, opts.limit, ([orig, moved]) => move(orig, moved, false, undefined, ren));
    // Deepest first: each is empty once the replaced version's files are aside.
    for (const d of [...clearedDirs].reverse()) await rmdir(d);
    // Directories once each, a level at a time (parents before children, siblings in parallel).
    const levels = new Map<number, string[]>();
    for (const d of createdDirs) {
      const depth = d.split(sep).length;
      const level = levels.get(depth);
      if (level === undefined) levels.set(depth, [d]);
      else level.push(d); // not a copy per directory: O(n²) for many created at one depth
    }
    for (const depth of [...levels.keys()].sort((a, b) => a - b)) {
      await eachLimited(levels.get(depth) ?? [], opts.limit, mkdirOnce);
    }
    // Payload in parallel, then metadata in order (RECORD last): the distribution becomes
    // visible to importlib.metadata only once everything else is in place.
    const payload = ordered.filter((u) => !u.metadata);
    let index = 0;
    await eachLimited(payload, opts.limit, async (u) => {
      await placeUnit(u);
      await opts.afterPlace?.(index++);
    });
    for (const u of ordered.filter((x) => x.metadata)) {
      await placeUnit(u);
      await opts.afterPlace?.(index++);
    }
  } catch (error) {
    try {
      const { kept } = await rollback(journal, opts.roots);
      if (kept.length > 0) opts.logger.warn(`rolling back ${opts.dist}: ${keptText(kept)}`);
    } catch (rollbackError) {
      opts.logger.error(
        `could not roll back ${opts.dist} completely (${(rollbackError as Error).message}); the next run retries from ${stageDir}`,
      );
      throw error;
    }
    // What cannot be removed stays with its journal for the next run: the rename's error is the
    // one to report, not the clean-up's.
    await discardRolledBack(stageDir).catch((cleanup: unknown) =>
      opts.logger.warn(`could not remove ${stageDir} (${(cleanup as Error).message}); the next run does`),
    );
    throw error;
  }
  // A marker beside the journal, not the journal rewritten: rewriting would free an inode (above).
  await writeFileAtomic(join(stageDir, COMMITTED), '');
  if (opts.keepCommitted !== true) await discardStaging(stageDir);
  await removeEmptyDirs(journal.emptied, opts.roots);
}

/**
 * Removes a staging directory whose journal is no longer needed (committed, or rolled back): the
 * journal first, in one unlink, then the rest. `rm -r` alone unlinks in directory order, and a run
 * killed after it removed `committed` or staged files but before the journal left a journal that
 * the next run "repaired": a finished install undone, or — after a rollback — the restored
 * previous version's files deleted as if placed by us (review 1 of session 10). Without a journal
 * the directory is one that never touched the environment, which any run deletes.
 */
export async function discardStaging(
  stageDir: string,
  remove: (path: string, options: { recursive?: boolean; force: boolean }) => Promise<void> = rm,
): Promise<void> {
  await remove(join(stageDir, JOURNAL), { force: true });
  await remove(stageDir, { recursive: true, force: true });
}

/**
 * Removes a staging directory whose journal has been rolled back: everything but the journal
 * first, then the journal with the directory. Should that fail part-way (or the run be killed),
 * the journal stays and the next run's repair rolls back again — with the identities it holds,
 * nothing the rollback restored is touched — instead of a journal-less directory, still holding
 * files, that any run deletes as one that never touched the environment (review 1 of session 12).
 */
export async function discardRolledBack(stageDir: string): Promise<void> {
  const names = await readdir(stageDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const name of names) {
    if (name !== JOURNAL) await rm(join(stageDir, name), { recursive: true, force: true });
  }
  await rm(stageDir, { recursive: true, force: true });
}

/**
 * Whether `stageDir` holds a journal: `placeStaged` then owns it — committed (kept for
 * `removeCommitted`) or kept on purpose after a rollback that failed, for the next run's repair.
 * Whoever staged into it must not delete it then.
 */
export function heldForRepair(stageDir: string): Promise<boolean> {
  return lexists(join(stageDir, JOURNAL));
}

/** Removes staging directories `placeStaged` left committed (`keepCommitted`). */
export async function removeCommitted(stageDirs: readonly string[]): Promise<void> {
  for (const stageDir of stageDirs) await discardStaging(stageDir);
}
