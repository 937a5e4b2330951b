/**
 * Package-finder options of a fetch or resolve: pip's configuration, then what the command line (or
 * the action's inputs) says, then what the requirement files say, in pip's order: a file's `-i`
 * replaces every index named before it (the command line's too), extra index URLs and find-links
 * accumulate, `--no-index` and `--pre` from any side turn on, and `--only-binary` / `--no-binary`
 * values are applied one after another — configuration, command line, files (pip's FormatControl,
 * see requirements-file-options.ts).
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { NamedIndex } from '../index/credentials.js';
import type { IndexStrategy } from '../index/index-client.js';
import { maskUserinfo } from '../index/redact.js';
import type { PipConfig } from './pip-config.js';
import {
  applyBinaryOption,
  emptyBinaryRule,
  type BinaryRule,
  type RequirementsFileOptions,
} from '../standards/requirements-file-options.js';

/** pip's default index (PEP 503 simple API of PyPI). */
export const DEFAULT_INDEX_URL = 'https://pypi.org/simple/';

export interface FinderOptions {
  /**
   * Index URLs given by the user (command line, action inputs) may be named: `NAME=URL` gives the
   * index a name for `WHEELHOUSE_INDEX_<NAME>_USERNAME/PASSWORD` credentials (docs/credentials.md).
   */
  indexUrl?: string;
  extraIndexUrls?: string[];
  findLinks?: string[];
  noIndex?: boolean;
  pre?: boolean;
  /** `--only-binary` values as given (`:all:`, `:none:`, comma-separated names). */
  onlyBinary?: string[];
  noBinary?: string[];
  /**
   * The command line's `--only-binary` / `--no-binary` values in argv order (pip runs their
   * callbacks in that order: review 15a F12); when given, used instead of the two lists above.
   */
  binaryValues?: { option: 'only-binary' | 'no-binary'; value: string }[];
  preferBinary?: boolean;
  indexStrategy?: IndexStrategy;
  /** pip's `--trusted-host` values of the command line: plain-http sources on these hosts are read (index/secure-origin.ts). */
  trustedHosts?: string[];
}

export interface EffectiveFinder {
  indexUrls: string[];
  findLinks: string[];
  pre: boolean;
  preferBinary: boolean;
  onlyBinary: BinaryRule;
  noBinary: BinaryRule;
  strategy: IndexStrategy;
  /** Names given as `NAME=URL`. */
  namedIndexes: NamedIndex[];
  /** Where the primary index came from (`--index-url`, `requirements.txt (-i)`, `PIP_INDEX_URL`, `pip's default`…), for the log. */
  indexSource: string;
}

export class FinderOptionsError extends Error {
  override name = 'FinderOptionsError';
}

/** Whether `url` can be an index URL: an http(s) or file URL (the schemes pip's finder reads). */
export function isIndexUrl(url: string): boolean {
  try {
    return /^(https?|file):$/.test(new URL(url).protocol);
  } catch {
    return false;
  }
}

function checkUrl(url: string, what: string): void {
  if (isIndexUrl(url)) return;
  // Never echo the value whole: it may carry a password; show it without userinfo, shortened.
  const shown = maskUserinfo(url).slice(0, 80);
  throw new FinderOptionsError(`${what} ${JSON.stringify(shown)} is not an http(s) or file URL`);
}

const NAMED = /^([A-Za-z][A-Za-z0-9_-]*)=(.+)$/;

/** `NAME=URL` → name and URL; a plain URL has no name. */
export function splitNamedIndex(text: string): { name?: string; url: string } {
  const m = NAMED.exec(text.trim());
  if (m === null || /^[a-z][a-z0-9+.-]*:/i.test(text.trim())) return { url: text.trim() };
  return { name: m[1] as string, url: m[2] as string };
}

/**
 * `configured` is pip's configuration (pip-config.ts): pip's defaults for its options, so anything
 * given explicitly wins over it — a command-line/input `--index-url` and a requirement file's `-i`
 * replace its index-url; its extra index URLs and find-links come before the given ones and the
 * files' (all are used); its only-binary/no-binary values apply before the given ones and the files'.
 */
export function effectiveFinder(
  files: RequirementsFileOptions,
  givenRaw: FinderOptions,
  configured?: PipConfig,
  /** Relative find-links paths are read from `cwd`; `~/…` from `home` when it exists there. */
  paths?: { cwd: string; home?: string | undefined },
): EffectiveFinder {
  const namedIndexes: NamedIndex[] = [];
  const unname = (text: string): string => {
    const { name, url } = splitNamedIndex(text);
    if (name !== undefined) namedIndexes.push({ name, url });
    return url;
  };
  const given: FinderOptions = {
    ...givenRaw,
    ...(givenRaw.indexUrl !== undefined ? { indexUrl: unname(givenRaw.indexUrl) } : {}),
    ...(givenRaw.extraIndexUrls !== undefined ? { extraIndexUrls: givenRaw.extraIndexUrls.map(unname) } : {}),
  };
  const onlyBinary: BinaryRule = emptyBinaryRule();
  const noBinary: BinaryRule = emptyBinaryRule();
  // pip's configuration: each only-/no-binary item applied in turn, [global] then [install] then
  // PIP_* (ConfigOptionParser._update_defaults runs the callbacks in that order: review 15a F2).
  const configuredValues =
    configured?.binaryValues ??
    [
      configured?.onlyBinary && { option: 'only-binary' as const, ...configured.onlyBinary },
      configured?.noBinary && { option: 'no-binary' as const, ...configured.noBinary },
    ].filter((v) => v !== undefined);
  for (const v of configuredValues) {
    const bad = applyBinaryOption(v.option, v.value, { onlyBinary, noBinary });
    if (bad.length > 0) {
      throw new FinderOptionsError(
        `${v.source}: ${bad.map((n) => JSON.stringify(n)).join(', ')} is not :all:, :none: or a project name`,
      );
    }
  }
  const invalid: string[] = [];
  const givenValues = given.binaryValues ?? [
    ...(given.onlyBinary ?? []).map((value) => ({ option: 'only-binary' as const, value })),
    ...(given.noBinary ?? []).map((value) => ({ option: 'no-binary' as const, value })),
  ];
  for (const v of givenValues)
    invalid.push(...applyBinaryOption(v.option, v.value, { onlyBinary, noBinary }));
  if (invalid.length > 0) {
    throw new FinderOptionsError(
      `--only-binary/--no-binary: ${invalid.map((n) => JSON.stringify(n)).join(', ')} ${invalid.length === 1 ? 'is not a valid project name' : 'are not valid project names'} (use :all:, :none: or names separated by commas)`,
    );
  }
  // pip parses the requirement files after its configuration and command line: their values
  // change the finder's format control last, one after another (checked with pip 23.2).
  for (const v of files.binaryValues) applyBinaryOption(v.option, v.value, { onlyBinary, noBinary });
  if (given.indexUrl !== undefined) checkUrl(given.indexUrl, '--index-url');
  for (const u of given.extraIndexUrls ?? []) checkUrl(u, '--extra-index-url');
  if (configured?.indexUrl !== undefined) checkUrl(configured.indexUrl.value, configured.indexUrl.source);
  for (const u of configured?.extraIndexUrls?.value ?? [])
    checkUrl(u, configured?.extraIndexUrls?.source ?? '');
  const noIndex = given.noIndex === true || files.noIndex || configured?.noIndex?.value === true;
  // pip's order: the configuration's values are the defaults the command line overrides (index) or
  // extends (extra indexes); the files come last — a file's `-i` replaces the whole list so far,
  // the command line's index and extra indexes included (req_file.py `handle_option_line`, checked
  // with pip 23.2: `--index-url A --extra-index-url B -r f` with `-i C` in f looks in C only).
  const primary: [string, string] =
    files.indexUrl !== undefined
      ? [files.indexUrl, 'a requirement file (-i)']
      : given.indexUrl !== undefined
        ? [given.indexUrl, '--index-url']
        : configured?.indexUrl !== undefined
          ? [configured.indexUrl.value, configured.indexUrl.source]
          : [DEFAULT_INDEX_URL, "pip's default"];
  const indexUrls = noIndex
    ? []
    : files.indexUrl !== undefined
      ? [files.indexUrl, ...files.extraIndexUrls]
      : [
          primary[0],
          ...(configured?.extraIndexUrls?.value ?? []),
          ...(given.extraIndexUrls ?? []),
          ...files.extraIndexUrls,
        ];
  const indexSource = noIndex
    ? `no index (--no-index${configured?.noIndex?.value === true ? ` from ${configured.noIndex.source}` : ''})`
    : primary[1];
  return {
    indexUrls: [...new Set(indexUrls)],
    findLinks: [
      ...new Set(
        [...(configured?.findLinks?.value ?? []), ...(given.findLinks ?? []), ...files.findLinks].map(
          (link) => (paths === undefined ? link : absoluteLocalLink(link, paths.cwd, paths.home)),
        ),
      ),
    ],
    pre: given.pre === true || files.pre || configured?.pre?.value === true,
    preferBinary:
      given.preferBinary === true || files.preferBinary || configured?.preferBinary?.value === true,
    indexSource,
    onlyBinary,
    noBinary,
    strategy: given.indexStrategy ?? 'first-index',
    namedIndexes,
  };
}

/**
 * A find-links location that is a relative path, read against the run's working directory (pip reads
 * it against its own); URLs and absolute paths as given. A value starting with `~` is the user's
 * home directory when that path exists, as pip's `SearchScope.create` does (`normalize_path`), else
 * a relative path. Made absolute once here so every reader — the finder (find-links.ts `toLocation`,
 * which takes only `scheme://` as a URL), the find-links stamps, a build's pip — sees one directory.
 */
export function absoluteLocalLink(link: string, cwd: string, home?: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(link) || isAbsolute(link)) return link;
  if (home !== undefined && home !== '' && /^~(\/|$)/.test(link)) {
    const expanded = resolvePath(home, link.slice(2));
    if (existsSync(expanded)) return expanded;
  }
  return resolvePath(cwd, link);
}
