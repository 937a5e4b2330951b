/**
 * What the requirement part of a requirements-file line names, and where included files live —
 * pip's "Requirements File Format" reference ("Structure": `<requirement specifier>`,
 * `<archive url/path>`, `[-e] <local project path>`, `[-e] <vcs project url>`) with the
 * classification rules of pip 23.x `parse_req_from_line` (`is_url`, `_looks_like_path`,
 * `is_archive_file`, the `"; "` marker separator after a URL) and nested-file joining of
 * `RequirementsFileParser` (`os.path.join(os.path.dirname(including), target)`).
 *
 * Pure string logic, no file system: pip also checks whether a path-looking argument exists;
 * here anything that looks like a path (has a `/` or `\`, starts with `.`, or ends in an archive
 * extension) is a local path and is returned to the caller, never parsed as a name.
 * Not supported: requirements files fetched from URLs (reported as problems by the caller).
 */

import { InvalidFilenameError, parseWheelFilename } from './filenames.js';
import { isValidName } from './names.js';

// pip's is_url: the scheme before the first ':' is http, https, file, ftp or a VCS scheme.
const VCS_SCHEMES = new Set(
  [
    ['bzr', ['http', 'https', 'ssh', 'sftp', 'ftp', 'lp', 'file']],
    ['git', ['http', 'https', 'ssh', 'git', 'file']],
    ['hg', ['file', 'http', 'https', 'ssh', 'static-http']],
    ['svn', ['ssh', 'http', 'https', 'svn', 'file']],
  ].flatMap(([vcs, transports]) => (transports as string[]).map((t) => `${vcs as string}+${t}`)),
);
const URL_SCHEMES = new Set(['http', 'https', 'file', 'ftp', ...VCS_SCHEMES]);

/** pip's `is_url`: true when the text before the first `:` is a known URL scheme. */
export function isUrl(text: string): boolean {
  const colon = text.indexOf(':');
  if (colon < 0) return false;
  return URL_SCHEMES.has(text.slice(0, colon).toLowerCase());
}

/** pip's `_looks_like_path`: contains a path separator (either OS's) or starts with `.`. */
export function looksLikePath(text: string): boolean {
  return text.includes('/') || text.includes('\\') || text.startsWith('.');
}

// pip's ARCHIVE_EXTENSIONS (zip, bz2, tar, xz families).
const ARCHIVE_EXTENSIONS = [
  '.zip',
  '.whl',
  '.tar.bz2',
  '.tbz',
  '.tar.gz',
  '.tgz',
  '.tar',
  '.tar.xz',
  '.txz',
  '.tlz',
  '.tar.lz',
  '.tar.lzma',
];

/** pip's `is_archive_file` by name: ends with one of pip's archive extensions. */
export function isArchiveName(text: string): boolean {
  const lower = text.toLowerCase();
  return ARCHIVE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** The requirement part of a line, classified. Offsets are into the requirement text. */
export type Target =
  | { kind: 'requirement' }
  | { kind: 'url'; url: string; marker?: string; markerStart?: number }
  | { kind: 'path'; path: string };

/**
 * The text without a trailing `[…]` (a `[`, at least one character that is not `]`, then the
 * final `]`), the match `/\[[^\]]+\]$/` would strip — found by scanning back from the end once,
 * in time linear in the text (the regex restarts at every `[`: quadratic on a `a[[[[…` line,
 * review 15c F1).
 */
function withoutTrailingExtras(text: string): string {
  if (!text.endsWith(']')) return text;
  const last = text.length - 1;
  // The leftmost `[` after the last `]` before the final one starts the match.
  const open = text.indexOf('[', text.lastIndexOf(']', last - 1) + 1);
  return open >= 0 && open < last - 1 ? text.slice(0, open) : text;
}

/**
 * Classifies the requirement part of a line as pip does: a URL (scheme per `is_url`; its marker
 * follows `"; "`), a local path (looks like a path or an archive file name, unless it is
 * `name @ …` with a name that does not look like a path), or a PEP 508 requirement.
 */
export function classifyTarget(text: string): Target {
  if (isUrl(text)) {
    const sep = text.indexOf('; ');
    if (sep < 0) return { kind: 'url', url: text.trim() };
    const markerText = text.slice(sep + 1);
    const markerStart = sep + 1 + (markerText.length - markerText.trimStart().length);
    const marker = markerText.trim();
    return marker === ''
      ? { kind: 'url', url: text.slice(0, sep).trim() }
      : { kind: 'url', url: text.slice(0, sep).trim(), marker, markerStart };
  }
  const semicolon = text.indexOf(';');
  const beforeMarker = (semicolon >= 0 ? text.slice(0, semicolon) : text).trim();
  const withoutExtras = withoutTrailingExtras(beforeMarker);
  const at = withoutExtras.indexOf('@');
  if (at >= 0 && !looksLikePath(withoutExtras.slice(0, at))) return { kind: 'requirement' };
  if (looksLikePath(withoutExtras) || isArchiveName(withoutExtras))
    return { kind: 'path', path: beforeMarker };
  return { kind: 'requirement' };
}

/**
 * The project name a URL names, as pip derives it: from a wheel file name (PEP 427, parsed by
 * filenames.ts; an invalid wheel name is an error, as pip's InvalidWheelFilename) or else from an
 * `#egg=name` fragment. Otherwise the reason the name is unknown.
 */
export function projectNameFromUrl(url: string): { name: string } | { reason: string } {
  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt + 1) : '';
  const beforeFragment = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = beforeFragment.indexOf('?');
  const path = queryAt >= 0 ? beforeFragment.slice(0, queryAt) : beforeFragment;
  let file = path.slice(path.lastIndexOf('/') + 1);
  try {
    file = decodeURIComponent(file);
  } catch {
    // A malformed escape leaves the name as written.
  }
  if (file.toLowerCase().endsWith('.whl')) {
    try {
      return { name: parseWheelFilename(file).rawName };
    } catch (error) {
      if (error instanceof InvalidFilenameError) return { reason: error.message };
      throw error;
    }
  }
  for (const piece of fragment.split('&')) {
    if (piece.startsWith('egg=')) {
      const name = piece.slice(4);
      if (isValidName(name)) return { name };
      return { reason: `invalid project name ${JSON.stringify(name)} in #egg= fragment` };
    }
  }
  return { reason: 'the project name is unknown (not a wheel file name and no #egg= fragment)' };
}

/**
 * The PEP 508 form `name @ url ; marker` of a bare URL line, and a map from offsets in that
 * text back to offsets in the line's requirement part (the inserted `name @ ` maps to 0).
 */
export function urlRequirement(
  target: Extract<Target, { kind: 'url' }>,
  name: string,
): { text: string; offsetMap: (offset: number) => number } {
  const prefix = `${name} @ `;
  const markerAt = prefix.length + target.url.length + 3;
  const text = `${prefix}${target.url}${target.marker ? ` ; ${target.marker}` : ''}`;
  const offsetMap = (offset: number): number => {
    if (offset < prefix.length) return 0;
    if (offset < markerAt || target.markerStart === undefined)
      return Math.min(offset - prefix.length, target.url.length);
    return target.markerStart + (offset - markerAt);
  };
  return { text, offsetMap };
}

/** True for a path that does not depend on the including file's directory. */
export function isAbsolutePath(path: string): boolean {
  return /^[\\/]/.test(path) || /^[A-Za-z]:[\\/]/.test(path);
}

/** True when an include target is a URL with `scheme://` (requirements files over HTTP etc.). */
export function isRemoteFile(path: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(path);
}

// A UNC prefix `\\server\share` (Windows' `ntpath.splitdrive`): two leading separators, at least
// one of them a backslash (a POSIX `//x` is the same as `/x`, so it stays a plain root), then the
// server and share names.
const UNC_ROOT = /^(?:\\\\|\\\/|\/\\)([^\\/]+)[\\/]([^\\/]+)(?:[\\/]|$)/;

/**
 * Normalizes `.` and `..` segments, keeping the root (`/`, `\`, `C:\`, `\\server\share\`) and a
 * relative path's leading `..`s; `..` never climbs above a root or a UNC share. The separator is
 * the one the path is written with (`\` only when it has no `/`).
 */
export function normalizePath(path: string): string {
  const sep = path.includes('\\') && !path.includes('/') ? '\\' : '/';
  const unc = UNC_ROOT.exec(path);
  let root: string;
  let rest: string;
  if (unc !== null) {
    root = `${sep}${sep}${unc[1] as string}${sep}${unc[2] as string}${sep}`;
    rest = path.slice(unc[0].length);
  } else {
    root = /^[A-Za-z]:[\\/]/.test(path) ? path.slice(0, 2) + sep : /^[\\/]/.test(path) ? sep : '';
    rest = path.slice(root.length);
  }
  const segments: string[] = [];
  for (const segment of rest.split(/[\\/]/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      const last = segments.at(-1);
      if (last !== undefined && last !== '..') segments.pop();
      else if (root === '') segments.push('..');
      continue;
    }
    segments.push(segment);
  }
  const joined = root + segments.join(sep);
  return joined === '' ? '.' : joined;
}

/** Where `-r target` written in file `including` points (normalized text, for display and keys). */
export function resolveIncluded(including: string, target: string): string {
  return normalizePath(joinIncluded(including, target));
}

/**
 * The path pip opens for `-r target` written in file `including`: `os.path.join(
 * os.path.dirname(including), target)`, NOT normalized — a `..` is left to the kernel, which
 * resolves it after following symlinks (review 15c F14: with `reqs -> shared/reqs`,
 * `reqs/../base.txt` is `shared/base.txt`, not `./base.txt`).
 */
export function joinIncluded(including: string, target: string): string {
  if (isAbsolutePath(target)) return target;
  const cut = Math.max(including.lastIndexOf('/'), including.lastIndexOf('\\'));
  const dir = cut >= 0 ? including.slice(0, cut + 1) : '';
  return dir + target;
}

/** True when a path's text shows it is a Windows path: a drive letter, a UNC prefix or a backslash. */
export function looksLikeWindowsPath(path: string): boolean {
  return /^[A-Za-z]:/.test(path) || UNC_ROOT.test(path) || path.includes('\\');
}

/**
 * A key that identifies a file for cycle detection whichever separators were used. Windows file
 * systems compare names case-insensitively, so a path that looks like a Windows path (this module
 * does no I/O and cannot ask the platform) gets a lower-cased key; other paths stay case-sensitive.
 */
export function fileKey(path: string): string {
  const key = normalizePath(path).replace(/\\/g, '/');
  return looksLikeWindowsPath(path) ? key.toLowerCase() : key;
}
