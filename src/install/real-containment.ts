/**
 * Whether a path the installer is about to remove, move or create stays inside the environment
 * once symlinks are followed. A lexical check (`path.relative`) is not enough: a directory of
 * site-packages that is a symlink to somewhere else (a development checkout, a shared data
 * directory, a planted link) makes `site-packages/shared/x` name a file outside the environment,
 * and rename(2), unlink(2) and rmdir(2) follow every symlink but the last component.
 *
 * As pip's uninstall decides it (pip/_internal/req/req_uninstall.py: each path's parent directory
 * is normalised with realpath, the last component is not, and a path outside the prefix is not
 * touched): the parent directory's real path — of the nearest ancestor that exists, for a path
 * whose directories are gone — with the last component appended, must lie inside the real path of
 * one of the roots. The last component is never resolved: a symlink itself is unlinked or moved,
 * never its target.
 */
import { realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** realpath errors that say the path cannot be resolved, not that something is broken here. */
const UNTELLABLE = new Set(['ELOOP', 'EACCES', 'EPERM', 'ENAMETOOLONG']);

function insideOrSame(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The placing side (review 17a F6: an install wrote through `site-packages/pkg`, a symlink to a
 * directory outside the environment): of the directories a wheel's files go into that already
 * exist, checked parents first, only a symlink can lead elsewhere — a real directory lies where its
 * parent does. `linkedOutside` answers, for such a symlinked directory lexically inside one of the
 * roots, its real path when that lies inside none of the roots' real paths (undefined otherwise),
 * so the caller refuses to write through it. Synchronous: once per symlinked directory, not per file.
 */
export class PlacementContainment {
  private realRoots?: string[];
  constructor(private readonly roots: readonly string[]) {}

  linkedOutside(dir: string): string | undefined {
    const abs = resolve(dir);
    if (!this.roots.some((root) => insideOrSame(resolve(root), abs) && resolve(root) !== abs))
      return undefined;
    this.realRoots ??= this.roots.map((root) => {
      try {
        return realpathSync(root);
      } catch {
        return resolve(root);
      }
    });
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      return undefined; // gone or unresolvable: placing fails on it by itself
    }
    return this.realRoots.some((root) => insideOrSame(root, real)) ? undefined : real;
  }
}

export class RealContainment {
  /** Real path of each directory looked at (a RECORD lists thousands of files in a few directories). */
  private readonly realDirs = new Map<string, Promise<string>>();
  private realRoots?: Promise<string[]>;

  constructor(private readonly roots: readonly string[]) {}

  /** Where `path` lands once the symlinks of its directories are followed. */
  async landing(path: string): Promise<string> {
    const abs = resolve(path);
    const dir = dirname(abs);
    if (dir === abs) return abs;
    return join(await this.realDir(dir), basename(abs));
  }

  /**
   * Whether `path` lands inside one of the roots (or is one of them). A directory whose real path
   * cannot be told (a symlink loop, one we may not search, a name too long) is not inside: the
   * caller leaves the path alone, as it does any path outside (pip's non-strict realpath does not
   * fail on these either — review 1 of session 10: every install on such an environment failed
   * with the raw errno).
   */
  async inside(path: string): Promise<boolean> {
    try {
      const [landing, roots] = await Promise.all([this.landing(path), this.rootsReal()]);
      return roots.some((root) => insideOrSame(root, landing));
    } catch (error) {
      if (UNTELLABLE.has((error as NodeJS.ErrnoException).code ?? '')) return false;
      throw error;
    }
  }

  private rootsReal(): Promise<string[]> {
    this.realRoots ??= Promise.all(this.roots.map((root) => this.realDir(resolve(root))));
    return this.realRoots;
  }

  private realDir(dir: string): Promise<string> {
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      real = this.nearestReal(dir);
      this.realDirs.set(dir, real);
    }
    return real;
  }

  /**
   * realpath of `dir`, or — gone (or not a directory) — of its nearest existing ancestor with the
   * missing names appended: where it would be. Walked up in a loop, and only `dir` and that
   * ancestor are remembered (review 14a F5: a recursion that kept a promise and an error per
   * missing level took GBs for a few hundred deep rows).
   */
  private async nearestReal(dir: string): Promise<string> {
    const missing: string[] = [];
    let at = dir;
    for (;;) {
      const known = at === dir ? undefined : this.realDirs.get(at);
      let real: string | undefined;
      if (known !== undefined) real = await known;
      else {
        try {
          real = await realpath(at);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
        }
        if (real !== undefined && at !== dir) this.realDirs.set(at, Promise.resolve(real));
      }
      if (real !== undefined) return missing.length === 0 ? real : join(real, ...missing.reverse());
      const parent = dirname(at);
      if (parent === at) return dir;
      missing.push(basename(at));
      at = parent;
    }
  }
}
