/**
 * `wheelhouse install` against pip (issue 9, §6): installs of the real-ds / real-ml wheel sets into
 * fresh virtual environments, tools alternating within each repetition (the order rotates), each
 * run measured by bench/harness/measure.ts (wall time, CPU, peak RSS through GNU time).
 *
 *   node --import ./bench/register-swc.mjs bench/install-bench.ts --workload real-ds --reps 3
 *
 * Cases:
 *   - wheelhouse: install a filled wheelhouse with pip's own offline line, `install --no-index
 *     --find-links WH --require-hashes -r WH/requirements.lock` — wheelhouse (default: no
 *     byte-compiling; and --compile) against pip (default: byte-compiles; and --no-compile);
 *     The "wheelhouse" runs start with an empty cache directory, so the unpacked-wheel cache
 *     (src/install/unpacked-cache.ts) is filled on the way (cold cache); `wheelhouse
 *     no-unpacked-cache` runs with WHEELHOUSE_UNPACKED_CACHE=0 (every member written, as before);
 *   - warm: the same line into a new fresh venv after two untimed wheelhouse installs into other
 *     fresh venvs with the same cache directory — the environment is filled by hard links from a
 *     warm unpacked-wheel cache (a persistent runner, or an ephemeral one whose cache directory is
 *     restored; the cache writes a wheel's entry on its second install, the first only marks it
 *     seen); pip runs as in "wheelhouse" (its find-links install has nothing to cache);
 *   - fill: the same line after one untimed wheelhouse install: the run that fills the cache;
 *   - second: the same line again into the environment it just filled (a no-op);
 *   - cold: `install -r requirements.txt` from the bench index server (real wheels, 25 ms latency,
 *     40 MB/s per connection as in docs/benchmarks.md), empty caches: resolve + download + install;
 *     wheelhouse runs with -v and the log shows its `phases:` lines (the fetch's phases, and how
 *     long installing went on after the fetch ended: the part not overlapped with downloads).
 * pip runs as `<pip's python> -m pip --python <venv python> install …`, so every contender installs
 * into an identical venv made with `python3 -m venv --without-pip` (untimed). pip 23.2.1 is the
 * machine's; pip ≥ 25.3 comes from bench/.venv (tools.ts discoverPips). Results go to
 * bench/.cache/install/<workload>.json and a Markdown table on stdout.
 *
 * Nothing is deleted between runs: every run's directory (and an earlier bench's scratch, moved
 * aside by a rename) is removed only after the last run. On this machine's ext4 without a journal,
 * creating files soon after tens of thousands were deleted costs kernel CPU per created file (the
 * inode allocator skips inodes deleted within the last minute, six when their table block is
 * still dirty, looking each one up: `recently_deleted()` in fs/ext4/ialloc.c), so deleting the
 * last run's 28k-file venv right before the next run made every contender pay several seconds of
 * system time that a fresh CI machine never pays. `--delete-between` restores the old order to
 * measure that case on purpose.
 *
 * System time swings by seconds between runs on a small shared machine (page-cache reclaim when
 * memory is full of earlier runs' files, writeback of their dirty pages). `--settle S` runs
 * `sync` and waits S seconds before every timed run; `--drop-caches` (root only) also drops the
 * clean page cache (`/proc/sys/vm/drop_caches`) and reads back what a runner has warm anyway —
 * the wheelhouse, node, the CLI's sources, each Python's library and pip — so every run starts
 * with free memory, like a fresh runner. Each run's line gives user and system time apart and
 * the 1-minute load average when it started.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startIndexServer, type IndexServer } from '../__tests__/helpers/index-server.js';
import { machineInfo } from './harness/machine.js';
import { runMeasured, type MeasuredRun } from './harness/measure.js';
import { loadRealWorkload } from './harness/real-workloads.js';
import { median } from './harness/stats.js';
import { cleanEnv, discoverPips } from './harness/tools.js';
import { wheelhouseCommand } from './harness/wheelhouse-build.js';

const repo = resolve(process.cwd());
const root = join(repo, 'bench', '.cache', 'install');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

type CaseName = 'wheelhouse' | 'warm' | 'fill' | 'second' | 'cold';

interface Args {
  workloads: string[];
  cases: CaseName[];
  reps: number;
  /** Contender ids to run (all when empty). */
  only: string[];
  /** Delete each run's directory right after it (the case of a venv recreated after `rm -rf`). */
  deleteBetween: boolean;
  /** `sync` and wait this many seconds before each timed run (0: neither). */
  settleSec: number;
  /** Drop the clean page cache before each timed run, then read the inputs back (root only). */
  dropCaches: boolean;
}

/** Directories removed after the last run (see the module comment). */
const trash: string[] = [];

function parse(argv: string[]): Args {
  const args: Args = {
    workloads: [],
    cases: [],
    reps: 3,
    only: [],
    deleteBetween: false,
    settleSec: 0,
    dropCaches: false,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const a = argv[i] as string;
    const v = argv[i + 1] ?? '';
    if (a === '--delete-between') {
      args.deleteBetween = true;
      i--;
    } else if (a === '--drop-caches') {
      args.dropCaches = true;
      i--;
    } else if (a === '--settle') args.settleSec = Number(v);
    else if (a === '--workload') args.workloads.push(...v.split(','));
    else if (a === '--case') args.cases.push(...(v.split(',') as CaseName[]));
    else if (a === '--reps') args.reps = Number(v);
    else if (a === '--only') args.only.push(...v.split(','));
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.workloads.length === 0) args.workloads.push('real-ds');
  if (args.cases.length === 0) args.cases.push('wheelhouse', 'second', 'cold');
  return args;
}

interface Paths {
  venv: string;
  python: string;
  wheelhouse: string;
  lock: string;
  requirements: string;
  indexUrl: string;
  /** Per-run scratch: HOME, caches. */
  dir: string;
}

interface Contender {
  id: string;
  command: string;
  argv(p: Paths): string[];
  /** Extra environment. */
  env?: Record<string, string>;
}

interface Row {
  workload: string;
  case: CaseName;
  id: string;
  runs: {
    wallMs: number;
    cpuSec?: number;
    userSec?: number;
    sysSec?: number;
    maxRssKb?: number;
    installed: number;
    exitCode: number;
    /** 1-minute load average when the run started. */
    load?: number;
  }[];
}

function venvPython(venv: string): string {
  return join(venv, 'bin', 'python');
}

function freshVenv(dir: string): string {
  execFileSync('python3', ['-m', 'venv', '--without-pip', dir], { stdio: 'ignore', timeout: 120_000 });
  return dir;
}

/** Distributions in the venv (dist-info directories in site-packages). */
async function installedCount(venv: string): Promise<number> {
  const lib = join(venv, 'lib');
  let n = 0;
  for (const py of existsSync(lib) ? await readdir(lib) : []) {
    const sp = join(lib, py, 'site-packages');
    if (existsSync(sp)) n += (await readdir(sp)).filter((e) => e.endsWith('.dist-info')).length;
  }
  return n;
}

function pipLine(p: Paths): string[] {
  return ['--no-index', '--find-links', p.wheelhouse, '--require-hashes', '-r', p.lock];
}

function contenders(wh: string[], pips: { id: string; python: string }[]): Record<CaseName, Contender[]> {
  const node = process.execPath;
  const native = (id: string, extra: string[], env?: Record<string, string>): Contender => ({
    id,
    command: node,
    argv: (p) => [...wh, 'install', ...pipLine(p), '--python', p.python, '-q', ...extra],
    ...(env !== undefined ? { env } : {}),
  });
  const pip = (id: string, python: string, extra: string[]): Contender => ({
    id,
    command: python,
    argv: (p) => [
      '-m',
      'pip',
      '--python',
      p.python,
      'install',
      '--disable-pip-version-check',
      '--no-input',
      '--progress-bar',
      'off',
      '-q',
      '--cache-dir',
      join(p.dir, 'pip-cache'),
      ...extra,
      ...pipLine(p),
    ],
  });
  return {
    wheelhouse: [
      native('wheelhouse', []),
      native('wheelhouse no-unpacked-cache', [], { WHEELHOUSE_UNPACKED_CACHE: '0' }),
      native('wheelhouse --compile', ['--compile']),
      ...pips.flatMap((q) => [
        pip(q.id, q.python, []),
        pip(`${q.id} --no-compile`, q.python, ['--no-compile']),
      ]),
    ],
    warm: [
      native('wheelhouse', []),
      native('wheelhouse --compile', ['--compile']),
      ...pips.flatMap((q) => [
        pip(q.id, q.python, []),
        pip(`${q.id} --no-compile`, q.python, ['--no-compile']),
      ]),
    ],
    fill: [native('wheelhouse', [])],
    second: [native('wheelhouse', []), ...pips.map((q) => pip(q.id, q.python, []))],
    cold: [
      {
        id: 'wheelhouse',
        command: node,
        // -v: its `phases:` lines (resolve, download, install after the fetch) show the overlap.
        argv: (p) => [...wh, 'install', '-r', p.requirements, '-i', p.indexUrl, '--python', p.python, '-v'],
      },
      ...pips.map((q): Contender => ({
        id: q.id,
        command: q.python,
        argv: (p) => [
          '-m',
          'pip',
          '--python',
          p.python,
          'install',
          '--disable-pip-version-check',
          '--no-input',
          '--progress-bar',
          'off',
          '-q',
          '--cache-dir',
          join(p.dir, 'pip-cache'),
          '--only-binary',
          ':all:',
          '--index-url',
          p.indexUrl,
          '-r',
          p.requirements,
        ],
      })),
    ],
  };
}

async function runOnce(
  c: Contender,
  kase: CaseName,
  base: Omit<Paths, 'venv' | 'python' | 'dir'>,
  scratch: string,
  deleteBetween: boolean,
): Promise<{ m: MeasuredRun; installed: number }> {
  const dir = join(scratch, `run-${Date.now()}`);
  await mkdir(join(dir, 'home'), { recursive: true });
  const venv = freshVenv(join(dir, 'venv'));
  const p: Paths = { ...base, venv, python: venvPython(venv), dir };
  const env = cleanEnv({ HOME: join(dir, 'home'), XDG_CACHE_HOME: join(dir, 'xdg-cache'), ...c.env });
  const spec = { command: c.command, env, cwd: dir, scratch: dir, timeoutMs: 600_000 };
  if ((kase === 'warm' || kase === 'fill') && c.command === process.execPath) {
    // Fill the unpacked-wheel cache (and the default wheelhouse) with installs into other venvs:
    // the first marks each wheel seen, the second writes its entry (src/install/unpacked-cache.ts).
    for (let i = 0; i < (kase === 'warm' ? 2 : 1); i++) {
      const primeVenv = freshVenv(join(dir, `prime-venv-${i}`));
      const prime = await runMeasured({
        ...spec,
        args: c.argv({ ...p, venv: primeVenv, python: venvPython(primeVenv) }),
      });
      if (prime.exitCode !== 0) log(`    (priming install failed: ${prime.stderr.slice(-300)})`);
    }
  }
  if (kase === 'second') {
    const first = await runMeasured({ ...spec, args: c.argv(p) });
    if (first.exitCode !== 0) log(`    (first install failed: ${first.stderr.slice(-300)})`);
  }
  const m = await runMeasured({ ...spec, args: c.argv(p) });
  const installed = await installedCount(venv);
  if (deleteBetween) await rm(dir, { recursive: true, force: true });
  else trash.push(dir);
  return { m, installed };
}

/**
 * Before a timed run (`--settle`, `--drop-caches`): flush dirty pages, optionally drop the clean
 * page cache and read back `warm` (files and directories a runner has in memory anyway), pause.
 */
function settle(args: Args, warm: string[]): void {
  if (args.settleSec <= 0 && !args.dropCaches) return;
  execFileSync('sync', { stdio: 'ignore', timeout: 120_000 });
  if (args.dropCaches) {
    execFileSync('sh', ['-c', 'echo 1 > /proc/sys/vm/drop_caches'], { stdio: 'ignore', timeout: 60_000 });
    const existing = warm.filter((p) => existsSync(p));
    execFileSync('sh', ['-c', 'find "$@" -type f -exec cat {} + > /dev/null', 'warm', ...existing], {
      stdio: 'ignore',
      timeout: 120_000,
    });
  }
  if (args.settleSec > 0) execFileSync('sleep', [String(args.settleSec)], { timeout: 600_000 });
}

/** What `--drop-caches` reads back: node, the CLI's sources and runtime dependencies, each pip and its Python. */
function warmPaths(wh: string[], pips: { python: string }[]): string[] {
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const out = [
    process.execPath,
    ...Object.keys(manifest.dependencies ?? {}).map((d) => join(repo, 'node_modules', d)),
  ];
  for (const a of wh) if (a.endsWith('.js')) out.push(resolve(a, '..'));
  for (const q of pips) {
    try {
      const dirs = execFileSync(
        q.python,
        [
          '-c',
          'import sys, sysconfig, pip, os; print(sysconfig.get_paths()["stdlib"]); print(os.path.dirname(pip.__file__)); print(os.path.realpath(sys.executable))',
        ],
        { encoding: 'utf8', timeout: 60_000 },
      );
      out.push(...dirs.trim().split('\n'));
    } catch {
      // that pip's files stay cold
    }
  }
  return out;
}

function fmt(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function table(rows: Row[]): string {
  const out = [
    '| workload · case | tool | median s (min–max) | tool ÷ wheelhouse | CPU s | user / sys s | load | peak RSS MB | installed |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const ok = r.runs.filter((x) => x.exitCode === 0);
    if (ok.length === 0) {
      out.push(`| ${r.workload} · ${r.case} | ${r.id} | failed | | | | | | |`);
      continue;
    }
    const walls = ok.map((x) => x.wallMs);
    const ref = rows.find((x) => x.workload === r.workload && x.case === r.case && x.id === 'wheelhouse');
    const refOk = ref?.runs.filter((x) => x.exitCode === 0).map((x) => x.wallMs) ?? [];
    const ratio = refOk.length > 0 && r.id !== 'wheelhouse' ? (median(walls) / median(refOk)).toFixed(1) : '';
    const cpu = ok.map((x) => x.cpuSec).filter((x): x is number => x !== undefined);
    const rss = ok.map((x) => x.maxRssKb).filter((x): x is number => x !== undefined);
    const part = (xs: (number | undefined)[]): string => {
      const known = xs.filter((x): x is number => x !== undefined);
      return known.length > 0 ? median(known).toFixed(2) : '?';
    };
    const loads = ok.map((x) => x.load).filter((x): x is number => x !== undefined);
    const loadRange =
      loads.length > 0 ? `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}` : '?';
    out.push(
      `| ${r.workload} · ${r.case} | ${r.id} | ${fmt(median(walls))} (${fmt(Math.min(...walls))}–${fmt(Math.max(...walls))}) | ${ratio} | ${cpu.length > 0 ? median(cpu).toFixed(2) : '?'} | ${part(ok.map((x) => x.userSec))} / ${part(ok.map((x) => x.sysSec))} | ${loadRange} | ${rss.length > 0 ? Math.round(Math.max(...rss) / 1024) : '?'} | ${ok[0]!.installed} |`,
    );
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  await mkdir(root, { recursive: true });
  const wh = (await wheelhouseCommand(repo, 'js')).prefix;
  const found = discoverPips(repo, log);
  for (const n of found.notes) log(`bench: ${n}`);
  const pips = found.tools.map((t) => ({ id: t.id, python: t.command }));
  const all = contenders(wh, pips);
  const warm = warmPaths(wh, pips);
  const rows: Row[] = [];
  log(`machine: ${JSON.stringify(machineInfo())}`);
  for (const name of args.workloads) {
    const workload = await loadRealWorkload(name, join(repo, 'bench', '.cache'));
    if ('skip' in workload) {
      log(workload.skip);
      continue;
    }
    let server: IndexServer | undefined;
    try {
      server = await startIndexServer({
        projects: workload.projects,
        modes: { latencyMs: 25, bandwidthBytesPerSec: 40e6 },
      });
      const scratch = join(root, name);
      if (existsSync(scratch)) {
        const aside = join(root, `.trash-${name}-${Date.now()}`);
        await rename(scratch, aside);
        trash.push(aside);
      }
      await mkdir(scratch, { recursive: true });
      const requirements = join(scratch, 'requirements.txt');
      await writeFile(requirements, `${workload.requirements.join('\n')}\n`);
      // The wheelhouse every "from a wheelhouse" run installs (filled once, untimed).
      const wheelhouse = join(scratch, 'wh');
      // Not execFileSync: the index server answers from this process's event loop.
      const filled = await runMeasured({
        command: process.execPath,
        args: [
          ...wh,
          'fetch',
          '-r',
          requirements,
          '-i',
          server.indexUrl,
          '--dest',
          wheelhouse,
          '--no-cache',
          '-q',
        ],
        env: cleanEnv({}),
        cwd: scratch,
        scratch,
        timeoutMs: 600_000,
      });
      if (filled.exitCode !== 0)
        throw new Error(`filling the wheelhouse failed: ${filled.stderr.slice(-1000)}`);
      const base = {
        wheelhouse,
        lock: join(wheelhouse, 'requirements.lock'),
        requirements,
        indexUrl: server.indexUrl,
      };
      for (const kase of args.cases) {
        const list = all[kase].filter((c) => args.only.length === 0 || args.only.includes(c.id));
        const caseRows = list.map((c): Row => ({ workload: name, case: kase, id: c.id, runs: [] }));
        log(`${name} · ${kase} (load ${loadavg()[0]?.toFixed(2)})`);
        for (let rep = 0; rep < args.reps; rep++) {
          for (let k = 0; k < list.length; k++) {
            const i = (rep + k) % list.length;
            const c = list[i]!;
            settle(args, [...warm, wheelhouse]);
            const load = loadavg()[0] ?? 0;
            const { m, installed } = await runOnce(c, kase, base, join(scratch, 'runs'), args.deleteBetween);
            caseRows[i]!.runs.push({
              wallMs: Math.round(m.wallMs),
              ...(m.cpuSec !== undefined ? { cpuSec: m.cpuSec } : {}),
              ...(m.userSec !== undefined ? { userSec: m.userSec } : {}),
              ...(m.sysSec !== undefined ? { sysSec: m.sysSec } : {}),
              load,
              ...(m.maxRssKb !== undefined ? { maxRssKb: m.maxRssKb } : {}),
              installed,
              exitCode: m.exitCode,
            });
            log(
              `  rep ${rep + 1} ${c.id.padEnd(28)} ${fmt(m.wallMs).padStart(7)} s  user ${m.userSec?.toFixed(2) ?? '?'} sys ${m.sysSec?.toFixed(2) ?? '?'}  rss ${m.maxRssKb !== undefined ? Math.round(m.maxRssKb / 1024) : '?'} MB  ${installed} dists  load ${load.toFixed(2)}${m.exitCode !== 0 ? ` FAILED ${m.exitCode}: ${m.stderr.slice(-400)}` : ''}`,
            );
            for (const line of m.stderr.split('\n').filter((l) => /\bphases: /.test(l)))
              log(`    ${line.trim()}`);
          }
        }
        rows.push(...caseRows);
      }
    } finally {
      await server?.close();
    }
    await writeFile(
      join(root, `${name}.json`),
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: machineInfo(),
          deleteBetween: args.deleteBetween,
          settleSec: args.settleSec,
          dropCaches: args.dropCaches,
          rows,
        },
        null,
        1,
      ),
    );
  }
  process.stdout.write(`${table(rows)}\n`);
  for (const dir of trash) await rm(dir, { recursive: true, force: true });
}

await main();
