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
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';

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

  /** Writes every held file to its path (atomically, creating directories) and holds nothing more. */
  async writeAll(): Promise<number> {
    const made = new Set<string>();
    let written = 0;
    for (const [path, data] of this.files) {
      const dir = dirname(path);
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      await writeFileAtomic(path, data);
      this.files.delete(path);
      written++;
    }
    return written;
  }
}
