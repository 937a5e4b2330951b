/**
 * The journal of one distribution's placing (transaction.ts): its shape, and why a journal found
 * on disk must not be acted on. A journal is untrusted input when the next run finds it — anyone
 * who can write site-packages can leave one, and a restored environment may carry another
 * machine's — so before a repair moves or removes anything it names, every file it would move
 * back or remove must lie inside its staging directory, and every path it would delete, restore or
 * create inside the environment's roots, checked with their directories' symlinks followed
 * (real-containment.ts); a directory it placed whole is one of its own destinations and never a
 * root, and the files listed below it lie below it. The undoing of what a journal lists is
 * rollback.ts.
 */
import type { BigIntStats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { readRegularFile } from '../util/read-regular-file.js';
import { RealContainment } from './real-containment.js';
import { rootsAndAbove } from './stage-layout.js';

/** The names of a distribution's staging directory (in site-packages), and of its journal. */
export const STAGING_PREFIX = '.wheelhouse-staging-';
export const JOURNAL = 'journal.json';
/** Written beside the journal once every file is placed (the journal itself is not rewritten). */
export const COMMITTED = 'committed';
/** Beside a staged original an EXDEV copy replaced (`x/<n>`): the copy's identities (transaction.ts). */
export const COPY_IDS = '.ids';
/** A journal lists every file of one distribution (torch: ~15,000, ~3 MB of JSON). */
export const JOURNAL_LIMIT = 64 * 1024 * 1024;

export interface Journal {
  /** 2: with `ids`/`dirIds`. A version-1 journal (session 10) is never acted on (`journalProblem`). */
  version: 1 | 2;
  state: 'applying' | 'committed';
  dist: string;
  /** [original, moved-aside copy in the staging directory] */
  aside: [string, string][];
  /**
   * The identity (`identityOf`) of each original in `aside` (parallel), taken before it is moved:
   * an original still at its path with it was never removed (a run killed inside an EXDEV move
   * aside, between the copy's rename and the original's unlink), and the copy aside is dropped.
   * Missing in journals written before session 11's fix (nothing is then taken for the original).
   */
  asideIds?: string[];
  /** [staged, destination] in placing order. */
  place: [string, string][];
  /**
   * Destinations in `place` that are whole directories, each with every file placed below it: a
   * rollback removes those files and the directories they leave empty — never anything else that
   * has come to lie there since (another distribution's files, a user's).
   */
  dirFiles?: [string, string[]][];
  /**
   * Version 2: the identity (`identityOf`) of what each `place` entry renames into place, and of
   * each file `dirFiles` lists (parallel arrays): a repair removes only what still has it.
   */
  ids?: string[];
  dirIds?: string[][];
  /** Directories created for the new files, parents first. */
  createdDirs: string[];
  /** Directories that may be left empty by the removed files (checked after commit). */
  emptied: string[];
  /**
   * Directories of the replaced version removed (deepest first, after its files were moved aside)
   * because the new version puts a file there; parents first. A rollback makes them again.
   */
  clearedDirs?: string[];
}

const isPair = (x: unknown): boolean =>
  Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string';
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((d) => typeof d === 'string');

/** Why the journal `value` found in `stageDir` must not be acted on, or undefined when it may. */
export async function journalProblem(
  value: unknown,
  stageDir: string,
  roots: readonly string[],
): Promise<string | undefined> {
  const j = value as Partial<Journal> | null;
  if (j === null || typeof j !== 'object' || (j.version !== 1 && j.version !== 2))
    return 'is not a journal of this version';
  // Version 1 (session 10) recorded no identities: what it lists could only be told from what
  // others wrote there by mtimes, and a planted one made the repair delete other distributions'
  // files (review 1 of session 12). No run writes one any more.
  if (j.version === 1) return 'is a version-1 journal, which recorded no identities';
  const { aside, place, createdDirs, emptied } = j;
  if (
    typeof j.dist !== 'string' ||
    !Array.isArray(aside) ||
    !aside.every(isPair) ||
    !Array.isArray(place) ||
    !place.every(isPair) ||
    !isStrings(createdDirs) ||
    !isStrings(emptied)
  ) {
    return 'is malformed';
  }
  const stage = new RealContainment([stageDir]);
  const env = new RealContainment(roots);
  const staged = [...place.map(([from]) => from), ...aside.map(([, moved]) => moved)];
  for (const path of staged) {
    if (resolve(path) === resolve(stageDir) || !(await stage.inside(path))) {
      return `names ${path} as a staged file, outside its staging directory`;
    }
  }
  const dirFiles = j.dirFiles ?? [];
  const placed = new Set(place.map(([, dest]) => resolve(dest)));
  if (
    !Array.isArray(dirFiles) ||
    !dirFiles.every(
      (e) =>
        Array.isArray(e) &&
        e.length === 2 &&
        typeof e[0] === 'string' &&
        isStrings(e[1]) &&
        e[1].every((f) => resolve(f).startsWith(resolve(e[0]) + sep)),
    )
  ) {
    return 'is malformed';
  }
  if (
    j.version === 2 &&
    (!isStrings(j.ids) ||
      j.ids.length !== place.length ||
      !Array.isArray(j.dirIds) ||
      j.dirIds.length !== dirFiles.length ||
      !j.dirIds.every(
        (ids, i) => isStrings(ids) && ids.length === (dirFiles[i] as [string, string[]])[1].length,
      ))
  ) {
    return 'is malformed';
  }
  if (j.asideIds !== undefined && (!isStrings(j.asideIds) || j.asideIds.length !== aside.length))
    return 'is malformed';
  const clearedDirs = j.clearedDirs ?? [];
  if (!isStrings(clearedDirs)) return 'is malformed';
  const rootish = rootsAndAbove(roots);
  for (const dir of clearedDirs) {
    if (rootish.has(resolve(dir))) return `names ${dir} as a directory it removed, which it cannot be`;
  }
  for (const [dir] of dirFiles) {
    // A whole directory placed is one of the journal's own destinations, never a root of the
    // environment or a directory holding one (stage-layout.ts never places those whole).
    const at = resolve(dir);
    if (!placed.has(at) || rootish.has(at)) {
      return `names ${dir} as a directory it placed, which it cannot be`;
    }
  }
  const targets = [
    ...place.map(([, dest]) => dest),
    ...aside.map(([orig]) => orig),
    ...createdDirs,
    ...clearedDirs,
    ...emptied,
    ...dirFiles.flatMap(([, below]) => below),
  ];
  for (const path of targets) {
    if (!(await env.inside(path))) return `names ${path}, outside the environment`;
  }
  return undefined;
}

/**
 * Where placing copies a file or directory into place when rename(2) crosses file systems
 * (place-move.ts `move`): beside `dest`, so that the copy's rename is atomic; a rollback removes
 * one a killed run left.
 */
export function exdevCopyOf(dest: string): string {
  return join(dirname(dest), `.wheelhouse-exdev-${basename(dest)}`);
}

/**
 * What a journal records of a file or directory it places: device and inode (rename(2) keeps
 * them), and for a file its size and mtime in nanoseconds (an edit in place changes them; a
 * reused inode number has another mtime). pip writes a file by unlinking what is there and
 * creating a new one (pip/_internal/operations/install/wheel.py, `ZipBackedFile.save`), so what
 * pip or anyone else wrote at the same path since never has it.
 */
export function identityOf(st: BigIntStats): string {
  return st.isDirectory() ? `${st.dev}:${st.ino}:d` : `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}`;
}

/**
 * Takes into a version-2 journal found in `stageDir` the identities of the copies its run placed
 * across file systems (`x/<n>.ids`, written before each copy was placed): such a copy is a new
 * inode, and without them the repair would keep it as someone else's. Each must name one of the
 * journal's destinations and, for a directory, as many identities as the journal lists files
 * below it; anything else is ignored (the copy is then kept, and named).
 */
export async function takeCopyIds(journal: Journal, stageDir: string): Promise<void> {
  if (journal.version !== 2 || journal.ids === undefined) return;
  const names = await readdir(join(stageDir, 'x')).catch(() => [] as string[]);
  if (names.length > 2 * journal.place.length) return; // not what a run leaves
  const index = new Map(journal.place.map(([, dest], i) => [dest, i]));
  const dirIndex = new Map((journal.dirFiles ?? []).map(([d], k) => [d, k]));
  for (const name of names) {
    if (!/^\d+\.ids$/.test(name)) continue;
    const read = await readRegularFile(join(stageDir, 'x', name), JOURNAL_LIMIT);
    if (!('text' in read)) continue;
    let value: { dest?: unknown; id?: unknown; dirIds?: unknown };
    try {
      value = JSON.parse(read.text) as typeof value;
    } catch {
      continue;
    }
    const i = typeof value.dest === 'string' ? index.get(value.dest) : undefined;
    if (i === undefined || typeof value.id !== 'string') continue;
    const k = dirIndex.get(value.dest as string);
    if (k !== undefined) {
      const files = (journal.dirFiles as [string, string[]][])[k]?.[1] ?? [];
      if (!isStrings(value.dirIds) || value.dirIds.length !== files.length || journal.dirIds === undefined)
        continue;
      journal.dirIds[k] = value.dirIds;
    }
    journal.ids[i] = value.id;
  }
}
