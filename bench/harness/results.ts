/**
 * Result records of the benchmark: one file per case (workload × scenario × server settings)
 * under bench/.cache/results/, and the per-tool summary (median run and spread) the report uses.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario, ServerSettings } from './args.js';
import { medianIndex, spread, type Spread } from './stats.js';

export interface KindTotals {
  requests: number;
  bytes: number;
}

export interface RunRecord {
  rep: number;
  /** Position of this tool in the rep's alternating order (0 = ran first). */
  order: number;
  wallMs: number;
  exitCode: number;
  timedOut: boolean;
  maxRssKb?: number;
  /** User + system CPU seconds of the client process. */
  cpuSec?: number;
  rssSource: string;
  byKind: Record<string, KindTotals>;
  requests: number;
  bytes: number;
  notModified: number;
  peakInFlight: number;
  peakConnections: number;
  /** Packages in the resolution (resolve) or wheels in the destination (fetch). */
  packages?: number;
  /** Whether the packages equal the expected resolution (undefined when nothing to compare). */
  agrees?: boolean;
  /** Differences from the expected resolution, a few of them. */
  diff?: string[];
  /** Tail of stderr when the run failed. */
  error?: string;
}

export interface ToolRuns {
  id: string;
  version: string;
  runs: RunRecord[];
}

export interface CaseResult {
  workload: string;
  workloadDescription: string;
  scenario: Scenario;
  variant: string;
  server: ServerSettings;
  /** Served files and bytes. */
  served: { projects: number; files: number; bytes: number };
  expectedPackages?: number;
  changedPin?: string;
  date: string;
  /** 1-minute load average when the case started and ended (the CPUs are shared). */
  loadAverage?: [number, number];
  tools: ToolRuns[];
}

export interface ToolSummary {
  id: string;
  version: string;
  ok: boolean;
  wall: Spread;
  rssMb?: number;
  /** Median CPU seconds (user + system). */
  cpuSec?: number;
  median: RunRecord;
  failures: number;
}

export function summarize(t: ToolRuns): ToolSummary | undefined {
  if (t.runs.length === 0) return undefined;
  const good = t.runs.filter((r) => r.exitCode === 0 && !r.timedOut);
  const pool = good.length > 0 ? good : t.runs;
  const walls = pool.map((r) => r.wallMs);
  const median = pool[medianIndex(walls)] as RunRecord;
  const rss = pool.map((r) => r.maxRssKb).filter((v): v is number => v !== undefined);
  const cpu = pool.map((r) => r.cpuSec).filter((v): v is number => v !== undefined);
  return {
    id: t.id,
    version: t.version,
    ok: good.length === t.runs.length,
    wall: spread(walls),
    ...(rss.length > 0 ? { rssMb: Math.max(...rss) / 1024 } : {}),
    ...(cpu.length > 0 ? { cpuSec: spread(cpu).median } : {}),
    median,
    failures: t.runs.length - good.length,
  };
}

export function caseFileName(c: Pick<CaseResult, 'workload' | 'scenario' | 'variant'>): string {
  return `${c.workload}__${c.scenario}__${c.variant}.result`;
}

export async function saveCase(dir: string, c: CaseResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, caseFileName(c));
  await writeFile(file, JSON.stringify(c, null, 1));
  return file;
}

export async function loadCases(dir: string): Promise<CaseResult[]> {
  if (!existsSync(dir)) return [];
  const out: CaseResult[] = [];
  for (const f of (await readdir(dir)).sort()) {
    if (!f.endsWith('.result')) continue;
    out.push(JSON.parse(await readFile(join(dir, f), 'utf8')) as CaseResult);
  }
  return out;
}
