/**
 * Runs one client as a child process and measures it: wall time (spawn to exit), exit code, CPU
 * time and peak RSS. Peak RSS comes from GNU time (`/usr/bin/time -f %M`, the maximum resident set size of
 * the child in KiB, from wait4's rusage) when it exists; otherwise /proc/<pid>/status `VmHWM` is
 * polled every 20 ms (Linux only; the child's own high-water mark, not its children's).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';

export interface MeasuredRun {
  wallMs: number;
  exitCode: number;
  /** Peak resident set size in KiB; undefined when it could not be measured. */
  maxRssKb?: number;
  /** Minor page faults of the command (GNU time %R): first touches of new memory, page-cache maps. */
  minorFaults?: number;
  /** User + system CPU seconds of the client (GNU time only). */
  cpuSec?: number;
  /** The two parts of cpuSec (GNU time only). */
  userSec?: number;
  sysSec?: number;
  rssSource: 'gnu-time' | 'proc-vmhwm' | 'none';
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface RunSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Scratch directory for the time output file. */
  scratch: string;
  timeoutMs: number;
}

let gnuTimeWorks: boolean | undefined;

/** Process groups of the clients running now. */
const running = new Set<number>();

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Kills every running client (for the harness's own SIGINT/SIGTERM). */
export function killRunningClients(): void {
  for (const pid of running) killGroup(pid);
}

async function probeGnuTime(): Promise<boolean> {
  if (gnuTimeWorks !== undefined) return gnuTimeWorks;
  if (!existsSync(GNU_TIME)) return (gnuTimeWorks = false);
  gnuTimeWorks = await new Promise<boolean>((resolve) => {
    const p = spawn(GNU_TIME, ['-f', '%M', 'true'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', () => resolve(false));
    p.on('close', (code) => resolve(code === 0 && /^\d+\s*$/.test(err.trim().split('\n').pop() ?? '')));
  });
  return gnuTimeWorks;
}

async function readVmHwm(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function runMeasured(spec: RunSpec): Promise<MeasuredRun> {
  const useTime = await probeGnuTime();
  const timeFile = join(spec.scratch, `time-${process.pid}-${Date.now()}.txt`);
  const [command, args] = useTime
    ? [GNU_TIME, ['-f', '%M %U %S %R', '-o', timeFile, spec.command, ...spec.args]]
    : [spec.command, spec.args];
  const start = performance.now();
  // A process group of its own, so a timeout or Ctrl-C kills the client and not only GNU time.
  const child = spawn(command, args, {
    cwd: spec.cwd,
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid !== undefined) running.add(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-20000)));
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20000)));
  let polled: number | undefined;
  const poller =
    !useTime && child.pid !== undefined && existsSync('/proc/self/status')
      ? setInterval(() => {
          void readVmHwm(child.pid as number).then((v) => {
            if (v !== undefined) polled = Math.max(polled ?? 0, v);
          });
        }, 20)
      : undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, spec.timeoutMs);
  const exitCode = await new Promise<number>((resolve) => {
    child.on('error', (e) => {
      stderr += String(e);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const wallMs = performance.now() - start;
  if (child.pid !== undefined) running.delete(child.pid);
  clearTimeout(timer);
  if (poller) clearInterval(poller);
  let maxRssKb: number | undefined;
  let cpuSec: number | undefined;
  let userSec: number | undefined;
  let sysSec: number | undefined;
  let minorFaults: number | undefined;
  let rssSource: MeasuredRun['rssSource'] = 'none';
  if (useTime) {
    try {
      const lines = (await readFile(timeFile, 'utf8')).trim().split('\n');
      const [rss, user, sys, faults] = (lines[lines.length - 1] ?? '').trim().split(/\s+/).map(Number);
      if (faults !== undefined && Number.isFinite(faults)) minorFaults = faults;
      if (rss !== undefined && Number.isFinite(rss) && rss > 0) {
        maxRssKb = rss;
        rssSource = 'gnu-time';
      }
      if (user !== undefined && sys !== undefined && Number.isFinite(user + sys)) {
        cpuSec = user + sys;
        userSec = user;
        sysSec = sys;
      }
    } catch {
      // the time file is missing when the command could not start
    }
    await rm(timeFile, { force: true });
  } else if (polled !== undefined) {
    maxRssKb = polled;
    rssSource = 'proc-vmhwm';
  }
  return {
    wallMs,
    exitCode,
    ...(maxRssKb !== undefined ? { maxRssKb } : {}),
    ...(cpuSec !== undefined ? { cpuSec } : {}),
    ...(userSec !== undefined ? { userSec } : {}),
    ...(sysSec !== undefined ? { sysSec } : {}),
    ...(minorFaults !== undefined ? { minorFaults } : {}),
    rssSource,
    stdout,
    stderr,
    timedOut,
  };
}
