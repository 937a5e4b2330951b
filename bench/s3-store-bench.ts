/**
 * The S3 wheel store's figures (issue 12 §4) on real-ds, against a real S3 server (Ceph's RADOS
 * gateway from scripts/s3-test-gateway.sh) and the bench index server (25 ms latency, 40 MB/s per
 * connection, as in docs/benchmarks.md):
 *
 *   1. Warm runner with an empty disk: `wheelhouse fetch` on a new runner (empty HOME, cache
 *      directory and wheelhouse) with `--cache-backend s3` and a store another runner filled, against
 *      the same fetch with a warm local cache directory (`--cache-dir`, filled the same way). The two
 *      alternate (local, s3, local, s3, …); each run's index requests are counted (target: 0 wheel
 *      downloads from the index; s3 time ≤ 1.2 × local).
 *   2. Fleet: 4 runner processes at once, each with an empty disk and an overlapping requirement set
 *      (each leaves out a different quarter of real-ds's requirements), all saving to one empty
 *      prefix. Then the store's wheel objects are compared with the distinct wheels the 4
 *      wheelhouses hold (target: store bytes = distinct wheel bytes).
 *
 *   node --import ./bench/register-swc.mjs bench/s3-store-bench.ts [--reps 3] [--endpoint URL]
 *     [--gateway-dir DIR] [--no-fleet] [--keep-warm] [--defer-cleanup] [--cpu-prof DIR] [--perf DIR] [--strace DIR] [--pin pinned,unpinned] [--client-repo DIR] [--log-dir DIR]
 *     [--node-flags FLAGS] [-v]
 *     [--interpreter real|path] [--local-probe-cache] [--no-copy-beside] [--settle SECONDS] [--drop-caches]
 *
 * Fairness (session 10): both runs probe the same interpreter. `--interpreter real` (the default)
 * puts the directory of the real binary behind `python3` (`sys.executable`) first on the clients'
 * PATH, so the probe runs that binary, as on a GitHub runner, not a pyenv shim (a bash script
 * that starts more processes: 0.10–0.13 s of CPU on this box); `path` keeps PATH as it is. The
 * local run's warm cache directory holds the probe cache (`probes/`), the S3 runner's empty disk
 * does not: unless `--local-probe-cache`, it is removed before every local run, so both probe.
 * Beside every warm run (after it, same CPU placement) the bench times `cp -r` of the seeded
 * wheelhouse (139 files, 360 MB) into a new directory: what this VM charges for writing those bytes
 * into new page-cache pages and creating those files at that moment, outside wheelhouse (the
 * S3 run writes them, the local run hard-links); `--no-copy-beside` skips it.
 * `--settle SECONDS` waits that long before every warm run and before every copy beside, after the
 * previous one's directories were deleted: this VM's balloon hands freed pages back to the host
 * about 2 s after they were freed (Linux page reporting's delay), and a page handed back costs a
 * host fault on its next first touch. Settled, every run and every copy starts from the same guest
 * memory state (free pages handed back), so the copy beside prices the same writes the S3 run
 * makes; unsettled, a run reuses whatever the previous one freed and had not been handed back yet.
 * `--drop-caches` (root only; session 16) runs `sync` and drops the clean page cache
 * (`/proc/sys/vm/drop_caches`) before every warm run, then reads back what any runner has warm
 * (node, the client's sources and runtime dependencies, the interpreter's standard library): both
 * runs then start as on a runner whose disk was just mounted — the local run reads its cache
 * directory's wheels from the disk (into new page-cache pages) to check them, as the S3 run writes
 * new ones. Without it the local cache directory is in memory (a long-lived runner that just used it).
 *
 * `--pin` runs every rep in each of the listed CPU placements, alternating (issue 12 §4 asks about
 * a fleet, whose store runs on other machines; here it shares the client's 2 cores):
 *   pinned    the client (`wheelhouse fetch`) on CPU 0 only (`taskset -c 0`), the gateway's daemons
 *             (every thread: `taskset -a -p`) and this process (the bench index server) on CPU 1 —
 *             the store and the index "on other machines", the client with one CPU of its own in
 *             both the local and the S3 runs;
 *   unpinned  everything on both CPUs (the default, and what earlier figures measured).
 * Pinning the gateway needs its pids: a gateway started here, or --gateway-dir.
 * `--client-repo DIR` runs the client from another checkout's sources (A/B series with one bench).
 * `-v` passes -v to the client and keeps its phase timings (`phases: …` from the debug log).
 *
 * Endpoint: --endpoint, else $WHEELHOUSE_BENCH_S3_ENDPOINT / $WHEELHOUSE_TEST_S3_ENDPOINT, else a
 * gateway started here (and stopped at the end). Credentials: the throwaway gateway's test user
 * (TESTKEY / TESTSECRET) unless $WHEELHOUSE_TEST_S3_ACCESS_KEY / _SECRET_KEY say otherwise.
 * Results: a Markdown summary on stdout, details in bench/.cache/s3/real-ds.json.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { startIndexServer, type IndexServer } from '../__tests__/helpers/index-server.js';
import { S3Store } from '../src/cache/s3-store.js';
import { fileSha256 } from '../src/util/file-sha256.js';
import { machineInfo } from './harness/machine.js';
import { runMeasured, type MeasuredRun } from './harness/measure.js';
import { loadRealWorkload } from './harness/real-workloads.js';
import { median } from './harness/stats.js';
import { cleanEnv } from './harness/tools.js';
import { wheelhouseCommand } from './harness/wheelhouse-build.js';

const repo = resolve(process.cwd());
const root = join(repo, 'bench', '.cache', 's3');
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const KEY = process.env.WHEELHOUSE_TEST_S3_ACCESS_KEY ?? 'TESTKEY';
const SECRET = process.env.WHEELHOUSE_TEST_S3_SECRET_KEY ?? 'TESTSECRET';

interface Args {
  reps: number;
  endpoint?: string;
  /** DIR of a gateway started by scripts/s3-test-gateway.sh (for its CPU time). */
  gatewayDir?: string;
  /** Write a V8 CPU profile of every warm run's client into DIR/<run> (`node --cpu-prof`). */
  cpuProf?: string;
  /**
   * Record every warm run's client with `perf record -g` into DIR/<run>.data: CPU samples of the
   * process and the kernel on its behalf (a V8 profile counts wall time of the main thread, which on
   * one pinned CPU includes the time the thread pool and the kernel's receive path ran instead).
   */
  perf?: string;
  /**
   * Count every warm run's system calls with `strace -f -c` into DIR/<run>.txt (counts, not time:
   * strace slows the client down, so its CPU figures are not comparable then).
   */
  strace?: string;
  /** Skip the fleet part (profiling, quick comparisons). */
  noFleet?: boolean;
  /** Leave the warm store in its bucket (for bench/s3-restore-micro.ts); deleted otherwise. */
  keepWarm?: boolean;
  /** CPU placements to alternate (see the top of this file). */
  pin: Placement[];
  /** The checkout whose sources the client runs (default: this one). */
  clientRepo?: string;
  /** Run the client with -v and record its phase timings. */
  verbose?: boolean;
  /** Write every warm run's stderr (its -v log with -v) and stdout to DIR/<run>.log, for timelines. */
  logDir?: string;
  /** Extra node flags for every warm run's client (`--node-flags '--trace-gc'`; split on spaces). */
  nodeFlags?: string[];
  /**
   * Delete the warm runs' directories after the last of them, not after each: this box's root
   * file system has no journal, and ext4 without one skips inodes freed in the last seconds when it
   * allocates new ones, so every file a run creates right after the previous run's files were
   * deleted costs a scan. The S3 run creates ~420 files, the local one hard-links them.
   */
  deferCleanup?: boolean;
  /** `real`: the clients' PATH starts with the directory of python3's real binary (see the top). */
  interpreter: 'real' | 'path';
  /** Keep the local cache directory's probe cache (the local run then does not probe). */
  localProbeCache?: boolean;
  /** Skip the `cp -r` of the wheelhouse timed beside every warm run. */
  noCopyBeside?: boolean;
  /** Seconds to wait before every warm run and every copy beside (see the top). */
  settleSec: number;
  /** Sync and drop the clean page cache before every warm run (see the top). */
  dropCaches?: boolean;
}

type Placement = 'pinned' | 'unpinned';

function parse(argv: string[]): Args {
  const args: Args = { reps: 3, pin: ['unpinned'], interpreter: 'real', settleSec: 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const a = argv[i]!;
    const v = argv[i + 1] ?? '';
    const flags = [
      '--no-fleet',
      '--keep-warm',
      '-v',
      '--defer-cleanup',
      '--local-probe-cache',
      '--no-copy-beside',
      '--drop-caches',
    ];
    if (flags.includes(a)) {
      if (a === '--no-fleet') args.noFleet = true;
      else if (a === '--local-probe-cache') args.localProbeCache = true;
      else if (a === '--no-copy-beside') args.noCopyBeside = true;
      else if (a === '-v') args.verbose = true;
      else if (a === '--defer-cleanup') args.deferCleanup = true;
      else if (a === '--drop-caches') args.dropCaches = true;
      else args.keepWarm = true;
      i--;
      continue;
    }
    if (a === '--pin') {
      const modes = v.split(',');
      if (modes.length === 0 || modes.some((m) => m !== 'pinned' && m !== 'unpinned'))
        throw new Error(`--pin ${v}: a comma-separated list of pinned, unpinned`);
      args.pin = modes as Placement[];
      continue;
    }
    if (a === '--interpreter') {
      if (v !== 'real' && v !== 'path') throw new Error(`--interpreter ${v}: real or path`);
      args.interpreter = v;
      continue;
    }
    if (a === '--reps') args.reps = Number(v);
    else if (a === '--settle') args.settleSec = Number(v);
    else if (a === '--endpoint') args.endpoint = v;
    else if (a === '--gateway-dir') args.gatewayDir = v;
    else if (a === '--cpu-prof') args.cpuProf = v;
    else if (a === '--log-dir') args.logDir = v;
    else if (a === '--node-flags') args.nodeFlags = v.split(' ').filter((f) => f !== '');
    else if (a === '--perf') args.perf = v;
    else if (a === '--strace') args.strace = v;
    else if (a === '--client-repo') args.clientRepo = resolve(v);
    else
      throw new Error(
        `unknown argument ${a} (use --reps N, --endpoint URL, --gateway-dir DIR, --cpu-prof DIR, --perf DIR, --strace DIR, --pin pinned,unpinned, --client-repo DIR, --log-dir DIR, --node-flags FLAGS, --interpreter real|path, --local-probe-cache, --no-copy-beside, --settle SECONDS, --drop-caches, --no-fleet, --keep-warm, --defer-cleanup, -v)`,
      );
  }
  if (!Number.isInteger(args.reps) || args.reps < 1) throw new Error('--reps: a positive integer');
  if (!(args.settleSec >= 0 && args.settleSec <= 60)) throw new Error('--settle: seconds, 0–60');
  return args;
}

interface Run {
  backend: 'local' | 's3';
  placement: Placement;
  wallMs: number;
  cpuSec?: number;
  /** Its user and system parts (GNU time). */
  userSec?: number;
  sysSec?: number;
  /** CPU the gateway used during the run (when this bench knows its pids). */
  gatewayCpuSec?: number;
  /** CPU (user + system) of `cp -r` of the seeded wheelhouse right after this run (see the top). */
  copyCpuSec?: number;
  maxRssMb?: number;
  minorFaults?: number;
  /** 1-minute load average before and after the run. */
  loadBefore: number;
  load1: number;
  /** The client's `phases: …` line (with -v). */
  phases?: string;
  exitCode: number;
  wheels: number;
  /** Index requests of the run, by kind. */
  index: { fileFull: number; range: number; metadata: number; page: number; fileBytes: number };
}

const load1 = (): number => Number((loadavg()[0] ?? 0).toFixed(2));

/** The pids of the gateway's daemons (DIR/run/*.pid of scripts/s3-test-gateway.sh). */
async function gatewayPids(dir: string | undefined): Promise<string[]> {
  if (dir === undefined) return [];
  const pids: string[] = [];
  for (const f of await readdir(join(dir, 'run')).catch(() => [])) {
    if (!f.endsWith('.pid')) continue;
    const pid = (await readFile(join(dir, 'run', f), 'utf8').catch(() => '')).trim();
    if (/^\d+$/.test(pid)) pids.push(pid);
  }
  return pids;
}

/**
 * Puts the gateway's daemons (all their threads) and this process (the bench index server) on CPU 1
 * (`pinned`) or back on CPUs 0–1 (`unpinned`); the client is placed when it is spawned.
 */
async function place(placement: Placement, gatewayDir: string | undefined): Promise<void> {
  const cpus = placement === 'pinned' ? '1' : '0-1';
  const pids = await gatewayPids(gatewayDir);
  if (placement === 'pinned' && pids.length === 0)
    throw new Error('--pin pinned needs the gateway pids: start it here or pass --gateway-dir');
  for (const pid of [...pids, String(process.pid)])
    execFileSync('taskset', ['-a', '-p', '-c', cpus, pid], { stdio: 'ignore', timeout: 10_000 });
}

/**
 * CPU seconds (user + system) the gateway's daemons (monitor, OSD, radosgw: the pids in DIR/run)
 * have used so far, from /proc/<pid>/stat fields 14 and 15 (clock ticks, 100 per second on Linux).
 * The gateway runs on the same 2 cores as the client here, so its share is reported beside the
 * client's: on a real fleet the store's CPU is someone else's.
 */
async function gatewayCpuSec(dir: string | undefined): Promise<number | undefined> {
  if (dir === undefined) return undefined;
  let ticks = 0;
  for (const f of await readdir(join(dir, 'run')).catch(() => [])) {
    if (!f.endsWith('.pid')) continue;
    const pid = (await readFile(join(dir, 'run', f), 'utf8').catch(() => '')).trim();
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/**
 * `sync`, drop the clean page cache, then read `warm` back (files under each path, links not
 * followed): what a runner has in memory whatever its cache (see --drop-caches at the top).
 */
function dropCaches(warm: string[]): void {
  execFileSync('sync', { stdio: 'ignore', timeout: 120_000 });
  execFileSync('sh', ['-c', 'echo 1 > /proc/sys/vm/drop_caches'], { stdio: 'ignore', timeout: 60_000 });
  execFileSync('sh', ['-c', 'find -H "$@" -type f -exec cat {} + > /dev/null', 'warm', ...warm], {
    stdio: 'ignore',
    timeout: 300_000,
  });
}

async function wheelDigests(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const name of await readdir(dir).catch(() => [])) {
    if (!name.endsWith('.whl')) continue;
    const { sha256, size } = await fileSha256(join(dir, name));
    out.set(sha256, size);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  await mkdir(root, { recursive: true });
  const workload = await loadRealWorkload('real-ds', join(repo, 'bench', '.cache'));
  if ('skip' in workload) {
    log(workload.skip);
    return;
  }
  let gatewayDir: string | undefined;
  let startedGateway = false;
  let endpoint =
    args.endpoint ?? process.env.WHEELHOUSE_BENCH_S3_ENDPOINT ?? process.env.WHEELHOUSE_TEST_S3_ENDPOINT;
  let server: IndexServer | undefined;
  const scratch = await mkdtemp(join(tmpdir(), 'wh-s3-bench-'));
  try {
    if (endpoint === undefined || endpoint === '') {
      gatewayDir = join(scratch, 'gateway');
      startedGateway = true;
      log('starting a Ceph RADOS gateway (scripts/s3-test-gateway.sh)…');
      endpoint = execFileSync(join(repo, 'scripts', 's3-test-gateway.sh'), ['start', gatewayDir], {
        encoding: 'utf8',
        timeout: 180_000,
      }).trim();
    }
    gatewayDir ??= args.gatewayDir;
    log(`S3 endpoint ${endpoint}; machine ${JSON.stringify(machineInfo())}`);
    const bucket = `wh-bench-${randomBytes(4).toString('hex')}`;
    const storeAt = (prefix: string): S3Store =>
      new S3Store({
        bucket,
        endpoint: endpoint!,
        region: 'us-east-1',
        credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
        prefix,
        logger: { debug: () => {}, info: () => {}, warn: log, error: log },
      });
    const admin = storeAt('warm');
    await admin.client.createBucket();

    server = await startIndexServer({
      projects: workload.projects,
      modes: { latencyMs: 25, bandwidthBytesPerSec: 40e6 },
    });
    const wh = (await wheelhouseCommand(args.clientRepo ?? repo, 'js')).prefix;
    log(`client: ${wh.join(' ')}`);
    const requirements = join(scratch, 'requirements.txt');
    await writeFile(requirements, `${workload.requirements.join('\n')}\n`);
    const localCache = join(scratch, 'local-cache');
    // The interpreter both runs probe (see the top of this file).
    const realPython =
      args.interpreter === 'real'
        ? execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim()
        : undefined;
    const clientPath =
      realPython !== undefined
        ? `${dirname(realPython)}:${process.env.PATH ?? ''}`
        : (process.env.PATH ?? '');
    log(`interpreter: ${realPython ?? 'python3 from PATH'}`);
    const s3Env = (prefix: string): Record<string, string> => ({
      AWS_ACCESS_KEY_ID: KEY,
      AWS_SECRET_ACCESS_KEY: SECRET,
      WHEELHOUSE_S3_ENDPOINT: endpoint!,
      WHEELHOUSE_S3_BUCKET: bucket,
      WHEELHOUSE_S3_PREFIX: prefix,
    });

    /** One `wheelhouse fetch` on a new runner dir (empty HOME and wheelhouse). */
    const fetchRun = async (
      name: string,
      reqFile: string,
      backend: 'local' | 's3',
      prefix = 'warm',
      profile = false,
      placement: Placement = 'unpinned',
    ): Promise<{ m: MeasuredRun; dest: string; gatewayCpuSec?: number }> => {
      const dir = join(scratch, 'runs', name);
      await rm(dir, { recursive: true, force: true });
      await mkdir(join(dir, 'home'), { recursive: true });
      const dest = join(dir, 'wh');
      const prof =
        profile && args.cpuProf !== undefined
          ? ['--cpu-prof', `--cpu-prof-dir=${join(args.cpuProf, name)}`]
          : // perf names JavaScript frames from /tmp/perf-<pid>.map (V8 writes it with this flag);
            // interpreted functions get a frame of their own in native stacks (most of a short
            // run's JavaScript runs in the interpreter: without it, its samples land in the
            // bytecode handlers of the node binary and call graphs cannot attribute them).
            profile && args.perf !== undefined
            ? ['--perf-basic-prof', '--interpreted-frames-native-stack']
            : [];
      const argv = [
        ...prof,
        ...(profile ? (args.nodeFlags ?? []) : []),
        ...wh,
        'fetch',
        '-r',
        reqFile,
        '-i',
        server!.indexUrl,
        '--dest',
        dest,
        profile && args.verbose === true ? '-v' : '-q',
      ];
      if (backend === 'local') argv.push('--cache-dir', localCache);
      else argv.push('--cache-backend', 's3');
      const env = cleanEnv({
        PATH: clientPath,
        HOME: join(dir, 'home'),
        XDG_CACHE_HOME: join(dir, 'home', '.cache'),
        ...(backend === 's3' ? s3Env(prefix) : {}),
      });
      const gw0 = await gatewayCpuSec(gatewayDir);
      // Pinned: taskset execs the client, so GNU time measures the client's own CPU as before.
      const client = placement === 'pinned' ? ['taskset', '-c', '0', process.execPath] : [process.execPath];
      const perf =
        profile && args.perf !== undefined
          ? ['perf', 'record', '-q', '-g', '-F', '1999', '-o', join(args.perf, `${name}.data`), '--']
          : [];
      if (perf.length > 0) await mkdir(args.perf!, { recursive: true });
      const strace =
        profile && args.strace !== undefined
          ? ['strace', '-f', '-c', '-o', join(args.strace, `${name}.txt`), '--']
          : [];
      if (strace.length > 0) await mkdir(args.strace!, { recursive: true });
      const [command, ...prefixArgs] = [...perf, ...strace, ...client];
      const m = await runMeasured({
        command: command!,
        args: [...prefixArgs, ...argv],
        env,
        cwd: dir,
        scratch: dir,
        timeoutMs: 600_000,
      });
      const gw1 = await gatewayCpuSec(gatewayDir);
      if (profile && args.logDir !== undefined) {
        await mkdir(args.logDir, { recursive: true });
        await writeFile(join(args.logDir, `${name}.log`), `${m.stderr}\n--- stdout\n${m.stdout}`);
      }
      if (m.exitCode !== 0) log(`  ${name} FAILED ${m.exitCode}: ${m.stderr.slice(-600)}`);
      return {
        m,
        dest,
        ...(gw0 !== undefined && gw1 !== undefined ? { gatewayCpuSec: Number((gw1 - gw0).toFixed(2)) } : {}),
      };
    };
    const record = async (
      backend: 'local' | 's3',
      m: MeasuredRun,
      dest: string,
      gatewayCpu?: number,
      placement: Placement = 'unpinned',
      loadBefore = load1(),
    ): Promise<Run> => {
      const k = server!.counters.byKind;
      const phases = /phases: [^\n;]*/.exec(m.stderr)?.[0];
      return {
        backend,
        placement,
        loadBefore,
        ...(phases !== undefined ? { phases } : {}),
        wallMs: Math.round(m.wallMs),
        ...(m.cpuSec !== undefined ? { cpuSec: m.cpuSec } : {}),
        ...(m.userSec !== undefined ? { userSec: m.userSec } : {}),
        ...(m.sysSec !== undefined ? { sysSec: m.sysSec } : {}),
        ...(gatewayCpu !== undefined ? { gatewayCpuSec: gatewayCpu } : {}),
        ...(m.maxRssKb !== undefined ? { maxRssMb: Math.round(m.maxRssKb / 1024) } : {}),
        ...(m.minorFaults !== undefined ? { minorFaults: m.minorFaults } : {}),
        load1: load1(),
        exitCode: m.exitCode,
        wheels: (await readdir(dest).catch(() => [])).filter((n) => n.endsWith('.whl')).length,
        index: {
          fileFull: k['file-full'].requests,
          range: k.range.requests,
          metadata: k.metadata.requests,
          page: k.page.requests,
          fileBytes: k['file-full'].bytes,
        },
      };
    };

    /**
     * `cp -r` of the seeded wheelhouse into the run's directory (deleted with it), timed with the
     * run's placement: this VM's cost of writing those bytes and files, outside wheelhouse.
     */
    const settle = (): Promise<void> =>
      args.settleSec > 0
        ? new Promise((resolve) => setTimeout(resolve, args.settleSec * 1000))
        : Promise.resolve();
    const copyBeside = async (name: string, placement: Placement): Promise<number | undefined> => {
      const dir = join(scratch, 'runs', name);
      await settle();
      const cp = placement === 'pinned' ? ['taskset', '-c', '0', 'cp'] : ['cp'];
      const m = await runMeasured({
        command: cp[0]!,
        args: [...cp.slice(1), '-r', join(scratch, 'runs', 'seed-local', 'wh'), join(dir, 'copy')],
        env: cleanEnv({}),
        cwd: dir,
        scratch: dir,
        timeoutMs: 120_000,
      });
      return m.exitCode === 0 ? m.cpuSec : undefined;
    };

    // What --drop-caches reads back: node, the client's sources and dependencies, the stdlib.
    const warmPaths = [
      process.execPath,
      ...wh.filter((a) => a.endsWith('.js')).map((a) => dirname(a)),
      ...Object.keys(
        (JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { dependencies?: object })
          .dependencies ?? {},
      ).map((d) => join(repo, 'node_modules', d)),
      execFileSync(
        realPython ?? 'python3',
        ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'],
        {
          encoding: 'utf8',
        },
      ).trim(),
    ];

    // --- 1. Seed both caches (untimed), then alternate warm runs.
    for (const backend of ['local', 's3'] as const) {
      server.reset();
      const { m, dest } = await fetchRun(`seed-${backend}`, requirements, backend);
      const r = await record(backend, m, dest);
      log(
        `seed ${backend}: ${(r.wallMs / 1000).toFixed(2)} s, ${r.wheels} wheels, ${r.index.fileFull} index wheel downloads (load ${r.load1})`,
      );
      if (m.exitCode !== 0) throw new Error(`seeding the ${backend} cache failed`);
    }
    const warm: Run[] = [];
    /** Warm runs whose directories wait for --defer-cleanup's deletion. */
    const finished: string[] = [];
    const pinning = args.pin.includes('pinned');
    // Alternating: the placements swap order every rep, and so do local and S3 within each.
    let turn = 0;
    for (let rep = 0; rep < args.reps; rep++) {
      const placements = rep % 2 === 0 ? args.pin : [...args.pin].reverse();
      for (const placement of placements) {
        if (pinning) await place(placement, gatewayDir);
        const order = turn++ % 2 === 0 ? (['local', 's3'] as const) : (['s3', 'local'] as const);
        for (const backend of order) {
          server.reset();
          const name = `warm-${placement}-${backend}-${rep}`;
          if (backend === 'local' && args.localProbeCache !== true)
            await rm(join(localCache, 'probes'), { recursive: true, force: true });
          if (args.dropCaches === true) dropCaches(warmPaths);
          await settle();
          const loadBefore = load1();
          const {
            m,
            dest,
            gatewayCpuSec: gw,
          } = await fetchRun(name, requirements, backend, 'warm', true, placement);
          const r = await record(backend, m, dest, gw, placement, loadBefore);
          if (args.noCopyBeside !== true) r.copyCpuSec = await copyBeside(name, placement);
          warm.push(r);
          log(
            `  rep ${rep + 1} ${placement.padEnd(8)} ${backend.padEnd(5)} ${(r.wallMs / 1000).toFixed(2)} s  cpu ${r.cpuSec?.toFixed(2) ?? '?'} (user ${r.userSec?.toFixed(2) ?? '?'} sys ${r.sysSec?.toFixed(2) ?? '?'})  cp beside ${r.copyCpuSec?.toFixed(2) ?? '-'}  gateway cpu ${r.gatewayCpuSec?.toFixed(2) ?? '?'}  rss ${r.maxRssMb ?? '?'} MB  faults ${r.minorFaults ?? '?'}  ${r.wheels} wheels  index: ${r.index.fileFull} wheel, ${r.index.range} range, ${r.index.metadata} metadata, ${r.index.page} page requests  (load ${r.loadBefore} → ${r.load1})${r.phases !== undefined ? `\n      ${r.phases}` : ''}`,
          );
          if (args.deferCleanup === true) finished.push(name);
          else await rm(join(scratch, 'runs', name), { recursive: true, force: true });
        }
      }
    }
    for (const name of finished) await rm(join(scratch, 'runs', name), { recursive: true, force: true });
    if (pinning) await place('unpinned', gatewayDir);
    // Free the gateway's (in-memory: 1 GiB) space before the fleet, unless asked to keep it.
    if (args.keepWarm === true) log(`warm store left in bucket ${bucket}, prefix warm`);
    else for (const o of await admin.listAll(admin.prefixed(''), 1000)) await admin.client.delete(o.key);

    // --- 2. Fleet: 4 runners at once, overlapping requirement sets, one empty prefix.
    const runFleet = async () => {
      const index = server!;
      const reqs = workload.requirements;
      const sets = [0, 1, 2, 3].map((k) => reqs.filter((_, i) => i % 4 !== k));
      const files = await Promise.all(
        sets.map(async (set, k) => {
          const f = join(scratch, `fleet-${k}.txt`);
          await writeFile(f, `${set.join('\n')}\n`);
          return f;
        }),
      );
      index.reset();
      const fleetLoad = load1();
      const fleetStart = Date.now();
      const fleet = await Promise.all(files.map((f, k) => fetchRun(`fleet-${k}`, f, 's3', 'fleet')));
      const fleetMs = Date.now() - fleetStart;
      const fleetIndex = index.counters.byKind['file-full'];
      const distinct = new Map<string, number>();
      let perRunnerBytes = 0;
      for (const { dest } of fleet) {
        for (const [digest, size] of await wheelDigests(dest)) {
          distinct.set(digest, size);
          perRunnerBytes += size;
        }
      }
      const fleetStore = storeAt('fleet');
      const stored = await fleetStore.listAll(fleetStore.prefixed('wheels/'), 1000);
      const entries = await fleetStore.listAll(fleetStore.prefixed('entries/'), 1000);
      await fleetStore.close();
      const storedDigests = new Set(stored.map((o) => o.key.split('/').pop()!));
      const storedBytes = stored.reduce((n, o) => n + o.size, 0);
      const distinctBytes = [...distinct.values()].reduce((n, s) => n + s, 0);
      const sameSet =
        storedDigests.size === distinct.size && [...distinct.keys()].every((d) => storedDigests.has(d));
      return {
        fleetLoad,
        fleetMs,
        fleet,
        fleetIndex,
        perRunnerBytes,
        distinct,
        distinctBytes,
        stored,
        storedBytes,
        entries,
        sameSet,
      };
    };
    const fl = args.noFleet === true ? undefined : await runFleet();
    await admin.close();

    // --- Report: one table and one ratio per placement.
    const of = (b: 'local' | 's3', p: Placement) =>
      warm.filter((r) => r.backend === b && r.placement === p && r.exitCode === 0);
    const med = (runs: Run[], f: (r: Run) => number | undefined): number =>
      median(runs.map(f).filter((x): x is number => x !== undefined));
    const fmtS = (ms: number): string => (ms / 1000).toFixed(2);
    const lines = [
      `real-ds (${workload.requirements.length} requirements), ${args.reps} alternating rep(s) per placement, ${new Date().toISOString()}`,
      '',
      '| warm run, empty runner disk | wall s median (min–max) | client CPU s median (min–max) | `cp -r` of the wheelhouse beside, CPU s median (min–max) | gateway CPU s median | peak RSS MB | index wheel / range / metadata requests | load 1-min before → after (per run) |',
      '|---|---|---|---|---|---|---|---|',
      ...args.pin.flatMap((p) =>
        (['local', 's3'] as const).map((b) => {
          const runs = of(b, p);
          const walls = runs.map((r) => r.wallMs);
          const cpus = runs.map((r) => r.cpuSec).filter((x): x is number => x !== undefined);
          const copies = runs.map((r) => r.copyCpuSec).filter((x): x is number => x !== undefined);
          const copyCell =
            copies.length === 0
              ? '-'
              : `${median(copies).toFixed(2)} (${Math.min(...copies).toFixed(2)}–${Math.max(...copies).toFixed(2)})`;
          const where = p === 'pinned' ? ', client on CPU 0, store + index on CPU 1' : ', all on CPUs 0–1';
          return `| ${b === 'local' ? 'local cache directory (warm `--cache-dir`)' : 'S3 store (warm; empty HOME and cache dir)'}${where} | ${fmtS(median(walls))} (${fmtS(Math.min(...walls))}–${fmtS(Math.max(...walls))}) | ${med(runs, (r) => r.cpuSec).toFixed(2)} (${Math.min(...cpus).toFixed(2)}–${Math.max(...cpus).toFixed(2)}) | ${copyCell} | ${runs.some((r) => r.gatewayCpuSec !== undefined) ? med(runs, (r) => r.gatewayCpuSec).toFixed(2) : '?'} | ${Math.max(...runs.map((r) => r.maxRssMb ?? 0))} | ${runs.map((r) => `${r.index.fileFull}/${r.index.range}/${r.index.metadata}`).join(', ')} | ${runs.map((r) => `${r.loadBefore} → ${r.load1}`).join(', ')} |`;
        }),
      ),
      '',
      ...args.pin.map((p) => {
        const local = of('local', p);
        const s3 = of('s3', p);
        const ratioWall = med(s3, (r) => r.wallMs) / med(local, (r) => r.wallMs);
        const ratioCpu = med(s3, (r) => r.cpuSec) / med(local, (r) => r.cpuSec);
        // The S3 run's CPU less what this VM charged a plain copy of the same files right after it.
        const beside = s3.filter((r) => r.cpuSec !== undefined && r.copyCpuSec !== undefined);
        const lessCopy =
          beside.length === 0
            ? ''
            : `; S3 run less its \`cp -r\` beside ÷ local: ${(med(beside, (r) => r.cpuSec! - r.copyCpuSec!) / med(local, (r) => r.cpuSec)).toFixed(2)} (an estimate with this VM's page-cache writes and file creations taken out)`;
        return `S3 ÷ local (${p}): wall ${ratioWall.toFixed(2)}, client CPU ${ratioCpu.toFixed(2)}${lessCopy} (target ≤ 1.2; 0 index wheel downloads: ${s3.every((r) => r.index.fileFull === 0 && r.index.range === 0) ? 'yes' : 'NO'})`;
      }),
      ...(fl === undefined
        ? []
        : [
            '',
            `Fleet: 4 runners at once (load ${fl.fleetLoad} at start), ${fmtS(fl.fleetMs)} s, exit codes ${fl.fleet.map((f) => f.m.exitCode).join('/')}; ${fl.fleetIndex.requests} wheel downloads from the index (${(fl.fleetIndex.bytes / 1e6).toFixed(1)} MB)`,
            `  the 4 wheelhouses hold ${(fl.perRunnerBytes / 1e6).toFixed(1)} MB of wheels together; distinct: ${fl.distinct.size} wheels, ${fl.distinctBytes} bytes`,
            `  store: ${fl.stored.length} wheel objects, ${fl.storedBytes} bytes, ${fl.entries.length} entries; same digests as the distinct wheels: ${fl.sameSet ? 'yes' : 'NO'}; store bytes = distinct wheel bytes: ${fl.storedBytes === fl.distinctBytes ? 'yes' : 'NO'}`,
          ]),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    await writeFile(
      join(root, 'real-ds.json'),
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: machineInfo(),
          warm,
          fleet:
            fl === undefined
              ? undefined
              : {
                  wallMs: fl.fleetMs,
                  exitCodes: fl.fleet.map((f) => f.m.exitCode),
                  indexWheelDownloads: fl.fleetIndex.requests,
                  distinctWheels: fl.distinct.size,
                  distinctBytes: fl.distinctBytes,
                  perRunnerBytes: fl.perRunnerBytes,
                  storedObjects: fl.stored.length,
                  storedBytes: fl.storedBytes,
                  entries: fl.entries.length,
                  sameSet: fl.sameSet,
                },
        },
        null,
        1,
      ),
    );
  } finally {
    await server?.close();
    if (startedGateway && gatewayDir !== undefined) {
      try {
        execFileSync(join(repo, 'scripts', 's3-test-gateway.sh'), ['stop', gatewayDir], { timeout: 60_000 });
      } catch (error) {
        log(`stopping the gateway: ${(error as Error).message}`);
      }
    }
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
