/**
 * Package-finder options of a fetch or resolve: what the command line (or the action's inputs)
 * says, merged over what the requirement files say, as pip does: a command-line `--index-url`
 * replaces the files' `-i`, extra index URLs and find-links accumulate (files first), `--no-index`
 * and `--pre` from either side turn on, and `--only-binary` / `--no-binary` values are applied
 * after the files' in the order given (pip's FormatControl, see requirements-file-options.ts).
 */
import type { NamedIndex } from '../index/credentials.js';
import type { IndexStrategy } from '../index/index-client.js';
import { maskUserinfo } from '../index/redact.js';
import {
  applyBinaryValue,
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
  preferBinary?: boolean;
  indexStrategy?: IndexStrategy;
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

export function effectiveFinder(files: RequirementsFileOptions, givenRaw: FinderOptions): EffectiveFinder {
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
  const onlyBinary: BinaryRule = { all: files.onlyBinary.all, names: [...files.onlyBinary.names] };
  const noBinary: BinaryRule = { all: files.noBinary.all, names: [...files.noBinary.names] };
  const invalid: string[] = [];
  for (const v of given.onlyBinary ?? []) invalid.push(...applyBinaryValue(v, onlyBinary, noBinary));
  for (const v of given.noBinary ?? []) invalid.push(...applyBinaryValue(v, noBinary, onlyBinary));
  if (invalid.length > 0) {
    throw new FinderOptionsError(
      `--only-binary/--no-binary: ${invalid.map((n) => JSON.stringify(n)).join(', ')} ${invalid.length === 1 ? 'is not a valid project name' : 'are not valid project names'} (use :all:, :none: or names separated by commas)`,
    );
  }
  if (given.indexUrl !== undefined) checkUrl(given.indexUrl, '--index-url');
  for (const u of given.extraIndexUrls ?? []) checkUrl(u, '--extra-index-url');
  const noIndex = given.noIndex === true || files.noIndex;
  const indexUrls = noIndex
    ? []
    : [
        given.indexUrl ?? files.indexUrl ?? DEFAULT_INDEX_URL,
        ...files.extraIndexUrls,
        ...(given.extraIndexUrls ?? []),
      ];
  return {
    indexUrls: [...new Set(indexUrls)],
    findLinks: [...new Set([...files.findLinks, ...(given.findLinks ?? [])])],
    pre: given.pre === true || files.pre,
    preferBinary: given.preferBinary === true || files.preferBinary,
    onlyBinary,
    noBinary,
    strategy: given.indexStrategy ?? 'first-index',
    namedIndexes,
  };
}
