/**
 * pip's configuration, read where a pip user expects it to apply (issue 11, §2), following pip's
 * "Configuration" documentation and pip 23.2's loader (checked against the real pip by
 * __tests__/flow/pip-config.test.ts):
 *
 * - Files, lowest priority first: global (Linux: `<dir>/pip/pip.conf` for each XDG_CONFIG_DIRS entry,
 *   default /etc/xdg, then /etc/pip.conf; macOS: /Library/Application Support/pip/pip.conf;
 *   Windows: %PROGRAMDATA%\pip\pip.ini), user (legacy ~/.pip/pip.conf — %USERPROFILE%\pip\pip.ini
 *   on Windows — then $XDG_CONFIG_HOME/pip/pip.conf; on macOS ~/Library/Application Support/pip/pip.conf
 *   when that directory exists, else ~/.config/pip/pip.conf; on Windows %APPDATA%\pip\pip.ini;
 *   skipped when PIP_CONFIG_FILE names an existing file, and in isolated mode), site (the target
 *   interpreter's sys.prefix/pip.conf when the shell probed it, else $VIRTUAL_ENV/pip.conf), then
 *   PIP_CONFIG_FILE (pip 23.2 / 26: OVERRIDE_ORDER global, user, site, env file, env variables).
 *   PIP_CONFIG_FILE set to the null device loads no file at all.
 * - Within the merged files `[global]` applies first, then `[install]` (wheelhouse does what
 *   `pip install` would resolve); then `PIP_<OPTION>` variables (not in isolated mode).
 * - Keys are long option names (`_` and `-` alike, lower-cased). Honoured: index-url,
 *   extra-index-url and find-links (whitespace-separated lists, as pip splits append options),
 *   no-index, pre and prefer-binary (pip's strtobool), only-binary and no-binary (pip's format
 *   control values), timeout / default-timeout (seconds; the wait for a response to start), retries,
 *   no-cache-dir and progress-bar (the CLI's flags), cert and client-cert (passed on to the build
 *   frontend's pip only), require-hashes, no-deps and constraint (the CLI's flags), require-virtualenv
 *   and break-system-packages (install; pip 23.0.1+ reads the latter like any option, so
 *   PIP_BREAK_SYSTEM_PACKAGES and pip.conf set it — review 17a F2), trusted-host (only to know which plain-http sources pip reads: no warning for
 *   them), and refused with an error naming them: target, prefix, root, user, proxy (review 15a
 *   F11/F20). Every other key is pip's business and ignored here.
 *
 * File reading and the platform are injected, so tests give their own files and never read the
 * machine's configuration.
 */
import { posix, win32 } from 'node:path';
import { IniSyntaxError, parseIni } from '../util/ini.js';
import { FlowInputError } from './flow-errors.js';

export { fsPipConfigIo } from './pip-config-io.js';
export { proxySettingWarning, refusedSetting } from './pip-config-refusals.js';

export interface Sourced<T> {
  value: T;
  /** `PIP_INDEX_URL`, `/etc/pip.conf [global] index-url`. */
  source: string;
}

export interface PipConfig {
  indexUrl?: Sourced<string>;
  extraIndexUrls?: Sourced<string[]>;
  findLinks?: Sourced<string[]>;
  noIndex?: Sourced<boolean>;
  pre?: Sourced<boolean>;
  preferBinary?: Sourced<boolean>;
  onlyBinary?: Sourced<string>;
  noBinary?: Sourced<string>;
  /**
   * Every configured only-/no-binary value in the order pip 23.2 applies them to one FormatControl
   * (ConfigOptionParser._get_ordered_configuration_items: the merged `[global]` items, then
   * `[install]`, then the PIP_* variables; each callback runs in turn: review 15a F2).
   */
  binaryValues?: (Sourced<string> & { option: 'only-binary' | 'no-binary' })[];
  /** pip's `timeout` (seconds): wheelhouse's wait for a response's first byte (transfer-limits.ts). */
  timeoutSec?: Sourced<number>;
  /** pip's `retries`: retries of one failed request. */
  retries?: Sourced<number>;
  /** pip's `no-cache-dir` (any valid boolean turns the cache off, as pip: see below). */
  noCacheDir?: Sourced<boolean>;
  /** pip's `progress-bar`. */
  progressBar?: Sourced<'on' | 'off' | 'raw'>;
  /**
   * pip's `cert` and `client-cert` (paths): not read by wheelhouse's own HTTP client (Node's CA
   * store, NODE_EXTRA_CA_CERTS), but handed to the build frontend's pip, which reads no
   * configuration file of its own (src/build/frontend-env.ts).
   */
  cert?: Sourced<string>;
  clientCert?: Sourced<string>;
  /** pip's `require-hashes`, `no-deps` (strtobool) and `constraint` (a list, like `-c`): the CLI's flags. */
  requireHashes?: Sourced<boolean>;
  noDeps?: Sourced<boolean>;
  constraints?: Sourced<string[]>;
  /** pip's `trusted-host` (a list): hosts whose plain-http sources pip reads (index/secure-origin.ts). */
  trustedHosts?: Sourced<string[]>;
  /** pip's `require-virtualenv` (`require-venv`): `install` refuses an interpreter outside one. */
  requireVirtualenv?: Sourced<boolean>;
  /** pip's `break-system-packages` (strtobool): `install` into an externally managed Python (PEP 668). */
  breakSystemPackages?: Sourced<boolean>;
  /**
   * Settings wheelhouse cannot honour and refuses rather than ignore (review 15a F11/F20): where
   * `pip install` puts files (`target`, `prefix`, `root`, `user` when true — their flags are
   * refused too); pip's own `proxy` is listed here too but only warned about (proxySettingWarning:
   * wheelhouse's client and the frontend follow HTTPS_PROXY / HTTP_PROXY). `installOnly`: it
   * changes only what `install` does.
   */
  refused?: (Sourced<string> & { key: string; installOnly: boolean })[];
  /** The files read, in order (for `--verbose`). */
  files: string[];
}

export interface PipConfigIo {
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  /** Resolves with the text, or undefined when the file does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Whether anything is at the path (Python's os.path.exists: stat succeeds); default: readFile's answer. */
  exists?(path: string): Promise<boolean>;
  /** Whether a directory exists (macOS user-config choice). */
  isDirectory(path: string): Promise<boolean>;
  /** pip's --isolated: no PIP_* variables, no user configuration. */
  isolated?: boolean;
  /** Home directory when HOME / USERPROFILE is unset. */
  homedir?: string;
  /**
   * `sys.prefix` of the interpreter `pip install` would run as (the probed target interpreter):
   * its `pip.conf` is the site file. Default: $VIRTUAL_ENV.
   */
  sitePrefix?: string;
}

/** pip settings that change the resolution and that wheelhouse refuses (see `refusedSetting`). */
export const UNHONOURED = [
  'ignore-requires-python',
  'requirement',
  'editable',
  'all-releases',
  'only-final',
  'uploaded-prior-to',
  'group',
  'build-constraint',
] as const;

const KEYS = [
  'index-url',
  'extra-index-url',
  'find-links',
  'no-index',
  'pre',
  'prefer-binary',
  'only-binary',
  'no-binary',
  // pip's `--timeout` and `--default-timeout` are one option (dest `timeout`): either name works in
  // a file or as PIP_TIMEOUT / PIP_DEFAULT_TIMEOUT.
  'timeout',
  'default-timeout',
  'retries',
  'no-cache-dir',
  'progress-bar',
  'cert',
  'client-cert',
  'require-hashes',
  'no-deps',
  // pip's other long names of the same options (pip 23.2 cmdoptions: `-i/--index-url/--pypi-url`,
  // `--no-deps/--no-dependencies`); pip's option parser looks a key up as `--<key>`, so every long
  // name is a key and a PIP_ variable (review 18b F4: PIP_PYPI_URL queried pypi.org instead).
  'pypi-url',
  'no-dependencies',
  'constraint',
  'trusted-host',
  'require-virtualenv',
  'require-venv',
  'break-system-packages',
  'target',
  'prefix',
  'root',
  'user',
  'proxy',
  // Settings that change what pip resolves but wheelhouse does not honour: refused, never ignored
  // (README "pip's configuration"; review 18b F2, F3, F4). pip 23.2: ignore-requires-python,
  // requirement, editable; pip 26: all-releases, only-final, uploaded-prior-to, group,
  // build-constraint.
  ...UNHONOURED,
] as const;
type Key = (typeof KEYS)[number];

/** The configuration files pip would read, in loading order (later files win). */
export async function pipConfigFiles(io: PipConfigIo): Promise<string[]> {
  const env = io.env;
  const platform = io.platform ?? process.platform;
  const envFile = env['PIP_CONFIG_FILE'];
  // pip compares the variable with the platform's `os.devnull` only ('nul' on Windows,
  // '/dev/null' elsewhere): `nul` on Linux is a file name like any other (review 15a F6).
  const nullDevice = platform === 'win32' ? 'nul' : '/dev/null';
  if (envFile !== undefined && envFile === nullDevice) return [];
  const p = platform === 'win32' ? win32 : posix;
  // Python's os.path.expanduser('~'): HOME on POSIX; USERPROFILE, else HOMEDRIVE + HOMEPATH on
  // Windows (HOME is not read there since Python 3.8) — review 15a F14.
  const windowsHome =
    env['USERPROFILE'] || (env['HOMEPATH'] ? win32.join(env['HOMEDRIVE'] ?? '', env['HOMEPATH']) : '');
  const home = (platform === 'win32' ? windowsHome : env['HOME']) || io.homedir || '';
  // Without an absolute home there are no user files: a relative one would read the working
  // directory's (the checkout's) `.pip/pip.conf` as the user's own configuration.
  const homeKnown = p.isAbsolute(home);
  const globalFiles: string[] = [];
  const userFiles: string[] = [];
  const name = platform === 'win32' ? 'pip.ini' : 'pip.conf';
  if (platform === 'win32') {
    globalFiles.push(p.join(env['PROGRAMDATA'] || 'C:\\ProgramData', 'pip', name));
    // Legacy `~\pip\pip.ini`, then the roaming application data folder (platformdirs asks
    // Windows for it; %APPDATA% names the same folder).
    userFiles.push(p.join(home, 'pip', name));
    userFiles.push(p.join(env['APPDATA'] || p.join(home, 'AppData', 'Roaming'), 'pip', name));
  } else if (platform === 'darwin') {
    globalFiles.push('/Library/Application Support/pip/pip.conf');
    userFiles.push(p.join(home, '.pip', name));
    // pip's _macos_user_config_dir: ~/Library/Application Support/pip when that directory exists,
    // else `~/.config/pip` — literally, XDG_CONFIG_HOME is not read on macOS (review 15a F14).
    const appSupport = p.join(home, 'Library', 'Application Support', 'pip');
    userFiles.push(
      (await io.isDirectory(appSupport)) ? p.join(appSupport, name) : p.join(home, '.config', 'pip', name),
    );
  } else {
    const dirs = (env['XDG_CONFIG_DIRS'] || '/etc/xdg').split(':').filter((d) => d !== '');
    for (const d of dirs) globalFiles.push(p.join(d, 'pip', name));
    globalFiles.push('/etc/pip.conf');
    userFiles.push(p.join(home, '.pip', name));
    userFiles.push(p.join(env['XDG_CONFIG_HOME'] || p.join(home, '.config'), 'pip', name));
  }
  // pip's `os.path.exists(PIP_CONFIG_FILE)` skips the user files: anything there counts, a
  // directory too (review 15a F6).
  const envFileExists =
    envFile !== undefined &&
    envFile !== '' &&
    (io.exists !== undefined ? await io.exists(envFile) : (await io.readFile(envFile)) !== undefined);
  const files = [...globalFiles];
  if (!io.isolated && !envFileExists && homeKnown) files.push(...userFiles);
  // The site file: `<sys.prefix>/pip.conf` of the interpreter pip runs as — the target
  // interpreter's when the shell probed it (review 15a F6), else an active virtual environment's.
  const sitePrefix = io.sitePrefix ?? (env['VIRTUAL_ENV'] || undefined);
  if (sitePrefix !== undefined) files.push(p.join(sitePrefix, name));
  if (envFile !== undefined && envFile !== '') files.push(envFile);
  return files;
}

/** pip's strtobool. */
function strtobool(text: string, what: string): boolean {
  const v = text.trim().toLowerCase();
  if (['y', 'yes', 't', 'true', 'on', '1'].includes(v)) return true;
  if (['n', 'no', 'f', 'false', 'off', '0'].includes(v)) return false;
  throw new FlowInputError(`${what}: ${JSON.stringify(text)} is not a valid value (use true or false)`);
}

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/_/g, '-').replace(/^--/, '');
}

/** Reads pip's configuration for the keys wheelhouse honours (see the module comment). */
export async function readPipConfig(io: PipConfigIo): Promise<PipConfig> {
  // section.key → { value, source }, later files overriding earlier ones.
  const merged = new Map<string, Sourced<string>>();
  const read: string[] = [];
  for (const file of await pipConfigFiles(io)) {
    const text = await io.readFile(file);
    if (text === undefined) continue;
    read.push(file);
    let doc;
    try {
      doc = parseIni(text);
    } catch (error) {
      if (error instanceof IniSyntaxError) {
        throw new FlowInputError(`${file}:${error.line}: pip configuration file: ${error.reason}`);
      }
      throw error;
    }
    for (const [section, entries] of doc) {
      for (const [key, value] of entries) {
        const k = normalizeKey(key);
        merged.set(`${section}.${k}`, { value, source: `${file} [${section}] ${k}` });
      }
    }
  }
  const binaryValues: NonNullable<PipConfig['binaryValues']> = [];
  for (const section of ['global', 'install']) {
    for (const [sectionKey, got] of merged) {
      const [sec, key] = [
        sectionKey.slice(0, sectionKey.indexOf('.')),
        sectionKey.slice(sectionKey.indexOf('.') + 1),
      ];
      if (sec !== section || (key !== 'only-binary' && key !== 'no-binary') || got.value.trim() === '')
        continue;
      binaryValues.push({ option: key, value: got.value.trim(), source: got.source });
    }
  }
  const effective = new Map<Key, Sourced<string>>();
  for (const section of ['global', 'install']) {
    for (const key of KEYS) {
      const got = merged.get(`${section}.${key}`);
      // pip ignores an empty value after merging the files ("Ignoring configuration key … as its
      // value is empty", pip's option parser): a later file's empty key still hides an earlier
      // file's value for that section, but an empty [install] key leaves [global]'s in force.
      if (got !== undefined && got.value.trim() !== '') effective.set(sameOption(key), got);
    }
  }
  if (!io.isolated) {
    for (const [name, value] of Object.entries(io.env)) {
      // An empty variable (an unset CI secret) is ignored as pip does: pip.conf's value stays.
      if (value === undefined || value === '' || !name.startsWith('PIP_')) continue;
      const key = normalizeKey(name.slice(4)) as Key;
      if (KEYS.includes(key)) effective.set(sameOption(key), { value, source: name });
      if (key === 'only-binary' || key === 'no-binary')
        binaryValues.push({ option: key, value: value.trim(), source: name });
    }
  }
  const refused: NonNullable<PipConfig['refused']> = [];
  const out: PipConfig = { files: read };
  const list = (s: Sourced<string>): Sourced<string[]> => ({
    value: s.value.split(/\s+/).filter((v) => v !== ''),
    source: s.source,
  });
  const flag = (s: Sourced<string>): Sourced<boolean> => ({
    value: strtobool(s.value, s.source),
    source: s.source,
  });
  const get = (k: Key) => effective.get(k);
  const indexUrl = get('index-url');
  if (indexUrl !== undefined && indexUrl.value.trim() !== '')
    out.indexUrl = { value: indexUrl.value.trim(), source: indexUrl.source };
  const extra = get('extra-index-url');
  if (extra !== undefined) out.extraIndexUrls = list(extra);
  const links = get('find-links');
  if (links !== undefined) out.findLinks = list(links);
  for (const [k, field] of [
    ['no-index', 'noIndex'],
    ['pre', 'pre'],
    ['prefer-binary', 'preferBinary'],
    ['require-hashes', 'requireHashes'],
    ['no-deps', 'noDeps'],
    ['require-virtualenv', 'requireVirtualenv'],
    ['break-system-packages', 'breakSystemPackages'],
  ] as const) {
    const v = get(k);
    if (v !== undefined) out[field] = flag(v);
  }
  const only = get('only-binary');
  if (only !== undefined) out.onlyBinary = { value: only.value.trim(), source: only.source };
  const no = get('no-binary');
  if (no !== undefined) out.noBinary = { value: no.value.trim(), source: no.source };
  const timeout = get('timeout');
  if (timeout !== undefined)
    out.timeoutSec = { value: seconds(timeout.value, timeout.source), source: timeout.source };
  const retries = get('retries');
  if (retries !== undefined) {
    if (!/^\s*\d+\s*$/.test(retries.value)) {
      throw new FlowInputError(`${retries.source}: ${JSON.stringify(retries.value)} is not a whole number`);
    }
    out.retries = { value: Number(retries.value.trim()), source: retries.source };
  }
  const noCacheDir = get('no-cache-dir');
  if (noCacheDir !== undefined) {
    // pip checks the value is a boolean and then turns the cache off whatever it says: a "false"
    // once disabled it, and pip keeps that for compatibility (pip's _handle_no_cache_dir).
    strtobool(noCacheDir.value, noCacheDir.source);
    out.noCacheDir = { value: true, source: noCacheDir.source };
  }
  const bar = get('progress-bar');
  if (bar !== undefined) {
    const value = bar.value.trim();
    if (value !== 'on' && value !== 'off' && value !== 'raw') {
      throw new FlowInputError(`${bar.source}: ${JSON.stringify(bar.value)} is not one of on, off, raw`);
    }
    out.progressBar = { value, source: bar.source };
  }
  for (const [k, field] of [
    ['cert', 'cert'],
    ['client-cert', 'clientCert'],
  ] as const) {
    const v = get(k);
    // An empty value is pip's default (no file), as for a path option given empty.
    if (v !== undefined && v.value.trim() !== '') out[field] = { value: v.value.trim(), source: v.source };
  }
  const constraint = get('constraint');
  if (constraint !== undefined) out.constraints = list(constraint);
  const trusted = get('trusted-host');
  if (trusted !== undefined) out.trustedHosts = list(trusted);
  for (const k of ['target', 'prefix', 'root', 'proxy'] as const) {
    const v = get(k);
    if (v !== undefined && v.value.trim() !== '')
      refused.push({ key: k, value: v.value.trim(), source: v.source, installOnly: k !== 'proxy' });
  }
  const user = get('user');
  if (user !== undefined && flag(user).value) refused.push({ key: 'user', ...user, installOnly: true });
  for (const k of UNHONOURED) {
    const v = get(k);
    if (v === undefined || v.value.trim() === '') continue;
    // A flag set false is pip's default: nothing to refuse.
    if (k === 'ignore-requires-python' && !flag(v).value) continue;
    refused.push({ key: k, value: v.value.trim(), source: v.source, installOnly: false });
  }
  if (refused.length > 0) out.refused = refused;
  if (binaryValues.length > 0) out.binaryValues = binaryValues;
  return out;
}

/** One key per pip option: pip's other long names of an option (`default-timeout` of `timeout`, …). */
const SAME_OPTION: Partial<Record<Key, Key>> = {
  'default-timeout': 'timeout',
  'require-venv': 'require-virtualenv',
  'pypi-url': 'index-url',
  'no-dependencies': 'no-deps',
};
function sameOption(key: Key): Key {
  return SAME_OPTION[key] ?? key;
}

/** pip's `type="float"` for `--timeout`; pip (urllib3) refuses a wait of 0 or less. */
function seconds(text: string, what: string): number {
  const n = text.trim() === '' ? NaN : Number(text.trim());
  if (!Number.isFinite(n) || n <= 0) {
    throw new FlowInputError(`${what}: ${JSON.stringify(text)} is not a positive number of seconds`);
  }
  return n;
}
