/**
 * The machine's local mirror of real PyPI files (when present): wheel files under
 * /opt/pypi/files, /opt/pypi-more/files and /opt/wheels (override with WHEELHOUSE_BENCH_MIRROR, a
 * colon-separated list of directories). Files are grouped by PEP 503 normalized project name from
 * the wheel file name; a wheel's METADATA is extracted once (what a PEP 658 `.metadata` file
 * serves) and kept under bench/.cache/real/metadata/.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { parseWheelFilename } from '../../src/standards/filenames.js';
import type { NormalizedName } from '../../src/standards/names.js';

export const DEFAULT_MIRROR_DIRS = ['/opt/pypi/files', '/opt/pypi-more/files', '/opt/wheels'];

export interface MirrorFile {
  project: NormalizedName;
  version: string;
  filename: string;
  path: string;
  size: number;
}

export function mirrorDirs(env: Record<string, string | undefined> = process.env): string[] {
  const fromEnv = env.WHEELHOUSE_BENCH_MIRROR;
  const dirs = fromEnv !== undefined && fromEnv !== '' ? fromEnv.split(':') : DEFAULT_MIRROR_DIRS;
  return dirs.filter((d) => existsSync(d));
}

/** Every wheel in the mirror directories, by project (first directory wins on duplicate names). */
export async function scanMirror(dirs: string[]): Promise<Map<NormalizedName, MirrorFile[]>> {
  const byProject = new Map<NormalizedName, MirrorFile[]>();
  const seen = new Set<string>();
  for (const dir of dirs) {
    for (const filename of (await readdir(dir)).sort()) {
      if (!filename.endsWith('.whl') || seen.has(filename)) continue;
      let parsed;
      try {
        parsed = parseWheelFilename(filename);
      } catch {
        continue; // not a wheel name wheelhouse accepts: pip would not use it either
      }
      seen.add(filename);
      const path = join(dir, filename);
      const file: MirrorFile = {
        project: parsed.name,
        version: parsed.version,
        filename,
        path,
        size: (await stat(path)).size,
      };
      const list = byProject.get(parsed.name) ?? [];
      list.push(file);
      byProject.set(parsed.name, list);
    }
  }
  return byProject;
}

/** The `*.dist-info/METADATA` member of a wheel (exactly one expected). */
export function extractMetadata(wheel: Uint8Array, filename: string): Uint8Array {
  const members = unzipSync(wheel, {
    filter: (f) => /^[^/]+\.dist-info\/METADATA$/.test(f.name),
  });
  const names = Object.keys(members);
  if (names.length !== 1) {
    throw new Error(`${filename}: expected one .dist-info/METADATA, found ${names.length}`);
  }
  return members[names[0] as string] as Uint8Array;
}

/** METADATA of a mirror wheel, from the on-disk cache or extracted (and cached) now. */
export async function metadataFor(
  file: MirrorFile,
  wheel: Uint8Array,
  cacheDir: string,
): Promise<Uint8Array> {
  const cached = join(cacheDir, `${file.filename}.metadata`);
  if (existsSync(cached)) return new Uint8Array(await readFile(cached));
  const metadata = extractMetadata(wheel, file.filename);
  await mkdir(cacheDir, { recursive: true });
  await writeFile(cached, metadata);
  return metadata;
}

/** `Requires-Python` from METADATA text (first occurrence in the header block), if any. */
export function requiresPythonOf(metadata: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(metadata);
  const header = text.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const m = /^Requires-Python:[ \t]*(.*)$/im.exec(header);
  const value = m?.[1]?.trim();
  return value !== undefined && value !== '' ? value : undefined;
}
