/**
 * The figures and Markdown of bench/whole-job-bench.ts: one row per tool and cold/warm job with the
 * steps' wall and CPU time, the phases (wheelhouse: from its job summary; the setup-python way: its
 * steps), the blob transfer inside the restore, index requests and load average; the warm and cold
 * ratios; whether both tools installed the same distributions; and the figures the overlap analysis
 * needs (how much of the warm main step's restore is transfer, and how busy the CPUs were).
 */
import { median } from './harness/stats.js';

export interface StepFigure {
  name: string;
  wallMs: number;
  cpuSec?: number;
  maxRssMb?: number;
  /** 1-minute load average when the step started. */
  load: number;
  exitCode: number;
  /** Time and bytes of the cache blob bodies that crossed the double during the step. */
  blobMs: number;
  blobBytes: number;
  requests: { pages: number; metadata: number; files: number; notModified: number };
}

export interface Job {
  tool: 'wheelhouse' | 'pip';
  temp: 'cold' | 'warm';
  rep: number;
  /** Main steps first (`mainSteps` of them), then the post step when one ran. */
  steps: StepFigure[];
  mainSteps: number;
  /** wheelhouse: the job summary's phases (ms), summed per phase. */
  phases: { phase: string; ms: number }[];
  outputs: { 'cache-hit': string; installed: string };
  /** `name-version` of every distribution in the venv afterwards. */
  installed: string[];
}

const s = (ms: number): string => (ms / 1000).toFixed(2);

export function mainMs(job: Job): number {
  return job.steps.slice(0, job.mainSteps).reduce((t, x) => t + x.wallMs, 0);
}

function mainCpu(job: Job): number | undefined {
  const cpu = job.steps.slice(0, job.mainSteps).map((x) => x.cpuSec);
  return cpu.every((c) => c !== undefined) ? cpu.reduce((t: number, c) => t + (c as number), 0) : undefined;
}

function post(job: Job): StepFigure | undefined {
  return job.steps[job.mainSteps];
}

/** Phase text of one job: wheelhouse's summary phases plus start-up; the setup-python way's steps. */
export function phaseText(job: Job): string {
  const blob = job.steps.slice(0, job.mainSteps).find((x) => x.blobBytes > 0);
  const transfer = blob ? ` (blob ${s(blob.blobMs)} for ${(blob.blobBytes / 1e6).toFixed(0)} MB)` : '';
  if (job.tool === 'pip') {
    const [restore, install] = job.steps;
    return `restore ${s(restore?.wallMs ?? 0)}${transfer} · pip install ${s(install?.wallMs ?? 0)}`;
  }
  const total = job.phases.reduce((t, p) => t + p.ms, 0);
  const parts = [`outside phases ${s(mainMs(job) - total)}`];
  for (const p of job.phases) parts.push(`${p.phase} ${s(p.ms)}${p.phase === 'restore' ? transfer : ''}`);
  return parts.join(' · ');
}

function failed(job: Job): boolean {
  return job.steps.some((x) => x.exitCode !== 0);
}

export function jobTable(jobs: Job[], pipName: string): string {
  const rows = [
    '| job | tool | main step(s) s | CPU s | phases, s | post step s | requests: pages / metadata / files / 304 | load |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const job of jobs) {
    const p = post(job);
    const main = job.steps.slice(0, job.mainSteps);
    const req = main.reduce(
      (t, x) => ({
        pages: t.pages + x.requests.pages,
        metadata: t.metadata + x.requests.metadata,
        files: t.files + x.requests.files,
        notModified: t.notModified + x.requests.notModified,
      }),
      { pages: 0, metadata: 0, files: 0, notModified: 0 },
    );
    const tool =
      job.tool === 'wheelhouse' ? 'wheelhouse (action, install: true)' : `setup-python way (${pipName})`;
    rows.push(
      `| ${job.temp} (rep ${job.rep + 1}) | ${tool} | ${failed(job) ? 'FAILED ' : ''}${s(mainMs(job))} | ${mainCpu(job)?.toFixed(2) ?? '?'} | ${phaseText(job)} | ${p ? s(p.wallMs) : '—'} | ${req.pages} / ${req.metadata} / ${req.files} / ${req.notModified} | ${main.map((x) => x.load.toFixed(1)).join(', ')} |`,
    );
  }
  const lines = [rows.join('\n'), ''];
  for (const temp of ['cold', 'warm'] as const) {
    const wh = jobs.filter((j) => j.tool === 'wheelhouse' && j.temp === temp && !failed(j)).map(mainMs);
    const pip = jobs.filter((j) => j.tool === 'pip' && j.temp === temp && !failed(j)).map(mainMs);
    if (wh.length > 0 && pip.length > 0) {
      lines.push(
        `- ${temp}: wheelhouse ${s(median(wh))} s ÷ setup-python way ${s(median(pip))} s = **${(median(wh) / median(pip)).toFixed(3)}** (medians of the main steps${temp === 'warm' ? '; goal ≤ 0.2' : ''})`,
      );
    }
  }
  const a = jobs.find((j) => j.tool === 'wheelhouse' && !failed(j));
  const b = jobs.find((j) => j.tool === 'pip' && !failed(j));
  if (a && b) {
    const same =
      a.installed.length === b.installed.length && a.installed.every((x, i) => x === b.installed[i]);
    const onlyA = a.installed.filter((x) => !b.installed.includes(x));
    const onlyB = b.installed.filter((x) => !a.installed.includes(x));
    lines.push(
      same
        ? `- both installed the same ${a.installed.length} distributions`
        : `- installed sets differ: only wheelhouse ${onlyA.join(', ') || '—'}; only pip ${onlyB.join(', ') || '—'}`,
    );
  }
  return lines.join('\n');
}

/** The figures of each warm wheelhouse main step that bound what an overlap could buy. */
export function overlapNotes(jobs: Job[]): string {
  const lines: string[] = [];
  for (const job of jobs.filter((j) => j.tool === 'wheelhouse' && !failed(j))) {
    const main = job.steps[0]!;
    const phase = (name: string): number => job.phases.find((p) => p.phase === name)?.ms ?? 0;
    const restore = phase('restore');
    const other = restore - main.blobMs;
    const busy = main.cpuSec !== undefined ? (main.cpuSec * 1000) / main.wallMs : undefined;
    lines.push(
      `- ${job.temp} rep ${job.rep + 1}: main ${s(main.wallMs)} s, CPU ${main.cpuSec?.toFixed(2) ?? '?'} s (${busy?.toFixed(2) ?? '?'} CPUs busy on average); restore ${s(restore)} = blob transfer ${s(main.blobMs)} + lookup/extract ${s(other)}; resolve ${s(phase('resolve'))}; verify ${s(phase('verify'))}; download ${s(phase('download'))}; install after the fetch ${s(phase('install'))}`,
    );
  }
  return lines.join('\n');
}
