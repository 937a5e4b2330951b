/**
 * Warm runs that have (almost) nothing to do (issue 14 §2 "warm run", issue 9 §6 "a second install"):
 *
 *   - warm-fetch: `fetch -r requirements.txt -i INDEX --dest WH --cache-dir C` again after a first
 *     (cold, untimed) run filled the wheelhouse and the local cache;
 *   - exact-hit-install: `install -r requirements.txt -i INDEX --python VENV --cache-dir C` again
 *     after a first run installed everything (the default wheelhouse under C; an exact cache hit);
 *   - second-install: pip's offline line `install --no-index --find-links WH --require-hashes -r
 *     WH/requirements.lock --python VENV --cache-dir C2` again after a first run (install-bench's
 *     "second" case, but into one venv kept across repetitions).
 *
 * The index is bench/harness's server with real-ds's wheels (25 ms per request, 40 MB/s, and
 * `Cache-Control: max-age=600` on project pages as PyPI sends). Each case: one untimed run, then
 * `--reps` timed runs (wall, CPU = user+sys from GNU time, peak RSS), load average beside each.
 *
 *   node --import ./bench/register-swc.mjs bench/noop-bench.ts [--reps 3] [--case warm-fetch,…]
 *        [--wheelhouse dist|js|loader] [--prof DIR] [--no-cache-control]
 *
 * `--prof DIR` adds `--cpu-prof --cpu-prof-dir DIR` to the timed runs. `-v` output of the last
 * timed run (the phase timings line) is printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startIndexServer } from '../__tests__/helpers/index-server.js';
import { runMeasured } from './harness/measure.js';
import { loadRealWorkload } from './harness/real-workloads.js';
import { median } from './harness/stats.js';
import { cleanEnv } from './harness/tools.js';
import { wheelhouseCommand, type WheelhouseMode } from './harness/wheelhouse-build.js';

type CaseName = 'warm-fetch' | 'exact-hit-install' | 'second-install';
const ALL: CaseName[] = ['warm-fetch', 'exact-hit-install', 'second-install'];

const repo = resolve(process.cwd());
const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Args {
  reps: number;
  cases: CaseName[];
  mode?: WheelhouseMode;
  prof?: string;
  cacheControl: boolean;
  workload: string;
}

function parse(argv: string[]): Args {
  const args: Args = { reps: 3, cases: [], cacheControl: true, workload: 'real-ds' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const v = (): string => argv[++i] ?? '';
    if (a === '--reps') args.reps = Number(v());
    else if (a === '--case') args.cases.push(...(v().split(',') as CaseName[]));
    else if (a === '--wheelhouse') args.mode = v() as WheelhouseMode;
    else if (a === '--prof') args.prof = resolve(v());
    else if (a === '--no-cache-control') args.cacheControl = false;
    else if (a === '--workload') args.workload = v();
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.cases.length === 0) args.cases.push(...ALL);
  for (const c of args.cases) if (!ALL.includes(c)) throw new Error(`unknown case ${c}`);
  return args;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const wh = await wheelhouseCommand(repo, args.mode);
  log(`wheelhouse as ${wh.mode}: ${wh.prefix.join(' ')}`);
  const workload = await loadRealWorkload(args.workload, join(repo, 'bench', '.cache'));
  if ('skip' in workload) {
    log(workload.skip);
    return;
  }
  const scratch = join(repo, 'bench', '.cache', 'noop', args.workload);
  await rm(scratch, { recursive: true, force: true });
  await mkdir(join(scratch, 'home'), { recursive: true });
  const requirements = join(scratch, 'requirements.txt');
  await writeFile(requirements, `${workload.requirements.join('\n')}\n`);
  const venv = join(scratch, 'venv');
  execFileSync('python3', ['-m', 'venv', '--without-pip', venv], { stdio: 'ignore', timeout: 120_000 });
  const python = join(venv, 'bin', 'python');
  const server = await startIndexServer({
    projects: workload.projects,
    modes: {
      latencyMs: 25,
      bandwidthBytesPerSec: 40e6,
      ...(args.cacheControl ? { pageCacheControl: 'max-age=600' } : {}),
    },
  });
  const env = cleanEnv({ HOME: join(scratch, 'home'), XDG_CACHE_HOME: join(scratch, 'xdg') });
  const wheelhouse = join(scratch, 'wh');
  const argv: Record<CaseName, string[]> = {
    'warm-fetch': [
      'fetch',
      '-r',
      requirements,
      '-i',
      server.indexUrl,
      '--dest',
      wheelhouse,
      '--cache-dir',
      join(scratch, 'c1'),
    ],
    'exact-hit-install': [
      'install',
      '-r',
      requirements,
      '-i',
      server.indexUrl,
      '--python',
      python,
      '--cache-dir',
      join(scratch, 'c2'),
    ],
    'second-install': [
      'install',
      '--no-index',
      '--find-links',
      wheelhouse,
      '--require-hashes',
      '-r',
      join(wheelhouse, 'requirements.lock'),
      '--python',
      python,
      '--cache-dir',
      join(scratch, 'c3'),
    ],
  };
  const rows: string[] = [];
  try {
    // warm-fetch's first run fills WH, which second-install needs.
    const order = ALL.filter(
      (c) => args.cases.includes(c) || (c === 'warm-fetch' && args.cases.includes('second-install')),
    );
    for (const kase of order) {
      const run = async (timed: boolean, verbose: boolean) => {
        const node = timed && args.prof !== undefined ? ['--cpu-prof', '--cpu-prof-dir', args.prof] : [];
        const load = loadavg()[0]!.toFixed(2);
        const m = await runMeasured({
          command: process.execPath,
          args: [...node, ...wh.prefix, ...argv[kase], verbose ? '-v' : '-q'],
          env,
          cwd: scratch,
          scratch,
          timeoutMs: 600_000,
        });
        if (m.exitCode !== 0) throw new Error(`${kase} failed (${m.exitCode}): ${m.stderr.slice(-2000)}`);
        return { m, load };
      };
      const first = await run(false, false);
      log(`${kase}: first run ${(first.m.wallMs / 1000).toFixed(2)} s (untimed setup)`);
      if (!args.cases.includes(kase)) continue;
      const walls: number[] = [];
      const cpus: number[] = [];
      for (let rep = 0; rep < args.reps; rep++) {
        const last = rep === args.reps - 1;
        const { m, load } = await run(true, last);
        walls.push(m.wallMs);
        if (m.cpuSec !== undefined) cpus.push(m.cpuSec);
        log(
          `  ${kase} rep ${rep + 1}: ${(m.wallMs / 1000).toFixed(3)} s wall, cpu ${m.cpuSec?.toFixed(2) ?? '?'} s, rss ${m.maxRssKb !== undefined ? Math.round(m.maxRssKb / 1024) : '?'} MB, load ${load}`,
        );
        if (last) {
          for (const line of m.stderr.split('\n'))
            if (/phases|cache key|installed|packages in/.test(line)) log(`    ${line}`);
        }
      }
      rows.push(
        `| ${args.workload} · ${kase} | ${(median(walls) / 1000).toFixed(3)} (${(Math.min(...walls) / 1000).toFixed(3)}–${(Math.max(...walls) / 1000).toFixed(3)}) | ${cpus.length > 0 ? median(cpus).toFixed(2) : '?'} |`,
      );
    }
  } finally {
    await server.close();
  }
  process.stdout.write(
    ['| workload · case | wall s median (min–max) | CPU s median |', '|---|---|---|', ...rows].join('\n') +
      '\n',
  );
}

await main();
