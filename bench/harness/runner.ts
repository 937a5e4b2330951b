/**
 * Runs one case: serves the workload with the chosen server settings, then for each repetition runs
 * every tool once (the order rotates each repetition, so no tool always runs first or last), each
 * run in its own fresh directories. Warm and one-pin-changed runs first fill the tool's cache with
 * an untimed cold fetch of the base requirements; the server counters are reset just before the
 * timed step, so requests and bytes are the timed step's only.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startIndexServer, type IndexServer } from '../../__tests__/helpers/index-server.js';
import { REQUEST_KINDS } from '../../__tests__/helpers/index-server-counters.js';
import { parseWheelFilename } from '../../src/standards/filenames.js';
import { normalizeName } from '../../src/standards/names.js';
import { variantName, type Scenario, type ServerSettings } from './args.js';
import { runMeasured } from './measure.js';
import type { CaseResult, RunRecord, ToolRuns } from './results.js';
import { cleanEnv, stepArgs, type Step, type Tool } from './tools.js';
import { fileUrlBaseFor, servedBytes, type Workload } from './workload.js';

export interface CaseOptions {
  workload: Workload;
  scenario: Scenario;
  server: ServerSettings;
  tools: Tool[];
  reps: number;
  /** Scratch root for run directories (emptied after each run). */
  scratch: string;
  repo: string;
  timeoutMs: number;
  log: (line: string) => void;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function compare(
  got: Map<string, string>,
  expected: Map<string, string>,
): { agrees: boolean; diff: string[] } {
  const diff: string[] = [];
  for (const [n, v] of expected) {
    const g = got.get(n);
    if (g === undefined) diff.push(`missing ${n}==${v}`);
    else if (g !== v) diff.push(`${n}: ${g} (expected ${v})`);
  }
  for (const [n, v] of got) if (!expected.has(n)) diff.push(`extra ${n}==${v}`);
  return { agrees: diff.length === 0, diff: diff.slice(0, 8) };
}

async function reportPackages(path: string): Promise<Map<string, string> | undefined> {
  if (!existsSync(path)) return undefined;
  const report = JSON.parse(await readFile(path, 'utf8')) as {
    install?: { metadata: { name: string; version: string } }[];
  };
  return new Map((report.install ?? []).map((i) => [normalizeName(i.metadata.name), i.metadata.version]));
}

async function destPackages(dir: string): Promise<Map<string, string> | undefined> {
  if (!existsSync(dir)) return undefined;
  const out = new Map<string, string>();
  for (const f of await readdir(dir)) {
    if (!f.endsWith('.whl')) continue;
    const w = parseWheelFilename(f);
    out.set(w.name, w.version);
  }
  return out;
}

async function runOne(
  o: CaseOptions,
  server: IndexServer,
  tool: Tool,
  rep: number,
  order: number,
): Promise<RunRecord> {
  const dir = join(o.scratch, `${tool.id}-${rep}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'home'), { recursive: true });
  const base = join(dir, 'requirements.txt');
  const changed = join(dir, 'requirements-changed.txt');
  await writeFile(base, o.workload.requirements.join('\n') + '\n');
  await writeFile(changed, o.workload.changedRequirements.join('\n') + '\n');
  const env = cleanEnv({ HOME: join(dir, 'home'), XDG_CACHE_HOME: join(dir, 'xdg-cache') });
  const cacheDir = join(dir, 'cache');
  const resolve = o.scenario === 'cold-resolve';
  const timedReq = o.scenario === 'one-pin-changed' ? changed : base;
  const step: Step = {
    kind: resolve ? 'resolve' : 'fetch',
    requirementsFile: timedReq,
    indexUrl: server.indexUrl,
    out: resolve ? join(dir, 'report.json') : join(dir, 'dest'),
    cacheDir,
  };
  const run = (s: Step) =>
    runMeasured({
      command: tool.command,
      args: stepArgs(tool, s),
      env,
      cwd: dir,
      scratch: dir,
      timeoutMs: o.timeoutMs,
    });
  if (o.scenario === 'warm' || o.scenario === 'one-pin-changed') {
    const prep = await run({ ...step, requirementsFile: base, out: join(dir, 'dest-prepare') });
    if (prep.exitCode !== 0)
      o.log(`  ${tool.id}: the cache-filling run failed (${prep.exitCode}): ${prep.stderr.slice(-400)}`);
  }
  server.reset();
  const m = await run(step);
  const c = server.counters;
  const byKind: RunRecord['byKind'] = {};
  for (const k of REQUEST_KINDS) byKind[k] = { ...c.byKind[k] };
  const record: RunRecord = {
    rep,
    order,
    wallMs: Math.round(m.wallMs),
    exitCode: m.exitCode,
    timedOut: m.timedOut,
    ...(m.maxRssKb !== undefined ? { maxRssKb: m.maxRssKb } : {}),
    ...(m.cpuSec !== undefined ? { cpuSec: Math.round(m.cpuSec * 100) / 100 } : {}),
    rssSource: m.rssSource,
    byKind,
    requests: c.requests,
    bytes: c.bytes,
    notModified: c.notModified,
    peakInFlight: c.peakInFlight,
    peakConnections: c.peakConnections,
  };
  const got = resolve ? await reportPackages(step.out) : await destPackages(step.out);
  if (got !== undefined) {
    record.packages = got.size;
    if (o.workload.expected && o.scenario !== 'one-pin-changed')
      Object.assign(record, compare(got, o.workload.expected));
  }
  if (m.exitCode !== 0 || m.timedOut) record.error = (m.stderr || m.stdout).slice(-1500);
  await rm(dir, { recursive: true, force: true });
  return record;
}

export async function runCase(o: CaseOptions): Promise<CaseResult> {
  const loadBefore = loadavg()[0] ?? 0;
  const server = await startIndexServer({
    projects: o.workload.projects,
    cachePages: o.workload.cachePages === true,
    modes: {
      latencyMs: o.server.latencyMs,
      bandwidthBytesPerSec: o.server.bandwidthBytesPerSec,
      noMetadataFiles: o.server.noPep658,
      noJson: o.server.noJson,
      suffixRangeRefused: o.server.noSuffixRanges,
      ...(o.server.opaquePageEtags === true ? { pageEtag: 'opaque' as const } : {}),
      ...(o.server.pageMaxAge !== undefined ? { pageCacheControl: `max-age=${o.server.pageMaxAge}` } : {}),
    },
  });
  server.setModes({ fileUrlBase: fileUrlBaseFor(o.workload, server.port) });
  const results: ToolRuns[] = o.tools.map((t) => ({ id: t.id, version: t.version, runs: [] }));
  try {
    for (let rep = 0; rep < o.reps; rep++) {
      for (let k = 0; k < o.tools.length; k++) {
        const index = (rep + k) % o.tools.length;
        const tool = o.tools[index] as Tool;
        const r = await runOne(o, server, tool, rep, k);
        results[index]?.runs.push(r);
        const status = r.exitCode === 0 ? '' : ` FAILED(${r.timedOut ? 'timeout' : r.exitCode})`;
        const agree = r.agrees === false ? ` DIFFERS: ${r.diff?.join('; ')}` : '';
        o.log(
          `  rep ${rep + 1}/${o.reps} ${tool.id.padEnd(22)} ${(r.wallMs / 1000).toFixed(2).padStart(7)} s  ` +
            `cpu ${r.cpuSec?.toFixed(2) ?? '?'} s  ${r.requests} req ${(r.bytes / 1e6).toFixed(1)} MB  rss ${r.maxRssKb !== undefined ? Math.round(r.maxRssKb / 1024) : '?'} MB` +
            `${r.packages !== undefined ? `  ${r.packages} pkgs` : ''}${status}${agree}`,
        );
        if (r.error !== undefined) o.log(`    ${r.error.split('\n').slice(-6).join('\n    ')}`);
      }
    }
  } finally {
    await server.close();
  }
  const served = servedBytes(o.workload.projects);
  return {
    workload: o.workload.name,
    workloadDescription: o.workload.description,
    scenario: o.scenario,
    variant: variantName(o.server),
    server: o.server,
    served: { projects: o.workload.projects.length, ...served },
    ...(o.workload.expected ? { expectedPackages: o.workload.expected.size } : {}),
    ...(o.scenario === 'one-pin-changed' ? { changedPin: o.workload.changedPin } : {}),
    date: new Date().toISOString(),
    loadAverage: [round2(loadBefore), round2(loadavg()[0] ?? 0)],
    tools: results,
  };
}
