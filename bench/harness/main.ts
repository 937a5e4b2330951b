/**
 * The benchmark command (bench/run.mjs spawns this through the swc loader). See args.ts HELP and
 * docs/benchmarks.md for the method.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  BenchUsageError,
  HELP,
  parseBenchArgs,
  SCENARIOS,
  variantName,
  type BenchArgs,
  type Scenario,
} from './args.js';
import { genBacktrack, genWeb } from './generated-workloads.js';
import { loadPypiShaped, PYPI_SHAPED } from './pypi-shaped.js';
import { loadRealWorkload, realWorkloadNames } from './real-workloads.js';
import { writeDocs } from './report.js';
import { loadCases, saveCase } from './results.js';
import { killRunningClients } from './measure.js';
import { runCase } from './runner.js';
import { SWEEP, WORKLOAD_NAMES, type SweepCase } from './sweep.js';
import { discoverPips, wheelhouseTool, withFastDeps, type Tool } from './tools.js';
import { wheelhouseCommand } from './wheelhouse-build.js';
import type { Workload, WorkloadSkip } from './workload.js';
import { servedBytes } from './workload.js';

const repo = resolve(process.cwd());
const cacheRoot = join(repo, 'bench', '.cache');
const resultsDir = join(cacheRoot, 'results');
const log = (line: string) => process.stderr.write(line + '\n');

async function loadWorkload(name: string, args: BenchArgs): Promise<Workload | WorkloadSkip> {
  if (name in PYPI_SHAPED) {
    return loadPypiShaped(name, repo, { quick: args.quick });
  }
  if (name === 'gen-web') return genWeb();
  if (name === 'gen-backtrack') return genBacktrack();
  if (realWorkloadNames().includes(name)) return loadRealWorkload(name, cacheRoot);
  throw new BenchUsageError(`unknown workload ${JSON.stringify(name)}; one of ${WORKLOAD_NAMES.join(', ')}`);
}

function planFromArgs(args: BenchArgs): SweepCase[] {
  if (args.sweep) return SWEEP;
  const scenarios: Scenario[] = args.scenarios.length > 0 ? args.scenarios : [...SCENARIOS];
  return args.workloads.flatMap((workload) =>
    scenarios.map((scenario) => ({
      workload,
      scenario,
      noPep658: args.server.noPep658,
      peers: 'all' as const,
    })),
  );
}

function toolsFor(all: { wheelhouse: Tool; pips: Tool[] }, c: SweepCase, only: string[]): Tool[] {
  const newest = all.pips[all.pips.length - 1];
  const pips = c.peers === 'all' ? [...all.pips] : c.peers === 'current' && newest ? [newest] : [];
  // pip's lazy-wheel feature is its answer to indexes without PEP 658 metadata: resolution only.
  if (c.noPep658 === true && c.scenario === 'cold-resolve') {
    pips.push(...(c.peers === 'all' ? all.pips : pips).map(withFastDeps));
  }
  const tools = [all.wheelhouse, ...pips];
  return only.length > 0 ? tools.filter((t) => only.includes(t.id)) : tools;
}

async function main(): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(process.argv.slice(2));
    const unknown = args.workloads.filter((w) => !WORKLOAD_NAMES.includes(w));
    if (unknown.length > 0) {
      throw new BenchUsageError(
        `unknown workload ${JSON.stringify(unknown[0])}; one of ${WORKLOAD_NAMES.join(', ')}`,
      );
    }
  } catch (e) {
    if (e instanceof BenchUsageError) {
      log(`bench: ${e.message}`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.reportOnly) {
    const written = await writeDocs(repo, await loadCases(resultsDir), [], args.server);
    log(`bench: wrote ${written.join(', ')}`);
    return 0;
  }
  const plan = planFromArgs(args);
  const wh = await wheelhouseCommand(repo, args.wheelhouse);
  const { tools: pips, notes } = discoverPips(repo, log);
  for (const n of notes) log(`bench: ${n}`);
  const all = { wheelhouse: wheelhouseTool(wh, '0.1.0'), pips };
  log(`bench: wheelhouse via ${wh.mode}; pip peers: ${pips.map((p) => p.id).join(', ') || 'none'}`);
  const skips: string[] = [...notes];
  const scratch = join(cacheRoot, 'runs');
  await mkdir(scratch, { recursive: true });
  const started = Date.now();
  let current: { name: string; w: Workload | WorkloadSkip } | undefined;
  for (const c of plan) {
    if (current?.name !== c.workload) {
      current = undefined; // let the previous workload's bytes be collected first
      const t0 = Date.now();
      const w = await loadWorkload(c.workload, args);
      current = { name: c.workload, w };
      if ('skip' in w) {
        log(`bench: ${w.skip}`);
        skips.push(w.skip);
      } else {
        const s = servedBytes(w.projects);
        log(
          `bench: workload ${w.name}: ${w.projects.length} projects, ${s.files} files, ${(s.bytes / 1e6).toFixed(0)} MB served` +
            ` (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
        );
      }
    }
    const w = current.w;
    if ('skip' in w) continue;
    const server = { ...args.server, noPep658: c.noPep658 === true };
    const tools = toolsFor(all, c, args.tools);
    log(`bench: ${w.name} / ${c.scenario} / ${variantName(server)} — ${tools.map((t) => t.id).join(', ')}`);
    const result = await runCase({
      workload: w,
      scenario: c.scenario,
      server,
      tools,
      reps: args.reps,
      scratch,
      repo,
      timeoutMs: args.timeoutSec * 1000,
      log,
    });
    await saveCase(resultsDir, result);
  }
  await rm(scratch, { recursive: true, force: true });
  log(`bench: finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (args.writeDocs) {
    const written = await writeDocs(repo, await loadCases(resultsDir), skips, args.server);
    log(`bench: wrote ${written.join(', ')}`);
  }
  return 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killRunningClients();
    process.exit(130);
  });
}

process.exitCode = await main();
