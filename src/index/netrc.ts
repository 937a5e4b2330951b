/**
 * netrc parsing (the format of ftp(1)/curl: whitespace-separated tokens `machine NAME`, `default`,
 * `login`, `password`, `account`, `macdef` (skipped to the next blank line); `#` comments).
 * Location as requests (`requests.utils.get_netrc_auth`, which pip uses): `$NETRC` alone when set,
 * else the first of `~/.netrc` and `~/_netrc` that exists (`_netrc` is the Windows name; requests
 * looks for both on every platform). A missing file is no credentials, not an error.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface NetrcEntry {
  login?: string;
  password?: string;
}

export interface Netrc {
  machines: Map<string, NetrcEntry>;
  default?: NetrcEntry;
}

export function parseNetrc(text: string): Netrc {
  const result: Netrc = { machines: new Map() };
  // Drop macdef bodies (they end at an empty line) before tokenizing.
  const lines = text.split(/\r?\n/);
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    kept.push(line.replace(/(^|\s)#.*$/, ''));
    if (/(^|\s)macdef(\s|$)/.test(line)) {
      while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() !== '') i++;
    }
  }
  const tokens = kept.join('\n').split(/\s+/).filter(Boolean);
  let current: NetrcEntry | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'machine') {
      const host = (tokens[++i] ?? '').toLowerCase();
      current = {};
      if (!result.machines.has(host)) result.machines.set(host, current);
    } else if (t === 'default') {
      current = {};
      result.default ??= current;
    } else if (t === 'login' && current) {
      current.login = tokens[++i];
    } else if (t === 'password' && current) {
      current.password = tokens[++i];
    } else if (t === 'account' || t === 'macdef') {
      i++;
    }
  }
  return result;
}

/** The netrc files to try, in order: the explicit path, else `$NETRC`, else `~/.netrc`, `~/_netrc`. */
export function netrcPathsFrom(env: Record<string, string | undefined>, explicit?: string): string[] {
  if (explicit) return [explicit];
  if (env.NETRC) return [env.NETRC];
  const home = env.HOME ?? homedir();
  return [join(home, '.netrc'), join(home, '_netrc')];
}

/**
 * Parses the first of `paths` that exists. A later candidate is tried only when an earlier one is
 * missing; an existing file that cannot be read ends the search (no credentials), as requests.
 */
export async function loadNetrc(paths: readonly string[]): Promise<Netrc | undefined> {
  for (const path of paths) {
    try {
      return parseNetrc(await readFile(path, 'utf8'));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      return undefined;
    }
  }
  return undefined;
}

/** The entry for a host (lower-cased, no port), else `default`. */
export function netrcLookup(netrc: Netrc | undefined, host: string): NetrcEntry | undefined {
  if (!netrc) return undefined;
  return netrc.machines.get(host.toLowerCase()) ?? netrc.default;
}
