/**
 * The environment of every pip call of the build frontend (pip-frontend.ts). pip hands its own
 * environment to each build backend it runs (pip's build_env.py only adds to PATH / PYTHONPATH), so
 * whatever is here is readable by the code of every sdist wheelhouse builds or prepares metadata for.
 *
 * - pip reads no configuration file: `PIP_CONFIG_FILE` is the null device (Python's `os.devnull`:
 *   `/dev/null`, on Windows `nul`). pip's configuration documentation (PIP_CONFIG_FILE): "Setting this
 *   to os.devnull disables the loading of all configuration files"; pip 23.2's `Configuration._load_config_files`
 *   compares the variable with `os.devnull` and loads nothing. An empty `PIP_*` value cannot do that
 *   (pip ignores an empty value, so a pip.conf's `extra-index-url`, a `[wheel]` section's
 *   `no-build-isolation` or an `[install]` `require-hashes` would still apply).
 * - So pip sees exactly the resolver's settings, given explicitly: its indexes and find-links
 *   (`PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS`, `PIP_NO_INDEX`), `PIP_TRUSTED_HOST` for
 *   the hosts of its plain-http sources (pip ignores an http: source whose host is not trusted; the
 *   resolver reads them, and verifies TLS for every https: one, so no https: host is trusted), the
 *   run's timeout and retries (`PIP_TIMEOUT`, `PIP_RETRIES`), and pip's own `cert` / `client-cert`
 *   from its configuration (Node's client does not read those; they change whom pip trusts, not
 *   where it looks), its format control and pre-release choice (`PIP_NO_BINARY`, `PIP_ONLY_BINARY`,
 *   `PIP_PRE`, `PIP_PREFER_BINARY`: pip passes them to the build environment's install), and `PIP_NO_CACHE_DIR` when wheelhouse was given pip's `--no-cache-dir`. Proxies: the resolver follows `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY`, which
 *   stay in the environment and which pip's HTTP client reads the same way; pip's own `--proxy`
 *   (`PIP_PROXY`, pip.conf `proxy`) is not the resolver's and is not given. Index credentials
 *   wheelhouse takes from its own variables (named indexes, per-host) go into a private netrc file
 *   named by `NETRC` (frontend-netrc.ts), never into a URL: pip's build isolation puts the index
 *   URLs on a child pip's command line (review 15a F1). The user's own netrc is copied into it.
 * - Every other inherited `PIP_*` variable is dropped (kept: `PIP_CACHE_DIR`, `PIP_NO_CACHE_DIR`,
 *   `PIP_KEYRING_PROVIDER`: where pip caches, and how it asks for the same indexes' credentials), so
 *   a `PIP_NO_BUILD_ISOLATION`, `PIP_REQUIRE_VIRTUALENV` or `PIP_TARGET` of the job cannot change
 *   what the frontend does.
 * - Withheld (WITHHELD below, the one place that lists them): what the action's own process holds
 *   that a `pip install` in a workflow's `run:` step would not see, and wheelhouse's own
 *   credentials. The runner gives a JavaScript action (not a `run:` step) the Actions runtime —
 *   `ACTIONS_RUNTIME_URL` / `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_CACHE_URL`, `ACTIONS_RESULTS_URL`,
 *   `ACTIONS_CACHE_SERVICE_V2`, and with `id-token: write` `ACTIONS_ID_TOKEN_REQUEST_URL` /
 *   `ACTIONS_ID_TOKEN_REQUEST_TOKEN` (OIDC) — its inputs `INPUT_*`, the post step's `STATE_*` and the
 *   `GITHUB_STATE` file (actions/runner NodeScriptActionHandler; @actions/core and @actions/cache read
 *   them from process.env). With them a backend could write cache entries later runs restore, or
 *   mint an OIDC token. The step's command files (`GITHUB_OUTPUT`, `GITHUB_ENV`, `GITHUB_PATH`,
 *   `GITHUB_STEP_SUMMARY`) are withheld too: a backend writing them would set this action's outputs
 *   (the lock file the next step installs from) or every later step's environment. `WHEELHOUSE_*`
 *   (the variables; the index credentials among them reach pip through the private netrc, which
 *   every backend can read as `$NETRC` — pip needs them for build requirements: docs/credentials.md,
 *   review 18a F15 —, the S3 store's `WHEELHOUSE_S3_*`) and `AWS_*` (the S3 store's keys) are
 *   wheelhouse's, not the build's. `GITHUB_TOKEN` is not in an
 *   action's environment unless the workflow puts it there (then its `run:` steps have it as well),
 *   and is left as the workflow set it.
 */
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findCredentials, type NamedIndex } from '../index/credentials.js';
import { registerSecret } from '../index/redact.js';
import {
  netrcMachine,
  netrcText,
  portableNetrcToken,
  userNetrc,
  writePrivateNetrc,
  type NetrcEntry,
} from './frontend-netrc.js';

/** Where and how pip finds distributions: the resolver's sources and transport settings. */
export interface FrontendIndexes {
  /** First is pip's `--index-url`, the rest `--extra-index-url`; empty means `--no-index`. */
  indexUrls: string[];
  findLinks: string[];
  namedIndexes?: NamedIndex[];
  /** Hosts the job's own settings name (flow/prepare.ts `configuredHosts`; credentials.ts). */
  configuredHosts?: string[];
  /** The run's wait for a response (pip's `--timeout`, seconds); undefined: pip's default. */
  timeoutSec?: number;
  /** The run's retries (pip's `--retries`); undefined: pip's default. */
  retries?: number;
  /** pip's `--cert` / `--client-cert` from pip's configuration. */
  cert?: string;
  clientCert?: string;
  /** pip's `--no-cache-dir` given to wheelhouse (its flag or pip's configuration): pip caches nothing either. */
  noCacheDir?: boolean;
  /** The resolver's `--no-binary` / `--only-binary` (`all`: `:all:`), as pip's format control. */
  noBinary?: FrontendBinaryRule;
  onlyBinary?: FrontendBinaryRule;
  /** The resolver's `--pre` / `--prefer-binary`. */
  pre?: boolean;
  preferBinary?: boolean;
}

/** One side of pip's format control: `:all:`, or the names given (standards' BinaryRule). */
export interface FrontendBinaryRule {
  all: boolean;
  names: Iterable<string>;
}

/** A format-control value as pip's `--no-binary` / `--only-binary` take it; undefined: none. */
function formatValue(rule: FrontendBinaryRule | undefined): string | undefined {
  if (rule === undefined) return undefined;
  if (rule.all) return ':all:';
  const names = [...rule.names];
  return names.length === 0 ? undefined : names.join(',');
}

/** Inherited pip settings kept for the frontend (see the module comment). */
const KEPT_PIP_VARIABLES = new Set(['PIP_CACHE_DIR', 'PIP_NO_CACHE_DIR', 'PIP_KEYRING_PROVIDER']);

/** Python's `os.devnull` on this platform: what pip compares PIP_CONFIG_FILE with. */
export const PYTHON_DEVNULL = process.platform === 'win32' ? 'nul' : '/dev/null';

/**
 * The plain-http sources as pip gets them, and the `--trusted-host` values that let pip read them.
 * A bare `host` would also switch TLS verification off for `https://host[:any port]/`
 * (pip 23.2 PipSession.add_trusted_host mounts its InsecureHTTPAdapter there): so a source whose
 * host an https: source shares is trusted as `host:port` and given to pip with that port spelled out
 * (pip's is_secure_origin compares the URL's port with the trusted one; review 15a F17).
 */
function plainHttp(urls: string[]): { trusted: string[]; spelled: Map<string, string> } {
  const httpsHosts = new Set<string>();
  for (const url of urls) {
    try {
      const u = new URL(url);
      if (u.protocol === 'https:') httpsHosts.add(u.hostname);
    } catch {
      // not a URL: a local path
    }
  }
  const trusted: string[] = [];
  const spelled = new Map<string, string>();
  for (const url of urls) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      continue;
    }
    if (u.protocol !== 'http:') continue;
    let host = u.host;
    if (httpsHosts.has(u.hostname)) {
      const port = u.port === '' ? '80' : u.port;
      host = `${u.hostname}:${port}`;
      const auth =
        u.username === '' && u.password === ''
          ? ''
          : `${u.username}${u.password === '' ? '' : `:${u.password}`}@`;
      spelled.set(url, `http://${auth}${host}${u.pathname}${u.search}${u.hash}`);
    }
    if (!trusted.includes(host)) trusted.push(host);
  }
  return { trusted, spelled };
}

/** Variables never given to pip (see the module comment): exact names, then name prefixes. */
export const WITHHELD = {
  names: new Set(['GITHUB_STATE', 'GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']),
  prefixes: ['ACTIONS_', 'INPUT_', 'STATE_', 'WHEELHOUSE_', 'AWS_'],
} as const;

/** Whether `name` is withheld from the frontend (names compared upper-cased: Windows ignores case). */
export function isWithheld(name: string): boolean {
  const upper = name.toUpperCase();
  return WITHHELD.names.has(upper) || WITHHELD.prefixes.some((p) => upper.startsWith(p));
}

/**
 * The netrc entry for `url` when wheelhouse's own variables give it credentials (pip cannot read
 * those): they reach pip through a private netrc (frontend-netrc.ts), never in the URL, which pip's
 * build isolation puts on a child's command line (review 15a F1).
 */
function credentialEntry(
  url: string,
  env: Record<string, string | undefined>,
  named: NamedIndex[],
  configuredHosts: readonly string[],
): NetrcEntry | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.username !== '' || u.password !== '' || !/^https?:$/.test(u.protocol)) return undefined;
  const found = findCredentials(u, { env, namedIndexes: named, configuredHosts });
  if (found === undefined || found.source === 'netrc') return undefined;
  // pip never sees them in a URL now, but a backend could print the file: the password is redacted.
  if (found.password !== '') registerSecret(found.password);
  return { machine: netrcMachine(u), login: found.username, password: found.password };
}

/**
 * `NETRC` for the frontend (the user's netrc, then the run's entries; undefined when it has none),
 * and the sources whose credentials cannot go there: netrc holds one login per host, so a second
 * source on a host with other credentials (GitLab's per-project registries, one deploy token each)
 * keeps them in its URL, as before review 15a F1 — on a child pip's command line for that source
 * only, rather than every sdist build of such a setup failing (review 15e F12).
 */
function frontendNetrc(
  base: Record<string, string | undefined>,
  urls: readonly string[],
  named: NamedIndex[],
  configuredHosts: readonly string[],
): { netrc?: string; inUrl: Map<string, string>; needsPython310: string[] } {
  const entries: NetrcEntry[] = [];
  const inUrl = new Map<string, string>();
  for (const url of urls) {
    const entry = credentialEntry(url, base, named, configuredHosts);
    if (entry === undefined) continue;
    const same = entries.find((e) => e.machine === entry.machine);
    if (same === undefined) entries.push(entry);
    else if (same.login !== entry.login || same.password !== entry.password) {
      const u = new URL(url);
      u.username = entry.login;
      u.password = entry.password;
      inUrl.set(url, u.href);
    }
  }
  if (entries.length === 0) return { inUrl, needsPython310: [] };
  const own = userNetrc(base);
  // Entries Python ≤ 3.9's netrc module cannot read back (frontend-netrc.ts `portableNetrcToken`).
  const needsPython310 = entries
    .filter((e) => ![e.machine, e.login, e.password].every(portableNetrcToken))
    .map((e) => e.machine);
  return {
    netrc: writePrivateNetrc(`${own}${own === '' ? '' : '\n\n'}${netrcText(entries)}`),
    inUrl,
    needsPython310,
  };
}

/** What `frontendEnv` tells its caller besides the environment. */
export interface FrontendEnvNotes {
  /**
   * Hosts whose credentials went into the private netrc in a form only Python 3.10+'s netrc
   * module reads (white space, a leading `"`, a backslash, non-ASCII): a build under Python ≤ 3.9
   * must be refused (`oldNetrcProblem`).
   */
  netrcNeedsPython310: string[];
}

/** The environment of every pip call of the frontend (see the module comment). */
export function frontendEnv(
  base: Record<string, string | undefined>,
  indexes: FrontendIndexes,
  notes?: FrontendEnvNotes,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || isWithheld(key)) continue;
    if (/^PIP_/i.test(key) && !KEPT_PIP_VARIABLES.has(key.toUpperCase())) continue;
    env[key] = value;
  }
  env['PIP_CONFIG_FILE'] = PYTHON_DEVNULL;
  const named = indexes.namedIndexes ?? [];
  const configured = indexes.configuredHosts ?? [];
  const http = plainHttp([...indexes.indexUrls, ...indexes.findLinks]);
  const { netrc, inUrl, needsPython310 } = frontendNetrc(
    base,
    [...indexes.indexUrls, ...indexes.findLinks],
    named,
    configured,
  );
  if (netrc !== undefined) env['NETRC'] = netrc;
  if (notes !== undefined) notes.netrcNeedsPython310 = needsPython310;
  const spell = (url: string): string => inUrl.get(url) ?? http.spelled.get(url) ?? url;
  const urls = indexes.indexUrls.map(spell);
  if (urls.length === 0) env['PIP_NO_INDEX'] = '1';
  else env['PIP_INDEX_URL'] = urls[0] as string;
  if (urls.length > 1) env['PIP_EXTRA_INDEX_URL'] = urls.slice(1).join(' ');
  // pip splits this variable on whitespace: an absolute local directory goes as a `file:` URL, whose
  // spaces are %20 (a path with a space would become two locations); a relative one as given, read by
  // pip against its working directory.
  if (indexes.findLinks.length > 0) {
    env['PIP_FIND_LINKS'] = indexes.findLinks
      .map((link) => (isAbsolute(link) ? pathToFileURL(link).href : spell(link)))
      .join(' ');
  }
  if (http.trusted.length > 0) env['PIP_TRUSTED_HOST'] = http.trusted.join(' ');
  if (indexes.timeoutSec !== undefined && indexes.timeoutSec > 0)
    env['PIP_TIMEOUT'] = String(indexes.timeoutSec);
  if (indexes.retries !== undefined) env['PIP_RETRIES'] = String(indexes.retries);
  if (indexes.cert !== undefined) env['PIP_CERT'] = indexes.cert;
  if (indexes.clientCert !== undefined) env['PIP_CLIENT_CERT'] = indexes.clientCert;
  // pip reads no configuration file here, so a configured no-cache-dir is passed on (review 15a F15);
  // an inherited PIP_NO_CACHE_DIR is kept as it is (any boolean turns pip's cache off).
  if (indexes.noCacheDir === true) env['PIP_NO_CACHE_DIR'] = '1';
  // pip gives its format control, --pre and --prefer-binary to the child pip that fills a build's
  // isolated environment (pip 23.2 build_env.py `_install_requirements`: `--no-binary`,
  // `--only-binary`, `--pre`, `--prefer-binary`), so a `--no-binary :all:` run builds its backends
  // from sdists too (review 18a F14). pip applies the two sides in the order read, and `:all:` on one
  // side clears the other (FormatControl.handle_mutual_excludes): the `:all:` side goes first.
  const noBinary = formatValue(indexes.noBinary);
  const onlyBinary = formatValue(indexes.onlyBinary);
  const sides: [string, string | undefined][] = [
    ['PIP_NO_BINARY', noBinary],
    ['PIP_ONLY_BINARY', onlyBinary],
  ];
  if (onlyBinary === ':all:') sides.reverse();
  for (const [name, value] of sides) if (value !== undefined) env[name] = value;
  if (indexes.pre === true) env['PIP_PRE'] = '1';
  if (indexes.preferBinary === true) env['PIP_PREFER_BINARY'] = '1';
  env['PIP_DISABLE_PIP_VERSION_CHECK'] = '1';
  env['PIP_NO_INPUT'] = '1';
  env['PYTHONIOENCODING'] = 'utf-8';
  return env;
}

/**
 * Why the frontend's pip under Python `version` cannot use the private netrc (`notes` of
 * `frontendEnv`), or undefined: Python ≤ 3.9's netrc module cannot read the credentials of those
 * hosts (review 15e F5). Refused rather than written in a form that would send another password.
 */
export function oldNetrcProblem(notes: FrontendEnvNotes, version: string): string | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version);
  const old = m !== null && (Number(m[1]) < 3 || (Number(m[1]) === 3 && Number(m[2]) < 10));
  if (!old || notes.netrcNeedsPython310.length === 0) return undefined;
  return `the index credentials for ${notes.netrcNeedsPython310.join(', ')} hold white space, a backslash, a leading double quote or a non-ASCII character, which the netrc module of Python ${version} (the build frontend's pip) cannot read, so pip would not authenticate: build with Python 3.10 or later, or use credentials without them`;
}

/** `url` without its userinfo (credentials are not what decides a build; they must not key one). */
function withoutUserinfo(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return url;
  }
}

/**
 * What decides a build besides the sdist, the interpreter, the target and the requirement's
 * options, as one hex digest for the build key (built-wheel-store.ts `BuildKey.environment`): the
 * indexes and find-links the build environment's requirements come from (without credentials), the
 * format control and the pre-release choices (review 18a F4). Another job's `--extra-index-url`
 * with its own `setuptools` is another key, so a fleet's shared store never hands its wheel on.
 */
export function buildEnvironmentKey(indexes: FrontendIndexes): string {
  const rule = (r: FrontendBinaryRule | undefined): string[] =>
    r === undefined ? [] : r.all ? [':all:'] : [...r.names].sort();
  return createHash('sha256')
    .update(
      JSON.stringify({
        indexUrls: indexes.indexUrls.map(withoutUserinfo),
        findLinks: indexes.findLinks.map(withoutUserinfo),
        noBinary: rule(indexes.noBinary),
        onlyBinary: rule(indexes.onlyBinary),
        pre: indexes.pre === true,
        preferBinary: indexes.preferBinary === true,
      }),
    )
    .digest('hex');
}
