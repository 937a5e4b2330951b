/**
 * Real setuptools source distributions for build tests (no jest imports), and the build backend
 * wheels the test index serves so pip's build isolation installs `setuptools` (and `wheel`, which
 * setuptools before 70.1 asks for in `get_requires_for_build_wheel`) from the TEST index.
 *
 * The backend wheels are not downloaded: they are wheels already on this machine (python's
 * ensurepip bundle, CPython's own test data, Debian's python-wheels). `findBackendWheels` answers
 * undefined when none fit, so suites skip with a message.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { buildWheel, escapeName, sha256Hex, type BuiltDist, type BuiltWheel } from './dists.js';
import { writeTar } from './tar-writer.js';
import type { ServedProject } from './index-server.js';

/** The environment for every python/pip the tests run: no PIP_* of the machine, no pip.conf. */
export function isolatedPipEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^PIP_/i.test(k)) env[k] = v;
  }
  env['PIP_CONFIG_FILE'] = process.platform === 'win32' ? 'NUL' : '/dev/null';
  env['PIP_NO_CACHE_DIR'] = '1';
  return env;
}

const FIND_DIRS = `
import glob, os, sys, sysconfig
dirs = []
try:
    import ensurepip
    dirs.append(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled"))
except Exception:
    pass
std = sysconfig.get_path("stdlib")
dirs += [os.path.join(std, "test"), os.path.join(std, "test", "wheeldata")]
root = os.path.dirname(sys.base_prefix)
for sub in ("test", os.path.join("test", "wheeldata")):
    dirs += sorted(glob.glob(os.path.join(root, "*", "lib", "python3*", sub)))
dirs.append("/usr/share/python-wheels")
print("\\n".join(dirs))
`;

interface Found {
  dir: string;
  filename: string;
  version: number[];
}

function versionOf(filename: string): number[] {
  const v = /^[a-z]+-([0-9.]+)-/.exec(filename)?.[1] ?? '0';
  return v.split('.').map(Number);
}

function newer(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return false;
}

/**
 * setuptools (and, for setuptools < 70.1, wheel) wheels found on this machine, as served projects;
 * undefined when python3 is missing or no fitting pair exists. Prefers a setuptools that brings
 * its own bdist_wheel, else a setuptools + wheel pair from one directory (released together).
 */
export function findBackendWheels(): ServedProject[] | undefined {
  let dirs: string[];
  try {
    dirs = execFileSync('python3', ['-c', FIND_DIRS], {
      encoding: 'utf8',
      timeout: 30_000,
      env: isolatedPipEnv(),
    })
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && existsSync(l));
  } catch {
    return undefined;
  }
  const setuptools: Found[] = [];
  const wheels: Found[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const filename of names) {
      if (!filename.endsWith('-none-any.whl')) continue;
      if (filename.startsWith('setuptools-'))
        setuptools.push({ dir, filename, version: versionOf(filename) });
      if (filename.startsWith('wheel-')) wheels.push({ dir, filename, version: versionOf(filename) });
    }
  }
  const served = (f: Found, name: string): ServedProject => ({
    name,
    files: [{ filename: f.filename, bytes: new Uint8Array(readFileSync(join(f.dir, f.filename))) }],
  });
  const selfContained = setuptools.filter((s) => !newer([70, 1], s.version));
  if (selfContained.length > 0) {
    const best = selfContained.reduce((a, b) => (newer(b.version, a.version) ? b : a));
    return [served(best, 'setuptools')];
  }
  let pair: [Found, Found] | undefined;
  for (const s of setuptools) {
    const w = wheels.find((x) => x.dir === s.dir);
    if (w !== undefined && (pair === undefined || newer(s.version, pair[0].version))) pair = [s, w];
  }
  if (pair === undefined && setuptools.length > 0 && wheels.length > 0) {
    pair = [
      setuptools.reduce((a, b) => (newer(b.version, a.version) ? b : a)),
      wheels.reduce((a, b) => (newer(b.version, a.version) ? b : a)),
    ];
  }
  return pair === undefined ? undefined : [served(pair[0], 'setuptools'), served(pair[1], 'wheel')];
}

export interface SetuptoolsSdistSpec {
  name: string;
  version: string;
  /** Runtime dependencies. */
  dependencies?: string[];
  /**
   * static: `[project]` in pyproject.toml and a Metadata-Version 2.2 PKG-INFO without Dynamic
   * (PEP 643: readable without a build); dynamic: setup.py computes install_requires and PKG-INFO
   * is Metadata-Version 2.1 (needs the frontend).
   */
  metadata: 'static' | 'dynamic';
  /** More `[build-system] requires` (e.g. a helper setup.py imports), beyond setuptools. */
  buildRequires?: string[];
  /** Python lines run at the top of setup.py (e.g. `import helper`). */
  setupPrelude?: string[];
  /** Python expression setup.py passes as install_requires (dynamic only; default `dependencies`). */
  installRequiresCode?: string;
  /** setup.py fails with this message. */
  failWith?: string;
}

/** A real setuptools sdist (`.tar.gz`) built from `spec`. */
export function buildSetuptoolsSdist(spec: SetuptoolsSdistSpec): BuiltDist {
  const pkg = escapeName(spec.name);
  const root = `${pkg}-${spec.version}`;
  const enc = new TextEncoder();
  const deps = spec.dependencies ?? [];
  const requires = ['setuptools', ...(spec.buildRequires ?? [])];
  const pyproject =
    `[build-system]\nrequires = ${JSON.stringify(requires)}\nbuild-backend = "setuptools.build_meta"\n` +
    (spec.metadata === 'static'
      ? `\n[project]\nname = "${spec.name}"\nversion = "${spec.version}"\ndependencies = ${JSON.stringify(deps)}\n\n[tool.setuptools]\npackages = ["${pkg}"]\n`
      : '');
  const setupPy = [
    ...(spec.failWith !== undefined ? [`raise SystemExit(${JSON.stringify(spec.failWith)})`] : []),
    ...(spec.setupPrelude ?? []),
    'from setuptools import setup',
    spec.metadata === 'static'
      ? 'setup()'
      : `setup(name=${JSON.stringify(spec.name)}, version=${JSON.stringify(spec.version)}, packages=[${JSON.stringify(pkg)}], install_requires=${spec.installRequiresCode ?? JSON.stringify(deps)})`,
  ].join('\n');
  const pkgInfoLines = [
    `Metadata-Version: ${spec.metadata === 'static' ? '2.2' : '2.1'}`,
    `Name: ${spec.name}`,
    `Version: ${spec.version}`,
    ...(spec.metadata === 'static' ? deps.map((d) => `Requires-Dist: ${d}`) : []),
  ];
  const pkgInfo = enc.encode(`${pkgInfoLines.join('\n')}\n\n`);
  const members = [
    { path: `${root}/PKG-INFO`, data: pkgInfo },
    { path: `${root}/pyproject.toml`, data: enc.encode(pyproject) },
    { path: `${root}/setup.py`, data: enc.encode(`${setupPy}\n`) },
    { path: `${root}/${pkg}/__init__.py`, data: enc.encode(`NAME = ${JSON.stringify(spec.name)}\n`) },
  ];
  const bytes = new Uint8Array(gzipSync(writeTar(members), { level: 6 }));
  return { filename: `${root}.tar.gz`, bytes, metadata: pkgInfo, sha256: sha256Hex(bytes) };
}

export interface SdistFixture {
  /** buildhelper 1.0: `DEPS = ["dep-wheel>=1"]`, imported by dyn-pkg's setup.py (a build dependency). */
  helper: BuiltWheel;
  depWheel: BuiltWheel;
  /** static-pkg 1.0: static PKG-INFO, depends on dep-wheel. */
  staticSdist: BuiltDist;
  /** dyn-pkg 2.0: its dependencies computed by setup.py (`buildhelper.DEPS`). */
  dynSdist: BuiltDist;
  /** The four as the test index serves them (with the backend wheels: a resolvable index). */
  projects: ServedProject[];
}

/** The sdists the fetch-and-build suites resolve (build/sdist-fetch, e2e/action-sdist). */
export function sdistFixture(): SdistFixture {
  const helper = buildWheel({
    name: 'buildhelper',
    version: '1.0',
    files: [
      { path: 'buildhelper/__init__.py', bytes: new TextEncoder().encode('DEPS = ["dep-wheel>=1"]\n') },
    ],
  });
  const depWheel = buildWheel({ name: 'dep-wheel', version: '1.0' });
  const staticSdist = buildSetuptoolsSdist({
    name: 'static-pkg',
    version: '1.0',
    metadata: 'static',
    dependencies: ['dep-wheel'],
  });
  const dynSdist = buildSetuptoolsSdist({
    name: 'dyn-pkg',
    version: '2.0',
    metadata: 'dynamic',
    buildRequires: ['buildhelper'],
    setupPrelude: ['import buildhelper'],
    installRequiresCode: 'buildhelper.DEPS',
  });
  const projects = [
    { name: 'buildhelper', files: [helper] },
    { name: 'dep-wheel', files: [depWheel] },
    { name: 'static-pkg', files: [staticSdist] },
    { name: 'dyn-pkg', files: [dynSdist] },
  ];
  return { helper, depWheel, staticSdist, dynSdist, projects };
}
