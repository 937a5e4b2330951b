/**
 * Real-wheel workloads from the local mirror of real PyPI files (mirror.ts). The set of projects
 * to serve is the closure pip computes for the requirements against the mirror (run once with the
 * machine's python3, `--no-index --find-links <mirror dirs>`, cached in bench/.cache/real/); the
 * index then serves, for each project of that closure, the resolved wheel plus the mirror's other
 * wheels of the project up to 20 MB each (bigger non-chosen wheels are left out to bound the
 * harness's memory; they are never downloaded by either tool), with `.metadata` files extracted
 * from the wheels for the PEP 658 variant and Requires-Python from METADATA on the pages.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServedFile, ServedProject } from '../../__tests__/helpers/index-server.js';
import { normalizeName, type NormalizedName } from '../../src/standards/names.js';
import { metadataFor, mirrorDirs, requiresPythonOf, scanMirror, type MirrorFile } from './mirror.js';
import type { Workload, WorkloadSkip } from './workload.js';

interface RealSpec {
  name: string;
  description: string;
  requirements: string[];
  /** Candidates for the one-pin-changed scenario, tried in order. */
  pinCandidates: string[];
}

export const REAL_SPECS: RealSpec[] = [
  {
    name: 'real-web',
    description: 'real wheels: web-app stack (fastapi, django, flask, sqlalchemy, boto3, …)',
    requirements: [
      'fastapi',
      'uvicorn[standard]',
      'sqlalchemy',
      'alembic',
      'httpx',
      'jinja2',
      'redis',
      'boto3',
      'gunicorn',
      'flask',
      'django',
      'requests',
      'pydantic-settings',
      'python-multipart',
      'bcrypt',
      'cryptography',
      'aiohttp',
      'pyjwt',
      'tenacity',
      'email-validator',
    ],
    pinCandidates: ['sqlalchemy', 'websockets', 'multidict', 'botocore'],
  },
  {
    name: 'real-ds',
    description:
      'real wheels: data-science stack (numpy, pandas, scipy, matplotlib, scikit-learn, jupyter, …)',
    requirements: [
      'numpy',
      'pandas',
      'scipy',
      'matplotlib',
      'scikit-learn',
      'seaborn',
      'statsmodels',
      'jupyter',
      'pyarrow',
      'numba',
      'sympy',
      'networkx',
      'polars',
      'xarray',
      'bokeh',
      'altair',
      'dask',
      'plotly',
    ],
    pinCandidates: ['numpy', 'pandas', 'fsspec', 'wrapt', 'zipp'],
  },
  {
    name: 'real-ml',
    description: 'real wheels: ML stack (torch CPU, tensorflow-cpu, jax, transformers, …), about 1 GB',
    requirements: [
      'torch==2.13.0',
      'transformers',
      'tensorflow-cpu',
      'jax',
      'jaxlib',
      'scikit-learn',
      'pandas',
      'opencv-python-headless',
      'pyarrow',
      'datasets',
      'accelerate',
      'lightning',
      'numba',
      'polars',
      'matplotlib',
    ],
    pinCandidates: ['transformers', 'tokenizers', 'h5py', 'rich'],
  },
];

const OTHER_FILE_LIMIT = 20e6;

interface Closure {
  /** normalized name → version, for the base requirements. */
  base: Record<string, string>;
  /** The one-pin change and the closure with it, when one was found. */
  changed?: { pin: string; was: string; packages: Record<string, string> };
}

/** pip's resolution of `requirements` against the mirror directories (name → version). */
async function pipAgainstMirror(
  requirements: string[],
  dirs: string[],
  scratch: string,
): Promise<Record<string, string> | undefined> {
  const report = join(scratch, `closure-${process.pid}-${Date.now()}.json`);
  const args = [
    '-m',
    'pip',
    'install',
    '--isolated',
    '--disable-pip-version-check',
    '--dry-run',
    '--ignore-installed',
    '--only-binary',
    ':all:',
    '--no-index',
    ...dirs.flatMap((d) => ['--find-links', d]),
    '--report',
    report,
    '-q',
    ...requirements,
  ];
  const code = await new Promise<number>((resolve) => {
    const p = spawn('python3', args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PIP_CONFIG_FILE: '/dev/null' },
    });
    p.on('error', () => resolve(127));
    p.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0 || !existsSync(report)) return undefined;
  const parsed = JSON.parse(await readFile(report, 'utf8')) as {
    install: { metadata: { name: string; version: string } }[];
  };
  await rm(report, { force: true });
  const out: Record<string, string> = {};
  for (const item of parsed.install) out[normalizeName(item.metadata.name)] = item.metadata.version;
  return out;
}

async function closureFor(
  spec: RealSpec,
  dirs: string[],
  byProject: Map<NormalizedName, MirrorFile[]>,
  cacheDir: string,
): Promise<Closure | undefined> {
  const key = JSON.stringify({ requirements: spec.requirements, pins: spec.pinCandidates, dirs, v: 1 });
  const file = join(cacheDir, `${spec.name}.closure`);
  if (existsSync(file)) {
    const cached = JSON.parse(await readFile(file, 'utf8')) as { key: string; closure: Closure };
    if (cached.key === key) return cached.closure;
  }
  process.stderr.write(`bench: computing the ${spec.name} closure with the machine's pip (once)…\n`);
  const base = await pipAgainstMirror(spec.requirements, dirs, cacheDir);
  if (base === undefined) return undefined;
  const closure: Closure = { base };
  for (const candidate of spec.pinCandidates) {
    const name = normalizeName(candidate);
    const chosen = base[name];
    if (chosen === undefined) continue;
    const older = (byProject.get(name) ?? [])
      .map((f) => f.version)
      .filter((v) => v !== chosen && f2size(byProject, name, v) <= OTHER_FILE_LIMIT);
    // Newest other version first (a rough numeric order is enough to pick a realistic bump).
    for (const version of [...new Set(older)].sort(roughVersionDescending)) {
      const pin = `${name}==${version}`;
      const packages = await pipAgainstMirror([...spec.requirements, pin], dirs, cacheDir);
      if (packages !== undefined && packages[name] === version) {
        closure.changed = { pin, was: chosen, packages };
        break;
      }
    }
    if (closure.changed) break;
  }
  await writeFile(file, JSON.stringify({ key, closure }));
  return closure;
}

function roughVersionDescending(a: string, b: string): number {
  const pa = a.split(/[^0-9]+/).map(Number);
  const pb = b.split(/[^0-9]+/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function f2size(byProject: Map<NormalizedName, MirrorFile[]>, name: NormalizedName, version: string): number {
  return Math.max(...(byProject.get(name) ?? []).filter((f) => f.version === version).map((f) => f.size));
}

export function realWorkloadNames(): string[] {
  return REAL_SPECS.map((s) => s.name);
}

export async function loadRealWorkload(name: string, cacheRoot: string): Promise<Workload | WorkloadSkip> {
  const spec = REAL_SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown real workload ${name}`);
  const dirs = mirrorDirs();
  if (dirs.length === 0) {
    return {
      skip: `${name}: skipped — no local mirror of real PyPI files (looked for ${'/opt/pypi/files, /opt/pypi-more/files, /opt/wheels'}; set WHEELHOUSE_BENCH_MIRROR=dir1:dir2 to point at wheel directories)`,
    };
  }
  const cacheDir = join(cacheRoot, 'real');
  await mkdir(cacheDir, { recursive: true });
  const byProject = await scanMirror(dirs);
  const closure = await closureFor(spec, dirs, byProject, cacheDir);
  if (closure === undefined) {
    return {
      skip: `${name}: skipped — pip could not resolve the requirements against the mirror ${dirs.join(', ')}`,
    };
  }
  const chosen = new Map<string, Set<string>>();
  const addAll = (packages: Record<string, string>) => {
    for (const [n, v] of Object.entries(packages)) {
      const set = chosen.get(n) ?? new Set<string>();
      set.add(v);
      chosen.set(n, set);
    }
  };
  addAll(closure.base);
  if (closure.changed) addAll(closure.changed.packages);
  const projects: ServedProject[] = [];
  const metadataDir = join(cacheDir, 'metadata');
  for (const [project, versions] of [...chosen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const files: ServedFile[] = [];
    for (const f of byProject.get(project as NormalizedName) ?? []) {
      if (!versions.has(f.version) && f.size > OTHER_FILE_LIMIT) continue;
      const bytes = new Uint8Array(await readFile(f.path));
      const metadata = await metadataFor(f, bytes, metadataDir);
      const requiresPython = requiresPythonOf(metadata);
      files.push({
        filename: f.filename,
        bytes,
        metadata,
        ...(requiresPython !== undefined ? { requiresPython } : {}),
      });
    }
    projects.push({ name: project, files });
  }
  const changed = closure.changed;
  return {
    name,
    description: spec.description,
    kind: 'real',
    requirements: spec.requirements,
    changedRequirements: changed ? [...spec.requirements, changed.pin] : spec.requirements,
    changedPin: changed ? `${changed.pin} (was ${changed.was})` : 'none found (one-pin-changed equals warm)',
    projects,
    expected: new Map(Object.entries(closure.base)),
  };
}
