/**
 * Command-line parsing of `wheelhouse resolve`, `wheelhouse fetch` and `wheelhouse install` (the
 * options themselves are listed in option-specs.ts). Option names and spellings follow pip's (`pip install --help`, optparse conventions): `-r FILE`, `-rFILE`, `--requirement
 * FILE`, `--requirement=FILE`; repeatable options collect every value; `--` ends options.
 * Unambiguous prefixes of long options are not accepted (unlike optparse): a typo must not silently
 * pick another option.
 */
import { registerUrlSecrets } from '../index/redact.js';
import { isTargetPythonVersion } from '../provider/target.js';
import { COMMANDS, OPTION_SPECS, type Command, type OptionSpec } from './option-specs.js';

export { COMMANDS, OPTION_SPECS, type Command, type OptionSpec } from './option-specs.js';

export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

export interface ParsedArgs {
  command: Command;
  requirements: string[];
  constraints: string[];
  extras: string[];
  allExtras: boolean;
  groups: string[];
  indexUrl?: string;
  extraIndexUrls: string[];
  findLinks: string[];
  /** `--trusted-host` values (pip's): hosts whose plain-http indexes / find-links are read. */
  trustedHosts: string[];
  noIndex: boolean;
  pre: boolean;
  isolated: boolean;
  onlyBinary: string[];
  noBinary: string[];
  /** Both options' values in argv order (pip applies them in that order: review 15a F12). */
  binaryValues: { option: 'only-binary' | 'no-binary'; value: string }[];
  preferBinary: boolean;
  pythonVersion?: string;
  platforms: string[];
  implementation?: 'cp' | 'pp';
  abis: string[];
  indexStrategy?: 'first-index' | 'unsafe-best-match';
  lock?: string;
  report?: string;
  pylock?: string;
  dest?: string;
  cacheDir?: string;
  noCache: boolean;
  /** The cache backend and S3 settings as given (validated with the environment in run.ts). */
  cacheBackend?: string;
  s3: { bucket?: string; prefix?: string; endpoint?: string; region?: string; forcePathStyle?: string };
  clean: boolean;
  cacheSuffix?: string;
  concurrency?: number;
  /** pip's `--timeout` (seconds to wait for a response to start). */
  timeoutSec?: number;
  /** pip's `--retries`: retries of one failed request. */
  retries?: number;
  /** pip's `--progress-bar` (off: no progress bar). */
  progressBar?: 'on' | 'off' | 'raw';
  requireHashes: boolean;
  noDeps: boolean;
  /** install: the interpreter (a path or a command on PATH). */
  python?: string;
  compile: boolean;
  reinstall: boolean;
  installer: 'native' | 'pip';
  breakSystemPackages: boolean;
  verbosity: 'quiet' | 'normal' | 'verbose';
}

export type CliRequest =
  | { kind: 'help'; command?: Command }
  /** No command at all: usage on stderr, exit 2 (a mistake, unlike an explicit --help). */
  | { kind: 'usage' }
  | { kind: 'version' }
  | { kind: 'run'; args: ParsedArgs };

/**
 * pip's `--python-version`: `3`, `3.12`, `3.12.4` or the compact `312`; answered as `3.X[.Y]`.
 * A bare major version cannot pick wheels, so it is refused.
 */
export function normalizePythonVersion(text: string): string {
  const t = text.trim();
  if (isTargetPythonVersion(t)) return t;
  const compact = /^3(\d{1,2})$/.exec(t);
  if (compact) return `3.${Number(compact[1])}`;
  throw new UsageError(
    `--python-version ${JSON.stringify(text)}: expected 3.X or 3.X.Y (e.g. 3.12), or pip's compact 312`,
  );
}

function findSpec(name: string, isShort: boolean): OptionSpec | undefined {
  return OPTION_SPECS.find((s) => (isShort ? s.short === name : s.long === name));
}

type Values = Map<string, string[]>;

/** Options whose values are URLs: their secrets are registered as read, before any usage error quotes them. */
const URL_OPTIONS = new Set(['index-url', 'extra-index-url', 'find-links']);

function record(values: Values, spec: OptionSpec, value: string, command: Command): void {
  // A usage error below quotes the value: its path token must already be a run secret (review 15a F16).
  if (URL_OPTIONS.has(spec.long)) registerUrlSecrets(value);
  const list = values.get(spec.long) ?? [];
  if (!spec.repeat && spec.value !== undefined && list.length > 0 && list[0] !== value) {
    throw new UsageError(
      `--${spec.long} given twice (${JSON.stringify(list[0])} and ${JSON.stringify(value)})`,
      command,
    );
  }
  list.push(value);
  values.set(spec.long, list);
  if (spec.long === 'only-binary' || spec.long === 'no-binary') {
    const order = values.get(BINARY_ORDER) ?? [];
    order.push(`${spec.long}=${value}`);
    values.set(BINARY_ORDER, order);
  }
}

/** The key under which `record` keeps `--only-binary` / `--no-binary` values in argv order. */
const BINARY_ORDER = '\0binary-order';

function parseOptions(command: Command, argv: string[]): Values {
  const values: Values = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      if (i + 1 < argv.length)
        throw new UsageError(`unexpected argument ${JSON.stringify(argv[i + 1])}`, command);
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let shown: string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      shown = `--${name}`;
      spec = findSpec(name, false);
    } else if (arg.startsWith('-') && arg.length > 1) {
      shown = arg.slice(0, 2);
      spec = findSpec(arg.slice(1, 2), true);
      if (arg.length > 2) inline = arg.slice(2);
      // `-qv` style groups of flags.
      if (spec !== undefined && spec.value === undefined && inline !== undefined) {
        for (const ch of arg.slice(1)) {
          const flag = findSpec(ch, true);
          if (flag === undefined || flag.value !== undefined) {
            throw new UsageError(`unknown option -${ch} in ${JSON.stringify(arg)}`, command);
          }
          record(values, flag, '', command);
        }
        continue;
      }
    } else {
      throw new UsageError(
        `unexpected argument ${JSON.stringify(arg)} (requirement files go after -r, e.g. -r ${arg})`,
        command,
      );
    }
    if (spec === undefined) throw new UsageError(`unknown option ${shown}`, command);
    if (spec.only !== undefined && !spec.only.includes(command)) {
      throw new UsageError(
        command === 'install' && spec.only.includes('fetch') && spec.only.includes('resolve')
          ? `--${spec.long} cannot be used with wheelhouse install: the target is the interpreter given with --python (as pip, which allows it only with --target or --dry-run)`
          : `--${spec.long} is an option of wheelhouse ${spec.only.join(' and ')}, not of wheelhouse ${command}`,
        command,
      );
    }
    if (spec.value === undefined) {
      if (inline !== undefined) throw new UsageError(`--${spec.long} takes no value`, command);
      record(values, spec, '', command);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new UsageError(`${shown} needs a value (${spec.value})`, command);
      }
      value = next;
      i++;
    }
    record(values, spec, value, command);
  }
  return values;
}

function one(values: Values, name: string): string | undefined {
  return values.get(name)?.[0];
}

function all(values: Values, name: string): string[] {
  return values.get(name) ?? [];
}

export function parseArgs(argv: string[]): CliRequest {
  const first = argv[0];
  if (first === undefined) return { kind: 'usage' };
  if (first === '--help' || first === '-h' || first === 'help') {
    const sub = argv[1];
    const known = COMMANDS.find((c) => c === sub);
    return known !== undefined ? { kind: 'help', command: known } : { kind: 'help' };
  }
  if (first === '--version' || first === '-V') return { kind: 'version' };
  const command = COMMANDS.find((c) => c === first);
  if (command === undefined) {
    throw new UsageError(`unknown command ${JSON.stringify(first)} (commands: ${COMMANDS.join(', ')})`);
  }
  const values = parseOptions(command, argv.slice(1));
  if (values.has('help')) return { kind: 'help', command };

  const requirements = all(values, 'requirement');
  if (requirements.length === 0) throw new UsageError('no requirement files given: use -r FILE', command);
  const dest = one(values, 'dest');
  if (command === 'fetch' && dest === undefined)
    throw new UsageError('wheelhouse fetch needs --dest DIR', command);
  if (values.has('quiet') && values.has('verbose'))
    throw new UsageError('--quiet and --verbose exclude each other', command);

  if (values.has('all-extras') && values.has('extra'))
    throw new UsageError('--all-extras and --extra exclude each other', command);
  for (const name of [...all(values, 'extra'), ...all(values, 'group')].flatMap((p) => p.split(','))) {
    if (name.trim() !== '' && !/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/.test(name.trim()))
      throw new UsageError(
        `--extra/--group ${JSON.stringify(name)}: not a valid extra or group name`,
        command,
      );
  }
  const implementation = one(values, 'implementation');
  if (implementation !== undefined && implementation !== 'cp' && implementation !== 'pp') {
    throw new UsageError(`--implementation ${JSON.stringify(implementation)}: expected cp or pp`, command);
  }
  const strategy = one(values, 'index-strategy');
  if (strategy !== undefined && strategy !== 'first-index' && strategy !== 'unsafe-best-match') {
    throw new UsageError(
      `--index-strategy ${JSON.stringify(strategy)}: expected first-index or unsafe-best-match`,
      command,
    );
  }
  const concurrencyText = one(values, 'concurrency');
  let concurrency: number | undefined;
  if (concurrencyText !== undefined) {
    concurrency = Number(concurrencyText);
    if (!/^\d+$/.test(concurrencyText) || concurrency < 1 || concurrency > 256) {
      throw new UsageError(
        `--concurrency ${JSON.stringify(concurrencyText)}: expected a whole number from 1 to 256`,
        command,
      );
    }
  }
  // pip's --timeout and --default-timeout are two names of one option.
  const timeoutText = one(values, 'timeout') ?? one(values, 'default-timeout');
  const otherTimeout = one(values, 'default-timeout');
  if (otherTimeout !== undefined && otherTimeout !== timeoutText) {
    throw new UsageError(
      `--timeout and --default-timeout given with different values (${JSON.stringify(timeoutText)} and ${JSON.stringify(otherTimeout)})`,
      command,
    );
  }
  let timeoutSec: number | undefined;
  if (timeoutText !== undefined) {
    timeoutSec = Number(timeoutText);
    // pip refuses 0 too (urllib3: a timeout must be above 0); WHEELHOUSE_HTTP_HEADERS_TIMEOUT=0 is the
    // way to wait without a limit.
    if (timeoutText.trim() === '' || !Number.isFinite(timeoutSec) || timeoutSec <= 0) {
      throw new UsageError(
        `--timeout ${JSON.stringify(timeoutText)}: expected a positive number of seconds`,
        command,
      );
    }
  }
  const retriesText = one(values, 'retries');
  let retries: number | undefined;
  if (retriesText !== undefined) {
    retries = Number(retriesText);
    if (!/^\d+$/.test(retriesText) || retries > 100) {
      throw new UsageError(
        `--retries ${JSON.stringify(retriesText)}: expected a whole number from 0 to 100`,
        command,
      );
    }
  }
  const progressBar = one(values, 'progress-bar');
  if (progressBar !== undefined && !['on', 'off', 'raw'].includes(progressBar)) {
    throw new UsageError(`--progress-bar ${JSON.stringify(progressBar)}: expected on, off or raw`, command);
  }
  const rootAction = one(values, 'root-user-action');
  if (rootAction !== undefined && rootAction !== 'warn' && rootAction !== 'ignore') {
    throw new UsageError(
      `--root-user-action ${JSON.stringify(rootAction)}: expected warn or ignore`,
      command,
    );
  }
  if (values.has('compile') && values.has('no-compile'))
    throw new UsageError('--compile and --no-compile exclude each other', command);
  const installer = one(values, 'installer') ?? 'native';
  if (installer !== 'native' && installer !== 'pip') {
    throw new UsageError(`--installer ${JSON.stringify(installer)}: expected native or pip`, command);
  }
  const python = one(values, 'python');
  if (python === '') throw new UsageError('--python needs a path or command', command);
  const pythonVersion = one(values, 'python-version');
  const args: ParsedArgs = {
    command,
    requirements,
    constraints: all(values, 'constraint'),
    extras: all(values, 'extra')
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    allExtras: values.has('all-extras'),
    groups: all(values, 'group')
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    extraIndexUrls: all(values, 'extra-index-url'),
    findLinks: all(values, 'find-links'),
    trustedHosts: all(values, 'trusted-host'),
    noIndex: values.has('no-index'),
    pre: values.has('pre'),
    isolated: values.has('isolated'),
    onlyBinary: all(values, 'only-binary'),
    noBinary: all(values, 'no-binary'),
    binaryValues: all(values, BINARY_ORDER).map((entry) => {
      const eq = entry.indexOf('=');
      return { option: entry.slice(0, eq) as 'only-binary' | 'no-binary', value: entry.slice(eq + 1) };
    }),
    preferBinary: values.has('prefer-binary'),
    platforms: all(values, 'platform')
      .flatMap((p) => p.split(','))
      .filter((p) => p !== ''),
    abis: all(values, 'abi')
      .flatMap((p) => p.split(','))
      .filter((p) => p !== ''),
    noCache: values.has('no-cache') || values.has('no-cache-dir'),
    s3: Object.fromEntries(
      Object.entries({
        bucket: one(values, 's3-bucket'),
        prefix: one(values, 's3-prefix'),
        endpoint: one(values, 's3-endpoint'),
        region: one(values, 's3-region'),
        forcePathStyle: values.has('s3-force-path-style') ? 'true' : undefined,
      }).filter(([, v]) => v !== undefined),
    ),
    clean: values.has('clean'),
    requireHashes: values.has('require-hashes'),
    noDeps: values.has('no-deps'),
    compile: values.has('compile'),
    reinstall: values.has('reinstall'),
    installer,
    breakSystemPackages: values.has('break-system-packages'),
    verbosity: values.has('quiet') ? 'quiet' : values.has('verbose') ? 'verbose' : 'normal',
  };
  const optional: Partial<ParsedArgs> = {
    indexUrl: one(values, 'index-url'),
    pythonVersion: pythonVersion === undefined ? undefined : normalizePythonVersion(pythonVersion),
    implementation: implementation as 'cp' | 'pp' | undefined,
    indexStrategy: strategy as ParsedArgs['indexStrategy'],
    lock: one(values, 'lock'),
    report: one(values, 'report'),
    pylock: one(values, 'pylock'),
    dest,
    cacheDir: one(values, 'cache-dir'),
    cacheBackend: one(values, 'cache-backend'),
    cacheSuffix: one(values, 'cache-suffix'),
    concurrency,
    ...(timeoutSec !== undefined ? { timeoutSec } : {}),
    ...(retries !== undefined ? { retries } : {}),
    progressBar: progressBar as ParsedArgs['progressBar'],
    python,
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined) (args as unknown as Record<string, unknown>)[k] = v;
  // `-` is stdout (run.ts): two documents there would be one unreadable stream (review 5 of s13).
  const toStdout = (['lock', 'report', 'pylock'] as const).filter((o) => optional[o] === '-');
  if (toStdout.length > 1)
    throw new UsageError(
      `only one of ${toStdout.map((o) => `--${o}`).join(', ')} can be "-" (stdout)`,
      command,
    );
  return { kind: 'run', args };
}
