/**
 * Seeded generator of small random package universes for the pip cross-check
 * (bench/pip-crosscheck.ts, issue 4 §6), and their conversion into real wheels for the test index
 * server.
 *
 * A problem is a handful of projects, each with a few versions drawn from PEP 440 shapes that pip
 * treats specially (pre-releases, post releases, local versions), with per-version Requires-Python
 * (sometimes declared on the index as `data-requires-python`, sometimes only in METADATA), yanked
 * files (PEP 592), extras, environment markers that are true or false on the target, wheels whose
 * tags are or are not supported by the target (and never an sdist: pip would try to build it), and a
 * requirements file of one to three lines, sometimes with `--pre` or a constraints file. Random
 * specifiers make some problems unsatisfiable.
 *
 * The universe is plain data (serialised as JSON for the brute-force oracle,
 * bench/pip-crosscheck-oracle.py).
 */
import { buildWheel } from '../__tests__/helpers/dists.js';
import type { ServedProject } from '../__tests__/helpers/index-server.js';

export interface UVersion {
  version: string;
  /** Requires-Dist lines (extras deps carry `extra == "..."`). */
  requires: string[];
  /** Provides-Extra lines written to METADATA. */
  providesExtra: string[];
  requiresPython?: string;
  /** Whether Requires-Python is also declared on the index page (PEP 503 data-requires-python). */
  requiresPythonOnIndex: boolean;
  yanked: boolean;
  /** Wheel tag triples, one wheel each. */
  wheels: string[];
}

export interface UProject {
  name: string;
  versions: UVersion[];
}

export interface Problem {
  id: number;
  seed: number;
  projects: UProject[];
  /** Requirement lines of req.txt (without option lines). */
  requirements: string[];
  /** Constraint lines (a `-c constraints.txt` line is added when non-empty). */
  constraints: string[];
  pre: boolean;
}

/** mulberry32: a small deterministic PRNG (public domain algorithm, written out here). */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length > 0)
      out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    return out;
  }
}

const NAMES = ['alpha', 'beta-pkg', 'gamma_lib', 'delta', 'epsilon', 'zeta-core'];
const RELEASES = ['0.9', '1.0', '1.1', '1.2', '2.0', '2.1', '3.0'];
const REQUIRES_PYTHON = ['>=3.8', '>=3.12', '<3.11', '>=3.7,<4', '!=3.11.*', '>=3.11'];
/** Tag triples; comments say whether CPython 3.11 on glibc 2.36 x86_64 supports them. */
const PLATFORM_WHEELS = [
  'cp311-cp311-manylinux_2_17_x86_64', // yes
  'cp311-cp311-manylinux_2_28_x86_64', // yes
  'cp311-cp311-manylinux_2_39_x86_64', // no: glibc too old
  'cp312-cp312-manylinux_2_17_x86_64', // no: other Python
  'cp311-cp311-win_amd64', // no
  'cp311-cp311-macosx_11_0_arm64', // no
  'cp39-abi3-manylinux_2_17_x86_64', // yes (abi3 from 3.9)
  'cp311-cp311-musllinux_1_2_x86_64', // no: musl
  'py2.py3-none-any', // yes
];
const MARKERS = [
  'sys_platform == "linux"',
  'sys_platform == "win32"',
  'python_version < "3.10"',
  'python_version >= "3.11"',
  'platform_machine == "x86_64"',
  'os_name == "nt"',
  'implementation_name == "cpython"',
  'python_full_version >= "3.11.1"',
];
const EXTRA = 'fast';

function versionsFor(rng: Rng): string[] {
  const count = rng.int(2, 5);
  const releases = rng.sample(RELEASES, count);
  const out = new Set<string>(releases);
  for (const r of releases) {
    if (rng.chance(0.12)) out.add(`${r}.post1`);
    if (rng.chance(0.08)) out.add(`${r}+local`);
  }
  if (rng.chance(0.3)) {
    const base = rng.pick(RELEASES);
    out.add(`${base}${rng.pick(['a1', 'b2', 'rc1', '.dev0'])}`);
  }
  return [...out];
}

/** A specifier over some of the target project's versions (often touching pre/post/local ones). */
function specifierFor(rng: Rng, versions: string[]): string {
  const v = rng.pick(versions);
  const plain = v.replace(/\+.*$/, '');
  const r = rng.next();
  if (r < 0.15) return '';
  if (r < 0.35) return `>=${plain}`;
  if (r < 0.5) return `<${plain}`;
  if (r < 0.6) return `==${rng.chance(0.7) ? plain : v}`;
  if (r < 0.68) return `!=${plain}`;
  if (r < 0.76) {
    const major = /^(\d+)/.exec(plain)?.[1] ?? '1';
    return `~=${major}.0`;
  }
  if (r < 0.84) return `==${/^(\d+)/.exec(plain)?.[1] ?? '1'}.*`;
  if (r < 0.92) return `>${plain}`;
  const w = rng.pick(versions).replace(/\+.*$/, '');
  const [lo, hi] = [plain, w].sort();
  return lo === hi ? `>=${lo}` : `>=${lo},<${hi}`;
}

/** Requirement text on `project`, sometimes with an extra, spelled with other case/separators. */
function requirementOn(rng: Rng, project: UProject, withExtra: boolean): string {
  const spelled = rng.chance(0.2)
    ? project.name.toUpperCase().replace(/-/g, '_')
    : rng.chance(0.2)
      ? project.name.replace(/[-_]/g, '.')
      : project.name;
  const extra = withExtra ? `[${EXTRA}]` : '';
  return `${spelled}${extra}${specifierFor(
    rng,
    project.versions.map((x) => x.version),
  )}`;
}

export function generateProblem(id: number, seed: number): Problem {
  const rng = new Rng(seed);
  const count = rng.int(3, 6);
  const projects: UProject[] = NAMES.slice(0, count).map((name) => ({
    name,
    versions: versionsFor(rng).map((version) => ({
      version,
      requires: [],
      providesExtra: [],
      requiresPythonOnIndex: true,
      yanked: false,
      wheels: ['py3-none-any'],
    })),
  }));
  const hasExtra = projects.map(() => rng.chance(0.35));
  projects.forEach((project, i) => {
    for (const v of project.versions) {
      if (rng.chance(0.15)) {
        v.requiresPython = rng.pick(REQUIRES_PYTHON);
        v.requiresPythonOnIndex = rng.chance(0.6);
      }
      v.yanked = rng.chance(0.1);
      if (rng.chance(0.35)) {
        v.wheels = rng.sample(PLATFORM_WHEELS, rng.int(1, 3));
        if (rng.chance(0.3)) v.wheels.push('py3-none-any');
      }
      const later = projects.slice(i + 1);
      const deps = later.length === 0 ? 0 : rng.int(0, Math.min(2, later.length));
      for (const target of rng.sample(later, deps)) {
        const j = projects.indexOf(target);
        let text = requirementOn(rng, target, hasExtra[j] === true && rng.chance(0.3));
        if (rng.chance(0.2)) text += `; ${rng.pick(MARKERS)}`;
        v.requires.push(text);
      }
      // An occasional cycle back to an earlier project.
      if (i > 0 && rng.chance(0.04))
        v.requires.push(requirementOn(rng, projects[rng.int(0, i - 1)] as UProject, false));
      if (hasExtra[i] === true && later.length > 0 && rng.chance(0.7)) {
        const target = rng.pick(later);
        const marker = rng.chance(0.2) ? ` and ${rng.pick(MARKERS)}` : '';
        v.requires.push(`${requirementOn(rng, target, false)}; extra == "${EXTRA}"${marker}`);
        // Sometimes the metadata forgets Provides-Extra (pip then ignores the extra's deps).
        if (rng.chance(0.9)) v.providesExtra.push(EXTRA);
      }
    }
  });
  const rootCount = rng.int(1, 3);
  const rootTargets = rng.sample(projects.slice(0, Math.min(3, projects.length)), rootCount);
  const requirements = rootTargets.map((p) => {
    let text = requirementOn(rng, p, hasExtra[projects.indexOf(p)] === true && rng.chance(0.4));
    if (rng.chance(0.1)) text += ` ; ${rng.pick(MARKERS)}`;
    return text;
  });
  const constraints: string[] = [];
  if (rng.chance(0.12)) {
    const p = rng.pick(projects);
    const spec = specifierFor(
      rng,
      p.versions.map((x) => x.version),
    );
    if (spec !== '') constraints.push(`${p.name}${spec}`);
  }
  return { id, seed, projects, requirements, constraints, pre: rng.chance(0.1) };
}

/** The requirements file pip and wheelhouse both read. */
export function requirementsText(problem: Problem): string {
  const lines: string[] = [];
  if (problem.pre) lines.push('--pre');
  if (problem.constraints.length > 0) lines.push('-c constraints.txt');
  lines.push(...problem.requirements);
  return lines.join('\n') + '\n';
}

export function constraintsText(problem: Problem): string {
  return problem.constraints.join('\n') + '\n';
}

/** Real wheels for every file of the universe, with PEP 658 metadata. */
export function servedProjects(problem: Problem): ServedProject[] {
  return problem.projects.map((p) => ({
    name: p.name,
    files: p.versions.flatMap((v) =>
      v.wheels.map((tags) => {
        const wheel = buildWheel({
          name: p.name,
          version: v.version,
          tags,
          requiresDist: v.requires,
          providesExtra: v.providesExtra,
          ...(v.requiresPython !== undefined ? { requiresPython: v.requiresPython } : {}),
        });
        return {
          filename: wheel.filename,
          bytes: wheel.bytes,
          metadata: wheel.metadata,
          ...(v.requiresPython !== undefined && v.requiresPythonOnIndex
            ? { requiresPython: v.requiresPython }
            : {}),
          ...(v.yanked ? { yanked: true } : {}),
        };
      }),
    ),
  }));
}
