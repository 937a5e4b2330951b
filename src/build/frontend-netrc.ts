/**
 * How the index credentials wheelhouse takes from its own variables (WHEELHOUSE_INDEX_<NAME>_*,
 * WHEELHOUSE_HTTP_<HOST>_*) reach the build frontend's pip without being in any URL it gets
 * (review 15a F1): pip 23.2's build isolation installs `[build-system] requires` with a child
 * `python -m pip install … -i <index URL> --extra-index-url …` (pip/_internal/build_env.py
 * `_install_requirements`), so a URL's userinfo is on that child's command line, readable by every
 * local user in /proc/<pid>/cmdline.
 *
 * Instead they go in a private netrc file (a fresh 0700 directory, the file 0600, created
 * exclusively) named by `NETRC` in the frontend's environment, which pip and its children inherit:
 * pip's MultiDomainBasicAuth asks requests' `get_netrc_auth(url)` for a URL without userinfo, and
 * that reads the file `NETRC` names instead of ~/.netrc (requests/utils.py), keyed by the URL's
 * netloc up to its first `:` (the host without the port). The user's own netrc (NETRC, else
 * ~/.netrc, ~/_netrc — the files requests reads) is copied first, so what pip found there before is
 * still found; the run's entries follow and win (Python's netrc keeps the last entry of a machine),
 * as the URL's userinfo did. Tokens are written plain when both netrc lexers read them back
 * unchanged (`portableNetrcToken`: Python ≤ 3.9's shlex-based one takes a run of ASCII letters,
 * digits and punctuation literally, backslashes and quotes included; 3.10+'s reads `\` as an escape
 * and a leading `"` as a quote); else plain when 3.10+'s lexer reads them unchanged (no white space
 * or `\`, no leading `"`: a non-ASCII password), else in double quotes with `"` and `\` escaped by
 * a backslash. Python ≤ 3.9 cannot read a token of the last two kinds at all (a space ends it,
 * a non-ASCII letter is a parse error): a build under such an interpreter is refused with an
 * error naming the host (review 15e F5; checked with the real netrc modules of Python 3.9 and
 * 3.11: __tests__/build/frontend-netrc-tokens.test.ts).
 *
 * The directory is removed when the process exits (the frontend's pips are ended before).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NetrcEntry {
  machine: string;
  login: string;
  password: string;
}

/** The netrc machine requests looks up for `url`: its netloc up to the first `:`. */
export function netrcMachine(url: URL): string {
  return url.host.split(':')[0] as string;
}

/** ASCII letters, digits and the punctuation Python ≤ 3.9's netrc adds to shlex's word characters, but `\`. */
const PORTABLE = /^[A-Za-z0-9_!#$%&'()*+,\-./:;<=>?@[\]^`{|}~][A-Za-z0-9_!"#$%&'()*+,\-./:;<=>?@[\]^`{|}~]*$/;

/** Whether every Python's netrc module reads `value` back unchanged when written plain. */
export function portableNetrcToken(value: string): boolean {
  return PORTABLE.test(value);
}

/** One token as Python's netrc lexer reads it back unchanged (3.10+; ≤ 3.9 too when portable). */
export function netrcToken(value: string): string {
  if (portableNetrcToken(value)) return value;
  if (value !== '' && !/[\s\\]/u.test(value) && !value.startsWith('"')) return value;
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

export function netrcText(entries: readonly NetrcEntry[]): string {
  return entries
    .map(
      (e) =>
        `machine ${netrcToken(e.machine)} login ${netrcToken(e.login)} password ${netrcToken(e.password)}\n`,
    )
    .join('');
}

/** Largest user netrc copied (a bigger one is not a netrc: skipped). */
const MAX_USER_NETRC = 1 << 20;

/** The user's netrc as requests would find it, or '' (bounded read; not a regular file: ''). */
export function userNetrc(env: Record<string, string | undefined>): string {
  const home = env['HOME'] ?? env['USERPROFILE'];
  // requests expands a leading `~` of NETRC (os.path.expanduser; review 15e F4).
  const named = env['NETRC'];
  const expanded =
    named !== undefined && home !== undefined && (named === '~' || named.startsWith('~/'))
      ? join(home, named.slice(1))
      : named;
  const candidates =
    expanded !== undefined
      ? [expanded]
      : home === undefined
        ? []
        : [join(home, '.netrc'), join(home, '_netrc')];
  for (const path of candidates) {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      continue;
    }
    try {
      const buf = Buffer.alloc(MAX_USER_NETRC + 1);
      let n = 0;
      for (;;) {
        const read = readSync(fd, buf, n, buf.length - n, null);
        if (read === 0) break;
        n += read;
        if (n > MAX_USER_NETRC) return '';
      }
      return buf.subarray(0, n).toString('utf8');
    } catch {
      return '';
    } finally {
      closeSync(fd);
    }
  }
  return '';
}

const written = new Set<string>();
let removeOnExit = false;

/** Writes `text` to a private netrc file and returns its path (removed on exit). */
export function writePrivateNetrc(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wheelhouse-netrc-'));
  written.add(dir);
  if (!removeOnExit) {
    removeOnExit = true;
    process.once('exit', () => {
      for (const d of written) rmSync(d, { recursive: true, force: true });
    });
  }
  const path = join(dir, 'netrc');
  writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  return path;
}
