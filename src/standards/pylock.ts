/**
 * `pylock.toml` — PEP 751 (the PyPA "pylock.toml Specification"), lock-version 1.x: top-level
 * `lock-version`, `environments`, `requires-python`, `extras`, `dependency-groups`,
 * `default-groups`, and `[[packages]]` with `name`, `version`, `marker`, `requires-python` and one
 * source: `vcs`, `directory`, `archive`, or `sdist` and/or `wheels` (each file: `name`, `url` or
 * `path`, `size`, `hashes`).
 *
 * Selection follows the specification's installer steps: refuse an unsupported major lock-version;
 * check `requires-python` and, when given, that one of `environments` holds for the target; the
 * extras asked for must be listed in `extras`, the groups in `dependency-groups` (none asked: the
 * `default-groups`); a package applies when its `marker` holds with the `extras` and
 * `dependency_groups` marker sets (marker-evaluation.ts) and its `requires-python` admits the
 * target; two applying packages of one name are an error. Packages are not walked through
 * `dependencies` (the specification makes the marker decisive).
 * Not supported: `vcs` packages and files given only by a local `path` (errors naming the package).
 */
import { LockFileError, filenameOfUrl, type LockedFile } from './lock-files.js';
import type { MarkerEnvironment } from './environment.js';
import { InvalidMarkerError, parseMarker } from './markers.js';
import { evaluateMarker } from './marker-evaluation.js';
import { normalizeName, type NormalizedName } from './names.js';
import { isTable, type TomlTable } from './pyproject.js';

export interface PylockPackage {
  name: NormalizedName;
  version?: string;
  requiresPython?: string;
  source:
    /** `direct`: from `packages.archive`, a direct reference to an archive file (PEP 751). */
    | { kind: 'files'; wheels: LockedFile[]; sdist?: LockedFile; direct?: true }
    | { kind: 'directory'; path: string; editable: boolean }
    | { kind: 'unsupported'; reason: string };
}

export interface PylockSelectionOptions {
  markers: MarkerEnvironment;
  /** Does the target's Python satisfy this requires-python? */
  pythonAllows: (requiresPython: string) => boolean;
  extras: string[];
  allExtras: boolean;
  groups: string[];
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function evaluate(
  file: string,
  where: string,
  text: string,
  o: PylockSelectionOptions,
  sets?: Parameters<typeof evaluateMarker>[3],
): boolean {
  try {
    return evaluateMarker(parseMarker(text, { lockMarkers: true }), o.markers, undefined, sets);
  } catch (error) {
    if (error instanceof InvalidMarkerError) throw new LockFileError(file, `${where}: ${error.message}`);
    throw error;
  }
}

function readFile(
  file: string,
  where: string,
  v: unknown,
  kind: 'wheel' | 'sdist' | 'archive',
): LockedFile | string {
  if (!isTable(v)) throw new LockFileError(file, `${where}: must be a table`);
  const url = typeof v['url'] === 'string' ? v['url'] : undefined;
  if (url === undefined) return `${where} has no url (local file paths are not supported)`;
  // PEP 751 `packages.archive.subdirectory` (PEP 610): the project lives in that directory of the
  // archive; wheelhouse builds an archive's root only, so it is refused by name, never built from
  // the root (review 15c F12).
  if (v['subdirectory'] !== undefined) {
    return `${where}: subdirectory ${JSON.stringify(v['subdirectory'])} is not supported (wheelhouse builds an archive's root only)`;
  }
  let filename: string;
  try {
    filename = typeof v['name'] === 'string' ? v['name'] : filenameOfUrl(url);
  } catch {
    throw new LockFileError(file, `${where}: url ${JSON.stringify(url)} is not a URL`);
  }
  const hashes: Record<string, string> = {};
  if (isTable(v['hashes'])) {
    for (const [algo, hex] of Object.entries(v['hashes']))
      if (typeof hex === 'string') hashes[algo.toLowerCase()] = hex.toLowerCase();
  }
  if (hashes['sha256'] === undefined || !/^[0-9a-f]{64}$/.test(hashes['sha256'])) {
    throw new LockFileError(
      file,
      `${where}: has no sha256 in hashes (wheelhouse checks every file by sha256)`,
    );
  }
  const size = v['size'];
  return {
    filename,
    url,
    hashes,
    ...(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? { size } : {}),
    kind: kind === 'archive' ? (filename.toLowerCase().endsWith('.whl') ? 'wheel' : 'sdist') : kind,
  };
}

function readPackage(file: string, p: unknown, i: number): PylockPackage & { marker?: string } {
  if (!isTable(p) || typeof p['name'] !== 'string')
    throw new LockFileError(file, `packages[${i}]: must be a table with a name`);
  const name = normalizeName(p['name']);
  const where = `package ${name}`;
  const base = {
    name,
    ...(typeof p['version'] === 'string' ? { version: p['version'] } : {}),
    ...(typeof p['requires-python'] === 'string' ? { requiresPython: p['requires-python'] } : {}),
    ...(typeof p['marker'] === 'string' ? { marker: p['marker'] } : {}),
  };
  if (p['vcs'] !== undefined) return { ...base, source: { kind: 'unsupported', reason: 'is a vcs package' } };
  if (p['directory'] !== undefined) {
    const d = p['directory'];
    if (!isTable(d) || typeof d['path'] !== 'string')
      throw new LockFileError(file, `${where}: directory: needs a path`);
    return { ...base, source: { kind: 'directory', path: d['path'], editable: d['editable'] === true } };
  }
  const problems: string[] = [];
  const take = (v: unknown, at: string, kind: 'wheel' | 'sdist' | 'archive'): LockedFile | undefined => {
    const f = readFile(file, `${where}: ${at}`, v, kind);
    if (typeof f === 'string') {
      problems.push(f);
      return undefined;
    }
    return f;
  };
  if (p['archive'] !== undefined) {
    const a = take(p['archive'], 'archive', 'archive');
    if (a === undefined) return { ...base, source: { kind: 'unsupported', reason: problems.join('; ') } };
    return {
      ...base,
      source: {
        kind: 'files',
        wheels: a.kind === 'wheel' ? [a] : [],
        ...(a.kind === 'sdist' ? { sdist: a } : {}),
        direct: true,
      },
    };
  }
  const wheelsValue = p['wheels'] ?? [];
  if (!Array.isArray(wheelsValue)) throw new LockFileError(file, `${where}: wheels: must be an array`);
  const wheels = wheelsValue
    .map((w: unknown, k) => take(w, `wheels[${k}]`, 'wheel'))
    .filter((w): w is LockedFile => w !== undefined);
  const sdist = p['sdist'] === undefined ? undefined : take(p['sdist'], 'sdist', 'sdist');
  if (wheels.length === 0 && sdist === undefined) {
    return {
      ...base,
      source: {
        kind: 'unsupported',
        reason:
          problems.length > 0
            ? problems.join('; ')
            : 'has no source (no wheels, sdist, archive or directory)',
      },
    };
  }
  return { ...base, source: { kind: 'files', wheels, ...(sdist !== undefined ? { sdist } : {}) } };
}

/** Reads and selects in one step: the packages of `doc` that apply to the target. */
export function selectPylock(doc: TomlTable, file: string, o: PylockSelectionOptions): PylockPackage[] {
  const version = doc['lock-version'];
  if (typeof version !== 'string' || !/^\d+(\.\d+)*$/.test(version)) {
    throw new LockFileError(
      file,
      `lock-version ${JSON.stringify(version ?? null)} is missing or not a version`,
    );
  }
  if (version.split('.')[0] !== '1') {
    throw new LockFileError(
      file,
      `unsupported lock-version ${JSON.stringify(version)} (wheelhouse reads 1.x)`,
    );
  }
  const rp = doc['requires-python'];
  if (typeof rp === 'string' && !o.pythonAllows(rp)) {
    throw new LockFileError(file, `requires-python ${JSON.stringify(rp)} excludes the target's Python`);
  }
  const environments = strings(doc['environments']);
  if (environments.length > 0 && !environments.some((e, i) => evaluate(file, `environments[${i}]`, e, o))) {
    throw new LockFileError(file, `none of its environments (${environments.join(' | ')}) is the target`);
  }
  const declaredExtras = strings(doc['extras']).map(normalizeName);
  const declaredGroups = strings(doc['dependency-groups']).map(normalizeName);
  const extras = o.allExtras ? declaredExtras : o.extras.map(normalizeName);
  for (const e of extras) {
    if (!declaredExtras.includes(e)) {
      throw new LockFileError(
        file,
        `--extra ${e}: not in the lock's extras (${declaredExtras.join(', ') || 'none'})`,
      );
    }
  }
  const groups =
    o.groups.length > 0 ? o.groups.map(normalizeName) : strings(doc['default-groups']).map(normalizeName);
  for (const g of o.groups.map(normalizeName)) {
    if (!declaredGroups.includes(g)) {
      throw new LockFileError(
        file,
        `--group ${g}: not in the lock's dependency-groups (${declaredGroups.join(', ') || 'none'})`,
      );
    }
  }
  const sets = { extras: new Set(extras), dependency_groups: new Set(groups) };
  const list = doc['packages'] ?? [];
  if (!Array.isArray(list)) throw new LockFileError(file, 'packages: must be an array of tables');
  const chosen = new Map<NormalizedName, PylockPackage>();
  list.forEach((raw: unknown, i) => {
    const { marker, ...pkg } = readPackage(file, raw, i);
    if (marker !== undefined && !evaluate(file, `package ${pkg.name}: marker`, marker, o, sets)) return;
    if (pkg.requiresPython !== undefined && !o.pythonAllows(pkg.requiresPython)) return;
    if (chosen.has(pkg.name)) {
      throw new LockFileError(
        file,
        `package ${pkg.name}: two entries apply to the target (their markers overlap)`,
      );
    }
    chosen.set(pkg.name, pkg);
  });
  return [...chosen.values()];
}
