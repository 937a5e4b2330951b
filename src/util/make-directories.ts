/**
 * `mkdir -p`, one level at a time: each missing directory is created by a plain mkdir, so every
 * failure is that call's own error. Node's recursive mkdir never settles for a path below /proc on
 * this kernel (review 2 of session 13), and answers some errors for a parent it did not name.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
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
