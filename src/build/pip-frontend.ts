/**
 * The target interpreter's pip as the PEP 517 build frontend: how wheelhouse runs it.
 *
 * - The command is `<python> -m pip …` with the interpreter that will install the wheels, so build
 *   backends run under the target's Python and a built wheel is for the target, not for Node's host.
 * - Its environment (indexes, credentials, what is withheld from build backends) is frontend-env.ts's.
 * - Output is bounded: stdout (pip's `--report -`) up to `maxStdout` bytes, the log's last
 *   `LOG_TAIL_BYTES`; a run longer than its timeout is killed (with its process group on POSIX).
 * - A run ends when pip exits (plus at most DRAIN_MS to read its pipes to the end), not when its
 *   pipes close: a process a backend left behind holding them neither keeps the run waiting nor
 *   turns a finished build into a timeout. Whatever is left in pip's process group is killed then.
 * - A run that is interrupted (Ctrl-C, SIGTERM) ends every running pip with it (pip-processes.ts).
 */
import { spawn } from 'node:child_process';
import { pipsStopping, signalPipGroup, trackPip } from './pip-processes.js';

export interface PipFrontend {
  /** The target interpreter (a command on PATH or a path). */
  python: string;
  /** The environment pip runs with (see `frontendEnv`). */
  env: Record<string, string>;
  /** Working directory (relative find-links are taken from here). */
  cwd?: string;
}

/** How much of a pip run's log is kept (the end of it: where a failing build says why). */
export const LOG_TAIL_BYTES = 256 * 1024;
/**
 * After pip exits, how long its output pipes may take to reach their end; a process that inherited
 * them and lives on (pip's own output is complete by then) is not waited for.
 */
export const DRAIN_MS = 2000;
/** Default limit of pip's stdout when it is the product (a `--report -` JSON). */
export const DEFAULT_MAX_STDOUT = 16 * 1024 * 1024;

export interface PipRun {
  /** Exit code; null when killed (`signal` or `timedOut`). */
  code: number | null;
  timedOut: boolean;
  stdout: string;
  /** The last LOG_TAIL_BYTES of stderr (and of stdout when stdout is not the product). */
  log: string;
  stdoutOverflow: boolean;
  /** The process could not be started (e.g. no such interpreter). */
  spawnError?: string;
}

export interface RunPipOptions {
  timeoutMs: number;
  /** Keep stdout as the product (up to maxStdout); otherwise it joins the log. */
  captureStdout?: boolean;
  maxStdout?: number;
}

class Tail {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= this.limit && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length;
    }
  }
  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit)).toString('utf8');
  }
}

/** Runs `python -m pip <args>` with the frontend's environment; never throws for pip's failures. */
export function runPip(frontend: PipFrontend, args: string[], o: RunPipOptions): Promise<PipRun> {
  const maxStdout = o.maxStdout ?? DEFAULT_MAX_STDOUT;
  if (pipsStopping()) {
    const none: PipRun = { code: null, timedOut: false, stdout: '', log: '', stdoutOverflow: false };
    return Promise.resolve({ ...none, spawnError: 'not started: wheelhouse is being interrupted' });
  }
  return new Promise((resolve) => {
    const posix = process.platform !== 'win32';
    const child = spawn(frontend.python, ['-m', 'pip', ...args], {
      env: frontend.env,
      ...(frontend.cwd !== undefined ? { cwd: frontend.cwd } : {}),
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      // Its own process group, so a timeout also ends the build backend pip started.
      detached: posix,
    });
    const log = new Tail(LOG_TAIL_BYTES);
    const out: Buffer[] = [];
    let outSize = 0;
    let stdoutOverflow = false;
    let timedOut = false;
    let settled = false;
    // Ended with the run on Ctrl-C / SIGTERM (pip-processes.ts).
    trackPip(child);
    const kill = (): void => signalPipGroup(child, 'SIGKILL');
    // Settled by pip's exit, never by its pipes alone: a backend may leave a process behind that
    // holds them (a compiler-cache server, a daemon in its own session that no group kill reaches).
    let exitCode: number | null | undefined;
    let drain: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
      // pip does not die of SIGKILL only in an uninterruptible wait: the run ends regardless.
      drain ??= setTimeout(() => finish({ code: exitCode ?? null }), DRAIN_MS);
    }, o.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (o.captureStdout !== true) return log.push(chunk);
      outSize += chunk.length;
      if (outSize > maxStdout) {
        stdoutOverflow = true;
        kill();
        return;
      }
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk));
    const finish = (run: Omit<PipRun, 'stdout' | 'log' | 'timedOut' | 'stdoutOverflow'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drain);
      // What pip's group still holds (a backend's leftover children) ends with the run; the pipes
      // are let go whoever still has them.
      kill();
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({
        ...run,
        timedOut,
        stdoutOverflow,
        stdout: Buffer.concat(out).toString('utf8'),
        log: log.text(),
      });
    };
    child.on('error', (error) => finish({ code: null, spawnError: error.message }));
    child.on('exit', (code) => {
      exitCode = code;
      // pip exited: its own output is in the pipes already; give them DRAIN_MS to be read to the end.
      clearTimeout(timer);
      clearTimeout(drain);
      drain = setTimeout(() => finish({ code }), DRAIN_MS);
    });
    child.on('close', (code) => finish({ code: exitCode !== undefined ? exitCode : code }));
  });
}

/** The last `n` non-empty lines of a log, for error messages. */
export function lastLines(log: string, n = 25): string {
  const lines = log.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.slice(-n).join('\n');
}
