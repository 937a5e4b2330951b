/**
 * The environment of every pip call of the build frontend (pip-frontend.ts). pip hands its own
 * environment to each build backend it runs (pip's build_env.py only adds to PATH / PYTHONPATH), so
 * whatever is here is readable by the code of every sdist wheelhouse builds or prepares metadata for.
 *
 * - Indexes: pip is given exactly the resolver's indexes and find-links (`PIP_INDEX_URL`,
 *   `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS`, `PIP_NO_INDEX`). Index credentials wheelhouse takes from
 *   its own variables (named indexes, per-host) go into the URLs pip gets, in the environment only
 *   (never on a command line, never logged); netrc pip reads itself.
 * - Inherited `PIP_*` variables are dropped except transport settings (certificates, proxy,
 *   timeouts, cache dir, config file), so a `PIP_NO_BUILD_ISOLATION`, `PIP_REQUIRE_VIRTUALENV` or
 *   `PIP_TARGET` of the job cannot change what the frontend does.
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
 *   (index credentials — already in the URLs pip gets —, the S3 store's `WHEELHOUSE_S3_*`) and
 *   `AWS_*` (the S3 store's keys) are wheelhouse's, not the build's. `GITHUB_TOKEN` is not in an
 *   action's environment unless the workflow puts it there (then its `run:` steps have it as well),
 *   and is left as the workflow set it.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findCredentials, type NamedIndex } from '../index/credentials.js';
import { registerSecret, registerUrlSecrets } from '../index/redact.js';

/** Where pip finds distributions: the same sources the resolver used. */
export interface FrontendIndexes {
  /** First is pip's `--index-url`, the rest `--extra-index-url`; empty means `--no-index`. */
  indexUrls: string[];
  findLinks: string[];
  namedIndexes?: NamedIndex[];
}

/** Inherited pip settings that only concern transport, kept for the frontend. */
const KEPT_PIP_VARIABLES = new Set([
  'PIP_CERT',
  'PIP_CLIENT_CERT',
  'PIP_TRUSTED_HOST',
  'PIP_PROXY',
  'PIP_TIMEOUT',
  'PIP_DEFAULT_TIMEOUT',
  'PIP_RETRIES',
  'PIP_CACHE_DIR',
  'PIP_NO_CACHE_DIR',
  'PIP_CONFIG_FILE',
  'PIP_KEYRING_PROVIDER',
]);

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

/** `url` with the credentials wheelhouse's own variables give it (pip cannot read those). */
function withCredentials(url: string, env: Record<string, string | undefined>, named: NamedIndex[]): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.username !== '' || u.password !== '' || !/^https?:$/.test(u.protocol)) return url;
  const found = findCredentials(u, { env, namedIndexes: named });
  if (found === undefined || found.source === 'netrc') return url;
  u.username = encodeURIComponent(found.username);
  u.password = encodeURIComponent(found.password);
  // pip may echo the URL (it hides the password, not the user): every writer redacts both.
  if (found.password !== '') registerSecret(found.password);
  registerUrlSecrets(u.toString());
  return u.toString();
}

/** The environment of every pip call of the frontend (see the module comment). */
export function frontendEnv(
  base: Record<string, string | undefined>,
  indexes: FrontendIndexes,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || isWithheld(key)) continue;
    if (/^PIP_/i.test(key) && !KEPT_PIP_VARIABLES.has(key.toUpperCase())) continue;
    env[key] = value;
  }
  const named = indexes.namedIndexes ?? [];
  const urls = indexes.indexUrls.map((u) => withCredentials(u, base, named));
  if (urls.length === 0) env['PIP_NO_INDEX'] = '1';
  else env['PIP_INDEX_URL'] = urls[0] as string;
  // Always set, also empty: the environment then overrides any configuration file's value.
  env['PIP_EXTRA_INDEX_URL'] = urls.slice(1).join(' ');
  // pip splits this variable on whitespace: an absolute local directory goes as a `file:` URL, whose
  // spaces are %20 (a path with a space would become two locations); a relative one as given, read by
  // pip against its working directory.
  env['PIP_FIND_LINKS'] = indexes.findLinks
    .map((link) => (isAbsolute(link) ? pathToFileURL(link).href : link))
    .join(' ');
  env['PIP_DISABLE_PIP_VERSION_CHECK'] = '1';
  env['PIP_NO_INPUT'] = '1';
  env['PYTHONIOENCODING'] = 'utf-8';
  return env;
}
