/**
 * The options of `wheelhouse resolve`, `fetch` and `install`: names, spellings, values and help
 * text, in the order `--help` lists them. Names follow pip's (`pip install --help`); which command
 * accepts which option is part of each entry. Parsed by args.ts; listed by help.ts.
 */

export type Command = 'resolve' | 'fetch' | 'install';

export const COMMANDS: readonly Command[] = ['resolve', 'fetch', 'install'];

/** Options of the commands that fill a wheelhouse. */
const FILLING: readonly Command[] = ['fetch', 'install'];
/**
 * Target options: like pip, which refuses `--python-version`, `--platform`, `--implementation` and
 * `--abi` for an install into an environment (only `--target` or `--dry-run` may use them), the
 * target of `install` is the interpreter it installs into.
 */
const NOT_INSTALL: readonly Command[] = ['resolve', 'fetch'];
const INSTALL: readonly Command[] = ['install'];

export interface OptionSpec {
  long: string;
  short?: string;
  /** Takes a value (else a flag). */
  value?: string;
  repeat?: boolean;
  /** The commands that accept it (default: all). */
  only?: readonly Command[];
  help: string;
}

export const OPTION_SPECS: readonly OptionSpec[] = [
  {
    long: 'requirement',
    short: 'r',
    value: 'FILE',
    repeat: true,
    help: 'Requirements file (pip format), pyproject.toml, uv.lock or pylock.toml; repeatable.',
  },
  { long: 'constraint', short: 'c', value: 'FILE', repeat: true, help: 'Constraints file; repeatable.' },
  {
    long: 'extra',
    value: 'NAME',
    repeat: true,
    help: 'Include this extra of a pyproject.toml or lock input (optional-dependencies); repeatable.',
  },
  { long: 'all-extras', help: 'Include every extra of the pyproject.toml or lock inputs.' },
  {
    long: 'group',
    value: 'NAME',
    repeat: true,
    help: 'Include this dependency group (PEP 735; uv.lock dev group); repeatable.',
  },
  {
    long: 'index-url',
    short: 'i',
    value: 'URL',
    help: 'Base URL of the primary index (default https://pypi.org/simple/).',
  },
  {
    long: 'extra-index-url',
    value: 'URL',
    repeat: true,
    help: 'Extra index URL, after --index-url; repeatable.',
  },
  {
    long: 'find-links',
    short: 'f',
    value: 'PATH',
    repeat: true,
    help: 'Directory or HTML page with distributions; repeatable.',
  },
  {
    long: 'trusted-host',
    value: 'HOST[:PORT]',
    repeat: true,
    help: 'Read plain-http indexes and find-links on this host (pip ignores them otherwise, as wheelhouse does; localhost and 127.0.0.0/8 need none); repeatable.',
  },
  { long: 'no-index', help: 'Ignore every index; use --find-links only.' },
  { long: 'pre', help: 'Allow pre-releases of every package.' },
  {
    long: 'isolated',
    help: "Ignore PIP_* variables and pip's user configuration file (as pip --isolated).",
  },
  {
    long: 'only-binary',
    value: 'X',
    repeat: true,
    help: ':all:, :none: or names that must come as wheels (default none: a version with only an sdist is built with the python on PATH).',
  },
  {
    long: 'no-binary',
    value: 'X',
    repeat: true,
    help: ':all:, :none: or names that must not come as wheels (their sdists are built).',
  },
  { long: 'prefer-binary', help: 'Prefer an older wheel over a newer sdist.' },
  {
    long: 'require-hashes',
    help: "pip's hash-checking mode: every requirement pinned with == and --hash, dependencies included.",
  },
  { long: 'no-deps', help: 'Take only the requirements named, not their dependencies (pip --no-deps).' },
  {
    long: 'python-version',
    value: '3.X[.Y]',
    only: NOT_INSTALL,
    help: 'Target Python (default: the python3 on PATH).',
  },
  {
    long: 'platform',
    value: 'TAG',
    repeat: true,
    only: NOT_INSTALL,
    help: 'Target platform tag, most preferred first (default: this machine).',
  },
  {
    long: 'implementation',
    value: 'cp|pp',
    only: NOT_INSTALL,
    help: 'Target Python implementation (default: the python3 on PATH, else cp).',
  },
  {
    long: 'abi',
    value: 'TAG',
    repeat: true,
    only: NOT_INSTALL,
    help: 'Target ABI tag; repeatable (default: derived from the target).',
  },
  {
    long: 'index-strategy',
    value: 'first-index|unsafe-best-match',
    help: 'How several indexes combine (default first-index).',
  },
  { long: 'lock', value: 'FILE', help: 'Write the hash-pinned lock (pip requirements format) here.' },
  { long: 'report', value: 'FILE', help: 'Write the JSON installation report (pip report v1) here.' },
  { long: 'pylock', value: 'FILE', help: 'Write a PEP 751 pylock.toml here.' },
  {
    long: 'dest',
    short: 'd',
    value: 'DIR',
    only: FILLING,
    help: 'The wheelhouse directory (fetch: required; install: default a directory in the cache directory).',
  },
  {
    long: 'cache-dir',
    value: 'DIR',
    only: FILLING,
    help: 'Local cache directory (default: the user cache directory).',
  },
  {
    long: 'no-cache',
    only: FILLING,
    help: 'Neither restore nor save a cache entry; install: no unpacked-wheel cache (every file written, none hard-linked).',
  },
  {
    long: 'cache-backend',
    value: 'local|s3',
    only: FILLING,
    help: 'Where the cache lives: local (the cache directory, default) or s3 (a bucket shared by a runner fleet; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN). Default $WHEELHOUSE_CACHE_BACKEND.',
  },
  { long: 's3-bucket', value: 'NAME', only: FILLING, help: 'S3 bucket (default $WHEELHOUSE_S3_BUCKET).' },
  {
    long: 's3-prefix',
    value: 'PREFIX',
    only: FILLING,
    help: 'Key prefix in the bucket (default $WHEELHOUSE_S3_PREFIX, else wheelhouse).',
  },
  {
    long: 's3-endpoint',
    value: 'URL',
    only: FILLING,
    help: 'S3-compatible endpoint (MinIO, Ceph, R2; default $WHEELHOUSE_S3_ENDPOINT, else AWS).',
  },
  {
    long: 's3-region',
    value: 'REGION',
    only: FILLING,
    help: 'Region (default $WHEELHOUSE_S3_REGION, $AWS_REGION, else us-east-1).',
  },
  {
    long: 's3-force-path-style',
    only: FILLING,
    help: 'Path-style URLs (endpoint/bucket/key); default $WHEELHOUSE_S3_FORCE_PATH_STYLE.',
  },
  {
    long: 'clean',
    only: FILLING,
    help: 'Delete everything in --dest when it holds files wheelhouse did not write (refused otherwise).',
  },
  { long: 'cache-suffix', value: 'TEXT', only: FILLING, help: 'Text added to the cache key.' },
  { long: 'concurrency', value: 'N', only: FILLING, help: 'Parallel connections per host (default 16).' },
  {
    long: 'timeout',
    value: 'SEC',
    help: "Seconds to wait for a server's response to start (pip's --timeout; default 8).",
  },
  { long: 'default-timeout', value: 'SEC', help: 'Same as --timeout (pip accepts both names).' },
  {
    long: 'python',
    value: 'PATH',
    only: INSTALL,
    help: 'Interpreter to install into; it also decides the target (default: $VIRTUAL_ENV, else python3 on PATH).',
  },
  { long: 'compile', only: INSTALL, help: 'Byte-compile the installed .py files (off by default).' },
  {
    long: 'reinstall',
    only: INSTALL,
    help: 'Reinstall distributions already installed at the same version.',
  },
  {
    long: 'installer',
    value: 'native|pip',
    only: INSTALL,
    help: "native (default), or pip: run the interpreter's pip on the wheelhouse and lock.",
  },
  {
    long: 'break-system-packages',
    only: INSTALL,
    help: 'Install into an externally managed Python (PEP 668) anyway.',
  },
  { long: 'quiet', short: 'q', help: 'Only warnings and errors on stderr.' },
  { long: 'verbose', short: 'v', help: 'Debug output on stderr.' },
  { long: 'help', short: 'h', help: 'Show this help.' },
  // pip's options that a pip command line carries, so it works unchanged (issue 9 §1).
  { long: 'retries', value: 'N', help: "Retries of a failed request (pip's --retries; default 4)." },
  { long: 'progress-bar', value: 'on|off|raw', help: "pip's: off shows no download progress." },
  { long: 'no-cache-dir', help: "pip's name for --no-cache." },
  {
    long: 'upgrade',
    short: 'U',
    only: INSTALL,
    help: "pip's: wheelhouse always installs the versions it resolved (the newest allowed).",
  },
  { long: 'no-compile', only: INSTALL, help: "pip's: nothing is byte-compiled unless --compile is given." },
  { long: 'disable-pip-version-check', help: "pip's; wheelhouse has no version check (no effect)." },
  {
    long: 'no-warn-script-location',
    only: INSTALL,
    help: "pip's; wheelhouse does not warn about the scripts directory (no effect).",
  },
  {
    long: 'root-user-action',
    value: 'warn|ignore',
    only: INSTALL,
    help: "pip's; wheelhouse does not warn when run as root (no effect).",
  },
];
