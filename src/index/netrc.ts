/**
 * netrc files, read as pip reads them: through requests (`requests.utils.get_netrc_auth`), which
 * uses Python's `netrc` module. What follows is that module's behaviour in CPython 3.11, observed
 * by running it on this project's differential inputs (__tests__/index/netrc.test.ts compares
 * the two on every case), not the looser format of ftp(1) or curl:
 *
 *   - Line ends as Python's text mode reads them (`\r\n` and `\r` are `\n`). Tokens are separated
 *     by space, tab and newline. A token starting with `"` runs to the next unescaped `"` (or the
 *     end of the file) and ends there; any other token runs to the next separator, which it takes
 *     with it. A backslash makes the next character literal, in and out of quotes; a `"` inside a
 *     token is literal. An empty token (`""`) is read as the end of the file.
 *   - `machine NAME`, `default`, then `login`/`user`, `account`, `password`, each followed by a
 *     value, which is any token (`password #abc` is the password `#abc`). A later entry for the
 *     same machine (or `default`) replaces the earlier one; `machine default` is the default.
 *   - Where a keyword is expected, a token starting with `#` is a comment: it and the rest of its
 *     line when no newline was read with it, else only the token itself — except before the first
 *     entry, where only a lone `#` takes the rest of its line.
 *   - `macdef NAME` skips the rest of its line and the lines up to an empty one (required).
 *   - Anything else is a parse error, and then requests (so pip) takes no credentials from the
 *     file at all: `error` is set and no machine is listed.
 *
 * Location as requests: `$NETRC` alone when set, else the first of `~/.netrc` and `~/_netrc` that
 * exists (`_netrc` is the Windows name; requests looks for both on every platform). A missing file
 * is no credentials, not an error. One difference: machine names are matched without case (a URL's
 * host is read lower-cased here), where Python compares them as written.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface NetrcEntry {
  login: string;
  account: string;
  password: string;
}

export interface Netrc {
  /** By lower-cased machine name (`default` too). */
  machines: Map<string, NetrcEntry>;
  default?: NetrcEntry;
  /** Why the file was refused (then nothing is listed), as Python's NetrcParseError says. */
  error?: string;
}

interface Token {
  value: string;
  /** Whether reading it (with the separators before and the one it took) passed a line end. */
  newline: boolean;
}

const SEPARATOR = new Set([' ', '\t', '\n']);

class NetrcLexer {
  private at = 0;
  constructor(private readonly text: string) {}

  next(): Token {
    const s = this.text;
    let newline = false;
    while (this.at < s.length && SEPARATOR.has(s[this.at]!)) if (s[this.at++] === '\n') newline = true;
    let value = '';
    const quoted = s[this.at] === '"';
    if (quoted) this.at++;
    while (this.at < s.length) {
      let c = s[this.at++]!;
      if (quoted ? c === '"' : SEPARATOR.has(c)) {
        if (c === '\n') newline = true;
        break;
      }
      if (c === '\\') {
        if (this.at >= s.length) break;
        c = s[this.at++]!;
      }
      if (c === '\n') newline = true;
      value += c;
    }
    return { value, newline };
  }

  /** The rest of the current line, with its `\n`; empty at the end of the file. */
  restOfLine(): string {
    const end = this.text.indexOf('\n', this.at);
    const stop = end === -1 ? this.text.length : end + 1;
    const line = this.text.slice(this.at, stop);
    this.at = stop;
    return line;
  }
}

export function parseNetrc(text: string): Netrc {
  const lexer = new NetrcLexer(text.replace(/\r\n?/g, '\n'));
  const machines = new Map<string, NetrcEntry>();
  const refused = (error: string): Netrc => ({ machines: new Map(), error });
  let pushed: Token | undefined;
  // Python's default is the entry named exactly `default` (`machine DEFAULT` is a machine).
  let fallback: NetrcEntry | undefined;
  for (;;) {
    const top = pushed ?? lexer.next();
    pushed = undefined;
    if (top.value === '') break;
    if (top.value.startsWith('#')) {
      if (top.value === '#' && !top.newline) lexer.restOfLine();
      continue;
    }
    if (top.value === 'macdef') {
      lexer.next();
      for (;;) {
        const line = lexer.restOfLine();
        if (line === '') return refused('macro definition missing null line terminator');
        if (line === '\n') break;
      }
      continue;
    }
    let name: string;
    if (top.value === 'default') name = 'default';
    else if (top.value === 'machine') {
      name = lexer.next().value;
      if (name === '') return refused("missing 'machine' name");
    } else return refused(`bad toplevel token ${JSON.stringify(top.value)}`);
    const entry: NetrcEntry = { login: '', account: '', password: '' };
    for (;;) {
      const t = lexer.next();
      if (t.value.startsWith('#')) {
        if (!t.newline) lexer.restOfLine();
        continue;
      }
      if (t.value === '' || t.value === 'machine' || t.value === 'default' || t.value === 'macdef') {
        machines.set(name.toLowerCase(), entry);
        if (name === 'default') fallback = entry;
        pushed = t;
        break;
      }
      if (t.value === 'login' || t.value === 'user') entry.login = lexer.next().value;
      else if (t.value === 'account') entry.account = lexer.next().value;
      else if (t.value === 'password') entry.password = lexer.next().value;
      else return refused(`bad follower token ${JSON.stringify(t.value)}`);
    }
  }
  return fallback !== undefined ? { machines, default: fallback } : { machines };
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

/**
 * The credentials for a host (lower-cased, no port), else `default`'s, as requests takes them from
 * an entry: the login, or the account when the login is empty, and the password.
 */
export function netrcLookup(
  netrc: Netrc | undefined,
  host: string,
): { login: string; password: string } | undefined {
  const entry = netrc?.machines.get(host.toLowerCase()) ?? netrc?.default;
  if (entry === undefined) return undefined;
  return { login: entry.login !== '' ? entry.login : entry.account, password: entry.password };
}
