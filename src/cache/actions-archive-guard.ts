import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { inStandInDir, shellQuoted, withStandInTar } from './actions-tar-stand-in.js';

/**
 * An Actions cache entry's archive is checked before anything of it is extracted (review 15b F2).
 *
 * @actions/cache 6 extracts an entry with `tar -xf <archive> -P -C $GITHUB_WORKSPACE`
 * (lib/internal/tar.js): `-P` keeps absolute member names and `..` components, so a hostile entry
 * (any workflow that may save a key under the restored prefix) would write anywhere the runner user
 * can, before any of wheelhouse's verification runs. restoreCache offers no hook between its download
 * and its `tar`, but it finds `tar` (`gtar` first on macOS) through PATH at call time (@actions/io
 * `which`). So for the length of one restoreCache call a private directory stands first on PATH whose
 * `tar`/`gtar` only moves the downloaded archive aside (and lists nothing); wheelhouse then lists the
 * archive with the real tar and extracts it the way @actions/cache would — only when every member is
 * a directory, a regular file or a hard link to one, and lies inside the restored paths.
 *
 * Not covered: a symbolic link that already exists inside a restored path is followed by tar as it
 * would be by any writer. On Windows @actions/cache takes Git's tar by a fixed path, not PATH: no
 * entry is extracted there (the caller is told why).
 */

/** What a checked restore did: the entry's key when it was extracted, or why it was refused. */
export interface CheckedRestore {
  matchedKey?: string;
  refused?: string;
}

/** Bound on the listing of one archive (names of a wheelhouse entry take a few hundred kB). */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

/**
 * Runs `restore` (a restoreCache call over `paths`) with the archive kept aside, then checks and
 * extracts it. With `plan`, told the archive's members (and able to read one) once the listing
 * passed the checks and before anything is extracted: the members it answers true for are left in
 * the archive too.
 */
export function restoreChecked(
  restore: () => Promise<string | undefined>,
  paths: readonly string[],
  keepOut?: KeepOut,
  plan?: (archive: ArchiveView) => Promise<KeepOut>,
): Promise<CheckedRestore> {
  if (process.platform === 'win32')
    return Promise.resolve({
      refused: 'on Windows @actions/cache runs its own tar, which wheelhouse cannot check first',
    });
  return inStandInDir((dir) => restoreOne(dir, restore, paths, keepOut, plan));
}

/**
 * Members (by the path tar would write, and their type letter: `-`, `d` or `h`) that are left in
 * the archive — safe, but not to be written (the user's files and folders in a wheelhouse).
 */
export type KeepOut = (path: string, type: string) => boolean;

/** A checked archive before its extraction. */
export interface ArchiveView {
  /** Every member: the path tar would write (resolved against the workspace) and its type letter. */
  members: readonly { path: string; type: string }[];
  /**
   * The bytes of the first member at `path` when it is a regular file of at most `limit` bytes,
   * else undefined (tar reads the archive only up to that member).
   */
  read(path: string, limit: number): Promise<Buffer | undefined>;
}

async function restoreOne(
  dir: string,
  restore: () => Promise<string | undefined>,
  paths: readonly string[],
  keepOut: KeepOut | undefined,
  plan: ((archive: ArchiveView) => Promise<KeepOut>) | undefined,
): Promise<CheckedRestore> {
  const matchedKey = await withStandInTar(dir, keepArchiveScript(dir), restore);
  if (matchedKey === undefined) return {};
  const archive = (await readdir(dir)).find((n) => n.startsWith('archive.'));
  if (archive === undefined) return { refused: `the archive of ${matchedKey} did not reach wheelhouse` };
  const file = join(dir, archive);
  const decompress = archive === 'archive.tgz' ? ['-z'] : ['--use-compress-program', 'unzstd --long=30'];
  const workspace = process.env['GITHUB_WORKSPACE'] ?? process.cwd();
  // Listed with -P as it is extracted: without it tar shows a stored "../" link target without
  // its "../" (and an absolute name without its "/"), not as the extraction writes it.
  const listing = await run([
    '-t',
    '-v',
    '-P',
    '--numeric-owner',
    '--quoting-style=c',
    ...decompress,
    '-f',
    file,
  ]);
  let checked = checkListing(listing, workspace, paths, keepOut);
  if ('exclude' in checked && plan !== undefined) {
    const members = listedMembers(listing, workspace);
    const read = async (path: string, limit: number): Promise<Buffer | undefined> => {
      const first = members.find((m) => m.path === path);
      if (first?.type !== '-' || first.plain === undefined) return undefined;
      return run(
        [
          '-x',
          '-O',
          ...decompress,
          '-f',
          file,
          '-P',
          '--occurrence=1',
          '--no-wildcards',
          '--anchored',
          '--',
          first.plain,
        ],
        limit,
      ).then(
        (bytes) => bytes,
        () => undefined,
      );
    };
    const planned = await plan({ members, read });
    // Checked again with what the plan leaves out: a hard link to a member left out is refused.
    checked = checkListing(listing, workspace, paths, (path, type) =>
      keepOut?.(path, type) === true ? true : planned(path, type),
    );
  }
  if ('bad' in checked)
    return { refused: `entry ${matchedKey} holds ${checked.bad}: nothing of it was extracted` };
  // Left-out members are named literally (no wildcards) and whole, anchored: a directory's
  // members go with it (GNU tar `--exclude-from`).
  const excludes = join(dir, 'exclude');
  await writeFile(excludes, checked.exclude.map((n) => `${n}\n`).join(''), { flag: 'wx', mode: 0o600 });
  await run([
    '-x',
    ...decompress,
    '-f',
    file,
    '-P',
    '-C',
    workspace,
    '--no-wildcards',
    '--anchored',
    `--exclude-from=${excludes}`,
  ]);
  return { matchedKey };
}

/** The script standing in for tar: moves the archive of `-xf` into `dir`, does nothing else. */
function keepArchiveScript(dir: string): string {
  const quoted = shellQuoted(dir);
  return [
    '#!/bin/sh',
    '# wheelhouse (src/cache/actions-archive-guard.ts): keeps the archive @actions/cache would extract',
    'while [ "$#" -gt 0 ]; do',
    '  if [ "$1" = -xf ]; then',
    '    case "$2" in *.tgz) kept=archive.tgz ;; *) kept=archive.tzst ;; esac',
    `    exec mv -- "$2" ${quoted}/"$kept"`,
    '  fi',
    '  shift',
    'done',
    'exit 0',
    '',
  ].join('\n');
}

function run(args: string[]): Promise<string>;
function run(args: string[], limit: number): Promise<Buffer>;
function run(args: string[], limit?: number): Promise<string | Buffer> {
  return new Promise((done, fail) => {
    // The C locale: names listed as ASCII with octal escapes, the fields in their plain form.
    const env = { ...process.env, LC_ALL: 'C' };
    // GNU tar's listing format is what checkListing reads: on macOS `tar` is bsdtar, which refuses
    // --quoting-style — @actions/cache itself prefers `gtar` there (review 15e F1).
    execFile(
      process.platform === 'darwin' ? 'gtar' : 'tar',
      args,
      {
        env,
        maxBuffer: limit ?? MAX_LISTING_BYTES,
        encoding: limit === undefined ? 'utf8' : 'buffer',
      },
      (error, stdout, stderr) => {
        if (error) fail(new Error(`tar ${args[0]} failed: ${String(stderr).trim() || error.message}`));
        else done(stdout);
      },
    );
  });
}

/**
 * The members of a listing checkListing accepted: the path tar writes each to (as KeepOut is
 * given it) and its type; `plain`, the name as stored (C escapes undone), to name it to tar.
 */
function listedMembers(
  listing: string,
  workspace: string,
): { path: string; type: string; plain: string | undefined }[] {
  const out: { path: string; type: string; plain: string | undefined }[] = [];
  for (const line of listing.split('\n')) {
    const m = MEMBER.exec(line);
    if (m === null) continue;
    const [, type = '', name = ''] = m;
    out.push({ path: resolve(workspace, name), type, plain: unquoteC(name) });
  }
  return out;
}

/** One line of GNU tar's `-tv --numeric-owner --quoting-style=c`: type, name, and what follows it. */
const MEMBER = /^(.)\S{9}\s+\d+\/\d+\s+\S+\s+\S+\s+\S+\s+"((?:[^"\\]|\\.)*)"(.*)$/;
const LINK_TO = /^ link to "((?:[^"\\]|\\.)*)"$/;

/**
 * The first member of the listing that must not be extracted, described (`bad`); else the names
 * of the members `keepOut` leaves in the archive. Names are judged as `tar -P -C workspace` places
 * them: resolved against the workspace, they must lie inside one of `paths`. (C quoting escapes
 * only characters inside a name, never `/` or `.`.)
 */
export function checkListing(
  listing: string,
  workspace: string,
  paths: readonly string[],
  keepOut?: KeepOut,
): { bad: string } | { exclude: string[] } {
  const roots = paths.map((p) => resolve(workspace, p));
  const inside = (name: string): boolean => {
    const at = resolve(workspace, name);
    return roots.some((r) => at === r || at.startsWith(r.endsWith(sep) ? r : r + sep));
  };
  const exclude: string[] = [];
  /** Regular-file members extracted so far: the only targets a hard link may name (review 15e F11). */
  const files = new Set<string>();
  // @actions/cache names a path outside the workspace by leading `..` segments (path.relative); a
  // `..` after any other segment is never its own.
  const leaves = (name: string): boolean => {
    const segments = name.split('/');
    const first = segments.findIndex((x) => x !== '..');
    return first >= 0 && segments.slice(first).includes('..');
  };
  for (const line of listing.split('\n')) {
    if (line === '') continue;
    const m = MEMBER.exec(line);
    if (m === null) return { bad: `a member tar lists as ${JSON.stringify(line.slice(0, 200))}` };
    const [, type = '', name = '', rest = ''] = m;
    const shown = JSON.stringify(name.slice(0, 200));
    // A `..` segment is judged by the kernel, not as text: through a directory link inside the
    // restored paths it leads elsewhere (review 15e F11).
    if (!inside(name) || leaves(name)) return { bad: `the member ${shown} outside the restored paths` };
    if (keepOut?.(resolve(workspace, name), type) === true) {
      // Left in the archive whatever its type (a user's own link is not a reason to refuse the
      // entry: review 15e F6). Named as tar stores it: the C escapes undone; a name with a line
      // break cannot be left out.
      const plain = unquoteC(name);
      if (plain === undefined || plain.includes('\n'))
        return { bad: `the member ${shown}, which wheelhouse cannot leave out` };
      exclude.push(plain.endsWith('/') ? plain.slice(0, -1) : plain);
      continue;
    }
    if (type === '-' || type === 'd') {
      if (rest !== '')
        return { bad: `the member ${shown} tar lists with ${JSON.stringify(rest.slice(0, 200))}` };
      if (type === '-') files.add(name);
    } else if (type === 'h') {
      // Only to a regular file this archive extracted before it: a link to anything already on
      // disk (a user's symbolic link becomes a second link; a file outside) is refused (review 15e F11).
      const target = LINK_TO.exec(rest)?.[1];
      if (target === undefined || !files.has(target))
        return { bad: `the hard link ${shown} to a file this entry does not hold` };
    } else {
      return { bad: `the member ${shown} of type '${type}' (only files and directories are restored)` };
    }
  }
  return { exclude };
}

const C_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** GNU tar's C quoting undone (`\\`, `\"`, `\n`…, `\ooo` octal bytes); undefined for anything else. */
function unquoteC(quoted: string): string | undefined {
  if (!quoted.includes('\\')) return quoted;
  const bytes: number[] = [];
  for (let i = 0; i < quoted.length; i++) {
    const c = String.fromCodePoint(quoted.codePointAt(i)!);
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      i += c.length - 1;
      continue;
    }
    const next = quoted[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(quoted.slice(i + 1))?.[0];
    if (octal !== undefined) {
      bytes.push(parseInt(octal, 8));
      i += 3;
    } else if (next === '\\' || next === '"' || next === '?' || next === "'") {
      bytes.push(next.charCodeAt(0));
      i += 1;
    } else if (C_ESCAPES[next] !== undefined) {
      bytes.push(C_ESCAPES[next].charCodeAt(0));
      i += 1;
    } else return undefined;
  }
  return Buffer.from(bytes).toString('utf8');
}
