/**
 * Distribution file names.
 *
 * Wheels — PEP 427 "File name convention" as maintained in the binary distribution format
 * specification (packaging.python.org/specifications/binary-distribution-format/, "File name
 * convention" and "Escaping and Unicode"):
 *   {distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl
 * The name has `-` escaped (runs of `-_.` written as `_`; consumers must also accept `.` and
 * uppercase), so a wheel name has exactly 5 or 6 `-`-separated parts. The build tag must start
 * with a digit and sorts as (leading integer, rest). Tag parts may be compressed tag sets
 * (PEP 425, `py2.py3`), expanded here into every triple. Checks follow
 * `packaging.utils.parse_wheel_filename`: `.whl` suffix, part count, name characters
 * `[A-Za-z0-9._]` without `__`, a PEP 440 version, a digit-led build tag.
 *
 * Source distributions — the source distribution format specification (PEP 625:
 * `{name}-{version}.tar.gz`) plus the legacy names pip still accepts from indexes: `.zip`
 * archives, unnormalized names (`Django-4.2.tar.gz`, `zope.interface-5.0.zip`) and names that
 * contain `-` (`python-dateutil-2.8.2.tar.gz`). Without a project name the version is what
 * follows the last `-` (as `packaging.utils.parse_sdist_filename`); given the project name the
 * split is after the first prefix that normalizes to it (as pip's link evaluation), so versions
 * written with `-` (`foo-1.0-1.tar.gz` → `1.0-1`, the PEP 440 post-release spelling) parse too.
 *
 * Not supported: other legacy archive formats pip can unpack (`.tar.bz2`, `.tbz`, `.tgz`, `.tar`,
 * `.tar.xz`, `.txz`, `.tlz`, `.tar.lz`, `.tar.lzma`) are rejected with that reason; versions that
 * are not PEP 440 (pre-PEP 440 "legacy" versions, which current pip also ignores) are rejected.
 * Deliberately stricter than packaging (tested in filenames-packaging.test.ts): non-ASCII
 * letters in wheel names (packaging's `\w` admits them), an empty project name and empty tag
 * items (`py3--any`, `py3.-none-any`) are rejected. `.egg` files are not distributions this
 * module knows. Inputs are bare file names, not paths or URLs.
 */
import { ownString } from '../util/own-string.js';
import { isValidName, normalizeName, type NormalizedName } from './names.js';
import { expandTagSet, type Tag } from './tag.js';
import { Version } from './version.js';

export { tagToString, type Tag } from './tag.js';

export interface WheelFilename {
  /** PEP 503 normalized project name. */
  name: NormalizedName;
  /** The name exactly as written in the file name (escaped form, e.g. `typing_extensions`). */
  rawName: string;
  /** The version as written (PEP 440 valid, not normalized). */
  version: string;
  /**
   * Optional build tag, `1` → `{ n: 1n, rest: '' }`, `2b` → `{ n: 2n, rest: 'b' }`. The number
   * is a bigint: pip compares it as a Python int, exactly, however many digits it has.
   */
  buildTag?: BuildTag;
  /** Every tag the wheel supports, expanded from compressed tag sets, lowercased, in written order. */
  tags: Tag[];
  /** The `.`-separated items of each tag part, as written. */
  pythonTags: string[];
  abiTags: string[];
  platformTags: string[];
}

export interface BuildTag {
  n: bigint;
  rest: string;
}

/**
 * Order of build tags as pip sorts wheels (`_sort_key`: `()` without a build tag, else the
 * tuple `(int(digits), rest)`): none first, then by number, then by the rest (Python string
 * order, i.e. by code point). Negative, zero or positive.
 */
export function compareBuildTags(a: BuildTag | undefined, b: BuildTag | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (a.n !== b.n) return a.n < b.n ? -1 : 1;
  const x = [...a.rest].map((c) => c.codePointAt(0)!);
  const y = [...b.rest].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export type SdistExtension = '.tar.gz' | '.zip';

export interface SdistFilename {
  /** PEP 503 normalized project name. */
  name: NormalizedName;
  /** The name as written. */
  rawName: string;
  /** The version as written (PEP 440 valid, not normalized). */
  version: string;
  ext: SdistExtension;
}

export class InvalidFilenameError extends Error {
  constructor(
    readonly input: string,
    readonly kind: 'wheel' | 'sdist',
    readonly reason: string,
  ) {
    super(`invalid ${kind} filename ${JSON.stringify(input)}: ${reason}`);
    this.name = 'InvalidFilenameError';
  }
}

const WHEEL_NAME = /^[A-Za-z0-9._]+$/;
const BUILD_TAG = /^([0-9]+)(.*)$/s;
const LEGACY_ARCHIVES = [
  '.tar.bz2',
  '.tbz',
  '.tgz',
  '.tar.xz',
  '.txz',
  '.tlz',
  '.tar.lz',
  '.tar.lzma',
  '.tar',
];

interface TagPart {
  readonly tags: Tag[];
  readonly pythonTags: string[];
  readonly abiTags: string[];
  readonly platformTags: string[];
}

/**
 * A project page lists thousands of wheels but only dozens of distinct tag parts (`cp311-cp311-
 * manylinux_2_17_x86_64.manylinux2014_x86_64`): each is split and expanded once and shared
 * (frozen) by every wheel name that has it. Bounded: cleared when full.
 */
const TAG_PARTS = new Map<string, TagPart>();
const TAG_PARTS_LIMIT = 4096;
/** The last wheel name normalized (a page's wheels all share it). */
let lastName: { raw: string; name: NormalizedName } = { raw: '', name: '' as NormalizedName };

function tagPartOf(py: string, abi: string, plat: string, fail: (reason: string) => never): TagPart {
  const text = `${py}-${abi}-${plat}`;
  const hit = TAG_PARTS.get(text);
  if (hit !== undefined) return hit;
  // The parts are usually slices of a project page's body: what the cache keeps is cut from a copy
  // (a kept slice would keep the whole body alive). No part holds "-".
  const key = ownString(text);
  [py, abi, plat] = key.split('-') as [string, string, string];
  const split = (label: string, text: string): string[] => {
    const items = text.split('.');
    if (items.some((item) => item === '')) fail(`empty item in ${label} tag ${JSON.stringify(text)}`);
    return Object.freeze(items) as string[];
  };
  const pythonTags = split('python', py);
  const abiTags = split('abi', abi);
  const platformTags = split('platform', plat);
  const tags = Object.freeze(
    expandTagSet(pythonTags, abiTags, platformTags).map((t) => Object.freeze(t)),
  ) as Tag[];
  const part: TagPart = { tags, pythonTags, abiTags, platformTags };
  if (TAG_PARTS.size >= TAG_PARTS_LIMIT) TAG_PARTS.clear();
  TAG_PARTS.set(key, part);
  return part;
}

/**
 * Where a `….whl` name's tag part starts: after its third-last "-" (-1 when it has fewer than
 * three, or one at the very start). Everything before that "-" is the head (name, version and
 * build tag). A plain loop: a page checks thousands of names.
 */
export function wheelTagPartStart(filename: string): number {
  let dashes = 0;
  for (let i = filename.length - 5; i > 0; i--) {
    if (filename.charCodeAt(i) === 45 && ++dashes === 3) return i + 1;
  }
  return -1;
}

/** Parses a wheel file name; throws InvalidFilenameError naming the failing part. */
export function parseWheelFilename(filename: string): WheelFilename {
  const fail = (reason: string): never => {
    throw new InvalidFilenameError(filename, 'wheel', reason);
  };
  if (!filename.endsWith('.whl')) fail('a wheel file name must end with ".whl"');
  const stem = filename.slice(0, -'.whl'.length);
  const parts = stem.split('-');
  if (parts.length !== 5 && parts.length !== 6) {
    fail(
      `expected 5 or 6 "-"-separated parts ({name}-{version}[-{build tag}]-{python tag}-{abi tag}-{platform tag}), found ${parts.length}`,
    );
  }
  const [rawName, version] = parts as [string, string];
  if (rawName === '') fail('the project name is empty');
  if (!WHEEL_NAME.test(rawName) || rawName.includes('__')) {
    fail(
      `invalid project name ${JSON.stringify(rawName)}: an escaped wheel name is ASCII letters, digits, "." and single "_"`,
    );
  }
  if (version === '') fail('the version is empty');
  if (Version.tryParse(version) === null)
    fail(`invalid version ${JSON.stringify(version)}: not a PEP 440 version`);

  let buildTag: WheelFilename['buildTag'];
  if (parts.length === 6) {
    const build = parts[2]!;
    const m = BUILD_TAG.exec(build);
    if (!m) fail(`invalid build tag ${JSON.stringify(build)}: a build tag must start with a digit`);
    buildTag = { n: BigInt(m![1]!), rest: m![2]! };
  }

  const [py, abi, plat] = parts.slice(-3) as [string, string, string];
  const tagPart = tagPartOf(py, abi, plat, fail);
  if (rawName !== lastName.raw) {
    const raw = ownString(rawName); // kept: not a slice of a page body
    lastName = { raw, name: normalizeName(raw) };
  }
  const result: WheelFilename = {
    name: lastName.name,
    rawName,
    version,
    tags: tagPart.tags,
    pythonTags: tagPart.pythonTags,
    abiTags: tagPart.abiTags,
    platformTags: tagPart.platformTags,
  };
  if (buildTag) result.buildTag = buildTag;
  return result;
}

/**
 * Parses a source distribution file name; `project` (any spelling) lets the name/version split
 * follow the known project name. Throws InvalidFilenameError naming the failing part.
 */
export function parseSdistFilename(filename: string, project?: string): SdistFilename {
  const fail = (reason: string): never => {
    throw new InvalidFilenameError(filename, 'sdist', reason);
  };
  let ext: SdistExtension | undefined;
  if (filename.endsWith('.tar.gz')) ext = '.tar.gz';
  else if (filename.endsWith('.zip')) ext = '.zip';
  if (ext === undefined) {
    const legacy = LEGACY_ARCHIVES.find((e) => filename.endsWith(e));
    if (legacy) fail(`legacy archive format "${legacy}" is not supported (only ".tar.gz" and ".zip")`);
    fail('a source distribution file name must end with ".tar.gz" or ".zip"');
  }
  const stem = filename.slice(0, -ext!.length);

  let sep = -1;
  if (project !== undefined) {
    const wanted = normalizeName(project);
    for (let i = stem.indexOf('-'); i !== -1; i = stem.indexOf('-', i + 1)) {
      if (normalizeName(stem.slice(0, i)) === wanted) {
        sep = i;
        break;
      }
    }
    if (sep === -1) fail(`the name part does not match project ${JSON.stringify(project)}`);
  } else {
    sep = stem.lastIndexOf('-');
    if (sep === -1) fail('no "-" separates the name from the version');
  }
  const rawName = stem.slice(0, sep);
  const version = stem.slice(sep + 1);
  if (rawName === '') fail('the project name is empty');
  if (!isValidName(rawName)) fail(`invalid project name ${JSON.stringify(rawName)}`);
  if (version === '') fail('the version is empty');
  if (Version.tryParse(version) === null)
    fail(`invalid version ${JSON.stringify(version)}: not a PEP 440 version`);
  return { name: normalizeName(rawName), rawName, version, ext: ext! };
}
