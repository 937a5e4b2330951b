/**
 * What an Actions cache save stores (review 15b F10, save side): of the wheelhouse only
 * wheelhouse's own files — those its manifest lists and does not mark `notOwned`, the manifest and
 * the run's outputs, as the local cache saves (manifest-restore.ts `ownWheelhouseNames`) — never
 * the user's files and folders there; the other paths (METADATA, pages, built wheels) whole.
 *
 * @actions/cache 6 names the entry's version by a hash of the path strings it is given
 * (cacheUtils `getCacheVersion`), and a restore matches only entries of its version: the paths
 * given to saveCache stay the directories, as every earlier save gave them, so the entries of
 * either side keep restoring. The files come from another place: saveCache writes the paths it
 * resolved into `manifest.txt` and runs `tar … --files-from manifest.txt` from PATH; for that call
 * the stand-in tar (actions-tar-stand-in.ts) writes wheelhouse's own list over it and runs the real
 * tar with the same arguments. The wheelhouse's manifest comes first in the archive, so a restore
 * reads it without decompressing the wheels (actions-restore-plan.ts).
 */
import { lstat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { MANIFEST_FILENAME } from './wheelhouse-manifest.js';
import { ownWheelhouseNames } from './manifest-restore.js';
import { inStandInDir, realTar, shellQuoted, standInNames, withStandInTar } from './actions-tar-stand-in.js';

/**
 * The lines of the list tar archives for `paths` (given to saveCache, links already followed),
 * relative to `workspace` with `/` as @actions/cache writes them: the wheelhouse (path 0, a
 * directory holding a usable manifest) as its own regular files, manifest first; every other
 * existing path as itself. Names tar's list cannot carry as they are (a line break, a backslash)
 * and names that are no top-level file name (a slash, `.`, `..`) are left out.
 */
export async function savedList(paths: readonly string[], workspace: string): Promise<string[]> {
  const line = (p: string): string => relative(workspace, p).split(sep).join('/') || '.';
  const lines: string[] = [];
  for (const [i, p] of paths.entries()) {
    const info = await lstat(p).catch(() => undefined);
    if (info === undefined) continue;
    const own = i === 0 && info.isDirectory() ? await ownWheelhouseNames(p) : undefined;
    if (own === undefined) {
      lines.push(line(p));
      continue;
    }
    const names = [MANIFEST_FILENAME, ...[...own].filter((n) => n !== MANIFEST_FILENAME).sort()];
    for (const name of names) {
      if (/[\n\r\\/]/.test(name) || name === '.' || name === '..') continue;
      if ((await lstat(join(p, name)).catch(() => undefined))?.isFile() === true)
        lines.push(`${line(p)}/${name}`);
    }
  }
  return lines;
}

/**
 * Runs `save` (a saveCache call) with tar archiving `list` instead of what saveCache resolved.
 * Throws when no tar is on PATH.
 */
export function saveListed<T>(list: readonly string[], save: () => Promise<T>): Promise<T> {
  return inStandInDir(async (dir) => {
    const tar = await realTar();
    if (tar === undefined) throw new Error('no tar on PATH');
    const listFile = join(dir, 'files');
    await writeFile(listFile, list.map((l) => `${l}\n`).join(''), { flag: 'wx', mode: 0o600 });
    return withStandInTar(dir, listScript(listFile, tar), save, standInNames(tar));
  });
}

/**
 * The script standing in for tar: for the archive's creation (`-cf`), `list` replaces the file
 * `--files-from` names; then the real tar runs with the arguments it was given. A creation without
 * `--files-from` fails (nothing is archived that wheelhouse did not list).
 */
function listScript(list: string, tar: string): string {
  return [
    '#!/bin/sh',
    '# wheelhouse (src/cache/actions-save-files.ts): the archive @actions/cache creates holds what wheelhouse lists',
    'create=0',
    "from=''",
    "prev=''",
    'for a in "$@"; do',
    '  [ "$a" = -cf ] && create=1',
    '  [ "$prev" = --files-from ] && from=$a',
    '  prev=$a',
    'done',
    'if [ "$create" = 1 ]; then',
    '  if [ -z "$from" ]; then echo "wheelhouse: tar -cf without --files-from" >&2; exit 2; fi',
    `  cat -- ${shellQuoted(list)} > "$from" || exit 2`,
    'fi',
    `exec ${shellQuoted(tar)} "$@"`,
    '',
  ].join('\n');
}
