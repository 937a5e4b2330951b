/**
 * PyPI-shaped workloads (issue 14 §1), generated from real `uv.lock` files in
 * ../shared/corpora/locks (skipped with a message when that directory is missing):
 *
 * - every registry package the lock selects for the target (its roots with every extra and every
 *   dependency group, markers evaluated for CPython `--python` on linux x86_64, as
 *   src/standards/uv-lock.ts selects them) at its locked version, with Requires-Dist written from the
 *   lock's dependency edges (markers kept, extras as `name[extra]`, optional dependencies under
 *   `extra == "…"`) and generated version bounds that the locked versions satisfy;
 * - a seeded history of older releases in the project's numbering style (pypi-history.ts) with
 *   Requires-Python floors falling the older a release is, looser lower bounds, dependencies added
 *   over time, the locked release's wheel tags shifted to older CPythons, so binary projects list
 *   their ~100 wheels per release for dozens of releases (the largest pages hold thousands of links);
 * - for about half of the projects, newer releases that must be passed over: a pre-release, a
 *   yanked release, one needing Python ≥ 3.13, one whose dependency no release satisfies.
 *
 * Every locked version is the newest release a resolver may choose for its project, so the locked
 * set is the answer (the expected set is compared by the runner). The requirements are the roots'
 * edges that apply to the target, one line per project, with the same kind of bounds.
 *
 * Shortcuts (stated in docs/benchmarks.md): no sdists are served; all wheels of one release share
 * one small generated body (built for the first tag; its METADATA is the release's, so PEP 658
 * `.metadata` files and lazy-wheel ranges both answer correctly); edges to git/url/path packages are
 * dropped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildWheel, escapeName } from '../../__tests__/helpers/dists.js';
import type { ServedFile, ServedProject } from '../../__tests__/helpers/index-server.js';
import { parseTomlText } from '../../src/provider/toml-file.js';
import { markerEnvironmentFor, type MarkerEnvironment } from '../../src/standards/environment.js';
import { parseWheelFilename } from '../../src/standards/filenames.js';
import { LockFileError } from '../../src/standards/lock-files.js';
import { markerToString } from '../../src/standards/markers.js';
import { evaluateMarker } from '../../src/standards/marker-evaluation.js';
import type { NormalizedName } from '../../src/standards/names.js';
import {
  readUvLock,
  selectUvLock,
  type UvDependency,
  type UvLock,
  type UvPackage,
} from '../../src/standards/uv-lock.js';
import { Version } from '../../src/standards/version.js';
import {
  newerReleases,
  olderHistory,
  requiresPythonAt,
  type HistoryEntry,
  type NewerKind,
} from './pypi-history.js';
import { intBetween, prng } from './prng.js';
import type { Workload, WorkloadSkip } from './workload.js';

export const PYPI_SHAPED: Record<string, string> = {
  'pypi-fastapi': 'fastapi__fastapi__uv.lock',
  'pypi-prefect': 'PrefectHQ__prefect__uv.lock',
  'pypi-dspy': 'stanfordnlp__dspy__uv.lock',
  'pypi-docling': 'docling-project__docling__uv.lock',
};

export interface PypiShapedOptions {
  /** Small histories (3–8 releases per project), for a quick run. */
  quick: boolean;
  /** Target CPython `X.Y.Z` (default: the machine's python3, which both clients run on). */
  pythonVersion?: string;
  /** Directory of the lock files (default ../shared/corpora/locks from the repository). */
  locksDir?: string;
  seed?: number;
}

export function locksDirFor(repo: string, env: Record<string, string | undefined> = process.env): string {
  return env.WHEELHOUSE_BENCH_LOCKS ?? join(repo, '..', 'shared', 'corpora', 'locks');
}

function machinePython(): string {
  const r = spawnSync('python3', ['-c', 'import platform; print(platform.python_version())'], {
    encoding: 'utf8',
  });
  const v = (r.stdout ?? '').trim();
  return r.status === 0 && /^3\.\d+\.\d+$/.test(v) ? v : '3.11.7';
}

function hashSeed(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

interface Project {
  name: NormalizedName;
  entry: UvPackage;
  locked: string;
  binary: boolean;
  history: HistoryEntry[];
  /** Final releases at age ≥ 0, newest first (what lower bounds point at). */
  finals: string[];
  rpBase: number;
  rpStep: number;
  cpStep: number;
  tags: string[];
  newer: NewerKind[];
}

const isRegistry = (p: UvPackage): boolean => p.source.kind === 'registry';

/** A lock whose edges to packages wheelhouse cannot get from an index (git/url/path) are gone. */
function registryOnly(lock: UvLock): UvLock {
  const byName = new Map<string, UvPackage[]>();
  for (const p of lock.packages) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
  const keep = (d: UvDependency): boolean =>
    (byName.get(d.name) ?? []).some((p) => isRegistry(p) || p.source.value === '.');
  const filter = (m: Map<string, UvDependency[]>) => new Map([...m].map(([k, v]) => [k, v.filter(keep)]));
  return {
    ...lock,
    packages: lock.packages.map((p) => ({
      ...p,
      dependencies: p.dependencies.filter(keep),
      optional: filter(p.optional),
      groups: filter(p.groups),
    })),
  };
}

function tagsOf(entry: UvPackage): string[] {
  const tags: string[] = [];
  for (const w of entry.wheels) {
    const m = /^[^-]+-[^-]+(?:-\d[^-]*)?-([^-]+-[^-]+-[^-]+)\.whl$/.exec(w.filename);
    if (m && !tags.includes(m[1] as string)) tags.push(m[1] as string);
  }
  return tags.length > 0 ? tags : ['py3-none-any'];
}

/** The locked wheel tags moved `shift` CPython minors back (older releases built for older Pythons). */
function shiftedTags(tags: string[], shift: number): string[] {
  if (shift <= 0) return tags;
  const out = new Set<string>();
  for (const t of tags) {
    let ok = true;
    const moved = t.replace(/(cp|pp)3(\d+)/g, (_, impl: string, minor: string) => {
      const m = Number(minor) - shift;
      if (m < 6) ok = false;
      return `${impl}3${m}`;
    });
    if (ok) out.add(moved);
  }
  return [...out];
}

function loadProjects(
  lock: UvLock,
  selectedNames: Map<NormalizedName, UvPackage>,
  o: PypiShapedOptions,
): Map<NormalizedName, Project> {
  const seed = o.seed ?? 14;
  const projects = new Map<NormalizedName, Project>();
  for (const [name, entry] of selectedNames) {
    const rand = prng(hashSeed(name, seed));
    const tags = tagsOf(entry);
    const binary = tags.some((t) => !t.endsWith('-any'));
    const count = o.quick
      ? intBetween(rand, 3, 8)
      : binary
        ? intBetween(rand, 30, 120)
        : intBetween(rand, 10, 90);
    const locked = entry.version as string;
    const history = olderHistory(locked, count, rand);
    // Other entries of the same name (uv's forks for other Pythons): older ones join the history,
    // newer ones need a newer Python than the target.
    const lockedV = Version.parse(locked);
    const have = new Set(history.map((h) => Version.parse(h.version).toString()));
    for (const other of lock.packages) {
      if (other.name !== name || other === entry || other.version === undefined || !isRegistry(other))
        continue;
      const ov = Version.parse(other.version);
      if (have.has(ov.toString())) continue;
      have.add(ov.toString());
      const older = ov.compare(lockedV) < 0;
      history.push({
        version: other.version,
        age: older ? Math.ceil(count / 2) : -1,
        pre: ov.isPrerelease,
        yanked: false,
        ...(older ? {} : { newer: 'python' as const }),
      });
    }
    const kinds: NewerKind[] = [];
    if (rand() < 0.5) {
      for (const k of ['yanked', 'python', 'unsat', 'pre'] as const) if (rand() < 0.5) kinds.push(k);
      if (kinds.length === 0) kinds.push('unsat');
    }
    history.push(...newerReleases(locked, kinds));
    history.sort((a, b) => Version.parse(b.version).compare(Version.parse(a.version)));
    const finals = history.filter((h) => h.age >= 0 && !h.pre).map((h) => h.version);
    projects.set(name, {
      name,
      entry,
      locked,
      binary,
      history,
      finals: finals.length > 0 ? finals : [locked],
      rpBase: intBetween(rand, 7, 9),
      rpStep: Math.max(3, Math.floor(count / 5)),
      cpStep: Math.max(2, Math.floor(count / 8)),
      tags,
      newer: kinds,
    });
  }
  return projects;
}

/** The version specifier a dependent (or a root line) writes for `dep`, `age` releases back. */
function specifierFor(
  dep: Project,
  d: UvDependency | undefined,
  edgeRand: () => number,
  age: number,
): string {
  if (d?.version !== undefined) return `==${d.version}`;
  const locked = Version.parse(dep.locked);
  // A locked pre-release is only chosen when the specifier names one (PEP 440, pip): name it.
  if (locked.isPrerelease) return `>=${dep.locked}`;
  const style = edgeRand();
  const lag = intBetween(edgeRand, 0, Math.min(10, dep.finals.length - 1));
  if (style < 0.3) return '';
  const at = Math.min(dep.finals.length - 1, lag + Math.floor(Math.max(0, age) / 2));
  const lower = `>=${dep.finals[at] as string}`;
  const major = locked.release[0] ?? 0;
  if (style < 0.8 || major >= 2000) return lower;
  return `${lower},<${major + 1}`;
}

function requirementLine(name: string, extras: string[], spec: string, marker?: string): string {
  const ex = extras.length > 0 ? `[${[...extras].sort().join(',')}]` : '';
  return `${name}${ex}${spec}${marker !== undefined && marker !== '' ? `; ${marker}` : ''}`;
}

function requiresDist(p: Project, all: Map<NormalizedName, Project>, age: number, seed: number): string[] {
  const lines: string[] = [];
  const add = (d: UvDependency, extra?: string): void => {
    const dep = all.get(d.name);
    if (dep === undefined) return; // never selected for this target (its marker never holds here)
    const edgeRand = prng(hashSeed(`${p.name}>${d.name}`, seed));
    const addedAt = edgeRand() < 0.2 ? intBetween(edgeRand, 1, Math.max(1, p.history.length)) : Infinity;
    if (age >= addedAt) return; // this dependency came later in the project's life
    const m = d.marker !== undefined ? markerToString(d.marker) : undefined;
    const marker =
      extra === undefined ? m : m === undefined ? `extra == "${extra}"` : `(${m}) and extra == "${extra}"`;
    lines.push(requirementLine(d.name, d.extras, specifierFor(dep, d, edgeRand, age), marker));
  };
  for (const d of p.entry.dependencies) add(d);
  for (const [extra, deps] of p.entry.optional) for (const d of deps) add(d, extra);
  return lines;
}

function unsatLine(p: Project, all: Map<NormalizedName, Project>): string | undefined {
  const d = p.entry.dependencies.find((x) => x.marker === undefined && all.has(x.name));
  return d === undefined ? undefined : `${d.name}>=99999`;
}

function servedProject(p: Project, all: Map<NormalizedName, Project>, seed: number): ServedProject {
  const files: ServedFile[] = [];
  const extras = [...p.entry.optional.keys()];
  const base = Date.UTC(2025, 6, 1);
  for (const h of p.history) {
    const age = h.age;
    let rd = requiresDist(p, all, Math.max(0, age), seed);
    if (h.newer === 'unsat') {
      const u = unsatLine(p, all);
      if (u === undefined) continue;
      rd = [...rd, u];
    }
    const rp = requiresPythonAt(p.rpBase, h.newer === 'python' ? -1 : Math.max(0, age), p.rpStep);
    const tags = age <= 0 ? p.tags : shiftedTags(p.tags, Math.floor(age / p.cpStep));
    if (tags.length === 0) continue;
    const built = buildWheel({
      name: p.name,
      version: h.version,
      tags: tags[0] as string,
      requiresDist: rd,
      requiresPython: rp,
      providesExtra: extras,
      compress: false,
    });
    const uploadTime = new Date(base - age * 17 * 86400e3).toISOString();
    for (const tag of tags) {
      files.push({
        filename: `${escapeName(p.name)}-${h.version}-${tag}.whl`,
        bytes: built.bytes,
        metadata: built.metadata,
        requiresPython: rp,
        ...(h.yanked ? { yanked: 'generated: yanked release' } : {}),
        uploadTime,
      });
    }
  }
  files.reverse(); // oldest first, as PyPI lists them
  return { name: p.name, files };
}

export async function loadPypiShaped(
  name: string,
  repo: string,
  o: PypiShapedOptions,
): Promise<Workload | WorkloadSkip> {
  const lockName = PYPI_SHAPED[name];
  if (lockName === undefined) throw new Error(`unknown PyPI-shaped workload ${name}`);
  const dir = o.locksDir ?? locksDirFor(repo);
  const file = join(dir, lockName);
  if (!existsSync(file)) {
    return {
      skip: `${name}: skipped, ${file} is missing (the PyPI-shaped workloads need ../shared/corpora/locks)`,
    };
  }
  const seed = o.seed ?? 14;
  const pythonVersion = o.pythonVersion ?? machinePython();
  const env: MarkerEnvironment = markerEnvironmentFor({ pythonVersion, os: 'linux', arch: 'x86_64' });
  const lock = registryOnly(readUvLock(parseTomlText(file, await readFile(file, 'utf8')), file));
  let selected;
  const roots = lock.packages.filter((p) => !isRegistry(p) && p.source.value === '.');
  const groups = [...new Set(roots.flatMap((r) => [...r.groups.keys()]))];
  try {
    selected = selectUvLock(lock, { markers: env, extras: [], allExtras: true, groups });
  } catch (e) {
    if (e instanceof LockFileError)
      return { skip: `${name}: skipped, the lock does not select one set for the target: ${e.message}` };
    throw e;
  }
  const foreign = selected.filter((s) => !isRegistry(s.pkg) && !roots.includes(s.pkg));
  if (foreign.length > 0) {
    return {
      skip: `${name}: skipped, the target needs local packages other than the root (${foreign.map((s) => s.pkg.name).join(', ')})`,
    };
  }
  const chosen = new Map<NormalizedName, UvPackage>();
  for (const s of selected) if (isRegistry(s.pkg)) chosen.set(s.pkg.name, s.pkg);
  const projects = loadProjects(lock, chosen, o);
  // The requirement lines: every root edge that applies to the target (extras and groups all on).
  const conflictItems = roots.flatMap((r) => [
    ...[...r.optional.keys()].map((e) => `extra-${r.name.length}-${r.name}-${e}`),
    ...groups.filter((g) => r.groups.has(g)).map((g) => `group-${r.name.length}-${r.name}-${g}`),
  ]);
  const lines = new Map<NormalizedName, { d: UvDependency; extras: Set<string> }>();
  for (const r of roots) {
    const edges = [...r.dependencies, ...[...r.optional.values()].flat(), ...[...r.groups.values()].flat()];
    for (const d of edges) {
      if (!projects.has(d.name)) continue; // the root itself, or nothing the target selects
      if (d.marker !== undefined && !evaluateMarker(d.marker, env, conflictItems)) continue;
      const line = lines.get(d.name) ?? { d, extras: new Set<string>() };
      for (const e of d.extras) line.extras.add(e);
      lines.set(d.name, line);
    }
  }
  const requirements = [...lines.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([n, { d, extras }]) =>
      requirementLine(
        n,
        [...extras],
        specifierFor(projects.get(n) as Project, d, prng(hashSeed(`root>${n}`, seed)), 0),
      ),
    );
  const expected = new Map<string, string>();
  for (const [n, p] of projects) expected.set(n, p.locked);
  const served = [...projects.values()].map((p) => servedProject(p, projects, seed));
  // One pin changed: the first root line pinned to its project's previous final release.
  const firstName = [...lines.keys()].sort()[0] as NormalizedName;
  const first = projects.get(firstName) as Project;
  const previous = first.finals[1] ?? first.locked;
  const versions = served.reduce(
    (n, p) => n + new Set(p.files.map((f) => parseWheelFilename(f.filename).version)).size,
    0,
  );
  return {
    name: o.quick ? `${name}-quick` : name,
    description:
      `PyPI-shaped index from ${lockName} (${o.quick ? 'quick: short histories' : 'full histories'}; ` +
      `${projects.size} locked projects, ${versions} releases; target CPython ${pythonVersion} linux x86_64; seed ${seed})`,
    kind: 'generated',
    requirements,
    changedRequirements: requirements.map((l) =>
      /^[A-Za-z0-9._-]+/.exec(l)?.[0] === firstName ? `${firstName}==${previous}` : l,
    ),
    changedPin: `${firstName}==${previous} (was ${first.locked})`,
    projects: served,
    expected,
    absoluteFileUrls: true,
    cachePages: true,
  };
}
