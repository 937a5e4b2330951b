/**
 * Solver benchmark (issue 4, section 7): a generated 1,000-package graph with heavy backtracking,
 * resolved with every dependency in memory. Target: under 1 s.
 *
 *   node --import ./bench/register-swc.mjs bench/solver-bench.ts [--seed N] [--packages N] [--runs N]
 *     [--traps RATE] [--chrono LEVELS] [--solver current|reference] [--[no-]saved-phases]
 *
 * The graph is deterministic (seeded PRNG). Every package has 20 versions; version v depends on a
 * fixed handful of later packages (a DAG, so the all-oldest selection is always a solution) with lower
 * bounds that rise with v (in steps, so adjacent versions share dependencies as real packages do).
 * A fraction of the packages (`--traps`, default 5%) are traps: their newest versions cap one of
 * their dependencies below what the newest versions of its other dependers need, with a cap that rises
 * every few releases, so the solver cannot dismiss them all at once: it has to resolve conflicts, learn,
 * and backjump through group after group. The solution found is checked against every dependency.
 * `--chrono` sets SolveOptions.chronologicalBacktrackThreshold (default 16; Infinity = pure backjumping);
 * `--saved-phases` / `--no-saved-phases` set SolveOptions.savedPhases (default on; current solver only;
 * also with `--sweep`: `--no-saved-phases` gives the newest-first path of sessions 10–14).
 *
 *   node --import ./bench/register-swc.mjs bench/solver-bench.ts --sweep [--solver current|reference]
 *
 * `--sweep`: no timing; one solve per seed 42, 7, 1234 × trap rate 0, 0.05, 0.1, 0.2, 0.35, printing
 * the statistics and a hash of the solution (its sorted decisions), one line each. Diff two builds'
 * output to show that a change to the solver kept its search path (issue 14: the counts must not
 * move); `--solver reference` gives the same lines.
 */
import { createHash } from 'node:crypto';
import { solve as currentSolve, type SolverStats } from '../src/resolver/solver.js';
import { solve as referenceSolve } from '../__tests__/helpers/reference-resolver/solver.js';
import {
  checkGraphSolution as check,
  generateSolverGraph,
  GraphProvider,
  GraphVersion as BenchVersion,
  graphRanges as ranges,
} from './harness/solver-graph.js';

const savedPhases = process.argv.includes('--no-saved-phases')
  ? false
  : process.argv.includes('--saved-phases')
    ? true
    : undefined; // the solver's default (on)

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function sweep(solve: typeof currentSolve): Promise<void> {
  for (const seed of [42, 7, 1234]) {
    for (const trapRate of [0, 0.05, 0.1, 0.2, 0.35]) {
      const graph = generateSolverGraph({ seed, packages: 1000, trapRate });
      const solution = await solve({
        provider: new GraphProvider(graph),
        ranges,
        root: 'root',
        rootVersion: new BenchVersion(0, 0),
        savedPhases,
      });
      check(graph, solution.decisions);
      const decisions = [...solution.decisions]
        .map(([p, v]) => `${p}=${v.toString()}`)
        .sort()
        .join(',');
      const hash = createHash('sha256').update(decisions).digest('hex').slice(0, 12);
      const s = solution.stats;
      console.log(
        `seed ${seed} traps ${trapRate}: ${s.decisions} decisions, ${s.conflicts} conflicts, ${s.learned} learned, ` +
          `${s.backjumps} backjumps, ${s.propagations} propagations, ${s.incompatibilities} incompatibilities, ` +
          `${s.listVersionsCalls} listVersions, ${s.getDependenciesCalls} getDependencies, solution ${hash}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const seed = arg('seed', 42);
  const packages = arg('packages', 1000);
  const runs = arg('runs', 5);
  const trapRate = arg('traps', 0.05);
  // --solver reference: the frozen pre-issue-14 solver (__tests__/helpers/reference-resolver), for
  // before/after runs of the same build.
  const which = process.argv.includes('--solver')
    ? process.argv[process.argv.indexOf('--solver') + 1]
    : 'current';
  if (which !== 'current' && which !== 'reference')
    throw new Error(`--solver: current or reference, not ${which}`);
  if (savedPhases === true && which === 'reference')
    throw new Error('--saved-phases: the reference solver has none');
  const solve = which === 'reference' ? referenceSolve : currentSolve;
  if (process.argv.includes('--sweep')) return sweep(solve);
  const graph = generateSolverGraph({ seed, packages, trapRate });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let stats: SolverStats | undefined;
  let decided = 0;
  let newest = 0;
  for (let r = 0; r <= runs; r++) {
    const cpuStart = process.cpuUsage();
    const started = process.hrtime.bigint();
    const solution = await solve({
      provider: new GraphProvider(graph),
      ranges,
      root: 'root',
      rootVersion: new BenchVersion(0, 0),
      chronologicalBacktrackThreshold: arg('chrono', 16),
      savedPhases,
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const cpu = process.cpuUsage(cpuStart);
    if (r > 0) {
      // run 0 warms the JIT up
      times.push(ms);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    check(graph, solution.decisions);
    stats = solution.stats;
    decided = solution.decisions.size;
    newest = [...solution.decisions.values()].filter((v) => v.major === 20).length;
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const cpuMedian = cpuTimes[Math.floor(cpuTimes.length / 2)]!;
  console.log(`graph: seed ${seed}, ${packages} packages x 20 versions, ${graph.traps} trap packages`);
  console.log(`solution: ${decided} packages decided (${newest} at their newest version), valid`);
  console.log(
    `solver: ${stats!.decisions} decisions, ${stats!.conflicts} conflicts, ${stats!.learned} learned, ` +
      `${stats!.backjumps} backjumps, ${stats!.propagations} propagations, ${stats!.incompatibilities} incompatibilities`,
  );
  console.log(
    `provider calls: ${stats!.listVersionsCalls} listVersions, ${stats!.getDependenciesCalls} getDependencies`,
  );
  console.log(
    `time: median ${median.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms over ${runs} runs (after 1 warm-up)`,
  );
  console.log(`cpu: median ${cpuMedian.toFixed(1)} ms (user+system; less sensitive to a busy machine)`);
  console.log(
    JSON.stringify({
      bench: 'solver',
      solver: which,
      savedPhases: savedPhases ?? 'default',
      seed,
      packages,
      trapRate,
      medianMs: median,
      cpuMedianMs: cpuMedian,
      ...stats,
      decided,
    }),
  );
  if (median >= 1000) {
    console.error(`FAIL: median ${median.toFixed(1)} ms is not under 1 s`);
    process.exitCode = 1;
  }
}

await main();
