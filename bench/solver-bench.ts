/**
 * Solver benchmark (issue 4, section 7): a generated 1,000-package graph with heavy backtracking,
 * resolved with every dependency in memory. Target: under 1 s.
 *
 *   node --import ./bench/register-swc.mjs bench/solver-bench.ts [--seed N] [--packages N] [--runs N]
 *     [--traps RATE] [--chrono LEVELS]
 *
 * The graph is deterministic (seeded PRNG). Every package has 20 versions; version v depends on a
 * fixed handful of later packages (a DAG, so the all-oldest selection is always a solution) with lower
 * bounds that rise with v (in steps, so adjacent versions share dependencies as real packages do).
 * A fraction of the packages (`--traps`, default 5%) are traps: their newest versions cap one of
 * their dependencies below what the newest versions of its other dependers need, with a cap that rises
 * every few releases, so the solver cannot dismiss them all at once: it has to resolve conflicts, learn,
 * and backjump through group after group. The solution found is checked against every dependency.
 * `--chrono` sets SolveOptions.chronologicalBacktrackThreshold (default 16; Infinity = pure backjumping).
 */
import type { Dependencies, DependencyProvider } from '../src/resolver/provider.js';
import { type Range, Ranges } from '../src/resolver/range.js';
import { solve, type SolverStats } from '../src/resolver/solver.js';
import { prng } from './harness/prng.js';

/** A version with a precomputed comparison key, like the Python layer's Version. */
class BenchVersion {
  readonly key: number;
  constructor(
    readonly major: number,
    readonly minor: number,
  ) {
    this.key = major * 1000 + minor;
  }
  toString(): string {
    return `${this.major}.${this.minor}`;
  }
}

const ranges = new Ranges<BenchVersion>((a, b) => a.key - b.key);

interface Graph {
  versions: Map<string, BenchVersion[]>; // newest first
  deps: Map<string, Map<number, Map<string, Range<BenchVersion>>>>; // pkg -> version key -> deps
  rootDeps: Map<string, Range<BenchVersion>>;
  traps: number;
}

function generate(seed: number, packages: number, trapRate: number, versionsPer = 20): Graph {
  const rand = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  const name = (i: number): string => `p${String(i).padStart(4, '0')}`;
  const vers = Array.from({ length: versionsPer }, (_, k) => new BenchVersion(k + 1, k % 3));
  const versions = new Map<string, BenchVersion[]>();
  const deps: Graph['deps'] = new Map();
  let traps = 0;
  for (let i = 0; i < packages; i++) {
    const pkg = name(i);
    versions.set(pkg, [...vers].reverse());
    const targets = new Set<number>();
    const fanout = Math.min(int(2, 4), packages - i - 1);
    while (targets.size < fanout) targets.add(int(i + 1, Math.min(packages - 1, i + 40)));
    const targetList = [...targets];
    const isTrap = targetList.length > 0 && rand() < trapRate;
    const trapTarget = isTrap ? targetList[int(0, targetList.length - 1)]! : -1;
    const trapDepth = int(4, 14);
    if (isTrap) traps++;
    // Like real packages, a dependency's lower bound moves in steps every few releases, so runs of
    // adjacent versions share a dependency (and the solver merges them into one incompatibility).
    const steps = targetList.map(() => ({ every: int(2, 5), lag: int(0, 4) }));
    const byVersion = new Map<number, Map<string, Range<BenchVersion>>>();
    for (let k = 0; k < versionsPer; k++) {
      const v = vers[k]!;
      const d = new Map<string, Range<BenchVersion>>();
      targetList.forEach((t, n) => {
        const firstTrapped = versionsPer - trapDepth;
        if (t === trapTarget && k >= firstTrapped) {
          // The newest versions cap the dependency low; the cap rises every 3 releases, so the solver
          // must walk back through several groups before the cap meets what the other dependers need.
          const cap = 1 + 2 * Math.floor((k - firstTrapped) / 3);
          d.set(name(t), ranges.lowerThan(vers[Math.min(cap, versionsPer - 1)]!));
        } else {
          const { every, lag } = steps[n]!;
          const lowIndex = Math.max(0, Math.floor(k / every) * every - lag);
          d.set(name(t), ranges.higherThan(vers[lowIndex]!));
        }
      });
      byVersion.set(v.key, d);
    }
    deps.set(pkg, byVersion);
  }
  const rootDeps = new Map<string, Range<BenchVersion>>();
  for (let i = 0; i < Math.min(25, packages); i++) rootDeps.set(name(i), ranges.any());
  return { versions, deps, rootDeps, traps };
}

class GraphProvider implements DependencyProvider<BenchVersion> {
  constructor(private readonly g: Graph) {}
  async listVersions(pkg: string): Promise<readonly BenchVersion[]> {
    return this.g.versions.get(pkg) ?? [];
  }
  async getDependencies(pkg: string, v: BenchVersion): Promise<Dependencies<BenchVersion>> {
    if (pkg === 'root') return { kind: 'available', dependencies: this.g.rootDeps };
    return { kind: 'available', dependencies: this.g.deps.get(pkg)!.get(v.key)! };
  }
}

function check(g: Graph, decisions: Map<string, BenchVersion>): void {
  const need = (from: string, list: Map<string, Range<BenchVersion>>): void => {
    for (const [d, r] of list) {
      const got = decisions.get(d);
      if (got === undefined || !r.contains(got)) {
        throw new Error(
          `invalid solution: ${from} needs ${d} ${r.toString()}, got ${got?.toString() ?? 'nothing'}`,
        );
      }
    }
  };
  need('root', g.rootDeps);
  for (const [p, v] of decisions) need(`${p} ${v.toString()}`, g.deps.get(p)!.get(v.key)!);
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const seed = arg('seed', 42);
  const packages = arg('packages', 1000);
  const runs = arg('runs', 5);
  const trapRate = arg('traps', 0.05);
  const graph = generate(seed, packages, trapRate);
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
