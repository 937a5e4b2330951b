/**
 * Files a cache restore verified and holds in memory instead of writing them (the S3 store's packs
 * of small METADATA and index-page files, src/cache/s3/s3-pack.ts). On this project's runners every
 * file created costs an inode allocation, and on a file system without a journal (ext4 scans the
 * inodes freed in the last minute for each new one) that was the largest part of what a warm S3 run
 * spent beyond a local-directory run (docs/benchmarks.md, S3 section, Session 11): the caches read
 * these files from here first (src/index/metadata-cache.ts, page-cache.ts), a cache write of the
 * same path replaces the held copy, and `writeAll` writes what is still held when the files must
 * be on disk (before a cache save reads the directories).
 *
 * Paths are compared as given (absolute paths built by the same joins on both sides). The held
 * bytes are exactly the ones the restore verified; nothing here checks them again.
 */
import { dirname, sep } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { plainDirUnder } from './plain-dir.js';

export class HeldFiles {
  private readonly files = new Map<string, Buffer>();

  /** Holds `data` as the content of `path` (replacing what was held for it). */
  hold(path: string, data: Buffer): void {
    this.files.set(path, data);
  }

  /** The held content of `path`, or undefined (then the file system has the answer). */
  read(path: string): Buffer | undefined {
    return this.files.get(path);
  }

  /** Forgets `path` (written to disk since, or not wanted any more). */
  release(path: string): void {
    this.files.delete(path);
  }

  get size(): number {
    return this.files.size;
  }

  /** The held paths. */
  paths(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Writes every held file to its path (atomically) and holds nothing more. Each file's directory
   * must be one of `roots` or below one, reached through real directories only (made when missing;
   * plain-dir.ts `plainDirUnder`): the roots are cache directories a restored entry may have
   * shaped, and a linked `metadata/<aa>` would have the file written wherever it points. A file
   * whose directory is refused is not written (dropped, `warn` told once per directory).
   * Answers how many were written.
   */
  async writeAll(roots: readonly string[], warn: (message: string) => void): Promise<number> {
    const usable = new Map<string, boolean>();
    let written = 0;
    for (const [path, data] of this.files) {
      const dir = dirname(path);
      let ok = usable.get(dir);
      if (ok === undefined) {
        const root = roots.find((r) => dir === r || dir.startsWith(r + sep));
        ok = root !== undefined && (await plainDirUnder(root, dir));
        usable.set(dir, ok);
        if (!ok)
          warn(`${dir} is not a plain directory under a cache directory: restored files for it not written`);
      }
      if (ok) {
        await writeFileAtomic(path, data);
        written++;
      }
      this.files.delete(path);
    }
    return written;
  }
}
