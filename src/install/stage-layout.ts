/**
 * Where a distribution's files are staged (issue 9 §3–§4): below one tree per destination root
 * (the lib directory, scripts, data, headers), at the same relative path as in the environment,
 * so that placing can rename a whole directory that does not exist there yet (transaction.ts)
 * instead of every file in it — a fresh torch or tensorflow is a handful of renames, not 12–16k.
 *
 *   <stage>/t/<i>/<path below root i>   a file in tree i
 *   <stage>/f/<n>                       a lone file: its tree path is taken (two files for one
 *                                       destination, or a file where another needs a directory)
 *
 * A lone file is placed by itself, and no directory above it is renamed whole (`placementUnits`
 * sees that its staged path is not in the tree). Directories are made once each,
 * on this thread, parents first (`makeDirs`), before anything is written into them.
 */
import { mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { StagedFile } from './stage-wheel.js';

/**
 * A staging tree: below `staged` the files lie as they will below `dest` (one per destination root:
 * the lib directory, scripts, data, headers), so that a directory that does not exist yet in the
 * environment is placed by one rename (transaction.ts).
 */
export interface StageTree {
  staged: string;
  dest: string;
}

export class StageLayout {
  private readonly trees = new Map<string, StageTree>();
  /** Staged paths of files, and of directories (made or still to make). */
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  private readonly toMake: string[] = [];
  private lone = 0;
  private readonly treesDir: string;
  private readonly loneDir: string;

  /**
   * With `trees` false every file is staged on its own (placed file by file), as when the scheme
   * roots alias one another (`rootsAlias`).
   */
  constructor(
    stageDir: string,
    private readonly useTrees = true,
  ) {
    this.treesDir = join(stageDir, 't');
    this.loneDir = join(stageDir, 'f');
  }

  /** The last `treeOf` answer: a wheel's members come scheme by scheme, nearly all with one root. */
  private lastRoot: string | undefined;
  private lastTree: StageTree | undefined;

  /** The tree for destination root `root` (created on first use). */
  private treeOf(root: string): StageTree {
    if (root === this.lastRoot && this.lastTree !== undefined) return this.lastTree;
    const tree = this.makeTree(root);
    this.lastRoot = root;
    this.lastTree = tree;
    return tree;
  }

  private makeTree(root: string): StageTree {
    const dest = join(root);
    const key = dest.endsWith(sep) && dest.length > 1 ? dest.slice(0, -1) : dest;
    let tree = this.trees.get(key);
    if (tree === undefined) {
      if (this.trees.size === 0) this.addDir(this.treesDir);
      tree = { staged: this.treesDir + sep + this.trees.size, dest: key };
      this.trees.set(key, tree);
      this.addDir(tree.staged);
    }
    return tree;
  }

  private addDir(dir: string): void {
    this.dirs.add(dir);
    this.toMake.push(dir);
  }

  /**
   * Reserves where the file going to `dest` is staged; `root` is the directory of the scheme it
   * belongs to (dest lies below it). Answers the staged path and its tree (none for a lone file).
   */
  reserve(root: string, dest: string): { staged: string; tree?: StageTree } {
    const tree = this.useTrees ? this.treeOf(root) : undefined;
    if (tree !== undefined && dest.startsWith(tree.dest + sep) && dest.length > tree.dest.length + 1) {
      const staged = tree.staged + dest.slice(tree.dest.length);
      if (!this.files.has(staged) && !this.dirs.has(staged)) {
        // Ancestors below the tree root, nearest first, up to the first one already known (its
        // own ancestors were checked when it was added); none may be a file.
        const fresh: string[] = [];
        let clash = false;
        for (let i = staged.lastIndexOf(sep); i > tree.staged.length; i = staged.lastIndexOf(sep, i - 1)) {
          const dir = staged.slice(0, i);
          if (this.dirs.has(dir)) break;
          if (this.files.has(dir)) {
            clash = true;
            break;
          }
          fresh.push(dir);
        }
        if (!clash) {
          for (let k = fresh.length - 1; k >= 0; k--) this.addDir(fresh[k] as string);
          this.files.add(staged);
          return { staged, tree };
        }
      }
    }
    if (this.lone === 0) this.addDir(this.loneDir);
    return { staged: this.loneDir + sep + this.lone++ };
  }

  /** Makes the directories reserved since the last call, parents first. */
  makeDirs(): void {
    for (const dir of this.toMake.splice(0)) mkdirSync(dir);
  }
}

/** The scheme roots and every directory above them (resolved): never renamed whole, never undone whole. */
export function rootsAndAbove(roots: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const root of roots) {
    for (let x = resolve(root); !out.has(x); x = dirname(x)) {
      out.add(x);
      if (x === dirname(x)) break;
    }
  }
  return out;
}

/** Where `path` lands once symlinks are followed (of its nearest existing ancestor, if it is missing). */
function realOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realOf(parent), basename(path));
  }
}

const aliasMemo = new Map<string, boolean>();

/**
 * Whether the scheme roots relate differently once symlinks are followed than as written — a
 * Fedora/RHEL-style venv whose platlib is `<venv>/lib64/…` with `lib64 -> lib` names purelib's
 * directory under another path. Staging trees tell directories apart by their paths, so such a
 * directory could be renamed in whole twice (review 3 of session 9): those environments are
 * placed file by file. Memoised per set of roots.
 */
export function rootsAlias(roots: readonly string[]): boolean {
  const list = [...new Set(roots.map((r) => resolve(r)))];
  const key = list.join('\0');
  let alias = aliasMemo.get(key);
  if (alias === undefined) {
    const relation = (a: string, b: string): number =>
      a === b ? 0 : a.startsWith(b + sep) ? 1 : b.startsWith(a + sep) ? 2 : 3;
    const real = list.map(realOf);
    alias = false;
    for (let i = 0; i < list.length && !alias; i++) {
      for (let j = i + 1; j < list.length && !alias; j++) {
        alias = relation(list[i]!, list[j]!) !== relation(real[i]!, real[j]!);
      }
    }
    aliasMemo.set(key, alias);
  }
  return alias;
}

/**
 * What `placeStaged` renames: whole directories where a staged tree (`StagedFile.tree`) holds every
 * file that goes below a destination directory that does not exist yet, single files elsewhere.
 */
export interface Unit {
  staged: string;
  dest: string;
  metadata: boolean;
  dir: boolean;
}

/** Marks a missing directory that cannot be renamed as a whole (files from elsewhere go below it). */
const MIXED = '\0mixed';

/**
 * The renames that place `files`, given which directories exist (`present`). A missing directory D
 * strictly below a file's tree root is renamed whole when every file going below D is staged under
 * one staged directory mirroring D (same tree, same relative path); the missing directories above
 * such units (and those no unit can take) are created. Answers the units and the directories to make.
 */
export function placementUnits(
  files: readonly StagedFile[],
  present: (dir: string) => boolean,
  roots: readonly string[] = [],
): { units: Unit[]; made: string[] } {
  // A scheme root, or a directory above one, is never renamed whole (a venv's headers root lies
  // below data files' directories before any wheel has headers): it is made, and what goes below
  // it placed into it — and the repair refuses a journal naming such a directory (journal.ts).
  const rootish = rootsAndAbove(roots);
  // Missing ancestor → the staged directory that mirrors it (or MIXED).
  const source = new Map<string, string>();
  // The files of one directory (nearly all of them follow one another) give its ancestors the
  // same sources: what a file's own directory got decides every ancestor's (a file in a tree
  // mirrors each ancestor below the tree's root, at the same depth; MIXED at its directory
  // means MIXED above too), so each directory's ancestors are walked once per source, not once
  // per file — tens of thousands of walks for a large wheel (docs/benchmarks.md, Install, session 12).
  const walked = new Map<string, string>(); // a file's directory → the source its last walk gave it
  const dirOf = (f: StagedFile): string => {
    const i = f.dest.lastIndexOf(sep);
    return i > 0 ? f.dest.slice(0, i) : dirname(f.dest);
  };
  const sourceOf = (f: StagedFile, d: string): string =>
    !rootish.has(d) &&
    f.tree !== undefined &&
    d.startsWith(f.tree.dest + sep) &&
    f.staged.startsWith(f.tree.staged + sep)
      ? f.staged.slice(0, f.staged.length - (f.dest.length - d.length))
      : MIXED;
  for (const f of files) {
    const first = dirOf(f);
    if (!present(first) && first !== dirname(first) && walked.get(first) === sourceOf(f, first)) continue;
    for (let d = first; !present(d) && d !== dirname(d); d = dirname(d)) {
      const staged = sourceOf(f, d);
      if (d === first) walked.set(d, staged);
      const known = source.get(d);
      source.set(d, known === undefined || known === staged ? staged : MIXED);
    }
  }
  const units = new Map<string, Unit>();
  const made = new Set<string>();
  // A file's unit is its directory's (the same for every file there), else the file itself.
  const unitOfDir = new Map<string, Unit | null>();
  for (const f of files) {
    const first = dirOf(f);
    let dirUnit = unitOfDir.get(first);
    if (dirUnit === undefined) {
      // Missing ancestors, top first: the first one that can move whole is the unit.
      const missing: string[] = [];
      for (let d = first; source.has(d); d = dirname(d)) missing.push(d);
      missing.reverse();
      dirUnit = null;
      for (const d of missing) {
        const staged = source.get(d) as string;
        if (staged !== MIXED) {
          dirUnit = units.get(d) ?? { staged, dest: d, metadata: false, dir: true };
          break;
        }
        made.add(d);
      }
      unitOfDir.set(first, dirUnit);
    }
    const unit = dirUnit ?? { staged: f.staged, dest: f.dest, metadata: false, dir: false };
    const other = units.get(unit.dest);
    if (other !== undefined && other.dir !== unit.dir) {
      // A file at a path where another of the wheel's files needs a directory (pip fails too).
      throw new Error(`${unit.dest} is both a file and a directory of this wheel`);
    }
    if (f.metadata) unit.metadata = true;
    units.set(unit.dest, unit);
  }
  return { units: [...units.values()], made: [...made] };
}
