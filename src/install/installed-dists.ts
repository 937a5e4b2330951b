/**
 * The distributions already installed in the target's site-packages ("Recording installed
 * projects"): one `<name>-<version>.dist-info` directory per distribution in purelib/platlib,
 * keyed by normalised name (PEP 503), with the Version from its METADATA. Also the files a
 * distribution's RECORD says it owns, as pip's uninstall computes them
 * (pip/_internal/req/req_uninstall.py: every RECORD path, resolved against the directory holding
 * the .dist-info, plus the `__pycache__` byte code of each `.py`; paths outside the environment's
 * prefix are never touched).
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { normalizeName } from '../standards/names.js';
import { parseRecord } from './record.js';

export interface InstalledDist {
  /** Normalised name. */
  name: string;
  /** Version as in METADATA (or the directory name). */
  version: string;
  /** Absolute path of the `.dist-info` (or `.egg-info`) directory. */
  metadataDir: string;
  kind: 'dist-info' | 'egg-info';
}

async function metadataVersion(dir: string): Promise<string | undefined> {
  try {
    const text = await readFile(join(dir, 'METADATA'), 'utf8');
    for (const line of text.split(/\r?\n/)) {
      if (line === '') break;
      const m = /^Version:\s*(.*?)\s*$/i.exec(line);
      if (m) return m[1];
    }
  } catch {
    // unreadable METADATA: fall back to the directory name
  }
  return undefined;
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
      const m = /^(.+)-([^-]+)\.(dist-info|egg-info)$/.exec(entry);
      if (m === null) continue;
      const kind = m[3] as 'dist-info' | 'egg-info';
      const metadataDir = join(dir, entry);
      const name = normalizeName(m[1] as string);
      if (found.has(name) && kind === 'egg-info') continue;
      const version =
        kind === 'dist-info' ? ((await metadataVersion(metadataDir)) ?? (m[2] as string)) : (m[2] as string);
      found.set(name, { name, version, metadataDir, kind });
    }
  }
  return found;
}

export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The absolute paths a dist-info distribution owns per its RECORD, restricted to `prefix`, plus
 * the byte code next to each `.py` (`__pycache__/<stem>.<cacheTag>[.opt-N].pyc` and the legacy
 * `<stem>.pyc`), existing or not (callers skip missing ones).
 */
export async function recordedFiles(
  dist: InstalledDist,
  prefix: string,
  cacheTag?: string,
): Promise<{ files: string[]; refused: string[] }> {
  let text: string;
  try {
    text = await readFile(join(dist.metadataDir, 'RECORD'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // pip refuses the same way ("Cannot uninstall ..., RECORD file not found")
    throw new Error(
      `cannot replace the installed ${dist.name} ${dist.version}: ${join(dist.metadataDir, 'RECORD')} is missing`,
    );
  }
  const base = dirname(dist.metadataDir);
  const files = new Set<string>();
  const refused: string[] = [];
  const root = resolve(prefix);
  for (const row of parseRecord(text)) {
    if (row.path === '') continue;
    const abs = resolve(base, row.path.split('/').join(sep));
    if (!isInside(root, abs)) {
      refused.push(row.path);
      continue;
    }
    files.add(abs);
    if (abs.endsWith('.py')) {
      const dir = dirname(abs);
      const stem = abs.slice(dir.length + 1, -3);
      files.add(join(dir, `${stem}.pyc`));
      if (cacheTag !== undefined) {
        for (const opt of ['', '.opt-1', '.opt-2'])
          files.add(join(dir, '__pycache__', `${stem}.${cacheTag}${opt}.pyc`));
      }
    }
  }
  return { files: [...files], refused };
}
