/**
 * uv's lock file, `uv.lock`, format version 1 (uv's "Lockfile" documentation and the file layout uv
 * 0.5–0.9 writes, revisions 1–3): top-level `version`, `requires-python`, `[manifest] members`, and
 * `[[package]]` tables with `name`, `version`, `source` (`registry`, `url`, `path`, `directory`,
 * `editable`, `virtual` or `git`), `dependencies` (`{name, version?, source?, marker?, extra?}`),
 * `[package.optional-dependencies]` (extra → dependencies), `[package.dev-dependencies]` (group →
 * dependencies, PEP 735 groups), `sdist` and `wheels` (`url`, `hash = "sha256:…"`, `size`).
 *
 * Selection for one target, the way `uv sync --locked` installs: start at the workspace root
 * (the package whose source is the lock's own directory, `editable`/`virtual`/`directory` = "."), or
 * at every `[manifest] members` package when the root is not a project; add the root's extras and
 * groups asked for; follow dependencies whose marker holds for the target (uv's conflict markers,
 * `extra == 'extra-N-<package>-<extra>'` / `group-N-…`, hold for the extras and groups selected);
 * a dependency naming a version/source picks that entry among same-named ones. Groups are only
 * those asked for (`uv sync` adds `dev` by default; here it must be asked, like `uv export
 * --no-default-groups`).
 * Not supported: `git` and `path` sources and files given only by a local `path` (errors naming
 * the package); lock versions other than 1 (an error).
 */
import { LockFileError, filenameOfUrl, type LockedFile } from './lock-files.js';
import { InvalidMarkerError, parseMarker, type Marker } from './markers.js';
import { evaluateMarkerWithActiveExtras } from './marker-evaluation.js';
import type { MarkerEnvironment } from './environment.js';
import { normalizeName, type NormalizedName } from './names.js';
import { isTable, type TomlTable } from './pyproject.js';

export interface UvDependency {
  name: NormalizedName;
  version?: string;
  source?: string;
  marker?: Marker;
  extras: string[];
}

export type UvSourceKind = 'registry' | 'url' | 'path' | 'directory' | 'editable' | 'virtual' | 'git';

export interface UvPackage {
  name: NormalizedName;
  version?: string;
  source: { kind: UvSourceKind; value: string };
  dependencies: UvDependency[];
  optional: Map<string, UvDependency[]>;
  groups: Map<string, UvDependency[]>;
  sdist?: LockedFile;
  wheels: LockedFile[];
  /** Where the file problem was, for messages. */
  fileProblem?: string;
}

export interface UvLock {
  file: string;
  version: number;
  requiresPython?: string;
  members: NormalizedName[];
  packages: UvPackage[];
}

const SOURCE_KINDS: readonly UvSourceKind[] = [
  'registry',
  'url',
  'path',
  'directory',
  'editable',
  'virtual',
  'git',
];

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function readUvLock(doc: TomlTable, file: string): UvLock {
  const version = doc['version'];
  if (version !== 1) {
    throw new LockFileError(
      file,
      `unsupported uv.lock version ${JSON.stringify(version ?? null)} (wheelhouse reads version 1)`,
    );
  }
  const manifest = isTable(doc['manifest']) ? doc['manifest'] : {};
  const members = Array.isArray(manifest['members'])
    ? manifest['members'].filter((m): m is string => typeof m === 'string').map(normalizeName)
    : [];
  const list = doc['package'] ?? [];
  if (!Array.isArray(list)) throw new LockFileError(file, 'package: must be an array of tables');
  const packages = list.map((p: unknown, i) => readPackage(file, p, i));
  const requiresPython = str(doc['requires-python']);
  return { file, version, ...(requiresPython !== undefined ? { requiresPython } : {}), members, packages };
}

function readPackage(file: string, p: unknown, i: number): UvPackage {
  if (!isTable(p)) throw new LockFileError(file, `package[${i}]: must be a table`);
  const rawName = str(p['name']);
  if (rawName === undefined) throw new LockFileError(file, `package[${i}]: has no name`);
  const name = normalizeName(rawName);
  const where = `package ${name}`;
  const sourceTable = isTable(p['source']) ? p['source'] : undefined;
  const kind = SOURCE_KINDS.find((k) => sourceTable !== undefined && typeof sourceTable[k] === 'string');
  if (sourceTable === undefined || kind === undefined)
    throw new LockFileError(file, `${where}: has no known source`);
  const deps = (v: unknown, key: string): UvDependency[] => readDependencies(file, `${where}: ${key}`, v);
  const tableOfDeps = (v: unknown, key: string): Map<string, UvDependency[]> => {
    const out = new Map<string, UvDependency[]>();
    if (v === undefined) return out;
    if (!isTable(v)) throw new LockFileError(file, `${where}: ${key}: must be a table`);
    for (const [k, list] of Object.entries(v)) out.set(normalizeName(k), deps(list, `${key}.${k}`));
    return out;
  };
  const version = str(p['version']);
  const out: UvPackage = {
    name,
    ...(version !== undefined ? { version } : {}),
    source: { kind, value: sourceTable[kind] as string },
    dependencies: deps(p['dependencies'], 'dependencies'),
    optional: tableOfDeps(p['optional-dependencies'], 'optional-dependencies'),
    groups: tableOfDeps(p['dev-dependencies'], 'dev-dependencies'),
    wheels: [],
  };
  const fileOf = (v: unknown, kindOf: 'wheel' | 'sdist', key: string): LockedFile | undefined => {
    if (!isTable(v)) throw new LockFileError(file, `${where}: ${key}: must be a table`);
    const url = str(v['url']);
    if (url === undefined) {
      out.fileProblem ??= `${key} has no url (local file paths are not supported)`;
      return undefined;
    }
    const hash = str(v['hash']);
    const m = hash === undefined ? null : /^(sha256|sha384|sha512):([0-9a-fA-F]+)$/.exec(hash);
    if (m === null)
      throw new LockFileError(file, `${where}: ${key}: hash ${JSON.stringify(hash ?? null)} is not ALGO:HEX`);
    let filename: string;
    try {
      filename = str(v['filename']) ?? filenameOfUrl(url);
    } catch {
      throw new LockFileError(file, `${where}: ${key}: url ${JSON.stringify(url)} is not a URL`);
    }
    const size = v['size'];
    return {
      filename,
      url,
      hashes: { [m[1] as string]: (m[2] as string).toLowerCase() },
      ...(typeof size === 'number' && Number.isSafeInteger(size) && size >= 0 ? { size } : {}),
      kind: kindOf,
    };
  };
  if (p['sdist'] !== undefined) {
    const sdist = fileOf(p['sdist'], 'sdist', 'sdist');
    if (sdist !== undefined) out.sdist = sdist;
  }
  const wheels = p['wheels'] ?? [];
  if (!Array.isArray(wheels)) throw new LockFileError(file, `${where}: wheels: must be an array`);
  wheels.forEach((w: unknown, k) => {
    const f = fileOf(w, 'wheel', `wheels[${k}]`);
    if (f !== undefined) out.wheels.push(f);
  });
  // `source = { url = …, subdirectory = … }`: the project is built from that directory of the
  // archive (PEP 610 `subdirectory`); wheelhouse builds an archive's root only, so such a source
  // is refused by name when selected, never built from the root (review 15c F12).
  const subdirectory = sourceTable['subdirectory'];
  if (subdirectory !== undefined) {
    out.wheels = [];
    delete out.sdist;
    out.fileProblem = `source subdirectory ${JSON.stringify(subdirectory)} is not supported (wheelhouse builds an archive's root only)`;
  }
  return out;
}

function readDependencies(file: string, where: string, v: unknown): UvDependency[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new LockFileError(file, `${where}: must be an array`);
  return v.map((d: unknown, i) => {
    if (!isTable(d) || typeof d['name'] !== 'string') {
      throw new LockFileError(file, `${where}[${i}]: must be a table with a name`);
    }
    const out: UvDependency = { name: normalizeName(d['name']), extras: [] };
    const version = str(d['version']);
    if (version !== undefined) out.version = version;
    if (isTable(d['source'])) out.source = sourceKey(d['source']);
    const marker = str(d['marker']);
    if (marker !== undefined) {
      try {
        out.marker = parseMarker(marker);
      } catch (error) {
        if (error instanceof InvalidMarkerError) {
          throw new LockFileError(file, `${where}[${i}]: ${error.message}`);
        }
        throw error;
      }
    }
    const extra = d['extra'];
    if (Array.isArray(extra))
      out.extras = extra.filter((e): e is string => typeof e === 'string').map(normalizeName);
    return out;
  });
}

function sourceKey(t: TomlTable): string {
  const kind = SOURCE_KINDS.find((k) => typeof t[k] === 'string');
  return kind === undefined ? '' : `${kind}=${t[kind] as string}`;
}

export interface UvSelectionOptions {
  markers: MarkerEnvironment;
  extras: string[];
  allExtras: boolean;
  groups: string[];
}

export interface UvSelected {
  pkg: UvPackage;
  extras: Set<string>;
  /** A dependency of a root (or a root itself). */
  requested: boolean;
  root: boolean;
}

/** Stands for "any version" / "any source" in an entry key (no string is a number). */
const ANY = 0 as const;
const entryKey = (name: string, version: string | typeof ANY, source: string | typeof ANY): string =>
  JSON.stringify([name, version, source]);

/**
 * The entries a dependency `{name, version?, source?}` can name, under every key it may use (its
 * version or any, its source or any): one lookup per dependency, built in time linear in the
 * entries — the list copied per entry and filtered per dependency was quadratic in the entries of
 * one name (review 15c F8: 40,000 of them took 19 s).
 */
function indexEntries(packages: readonly UvPackage[]): Map<string, UvPackage[]> {
  const index = new Map<string, UvPackage[]>();
  for (const p of packages) {
    const source = `${p.source.kind}=${p.source.value}`;
    for (const version of p.version === undefined ? [ANY] : [ANY, p.version])
      for (const s of [ANY, source]) {
        const key = entryKey(p.name, version, s);
        const list = index.get(key);
        if (list === undefined) index.set(key, [p]);
        else list.push(p);
      }
  }
  return index;
}

const keyOf = (p: UvPackage): string => `${p.name} ${p.version ?? ''} ${p.source.kind}=${p.source.value}`;

/** The packages of `lock` a target installs (roots included; files are chosen by the caller). */
export function selectUvLock(lock: UvLock, o: UvSelectionOptions): UvSelected[] {
  const entries = indexEntries(lock.packages);
  const isLocal = (p: UvPackage): boolean =>
    p.source.kind === 'editable' || p.source.kind === 'virtual' || p.source.kind === 'directory';
  let roots = lock.packages.filter((p) => isLocal(p) && p.source.value === '.');
  if (roots.length === 0) roots = lock.packages.filter((p) => lock.members.includes(p.name) && isLocal(p));
  if (roots.length === 0) {
    throw new LockFileError(
      lock.file,
      'has no project at "." and no workspace members: nothing to select from',
    );
  }

  const rootExtras = new Map<UvPackage, string[]>();
  const conflictItems: string[] = [];
  for (const extra of o.extras.map(normalizeName)) {
    const having = roots.filter((r) => r.optional.has(extra));
    if (having.length === 0) {
      const known = [...new Set(roots.flatMap((r) => [...r.optional.keys()]))];
      throw new LockFileError(
        lock.file,
        `--extra ${extra}: no root of the lock (${roots.map((r) => r.name).join(', ')}) has this extra (extras: ${known.join(', ') || 'none'})`,
      );
    }
    for (const r of having) rootExtras.set(r, [...(rootExtras.get(r) ?? []), extra]);
  }
  if (o.allExtras) for (const r of roots) rootExtras.set(r, [...r.optional.keys()]);
  const groups = o.groups.map(normalizeName);
  for (const g of groups) {
    if (!roots.some((r) => r.groups.has(g))) {
      const known = [...new Set(roots.flatMap((r) => [...r.groups.keys()]))];
      throw new LockFileError(
        lock.file,
        `--group ${g}: no root of the lock (${roots.map((r) => r.name).join(', ')}) has this group (groups: ${known.join(', ') || 'none'})`,
      );
    }
  }
  for (const r of roots) {
    for (const e of rootExtras.get(r) ?? []) conflictItems.push(`extra-${r.name.length}-${r.name}-${e}`);
    for (const g of groups) if (r.groups.has(g)) conflictItems.push(`group-${r.name.length}-${r.name}-${g}`);
  }
  // uv evaluates these markers against the set of active items (`extra != X` is false while X
  // is active, whatever else is), not per item as pip does for Requires-Dist.
  const activeItems = new Set(conflictItems);
  const applies = (d: UvDependency): boolean =>
    d.marker === undefined || evaluateMarkerWithActiveExtras(d.marker, o.markers, activeItems);

  const selected = new Map<string, UvSelected>();
  const resolveDep = (d: UvDependency, from: UvPackage): UvPackage => {
    const candidates = entries.get(entryKey(d.name, d.version ?? ANY, d.source ?? ANY)) ?? [];
    if (candidates.length !== 1) {
      throw new LockFileError(
        lock.file,
        `package ${from.name}: dependency ${d.name}${d.version !== undefined ? ` ${d.version}` : ''} matches ${candidates.length} package entries`,
      );
    }
    return candidates[0] as UvPackage;
  };
  const queue: { pkg: UvPackage; extras: string[]; requested: boolean }[] = roots.map((r) => ({
    pkg: r,
    extras: rootExtras.get(r) ?? [],
    requested: true,
  }));
  const rootSet = new Set(roots);
  // Read by position: shift() copies a large array on every call (quadratic, review 15c F8).
  for (let head = 0, item = queue[0]; item !== undefined; item = queue[++head]) {
    const key = keyOf(item.pkg);
    let entry = selected.get(key);
    const fresh = entry === undefined;
    if (entry === undefined) {
      entry = { pkg: item.pkg, extras: new Set(), requested: item.requested, root: rootSet.has(item.pkg) };
      selected.set(key, entry);
    }
    entry.requested ||= item.requested;
    const edges: UvDependency[] = [];
    if (fresh) {
      edges.push(...item.pkg.dependencies);
      if (rootSet.has(item.pkg)) for (const g of groups) edges.push(...(item.pkg.groups.get(g) ?? []));
    }
    for (const e of item.extras) {
      if (entry.extras.has(e)) continue;
      entry.extras.add(e);
      edges.push(...(item.pkg.optional.get(e) ?? []));
    }
    const requested = rootSet.has(item.pkg);
    for (const d of edges) {
      if (!applies(d)) continue;
      queue.push({ pkg: resolveDep(d, item.pkg), extras: d.extras, requested });
    }
  }
  const out = [...selected.values()];
  const seen = new Map<NormalizedName, UvSelected>();
  for (const s of out) {
    const prev = seen.get(s.pkg.name);
    if (prev !== undefined) {
      throw new LockFileError(
        lock.file,
        `package ${s.pkg.name}: two entries apply to the target (${prev.pkg.version ?? '?'} and ${s.pkg.version ?? '?'}); the lock's markers do not separate them for it`,
      );
    }
    seen.set(s.pkg.name, s);
  }
  return out;
}
