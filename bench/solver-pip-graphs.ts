/**
 * pip's answer on bench/solver-bench.ts's generated solver graphs (issue 14 §2): which solution pip
 * gives where the graphs have several, so that a change to the solver's search path can be judged by
 * "pip's result" rather than by "the same path as before".
 *
 *   node --import ./bench/register-swc.mjs bench/solver-pip-graphs.ts [--graphs N] [--seed S]
 *     [--packages N] [--versions N] [--traps 0.2,0.35] [--fanout N] [--python bench/.venv/bin/python]
 *     [--out FILE] [--pip-from FILE]
 *     [--pip-timeout MS]
 *   node --import ./bench/register-swc.mjs bench/solver-pip-graphs.ts --cases
 *
 * Each graph (seeded, bench/harness/solver-graph.ts, smaller than the bench's 1,000 packages so pip
 * finishes) becomes a universe of real py3-none-any wheels served with PEP 658 metadata by the test
 * index server: project pNNNN, version "major.minor", Requires-Dist from the graph's ranges (`>=`,
 * `<`), the root's dependencies as the requirements file. pip resolves it with `install --dry-run
 * --report` (bench/pip-crosscheck-pip.ts), wheelhouse through runResolve (the real Python layer, as
 * `wheelhouse resolve`; bench/pip-crosscheck-wheelhouse.ts). One line per graph: the solver's
 * statistics, whether the sets are identical, and how many packages differ. `--out` writes every
 * answer as JSON, so two builds of the solver can be compared against one pip run (`--pip-from`).
 *
 * `--cases`: four hand-written universes where pip's answer shows how it chooses after a pin is
 * replaced. Root needs a, b, c (cases 2 and 4: a, c, b); a 2 needs b<3 (cases 2 and 4: b!=3; case 3:
 * b<3 and d); every c needs a<2; in case 4 a 1 needs b>=1. pip pins a 2, then c, whose a<2 makes the
 * pin a 2 unsatisfied; resolvelib re-pins a to 1 in place (no backjump), keeps the other pins (b 2
 * in cases 1 and 3), drops a 2's requirements but keeps the candidate lists they narrowed (case 2:
 * b 2 although b was never pinned before) until a new requirement on b arrives (case 4: a 1's b>=1,
 * pip answers b 3). wheelhouse answers b 3 everywhere. Both are solutions; docs/pip-agreement.md
 * "pip after a pin is replaced".
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { createHttpClient } from '../src/index/http.js';
import { silentLogger } from '../src/util/logger.js';
import { startIndexServer } from '../__tests__/helpers/index-server.js';
import { generateSolverGraph, type SolverGraph } from './harness/solver-graph.js';
import { runPip, pipVersion, type PipRun } from './pip-crosscheck-pip.js';
import { requirementsText, servedProjects, type Problem } from './pip-crosscheck-universe.js';
import { machineTarget, runWheelhouse, type WheelhouseRun } from './pip-crosscheck-wheelhouse.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

/** The graph as a pip universe: every version one py3-none-any wheel, every range a specifier. */
export function graphProblem(g: SolverGraph, id: number, seed: number): Problem {
  const spec = (name: string, range: { isAny(): boolean; toString(): string }): string =>
    range.isAny() ? name : `${name}${range.toString()}`;
  const projects = [...g.versions].map(([name, versions]) => ({
    name,
    versions: versions.map((v) => ({
      version: v.toString(),
      requires: [...g.deps.get(name)!.get(v.key)!].map(([d, r]) => spec(d, r)),
      providesExtra: [],
      requiresPythonOnIndex: false,
      yanked: false,
      wheels: ['py3-none-any'],
    })),
  }));
  const requirements = [...g.rootDeps].map(([d, r]) => spec(d, r));
  return { id, seed, projects, requirements, constraints: [], pre: false };
}

function sameSet(a: Record<string, string>, b: Record<string, string>): { same: boolean; differ: number } {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  let differ = 0;
  for (const n of names) if (a[n] !== b[n]) differ++;
  return { same: differ === 0, differ };
}

function version(v: string, requires: string[] = []): Problem['projects'][number]['versions'][number] {
  return {
    version: v,
    requires,
    providesExtra: [],
    requiresPythonOnIndex: false,
    yanked: false,
    wheels: ['py3-none-any'],
  };
}

function handWrittenCases(): [string, Problem][] {
  const b = { name: 'b', versions: [version('1'), version('2'), version('3')] };
  const c = { name: 'c', versions: ['1', '2', '3', '4', '5'].map((n) => version(n, ['a<2'])) };
  const problem = (
    requirements: string[],
    a2: string[],
    extra: Problem['projects'] = [],
    a1: string[] = [],
  ): Problem => ({
    id: 0,
    seed: 0,
    projects: [{ name: 'a', versions: [version('1', a1), version('2', a2)] }, b, c, ...extra],
    requirements,
    constraints: [],
    pre: false,
  });
  return [
    ['1: a 2 needs b<3; c needs a<2; requirements a b c', problem(['a', 'b', 'c'], ['b<3'])],
    ['2: a 2 needs b!=3; c needs a<2; requirements a c b', problem(['a', 'c', 'b'], ['b!=3'])],
    [
      '3: a 2 needs b<3 and d; c needs a<2; requirements a b c',
      problem(['a', 'b', 'c'], ['b<3', 'd'], [{ name: 'd', versions: [version('1')] }]),
    ],
    [
      '4: as 2, and a 1 needs b>=1 (a new requirement on b after a 2 is replaced)',
      problem(['a', 'c', 'b'], ['b!=3'], [], ['b>=1']),
    ],
  ];
}

async function main(): Promise<void> {
  if (process.argv.includes('--cases')) return cases();
  const graphs = Number(arg('graphs', '6'));
  const seed0 = Number(arg('seed', '1'));
  const packages = Number(arg('packages', '60'));
  const versionsPer = Number(arg('versions', '10'));
  const fanout = Number(arg('fanout', '8'));
  const traps = arg('traps', '0.2,0.35').split(',').map(Number);
  const pythonArg = arg('python', 'bench/.venv/bin/python');
  const python = pythonArg.includes('/') ? resolvePath(pythonArg) : pythonArg;
  const out = arg('out', '');
  /** pip backtracks for minutes on some of these graphs: past this, the graph counts as "pip error". */
  const pipTimeout = Number(arg('pip-timeout', '180000'));
  // --pip-from FILE: pip's answers from an earlier run's --out (same graph options): only wheelhouse runs.
  const pipFrom = arg('pip-from', '');
  const earlier = new Map<string, PipRun>();
  if (pipFrom !== '') {
    const rows = JSON.parse(await readFile(pipFrom, 'utf8')) as {
      seed: number;
      traps: number;
      pip: PipRun;
    }[];
    for (const r of rows) earlier.set(`${r.traps} ${r.seed}`, r.pip);
  }
  const target = await machineTarget(python);
  console.log(`reference: ${await pipVersion(python)}; ${packages} packages x ${versionsPer} versions`);
  const server = await startIndexServer();
  const http = createHttpClient({ logger: silentLogger, retries: 0, env: {} });
  const dir = await mkdtemp(join(tmpdir(), 'wh-solver-pip-'));
  const rows: { seed: number; traps: number; pip: PipRun; wheelhouse: WheelhouseRun }[] = [];
  let same = 0;
  let compared = 0;
  try {
    for (const trapRate of traps) {
      for (let seed = seed0; seed < seed0 + graphs; seed++) {
        const g = generateSolverGraph({ seed, packages, trapRate, versionsPer, rootFanout: fanout });
        const problem = graphProblem(g, seed, seed);
        server.setProjects(servedProjects(problem));
        const req = join(dir, 'req.txt');
        await writeFile(req, requirementsText(problem));
        const wheelhouse = await runWheelhouse({
          requirementsFile: req,
          indexUrl: server.indexUrl,
          target,
          http,
        });
        const pip =
          earlier.get(`${trapRate} ${seed}`) ??
          (await runPip(python, dir, ['--index-url', server.indexUrl], req, pipTimeout));
        rows.push({ seed, traps: trapRate, pip, wheelhouse });
        let verdict = `pip ${pip.kind}, wheelhouse ${wheelhouse.kind}`;
        if (pip.kind === 'resolved' && wheelhouse.kind === 'resolved') {
          const d = sameSet(pip.packages!, wheelhouse.packages!);
          compared++;
          if (d.same) same++;
          verdict = d.same ? 'same set' : `different: ${d.differ} packages`;
        }
        const search =
          wheelhouse.solver !== undefined
            ? `${wheelhouse.solver.decisions} decisions, ${wheelhouse.solver.conflicts} conflicts; `
            : '';
        console.log(
          `traps ${trapRate} seed ${seed} (${g.traps} traps): ${verdict}; ${search}pip ${pip.ms} ms, wheelhouse ${wheelhouse.ms} ms`,
        );
      }
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(`same set as pip: ${same} of ${compared} graphs both resolved (${rows.length} graphs)`);
  if (out !== '') await writeFile(out, JSON.stringify(rows, null, 1));
}

async function cases(): Promise<void> {
  const pythonArg = arg('python', 'bench/.venv/bin/python');
  const python = pythonArg.includes('/') ? resolvePath(pythonArg) : pythonArg;
  const target = await machineTarget(python);
  console.log(`reference: ${await pipVersion(python)}`);
  const server = await startIndexServer();
  const http = createHttpClient({ logger: silentLogger, retries: 0, env: {} });
  const dir = await mkdtemp(join(tmpdir(), 'wh-solver-pip-'));
  const show = (run: { kind: string; packages?: Record<string, string> }): string =>
    run.packages === undefined
      ? run.kind
      : Object.entries(run.packages)
          .sort()
          .map(([n, v]) => `${n} ${v}`)
          .join(', ');
  try {
    for (const [label, problem] of handWrittenCases()) {
      server.setProjects(servedProjects(problem));
      const req = join(dir, 'req.txt');
      await writeFile(req, requirementsText(problem));
      const wheelhouse = await runWheelhouse({
        requirementsFile: req,
        indexUrl: server.indexUrl,
        target,
        http,
      });
      const pip = await runPip(python, dir, ['--index-url', server.indexUrl], req);
      console.log(`${label}\n  wheelhouse: ${show(wheelhouse)}\n  pip:        ${show(pip)}`);
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
