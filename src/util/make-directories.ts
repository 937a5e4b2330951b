/**
 * `mkdir -p`, one level at a time: each missing directory is created by a plain mkdir, so every
 * failure is that call's own error. Node's recursive mkdir never settles for a path below /proc on
 * this kernel (review 2 of session 13), and answers some errors for a parent it did not name.
 */
import { existsSync, type Stats } from 'node:fs';
import { lstat, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    await mkdir(d).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/**
 * The nearest ancestor of `dir` (or `dir` itself) that exists, by lstat, with what lstat saw;
 * undefined when none can be read (an error other than ENOENT/ENOTDIR on the way).
 */
export async function nearestExisting(dir: string): Promise<{ path: string; stats: Stats } | undefined> {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const stats = await lstat(d).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' || error.code === 'ENOTDIR' ? undefined : null,
    );
    if (stats === null) return undefined;
    if (stats !== undefined) return { path: d, stats };
    if (dirname(d) === d) return undefined;
  }
}
