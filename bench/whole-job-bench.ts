/**
 * The whole job as a workflow sees it (issue 14 §3): the action's main step with `install: true`
 * against the same job done the `actions/setup-python` `cache: pip` way, cold (empty cache) and warm
 * (the entry the cold job's post step saved), on a fresh runner each time.
 *
 *   node --import ./bench/register-swc.mjs bench/whole-job-bench.ts [--workload real-ds] [--reps 2]
 *   node --import ./bench/register-swc.mjs bench/whole-job-bench.ts --quick      # real-web, 1 rep
 *
 * Both jobs see the same services, in this process: the bench index serving the local mirror's
 * real wheels over HTTP (25 ms per response, 40 MB/s per connection; files and `.metadata` with
 * PyPI's file-host headers, `Cache-Control: max-age=365000000, immutable` + ETag, so pip's HTTP
 * cache keeps them as it does from PyPI — a `file://` index would bypass pip's HTTP cache entirely,
 * making the setup-python way's cache worthless; pages carry no max-age, as when a cache entry is
 * older than PyPI's 600 s) and the GitHub cache service v2 double (__tests__/helpers/
 * cache-service.ts) with its blob endpoint paced to 100 MB/s each way.
 *
 * - wheelhouse: `python3 -m venv --without-pip` (untimed: the job's Python), then the action's main
 *   step (dist/main, or the transpiled sources with `--entry js`) with `install: true`,
 *   VIRTUAL_ENV = that venv, the cache double's ACTIONS_* variables; then its post step (save).
 *   Phases come from the job summary's timing table; the blob transfer from the double's log.
 * - setup-python way: the same venv; restore `~/.cache/pip` through @actions/cache (setup-python's
 *   exact key, bench/whole-job-cache-step.mjs), then `python -m pip --python VENV install -r
 *   requirements.txt -i INDEX` with pip ≥ 25.3 (bench/.venv, as install-bench.ts; byte-compiling
 *   as by default, or `--pip-no-compile`), then the post step's save when the key was not restored.
 *
 * Each repetition runs A cold, B cold, A warm, B warm, the starting tool rotating. Every step is
 * a child process measured by harness/measure.ts (wall, CPU of it and its children); the load
 * average is recorded beside each. Markdown on stdout, every figure in bench/.cache/whole-job/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startCacheService, type CacheService } from '../__tests__/helpers/cache-service.js';
import { startIndexServer, type IndexServer } from '../__tests__/helpers/index-server.js';
import { parseFileCommands } from '../__tests__/e2e/action-harness.js';
import { machineInfo } from './harness/machine.js';
import { runMeasured, type MeasuredRun } from './harness/measure.js';
import { loadRealWorkload } from './harness/real-workloads.js';
import { cleanEnv, discoverPips } from './harness/tools.js';
import { wheelhouseCommand } from './harness/wheelhouse-build.js';
import { jobTable, overlapNotes, type Job, type StepFigure } from './whole-job-report.js';

const repo = resolve(process.cwd());
const out = join(repo, 'bench', '.cache', 'whole-job');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

type Tool = 'wheelhouse' | 'pip';

interface Args {
  workload: string;
  reps: number;
  entry: 'dist' | 'js';
  blobBytesPerSec: number;
  latencyMs: number;
  indexBytesPerSec: number;
  only: Tool[];
  pipCompile: boolean;
}

function parse(argv: string[]): Args {
  const a: Args = {
    workload: 'real-ds',
    reps: 1,
    entry: 'dist',
    blobBytesPerSec: 100e6,
    latencyMs: 25,
    indexBytesPerSec: 40e6,
    only: ['wheelhouse', 'pip'],
    pipCompile: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i] as string;
    const v = (): string => argv[++i] ?? '';
    if (k === '--quick') Object.assign(a, { workload: 'real-web', reps: 1 });
    else if (k === '--workload') a.workload = v();
    else if (k === '--reps') a.reps = Number(v());
    else if (k === '--entry') a.entry = v() === 'js' ? 'js' : 'dist';
    else if (k === '--blob-mbps') a.blobBytesPerSec = Number(v()) * 1e6;
    else if (k === '--latency') a.latencyMs = Number(v());
    else if (k === '--only') a.only = v().split(',') as Tool[];
    else if (k === '--pip-no-compile') a.pipCompile = false;
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

interface Runner {
  root: string;
  workspace: string;
  temp: string;
  home: string;
  venv: string;
  files: string;
}

/** A fresh runner at a stable path (cache versions hash the cached paths, as on hosted runners). */
async function freshRunner(requirements: string): Promise<Runner> {
  const root = join(out, 'runner');
  await rm(root, { recursive: true, force: true });
  const r: Runner = {
    root,
    workspace: join(root, 'workspace'),
    temp: join(root, 'temp'),
    home: join(root, 'home'),
    venv: join(root, 'venv'),
    files: join(root, 'files'),
  };
  for (const d of [r.workspace, r.temp, r.home, r.files]) await mkdir(d, { recursive: true });
  await writeFile(join(r.workspace, 'requirements.txt'), requirements);
  execFileSync('python3', ['-m', 'venv', '--without-pip', r.venv], { stdio: 'ignore', timeout: 120_000 });
  return r;
}

/** The environment a hosted runner gives every step (the machine's PIP_* and NODE_OPTIONS removed). */
function runnerEnv(r: Runner, service: CacheService): Record<string, string> {
  const env = cleanEnv({
    HOME: r.home,
    XDG_CACHE_HOME: join(r.home, '.cache'),
    RUNNER_TEMP: r.temp,
    GITHUB_WORKSPACE: r.workspace,
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ENVIRONMENT: 'github-hosted',
    NO_PROXY: '127.0.0.1,localhost',
    ...service.env(),
  });
  for (const k of Object.keys(env)) {
    if (k.startsWith('INPUT_') || k.startsWith('STATE_') || k === 'ACTIONS_CACHE_URL') delete env[k];
    if (k === 'RUNNER_TOOL_CACHE' || k === 'VIRTUAL_ENV') delete env[k];
  }
  return env;
}

/** `name-version` of every distribution in the venv (its dist-info directories), sorted. */
async function installedSet(venv: string): Promise<string[]> {
  const lib = join(venv, 'lib');
  const found: string[] = [];
  for (const py of existsSync(lib) ? await readdir(lib) : []) {
    const sp = join(lib, py, 'site-packages');
    if (!existsSync(sp)) continue;
    for (const e of await readdir(sp)) {
      if (e.endsWith('.dist-info'))
        found.push(e.slice(0, -'.dist-info'.length).toLowerCase().replace(/_/g, '-'));
    }
  }
  return found.sort();
}

interface Ctx {
  args: Args;
  server: IndexServer;
  service: CacheService;
  requirements: string;
  mainEntry: string;
  postEntry: string;
  pipPython: string;
}

async function step(
  name: string,
  r: Runner,
  command: string,
  args: string[],
  env: Record<string, string>,
  ctx: Ctx,
): Promise<{ m: MeasuredRun; figure: StepFigure }> {
  const load = loadavg()[0] ?? 0;
  ctx.server.reset();
  const started = Date.now();
  const m = await runMeasured({ command, args, env, cwd: r.workspace, scratch: r.files, timeoutMs: 900_000 });
  const ended = Date.now();
  const blob = ctx.service.transfers().filter((t) => t.startMs >= started && t.endMs <= ended);
  const c = ctx.server.counters;
  const figure: StepFigure = {
    name,
    wallMs: Math.round(m.wallMs),
    ...(m.cpuSec !== undefined ? { cpuSec: m.cpuSec } : {}),
    ...(m.maxRssKb !== undefined ? { maxRssMb: Math.round(m.maxRssKb / 1024) } : {}),
    load: Math.round(load * 100) / 100,
    exitCode: m.exitCode,
    blobMs: busyMs(blob),
    blobBytes: blob.reduce((s, t) => s + t.bytes, 0),
    requests: {
      pages: c.byKind.page.requests,
      metadata: c.byKind.metadata.requests,
      files: c.byKind['file-full'].requests,
      notModified: c.notModified,
    },
  };
  log(
    `    ${name.padEnd(18)} ${(m.wallMs / 1000).toFixed(2).padStart(7)} s  cpu ${m.cpuSec?.toFixed(2) ?? '?'}  load ${load.toFixed(2)}  blob ${(figure.blobBytes / 1e6).toFixed(0)} MB in ${(figure.blobMs / 1000).toFixed(2)} s  requests ${JSON.stringify(figure.requests)}${m.exitCode !== 0 ? `  FAILED ${m.exitCode}: ${m.stderr.slice(-600)} ${m.stdout.slice(-600)}` : ''}`,
  );
  return { m, figure };
}

/** Milliseconds during which at least one of the transfers was under way (uploads run in parallel). */
function busyMs(transfers: { startMs: number; endMs: number }[]): number {
  let total = 0;
  let until = -Infinity;
  for (const t of [...transfers].sort((a, b) => a.startMs - b.startMs)) {
    if (t.endMs <= until) continue;
    total += t.endMs - Math.max(t.startMs, until);
    until = t.endMs;
  }
  return total;
}

/** The summary's `| phase | 1.23 s |` rows, summed per phase, in order of first appearance. */
function summaryPhases(summary: string): { phase: string; ms: number }[] {
  const phases = new Map<string, number>();
  for (const m of summary.matchAll(/^\| ([a-z]+) \| ([\d.]+) (ms|s) \|$/gm)) {
    const ms = Number(m[2]) * (m[3] === 's' ? 1000 : 1);
    phases.set(m[1]!, (phases.get(m[1]!) ?? 0) + Math.round(ms));
  }
  return [...phases].map(([phase, ms]) => ({ phase, ms }));
}

async function wheelhouseJob(ctx: Ctx, temp: 'cold' | 'warm', rep: number): Promise<Job> {
  const r = await freshRunner(ctx.requirements);
  const files = {
    output: join(r.files, 'output'),
    state: join(r.files, 'state'),
    summary: join(r.files, 'summary'),
  };
  for (const f of Object.values(files)) await writeFile(f, '');
  const bin = join(r.venv, 'bin');
  const env: Record<string, string> = {
    ...runnerEnv(r, ctx.service),
    PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    VIRTUAL_ENV: r.venv,
    INPUT_REQUIREMENTS: 'requirements.txt',
    'INPUT_INDEX-URL': ctx.server.indexUrl,
    INPUT_INSTALL: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
  };
  const main = await step('main step', r, process.execPath, [ctx.mainEntry], env, ctx);
  const outputs = parseFileCommands(await readFile(files.output, 'utf8'));
  const state = parseFileCommands(await readFile(files.state, 'utf8'));
  const phases = summaryPhases(await readFile(files.summary, 'utf8'));
  const steps = [main.figure];
  if (main.m.exitCode === 0) {
    const postEnv = { ...env };
    for (const [k, v] of Object.entries(state)) postEnv[`STATE_${k}`] = v;
    steps.push((await step('post step (save)', r, process.execPath, [ctx.postEntry], postEnv, ctx)).figure);
  }
  return {
    tool: 'wheelhouse',
    temp,
    rep,
    steps,
    mainSteps: 1,
    phases,
    outputs: { 'cache-hit': outputs['cache-hit'] ?? '', installed: outputs['installed'] ?? '' },
    installed: await installedSet(r.venv),
  };
}

async function pipJob(ctx: Ctx, temp: 'cold' | 'warm', rep: number): Promise<Job> {
  const r = await freshRunner(ctx.requirements);
  const env = runnerEnv(r, ctx.service);
  const cacheDir = join(r.home, '.cache', 'pip');
  const hash = (await import('node:crypto')).createHash('sha256').update(ctx.requirements).digest('hex');
  const key = `setup-python-Linux-x64-python-3.11-pip-${hash}`;
  const cacheStep = join(repo, 'bench', 'whole-job-cache-step.mjs');
  const restore = await step(
    'restore ~/.cache/pip',
    r,
    process.execPath,
    [cacheStep, 'restore', key, cacheDir],
    env,
    ctx,
  );
  const matched = /whole-job-result (.*)$/m.exec(restore.m.stdout);
  const restored = matched ? (JSON.parse(matched[1]!) as { matchedKey: string | null }).matchedKey : null;
  const pipArgs = [
    '-m',
    'pip',
    '--python',
    join(r.venv, 'bin', 'python'),
    'install',
    '--disable-pip-version-check',
    '--progress-bar',
    'off',
    // pip caches only responses from https:// origins and trusted hosts (its insecure adapter has no
    // cache): 127.0.0.1 over http stands for PyPI over https here.
    '--trusted-host',
    '127.0.0.1',
    ...(ctx.args.pipCompile ? [] : ['--no-compile']),
    '-i',
    ctx.server.indexUrl,
    '-r',
    'requirements.txt',
  ];
  const install = await step('pip install -r', r, ctx.pipPython, pipArgs, env, ctx);
  const steps = [restore.figure, install.figure];
  if (install.m.exitCode === 0 && restored !== key) {
    steps.push(
      (await step('post step (save)', r, process.execPath, [cacheStep, 'save', key, cacheDir], env, ctx))
        .figure,
    );
  }
  return {
    tool: 'pip',
    temp,
    rep,
    steps,
    mainSteps: 2,
    phases: [],
    outputs: { 'cache-hit': String(restored === key), installed: '' },
    installed: await installedSet(r.venv),
  };
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  await mkdir(out, { recursive: true });
  const workload = await loadRealWorkload(args.workload, join(repo, 'bench', '.cache'));
  if ('skip' in workload) {
    log(workload.skip);
    return;
  }
  const pips = discoverPips(repo, log);
  for (const n of pips.notes) log(`bench: ${n}`);
  const pip = pips.tools.find((t) => !t.version.startsWith('23.')) ?? pips.tools[0];
  if (pip === undefined) throw new Error('no pip to compare with');
  let mainEntry = join(repo, 'dist', 'main', 'index.js');
  let postEntry = join(repo, 'dist', 'post', 'index.js');
  if (args.entry === 'js' || !existsSync(mainEntry)) {
    const cli = (await wheelhouseCommand(repo, 'js')).prefix[0] as string;
    mainEntry = join(dirname(cli), 'main.js');
    postEntry = join(dirname(cli), 'post.js');
  }
  const server = await startIndexServer({
    projects: workload.projects,
    modes: {
      latencyMs: args.latencyMs,
      bandwidthBytesPerSec: args.indexBytesPerSec,
      fileCacheControl: 'max-age=365000000, immutable, public',
    },
  });
  const service = await startCacheService({ blobBytesPerSec: args.blobBytesPerSec });
  const ctx: Ctx = {
    args,
    server,
    service,
    requirements: `${workload.requirements.join('\n')}\n`,
    mainEntry,
    postEntry,
    pipPython: pip.command,
  };
  log(`machine: ${JSON.stringify(machineInfo())}`);
  log(
    `whole job · ${workload.name} · wheelhouse ${mainEntry} · pip ${pip.version} · blob ${args.blobBytesPerSec / 1e6} MB/s`,
  );
  const jobs: Job[] = [];
  const run = { wheelhouse: wheelhouseJob, pip: pipJob };
  try {
    for (let rep = 0; rep < args.reps; rep++) {
      await service.reset();
      const order = rep % 2 === 0 ? args.only : [...args.only].reverse();
      for (const temp of ['cold', 'warm'] as const) {
        for (const tool of order) {
          log(`  rep ${rep + 1} · ${tool} · ${temp}`);
          jobs.push(await run[tool](ctx, temp, rep));
        }
      }
    }
  } finally {
    await server.close();
    await service.close();
    await rm(join(out, 'runner'), { recursive: true, force: true });
  }
  const meta = {
    date: new Date().toISOString(),
    machine: machineInfo(),
    workload: workload.name,
    pip: pip.version,
    wheelhouse: args.entry === 'js' || mainEntry.includes('wheelhouse-bench-js') ? 'sources (js)' : 'dist',
    settings: { ...args },
  };
  await writeFile(join(out, `${workload.name}.json`), JSON.stringify({ ...meta, jobs }, null, 1));
  process.stdout.write(`${jobTable(jobs, `pip ${pip.version}`)}\n\n${overlapNotes(jobs)}\n`);
}

await main();
