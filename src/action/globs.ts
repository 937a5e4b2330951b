/**
 * The `requirements` input: newline-separated paths or glob patterns, relative to GITHUB_WORKSPACE.
 * Patterns use `*` (any run of characters but `/`), `?` (one such character), `[abc]` classes and
 * `**` (any number of directories, as a whole path segment); `\` separators are accepted on every
 * OS. A plain path is kept as given (a missing file is reported by the requirements reader with
 * its name); a pattern must match at least one file. Hidden directories are only entered when the
 * pattern names them, and `node_modules` / `.git` never. Symbolic links are followed as a shell
 * glob follows them, except by `**` (see `entries`).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export class RequirementsGlobError extends Error {
  override name = 'RequirementsGlobError';
}

const MAGIC = /[*?[]/;

export function isGlob(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/** A regular expression for one path segment pattern. */
function segmentRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] as string;
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else re += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  // A class JavaScript refuses (`[z-a]`: a range out of order) is the user's input error, named
  // with its pattern, never an internal one (review 14c F10).
  try {
    return new RegExp(`^${re}$`);
  } catch {
    throw new RequirementsGlobError(
      `requirements pattern segment ${JSON.stringify(segment)} is not a valid pattern (a character class such as [z-a] with a range out of order)`,
    );
  }
}

/**
 * What a directory entry is for matching. A symbolic link counts as what it points to (stat, which
 * follows it), as for a shell glob and for `pip -r`, with two differences: `**` never descends
 * into a linked directory (no loops, no walking out of the workspace), and a link that points
 * nowhere (dangling, a loop, unreadable) is `dangling`.
 */
type Kind = 'file' | 'dir' | 'linked-dir' | 'dangling' | 'other';

interface DirEntry {
  name: string;
  kind: Kind;
}

async function entries(dir: string): Promise<DirEntry[]> {
  let listed;
  try {
    listed = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: DirEntry[] = [];
  for (const e of listed) {
    let kind: Kind = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : 'other';
    if (e.isSymbolicLink()) {
      const target = await stat(join(dir, e.name)).catch(() => undefined);
      kind =
        target === undefined
          ? 'dangling'
          : target.isFile()
            ? 'file'
            : target.isDirectory()
              ? 'linked-dir'
              : 'other';
    }
    out.push({ name: e.name, kind });
  }
  return out;
}

/**
 * Whether an entry matched by a pattern's last segment is taken: a regular file, through a link
 * too. A dangling link is taken as well, as bash's glob takes it (it matches names, and a
 * dangling link's name is there): the requirements reader then fails on it with its name and
 * "no such file" — the clear error a plain path to a missing file gets — rather than the pattern
 * silently dropping a file the user meant (or failing with "matched no file" beside the link).
 */
function taken(e: DirEntry): boolean {
  return e.kind === 'file' || e.kind === 'dangling';
}

const NEVER = new Set(['node_modules', '.git']);

async function walk(root: string, rel: string, segments: string[], out: Set<string>): Promise<void> {
  if (segments.length === 0) return;
  const [head, ...rest] = segments as [string, ...string[]];
  const here = join(root, rel);
  if (head === '**') {
    await walk(root, rel, rest, out); // zero directories
    for (const e of await entries(here)) {
      if (e.kind !== 'dir' || e.name.startsWith('.') || NEVER.has(e.name)) continue;
      await walk(root, rel === '' ? e.name : `${rel}/${e.name}`, segments, out);
    }
    return;
  }
  if (!isGlob(head)) {
    const next = rel === '' ? head : `${rel}/${head}`;
    if (rest.length === 0) {
      const found = (await entries(here)).find((e) => e.name === head && taken(e));
      if (found) out.add(next);
    } else await walk(root, next, rest, out);
    return;
  }
  const re = segmentRegex(head);
  for (const e of await entries(here)) {
    if (!re.test(e.name)) continue;
    if (e.name.startsWith('.') && !head.startsWith('.')) continue;
    if (NEVER.has(e.name)) continue;
    const next = rel === '' ? e.name : `${rel}/${e.name}`;
    if (rest.length === 0) {
      if (taken(e)) out.add(next);
      // One segment of the pattern per level: a linked directory here cannot loop.
    } else if (e.kind === 'dir' || e.kind === 'linked-dir') await walk(root, next, rest, out);
  }
}

/**
 * Where an absolute pattern (already with `/` separators) starts walking, and the rest: `/` for
 * POSIX and drive-relative roots, `C:/` for a drive, `//server/share/` for a Windows UNC path
 * (`\\server\share\reqs\*.txt`; taking `/` there would walk the current drive's root instead).
 * On POSIX a leading `//` is the same directory as `/` (Linux, macOS), and path.join collapses it, so
 * the UNC reading changes nothing there. Undefined for a relative pattern.
 */
export function absoluteGlobBase(pattern: string): { base: string; body: string } | undefined {
  const unc = /^\/\/[^/]+\/[^/]+\//.exec(pattern);
  if (unc !== null) return { base: unc[0], body: pattern.slice(unc[0].length) };
  if (/^[A-Za-z]:\//.test(pattern)) return { base: pattern.slice(0, 3), body: pattern.slice(3) };
  if (pattern.startsWith('/')) return { base: '/', body: pattern.slice(1) };
  return undefined;
}

/**
 * Expands the patterns against `root`. Answers paths relative to `root` with `/` separators
 * (absolute inputs stay absolute), de-duplicated, in input order (matches of one pattern sorted).
 */
export async function expandRequirementPatterns(patterns: string[], root: string): Promise<string[]> {
  const out: string[] = [];
  for (const raw of patterns) {
    const pattern = raw.trim().replace(/\\/g, '/');
    if (pattern === '') continue;
    if (!isGlob(pattern)) {
      if (!out.includes(pattern)) out.push(pattern);
      continue;
    }
    const split = absoluteGlobBase(pattern);
    const absolute = split !== undefined;
    const base = split?.base ?? root;
    const body = split?.body ?? pattern.replace(/^\.\//, '');
    const found = new Set<string>();
    await walk(
      base,
      '',
      body.split('/').filter((s) => s !== ''),
      found,
    );
    if (found.size === 0) {
      throw new RequirementsGlobError(
        `requirements pattern ${JSON.stringify(raw.trim())} matched no file under ${base}`,
      );
    }
    for (const f of [...found].sort()) {
      const path = absolute ? join(base, f) : f;
      if (!out.includes(path)) out.push(path);
    }
  }
  return out;
}
