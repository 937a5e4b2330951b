/**
 * Generated, deterministic (seeded) workloads served as real wheels built by
 * __tests__/helpers/dists.ts (pure-Python `py3-none-any`, so they install anywhere):
 *
 * - `gen-web`: a ~60-package web-application shape. 12 top-level requirements; every other project
 *   is required by an earlier one (a DAG, so all 60 are in the resolution); 2–6 versions each;
 *   lower bounds that the newest versions satisfy, a few upper bounds, an extra and a marker that
 *   never applies; sizes log-uniform 15 KB–1.2 MB with five 2–8 MB "binary-sized" wheels.
 * - `gen-backtrack`: 6 independent traps. Root requires `bt-trap-K` and `bt-base-K>=2`; trap
 *   version 1.k pins `bt-mid-K==1.k`, and mid 1.k for k ≥ 4 requires `bt-base-K<2`, so every
 *   resolver must walk each trap down from 1.11 to 1.3, reading the metadata of every version it
 *   rejects; 16 shared fillers make the rest of the graph. (8 traps already drive pip's
 *   backtracking past 60 s and 3 GB of memory; 6 keep a sweep bounded.)
 */
import { buildWheel } from '../../__tests__/helpers/dists.js';
import type { ServedFile, ServedProject } from '../../__tests__/helpers/index-server.js';
import { intBetween, prng } from './prng.js';
import type { Workload } from './workload.js';

interface GenVersion {
  version: string;
  requiresDist: string[];
  size: number;
  providesExtra?: string[];
}

function wheelFile(name: string, v: GenVersion, uploadDay: number): ServedFile {
  const payload = Math.max(0, v.size - 1500);
  const built = buildWheel({
    name,
    version: v.version,
    requiresDist: v.requiresDist,
    requiresPython: '>=3.8',
    ...(v.providesExtra !== undefined ? { providesExtra: v.providesExtra } : {}),
    files: payload > 0 ? [{ path: `${name.replace(/-/g, '_')}/_data.bin`, size: payload }] : [],
  });
  return {
    filename: built.filename,
    bytes: built.bytes,
    metadata: built.metadata,
    requiresPython: '>=3.8',
    uploadTime: new Date(Date.UTC(2024, 0, 1 + uploadDay)).toISOString(),
  };
}

function logUniform(rand: () => number, lo: number, hi: number): number {
  return Math.round(Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo))));
}

export function genWeb(seed = 60): Workload {
  const rand = prng(seed);
  const N = 60;
  const ROOTS = 12;
  const names = Array.from({ length: N }, (_, i) => `gw-${String(i).padStart(2, '0')}`);
  const versionCount = names.map(() => intBetween(rand, 2, 6));
  const big = new Set<number>();
  while (big.size < 5) big.add(intBetween(rand, 0, N - 1));
  const newestSize = names.map((_, i) =>
    big.has(i) ? logUniform(rand, 2e6, 8e6) : logUniform(rand, 15e3, 1.2e6),
  );
  // Parents: every non-root project gets one parent among the earlier projects (reachability), plus
  // extra random edges to later projects.
  const deps: Set<number>[] = names.map(() => new Set<number>());
  for (let j = ROOTS; j < N; j++) deps[intBetween(rand, Math.max(0, j - 20), j - 1)]?.add(j);
  for (let i = 0; i < N - 1; i++) {
    const extra = intBetween(rand, 0, 3);
    for (let e = 0; e < extra; e++) deps[i]?.add(intBetween(rand, i + 1, N - 1));
  }
  const projects: ServedProject[] = [];
  const expected = new Map<string, string>();
  let day = 0;
  names.forEach((name, i) => {
    const count = versionCount[i] as number;
    const files: ServedFile[] = [];
    for (let k = 0; k < count; k++) {
      const depLines = [...(deps[i] as Set<number>)]
        .sort((a, b) => a - b)
        .map((j) => {
          const newest = (versionCount[j] as number) - 1;
          const lower = Math.max(0, newest - 1 - ((i + j) % 2));
          const upper = (i * 7 + j) % 5 === 0 ? ',<2' : '';
          return `${names[j]}>=1.${lower}${upper}`;
        });
      if (i % 9 === 0) depLines.push(`gw-legacy-shim>=1; python_version < "3.0"`);
      const v: GenVersion = {
        version: `1.${k}.0`,
        requiresDist: depLines,
        size: Math.round((newestSize[i] as number) * Math.pow(0.9, count - 1 - k)),
        ...(i % 11 === 3 ? { providesExtra: ['speedups'] } : {}),
      };
      if (i % 11 === 3) v.requiresDist.push(`${names[N - 1]}>=1.0; extra == "speedups"`);
      files.push(wheelFile(name, v, day++));
    }
    projects.push({ name, files });
    expected.set(name, `1.${count - 1}.0`);
  });
  const roots = names.slice(0, ROOTS);
  const requirements = roots.map((n, i) => (i === 3 ? `${n}[speedups]` : n));
  // One pin changed: the last root pinned to its previous version.
  const pinned = roots[ROOTS - 1] as string;
  const prev = `1.${(versionCount[ROOTS - 1] as number) - 2}.0`;
  return {
    name: 'gen-web',
    description: 'generated web-app shape: 60 packages, 12 top-level requirements (seeded)',
    kind: 'generated',
    requirements,
    changedRequirements: [...requirements.slice(0, ROOTS - 1), `${pinned}==${prev}`],
    changedPin: `${pinned}==${prev} (was ${expected.get(pinned)})`,
    projects,
    expected,
  };
}

export function genBacktrack(seed = 8): Workload {
  const rand = prng(seed);
  const TRAPS = 6;
  const VERSIONS = 12;
  const FILLERS = 16;
  const fillers = Array.from({ length: FILLERS }, (_, i) => `bt-fill-${String(i).padStart(2, '0')}`);
  const projects: ServedProject[] = [];
  const expected = new Map<string, string>();
  let day = 0;
  fillers.forEach((name, i) => {
    const files: ServedFile[] = [];
    for (let k = 0; k < 3; k++) {
      const requiresDist = i + 1 < FILLERS && i % 3 !== 2 ? [`${fillers[i + 1]}>=1.0`] : [];
      files.push(
        wheelFile(name, { version: `1.${k}.0`, requiresDist, size: logUniform(rand, 8e3, 120e3) }, day++),
      );
    }
    projects.push({ name, files });
    expected.set(name, '1.2.0');
  });
  const requirements: string[] = [];
  for (let t = 0; t < TRAPS; t++) {
    const trap = `bt-trap-${t}`;
    const mid = `bt-mid-${t}`;
    const base = `bt-base-${t}`;
    const trapFiles: ServedFile[] = [];
    const midFiles: ServedFile[] = [];
    for (let k = 0; k < VERSIONS; k++) {
      const filler = fillers[(t * 2 + k) % FILLERS] as string;
      trapFiles.push(
        wheelFile(trap, { version: `1.${k}`, requiresDist: [`${mid}==1.${k}`, filler], size: 40e3 }, day++),
      );
      midFiles.push(
        wheelFile(
          mid,
          { version: `1.${k}`, requiresDist: [k >= 4 ? `${base}<2` : `${base}>=2`], size: 25e3 },
          day++,
        ),
      );
    }
    const baseFiles = ['1.0', '1.5', '2.0', '2.1'].map((version) =>
      wheelFile(base, { version, requiresDist: [], size: 30e3 }, day++),
    );
    projects.push(
      { name: trap, files: trapFiles },
      { name: mid, files: midFiles },
      { name: base, files: baseFiles },
    );
    requirements.push(trap, `${base}>=2`);
    expected.set(trap, '1.3');
    expected.set(mid, '1.3');
    expected.set(base, '2.1');
  }
  // Fillers reached from the chosen trap versions only (1.3 of each trap) and their chains.
  const reached = new Set<string>();
  const visit = (i: number): void => {
    const name = fillers[i] as string;
    if (reached.has(name)) return;
    reached.add(name);
    if (i + 1 < FILLERS && i % 3 !== 2) visit(i + 1);
  };
  for (let t = 0; t < TRAPS; t++) visit((t * 2 + 3) % FILLERS);
  for (const name of fillers) if (!reached.has(name)) expected.delete(name);
  return {
    name: 'gen-backtrack',
    description:
      'generated backtracking-heavy set: 6 traps × 12 versions, every resolver must walk each trap down 8 versions',
    kind: 'generated',
    requirements,
    changedRequirements: [...requirements.slice(1), 'bt-trap-0==1.2'],
    changedPin: 'bt-trap-0==1.2 (was 1.3)',
    projects,
    expected,
  };
}
