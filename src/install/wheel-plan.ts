/**
 * What a wheel asks to install, validated before a byte is written (issue 9 §2–§3): the binary
 * distribution format ("Installing a wheel": Root-Is-Purelib decides purelib vs platlib for the
 * root, `{name}-{version}.data/<scheme>/…` go to their scheme paths, one `.dist-info` directory
 * matching the file name, every file listed in RECORD with a hash — which the spec lets installers
 * insist on — and RECORD sizes agreeing with the archive).
 *
 * Refused, naming the wheel and the entry: absolute paths, drive letters, backslashes, `..`
 * segments, NUL bytes and other control characters, symbolic links and other non-regular members, entries absent from RECORD
 * or without a usable hash, RECORD rows naming no entry (but RECORD and its signatures), sizes that disagree, a `.dist-info`/`.data` directory whose name or
 * version disagrees with the file name, unknown `.data` scheme keys, two entries landing on one
 * path, a destination with a segment in the installer's own `.wheelhouse-` namespace, and WHEEL
 * files of an unsupported major Wheel-Version.
 * pip 23.2 semantics mirrored: directory entries are skipped; `.data/scripts` files named like one
 * of the wheel's console/gui entry points (also with `.exe`, `-script.py`, `.pya`) are skipped,
 * their RECORD rows kept (pip/_internal/operations/install/wheel.py `is_entrypoint_wrapper`).
 */
import { parseWheelFilename } from '../standards/filenames.js';
import { Version } from '../standards/version.js';
import type { ZipEntry } from '../index/zip-directory.js';
import { parseEntryPoints, type EntryPoint } from './entry-points.js';
import {
  parseRecord,
  parseRecordHash,
  RecordFormatError,
  type ExpectedHash,
  type RecordRow,
} from './record.js';
import type { WheelArchive } from './wheel-archive.js';
import { WheelInstallError } from './wheel-install-error.js';

export { WheelInstallError };

export type SchemeKey = 'purelib' | 'platlib' | 'scripts' | 'headers' | 'data';
const SCHEME_KEYS = new Set<string>(['purelib', 'platlib', 'scripts', 'headers', 'data']);

export interface PlannedFile {
  entry: ZipEntry;
  /** Path in the archive (and in the wheel's RECORD). */
  archivePath: string;
  scheme: SchemeKey;
  /** `/`-separated path below the scheme directory, validated. */
  subpath: string;
  /** The RECORD hash (absent only for unlisted RECORD.jws / RECORD.p7s signatures). */
  expected?: ExpectedHash;
  /** The zip's UNIX mode has an execute bit (pip's `zip_item_is_executable`). */
  executable: boolean;
  /** A `.data/scripts` file: its `#!python` line is rewritten. */
  script: boolean;
}

export interface WheelPlan {
  name: string;
  version: string;
  /** `foo-1.0.dist-info` */
  distInfo: string;
  rootIsPurelib: boolean;
  files: PlannedFile[];
  /** The wheel's RECORD rows as written (pip keeps them, re-pointing installed paths). */
  recordRows: RecordRow[];
  entryPoints: EntryPoint[];
  /** Total uncompressed bytes to write. */
  bytes: number;
}

/** Caps for the small dist-info files read into memory. */
const MAX_RECORD = 64 * 1024 * 1024;
const MAX_SMALL_META = 8 * 1024 * 1024;
/** Files the installer itself writes; the wheel's copies are not installed. */
const GENERATED = new Set(['RECORD', 'INSTALLER', 'REQUESTED', 'direct_url.json']);
/** The prefix of every name the installer itself makes beside installed files. */
const RESERVED_PREFIX = '.wheelhouse-';
const UNHASHED_OK = new Set(['RECORD', 'RECORD.jws', 'RECORD.p7s']);

/**
 * Linux's PATH_MAX and NAME_MAX, in bytes: a longer path or name cannot be made below any
 * directory, so a member or RECORD path beyond them is refused while planning (review 14a F4: ZIP
 * names of up to 64 KiB made staging reserve tens of thousands of ancestors per member, and V8
 * hashes strings over 16,383 characters by length only, so path-keyed Maps became lists; pip
 * fails at its first makedirs with ENAMETOOLONG).
 */
const MAX_PATH_BYTES = 4096;
const MAX_NAME_BYTES = 255;

/** C0 controls (but NUL, named on its own) and DEL. */
const CONTROL = /[\x01-\x1f\x7f]/;

/** A safe relative path's segments, or a reason it is refused. */
function safeSegments(path: string): string[] | string {
  if (tooLong(path, MAX_PATH_BYTES)) return `is longer than ${MAX_PATH_BYTES} bytes`;
  if (path.includes('\0')) return 'contains a NUL byte';
  // pip 23.2 installs such names (review 17a F10) but records a `.py` with `\n` wrongly; none of
  // the 967 wheels of the local mirrors has one. Refused here, so the message says what is wrong.
  if (CONTROL.test(path)) return 'contains a control character';
  if (path.includes('\\')) return 'contains a backslash';
  if (path.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'starts with a drive letter';
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return 'contains a ".." segment';
  if (segments.length === 0) return 'is empty';
  if (segments.some((seg) => tooLong(seg, MAX_NAME_BYTES)))
    return `has a name longer than ${MAX_NAME_BYTES} bytes`;
  return segments;
}

/**
 * Whether `text` is longer than `max` bytes in UTF-8. A UTF-16 code unit is at most 3 bytes (a
 * surrogate pair, two units, is 4), so a string of at most max/3 units needs no count — nearly
 * every name — and Buffer.byteLength (a call into C++ per path and per segment) runs only for the
 * rest.
 */
function tooLong(text: string, max: number): boolean {
  if (text.length * 3 <= max) return false;
  return text.length > max || Buffer.byteLength(text) > max;
}

/**
 * Splits `<name>-<version>` (+ suffix) at a '-' whose prefix normalises to the wheel's name and
 * whose suffix parses as its version. The prefix is normalised as it grows (PEP 503: runs of
 * `-_.` become one `-`, lower case — compared with the ASCII name of a valid file name, so
 * lowering one code point at a time gives the same answer), and the scan stops once it is longer
 * than the name: a normalised prefix only grows. At most one '-' has a prefix equal to the name
 * (the next one's prefix ends with '-'), so the suffix is parsed at most once — linear in the stem
 * (review 1 of session 12: a prefix and a suffix parsed per '-' was quadratic).
 */
function matchesDist(stem: string, name: string, version: Version): boolean {
  let normalized = '';
  let inSeparators = false;
  for (let i = 0; i < stem.length && normalized.length <= name.length;) {
    const ch = String.fromCodePoint(stem.codePointAt(i) as number);
    if (ch === '-' && i > 0 && normalized === name) {
      const v = Version.tryParse(stem.slice(i + 1).replace(/_/g, '-'));
      if (v !== null && v.equals(version)) return true;
    }
    if (ch === '-' || ch === '_' || ch === '.') {
      if (!inSeparators) normalized += '-';
      inSeparators = true;
    } else {
      normalized += ch.toLowerCase();
      inSeparators = false;
    }
    i += ch.length;
  }
  return false;
}

function parseHeaders(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon > 0) out.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return out;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** A path as an error names it: a refused one can be 64 KiB long. */
function shown(path: string): string {
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/** Whether a segment of `segs` from `first` on starts with RESERVED_PREFIX (any case). */
function reserved(segs: readonly string[], first: number): boolean {
  for (let k = first; k < segs.length; k++) {
    const segment = segs[k] as string;
    // Only a segment that starts with '.' can (the prefix's lower case has no other case forms).
    if (segment.charCodeAt(0) === 0x2e && segment.toLowerCase().startsWith(RESERVED_PREFIX)) return true;
  }
  return false;
}

export async function planWheel(archive: WheelArchive, filename: string): Promise<WheelPlan> {
  const fail = (detail: string, entry?: string): never => {
    throw new WheelInstallError(filename, detail, entry);
  };
  const parsed = parseWheelFilename(filename);
  const version =
    Version.tryParse(parsed.version) ?? fail(`invalid version ${parsed.version} in the file name`);

  const byPath = new Map<string, ZipEntry>();
  const distInfos = new Set<string>();
  // Each entry's segments, checked once (in archive order) and used again below.
  const segmentsOf: string[][] = new Array<string[]>(archive.entries.length);
  for (const [i, entry] of archive.entries.entries()) {
    if (byPath.has(entry.name)) fail('the archive holds this name twice', entry.name);
    byPath.set(entry.name, entry);
    const segs = safeSegments(entry.name);
    if (typeof segs === 'string') return fail(`refused: the path ${segs}`, shown(entry.name));
    segmentsOf[i] = segs;
    const top = segs[0] as string;
    if (segs.length > 1 && top.endsWith('.dist-info')) distInfos.add(top);
  }
  if (distInfos.size !== 1) {
    fail(
      distInfos.size === 0
        ? 'no .dist-info directory'
        : `more than one .dist-info directory (${[...distInfos].join(', ')})`,
    );
  }
  const distInfo = [...distInfos][0] as string;
  const stem = distInfo.slice(0, -'.dist-info'.length);
  if (!matchesDist(stem, parsed.name, version)) {
    fail(
      `the .dist-info directory ${distInfo} does not match the file name (${parsed.name} ${parsed.version})`,
    );
  }
  const dataDir = `${stem}.data`;

  const readText = async (member: string, max: number): Promise<string | undefined> => {
    const entry = byPath.get(member);
    if (entry === undefined) return undefined;
    return decoder.decode(await archive.readMember(entry, max));
  };
  const wheelText = (await readText(`${distInfo}/WHEEL`, MAX_SMALL_META)) ?? fail(`no ${distInfo}/WHEEL`);
  const wheelMeta = parseHeaders(wheelText);
  const wheelVersion = wheelMeta.get('wheel-version') ?? fail('WHEEL has no Wheel-Version');
  if (!/^1(\.\d+)?$/.test(wheelVersion)) fail(`unsupported Wheel-Version ${wheelVersion}`);
  const rootIsPurelib = (wheelMeta.get('root-is-purelib') ?? '').toLowerCase() === 'true';

  const recordText = (await readText(`${distInfo}/RECORD`, MAX_RECORD)) ?? fail(`no ${distInfo}/RECORD`);
  let recordRows: RecordRow[];
  try {
    recordRows = parseRecord(recordText);
  } catch (error) {
    return fail(`unreadable RECORD: ${(error as Error).message}`);
  }
  for (const row of recordRows) {
    // Bounded before any Map is keyed by them (F4 above); the row's other checks come later.
    if (tooLong(row.path, MAX_PATH_BYTES))
      fail(`refused: a RECORD row's path is longer than ${MAX_PATH_BYTES} bytes`, shown(row.path));
  }
  const record = new Map(recordRows.map((r) => [r.path, r]));

  const entryPointsText = await readText(`${distInfo}/entry_points.txt`, MAX_SMALL_META);
  const entryPoints = entryPointsText === undefined ? [] : parseEntryPoints(entryPointsText);
  const wrapperNames = new Set(
    entryPoints.filter((e) => e.group === 'console_scripts' || e.group === 'gui_scripts').map((e) => e.name),
  );

  const files: PlannedFile[] = [];
  const destinations = new Map<string, string>();
  let bytes = 0;
  for (const [i, entry] of archive.entries.entries()) {
    const path = entry.name;
    if (path.endsWith('/')) continue; // directory entry: pip skips them
    const mode = (entry.externalAttributes ?? 0) >>> 16;
    const type = mode & 0o170000;
    if (mode !== 0 && type === 0o120000) fail('refused: symbolic link', path);
    if (mode !== 0 && type !== 0o100000 && type !== 0)
      fail(`refused: not a regular file (mode ${mode.toString(8)})`, path);
    const segs = segmentsOf[i] as string[];
    const top = segs[0] as string;
    const inDistInfo = top === distInfo;
    const baseName = segs[segs.length - 1] as string;
    if (inDistInfo && segs.length === 2 && baseName === 'RECORD') continue; // regenerated

    const row = record.get(path);
    if (row === undefined && !(inDistInfo && segs.length === 2 && UNHASHED_OK.has(baseName))) {
      fail('refused: the entry is not listed in RECORD', path);
    }
    let expected: ExpectedHash | undefined;
    if (row !== undefined && row.hash !== '') {
      try {
        expected = parseRecordHash(row.hash, path);
      } catch (error) {
        if (error instanceof RecordFormatError) fail(error.message, path);
        throw error;
      }
    } else if (!(inDistInfo && segs.length === 2 && UNHASHED_OK.has(baseName))) {
      fail('refused: RECORD lists the entry without a hash', path);
    }
    if (row !== undefined && row.size !== '' && Number(row.size) !== entry.uncompressedSize) {
      fail(`RECORD says ${row.size} bytes, the archive ${entry.uncompressedSize}`, path);
    }
    if (inDistInfo && segs.length === 2 && GENERATED.has(baseName)) continue;

    let scheme: SchemeKey;
    let subpath: string;
    /** Where the destination's segments start in `segs`. */
    let first = 0;
    let script = false;
    if (top.endsWith('.data') && segs.length > 1) {
      if (top !== dataDir) fail(`the .data directory ${top} does not match ${distInfo}`, path);
      const key = segs[1] as string;
      if (!SCHEME_KEYS.has(key) || segs.length < 3) {
        fail(
          `.data contents must be <scheme>/<path> with scheme one of ${[...SCHEME_KEYS].sort().join(', ')}`,
          path,
        );
      }
      scheme = key as SchemeKey;
      first = 2;
      subpath = segs.slice(2).join('/');
      if (scheme === 'scripts') {
        const lower = baseName.toLowerCase();
        const match = lower.endsWith('.exe')
          ? baseName.slice(0, -4)
          : lower.endsWith('-script.py')
            ? baseName.slice(0, -10)
            : lower.endsWith('.pya')
              ? baseName.slice(0, -4)
              : baseName;
        if (wrapperNames.has(match)) continue; // setuptools' own wrapper: pip generates its launcher
        script = true;
      }
    } else {
      scheme = rootIsPurelib ? 'purelib' : 'platlib';
      subpath = segs.join('/');
    }
    // The installer's own names (staging directories and their journals, EXDEV asides, probes):
    // a wheel placing one could plant a journal the next run's repair acts on (review 1 of
    // session 12). Any segment of the destination, so also through `.data/data/lib/…/site-packages`.
    if (reserved(segs, first))
      fail(`refused: a path segment starts with ${RESERVED_PREFIX}, reserved for the installer`, path);
    const key = `${scheme}:${subpath}`;
    const other = destinations.get(key);
    if (other !== undefined) fail(`installs to the same path as ${JSON.stringify(other)}`, path);
    destinations.set(key, path);
    const executable = mode !== 0 && type === 0o100000 && (mode & 0o111) !== 0;
    bytes += entry.uncompressedSize;
    files.push({
      entry,
      archivePath: path,
      scheme,
      subpath,
      ...(expected !== undefined ? { expected } : {}),
      executable,
      script,
    });
  }
  if (!record.has(`${distInfo}/METADATA`) || !byPath.has(`${distInfo}/METADATA`))
    fail(`no ${distInfo}/METADATA`);
  // A RECORD row naming no member of the archive would reach the installed RECORD, and the next
  // upgrade or uninstall would delete whatever is at that path — another distribution's module,
  // the environment's bin/python3 (review 17a F1). pip 23.2 and 26 keep such rows (deliberate
  // difference, docs/pip-agreement.md); only RECORD and its signatures may be listed unshipped.
  for (const row of recordRows) {
    if (byPath.has(row.path)) continue;
    const slash = row.path.indexOf('/');
    if (row.path.slice(0, slash) === distInfo && UNHASHED_OK.has(row.path.slice(slash + 1))) continue;
    fail('refused: RECORD lists this path but the wheel does not contain it', shown(row.path));
  }
  return {
    name: parsed.name,
    version: parsed.version,
    distInfo,
    rootIsPurelib,
    files,
    recordRows,
    entryPoints,
    bytes,
  };
}
