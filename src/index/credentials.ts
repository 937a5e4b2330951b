/**
 * Credential lookup for a request URL, first match wins (documented in docs/credentials.md):
 *   1. userinfo of the URL itself (`https://user:pass@host/…`), percent-decoded;
 *   2. a named index: `WHEELHOUSE_INDEX_<NAME>_USERNAME` / `_PASSWORD` when the URL lies under
 *      that index's URL, else when it is on the index's origin (names are given to the client by
 *      the shell, e.g. from `name=url` inputs);
 *   3. per host: `WHEELHOUSE_HTTP_<HOST>_<PORT>_USERNAME` / `_PASSWORD`, then without the port;
 *   4. netrc (`$NETRC`, else `~/.netrc`): `machine <host>`, else `default`.
 * `<NAME>`/`<HOST>` are upper-cased with every run of non-alphanumerics replaced by `_`.
 * Credentials only ever become an `Authorization: Basic` header; they are never logged. Their
 * secret — the password, or a token-shaped user name when there is no password (a token as the user)
 * — is registered with the run's one redaction point (redact.ts) where it is read, so any later
 * writer of an error or log line masks it (review 17b).
 *
 * That spelling is not one-to-one: `pypi.corp.example`, `pypi-corp.example` and `pypi_corp.example`
 * all give `PYPI_CORP_EXAMPLE`, and anyone can register the look-alike a page or a redirect may name
 * (review 2 s12). So a host's variables go to the host `WHEELHOUSE_HTTP_<HOST>_HOST` names, else
 * to the hosts of that key the run was configured with (its index and find-links URLs: named by
 * the user, not by a page), else to a host their name spells exactly — letters, digits and dots,
 * where the key reads back as the name.
 */
import { netrcLookup, type Netrc } from './netrc.js';
import { registerSecret } from './redact.js';
import { looksLikeToken } from './token-shape.js';
import { unquote } from '../standards/percent-decode.js';

export interface Credentials {
  username: string;
  password: string;
  /** Where they came from, for debug logs (never the secret). */
  source: 'url' | 'index-env' | 'host-env' | 'netrc';
}

export interface NamedIndex {
  name: string;
  url: string;
}

export function envKey(s: string): string {
  return s
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** `c`, its secret registered with the run (the password, else a token-shaped user name: token-shape.ts). */
function registered(c: Credentials): Credentials {
  if (c.password !== '') registerSecret(c.password);
  else if (looksLikeToken(c.username)) registerSecret(c.username);
  return c;
}

export function basicAuthHeader(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`;
}

function fromEnv(
  sources: CredentialSources,
  prefix: string,
  source: Credentials['source'],
): Credentials | undefined {
  const memo = sources.memo;
  if (memo?.has(prefix) === true) return memo.get(prefix);
  const username = sources.env[`${prefix}_USERNAME`];
  const password = sources.env[`${prefix}_PASSWORD`];
  const found =
    username === undefined && password === undefined
      ? undefined
      : registered({ username: username ?? '', password: password ?? '', source });
  memo?.set(prefix, found);
  return found;
}

/** Whether `url` is at or below `base` (same origin, path prefix at a segment boundary). */
function isUnder(url: URL, base: string): boolean {
  let b: URL;
  try {
    b = new URL(base);
  } catch {
    return false;
  }
  if (b.origin !== url.origin) return false;
  const prefix = b.pathname.endsWith('/') ? b.pathname : `${b.pathname}/`;
  return url.pathname === b.pathname || url.pathname.startsWith(prefix);
}

function sameOrigin(url: URL, base: string): boolean {
  try {
    return new URL(base).origin === url.origin;
  } catch {
    return false;
  }
}

export interface CredentialSources {
  env: Record<string, string | undefined>;
  netrc?: Netrc;
  namedIndexes?: NamedIndex[];
  /**
   * What `env` holds for each variable prefix, and what a host (with its port) is answered by its
   * variables and netrc, once looked up: a client that sends hundreds of requests to a few hosts
   * reads `process.env` (a lookup in the real environment each time) once per prefix. Only for an
   * `env` and a `netrc` that do not change while the memo is in use.
   */
  memo?: Map<string, Credentials | undefined>;
  /**
   * Hosts the run was configured with (index and find-links URLs, lower case): a host variable
   * whose key one of them has goes to those hosts only.
   */
  configuredHosts?: readonly string[];
  /** The `_HOST` variables read, under the same conditions as `memo`. */
  pinMemo?: Map<string, string | undefined>;
  /**
   * Called when a host's variables exist but are withheld from `host`, which their name does not
   * spell exactly (with the variable that would name it). Once per host when a memo is used.
   */
  onWithheld?: (host: string, pinVariable: string) => void;
}

export function findCredentials(url: URL, sources: CredentialSources): Credentials | undefined {
  if (url.username || url.password) {
    return registered({
      username: unquote(url.username),
      password: unquote(url.password),
      source: 'url',
    });
  }
  // Under the index URL first, then anywhere on its origin (files are often served outside the
  // /simple/ tree of the same host).
  const named = sources.namedIndexes ?? [];
  for (const match of [isUnder, sameOrigin]) {
    for (const idx of named) {
      if (match(url, idx.url)) {
        const c = fromEnv(sources, `WHEELHOUSE_INDEX_${envKey(idx.name)}`, 'index-env');
        if (c) return c;
      }
    }
  }
  // The rest depends on the host and port alone: answered once per host with a memo.
  const hostKey = `host ${url.host}`;
  if (sources.memo?.has(hostKey) === true) return sources.memo.get(hostKey);
  const found = forHost(url, sources);
  sources.memo?.set(hostKey, found);
  return found;
}

function forHost(url: URL, sources: CredentialSources): Credentials | undefined {
  const host = bareHost(url.hostname);
  const prefix = `WHEELHOUSE_HTTP_${envKey(host)}`;
  const candidates = [...(url.port ? [`${prefix}_${url.port}`] : []), prefix];
  if (namesExactly(pinnedHost(sources, prefix), host, sources.configuredHosts)) {
    for (const p of candidates) {
      const c = fromEnv(sources, p, 'host-env');
      if (c) return c;
    }
  } else if (candidates.some((p) => fromEnv(sources, p, 'host-env') !== undefined)) {
    sources.onWithheld?.(host, `${prefix}_HOST`);
  }
  const n = netrcLookup(sources.netrc, host);
  if (n && (n.login !== undefined || n.password !== undefined)) {
    return registered({ username: n.login ?? '', password: n.password ?? '', source: 'netrc' });
  }
  return undefined;
}

/** The `<prefix>_HOST` variable, read once per prefix with a memo. */
function pinnedHost(sources: CredentialSources, prefix: string): string | undefined {
  const key = `${prefix}_HOST`;
  const memo = sources.pinMemo;
  if (memo?.has(key) === true) return memo.get(key);
  const value = sources.env[key];
  memo?.set(key, value);
  return value;
}

/** A URL's host name without IPv6 brackets, lower-cased. */
function bareHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * Whether a host's variables belong to `host`: the host their `_HOST` variable names; else, when
 * configured hosts share the key, one of those; else a host of letters, digits and dots only (its
 * key spells it back: no other such host has that key).
 */
function namesExactly(pinned: string | undefined, host: string, configured: readonly string[] = []): boolean {
  if (pinned !== undefined && pinned.trim() !== '') return bareHost(pinned.trim()) === host;
  const key = envKey(host);
  const sameKey = configured.map(bareHost).filter((c) => envKey(c) === key);
  if (sameKey.length > 0) return sameKey.includes(host);
  return /^[a-z0-9.]+$/.test(host);
}

/** The hosts of the URLs a run was configured with (http(s) only; others and unparseable skipped). */
export function hostsOf(urls: readonly string[]): string[] {
  const out = new Set<string>();
  for (const url of urls) {
    try {
      const u = new URL(url);
      if (u.protocol === 'http:' || u.protocol === 'https:') out.add(bareHost(u.hostname));
    } catch {
      // a local path or a bad URL names no host
    }
  }
  return [...out];
}
