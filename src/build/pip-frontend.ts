/**
 * The target interpreter's pip as the PEP 517 build frontend: how wheelhouse runs it.
 *
 * - The command is `<python> -m pip …` with the interpreter that will install the wheels, so build
 *   backends run under the target's Python and a built wheel is for the target, not for Node's host.
 * - Indexes: pip is given exactly the resolver's indexes and find-links through its environment
 *   (`PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_FIND_LINKS`, `PIP_NO_INDEX`; pip's precedence is
 *   command line > environment > configuration files, so a pip.conf's index cannot sneak in). Build
 *   isolation stays on: pip installs each build's `[build-system] requires` from those indexes, so
 *   build backends come from the user's index. Index credentials wheelhouse takes from its own
 *   variables (named indexes, per-host) go into the URLs pip gets, in the environment only (never
 *   on a command line, never logged); netrc pip reads itself.
 * - Inherited `PIP_*` variables are dropped except transport settings (certificates, proxy,
 *   timeouts, cache dir, config file), so a `PIP_NO_BUILD_ISOLATION`, `PIP_REQUIRE_VIRTUALENV` or
 *   `PIP_TARGET` of the job cannot change what the frontend does.
 * - Output is bounded: stdout (pip's `--report -`) up to `maxStdout` bytes, the log's last
 *   `LOG_TAIL_BYTES`; a run longer than its timeout is killed (with its process group on POSIX).
 */
import { spawn } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findCredentials, type NamedIndex } from '../index/credentials.js';
import { registerSecret, registerUrlSecrets } from '../index/redact.js';

/** Where pip finds distributions: the same sources the resolver used. */
export interface FrontendIndexes {
  /** First is pip's `--index-url`, the rest `--extra-index-url`; empty means `--no-index`. */
  indexUrls: string[];
  findLinks: string[];
  namedIndexes?: NamedIndex[];
}

export interface PipFrontend {
  /** The target interpreter (a command on PATH or a path). */
  python: string;
  /** The environment pip runs with (see `frontendEnv`). */
  env: Record<string, string>;
  /** Working directory (relative find-links are taken from here). */
  cwd?: string;
}

/** Inherited pip settings that only concern transport, kept for the frontend. */
const KEPT_PIP_VARIABLES = new Set([
  'PIP_CERT',
  'PIP_CLIENT_CERT',
  'PIP_TRUSTED_HOST',
  'PIP_PROXY',
  'PIP_TIMEOUT',
  'PIP_DEFAULT_TIMEOUT',
  'PIP_RETRIES',
  'PIP_CACHE_DIR',
  'PIP_NO_CACHE_DIR',
  'PIP_CONFIG_FILE',
  'PIP_KEYRING_PROVIDER',
]);

/** `url` with the credentials wheelhouse's own variables give it (pip cannot read those). */
function withCredentials(url: string, env: Record<string, string | undefined>, named: NamedIndex[]): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.username !== '' || u.password !== '' || !/^https?:$/.test(u.protocol)) return url;
  const found = findCredentials(u, { env, namedIndexes: named });
  if (found === undefined || found.source === 'netrc') return url;
  u.username = encodeURIComponent(found.username);
  u.password = encodeURIComponent(found.password);
  // pip may echo the URL (it hides the password, not the user): every writer redacts both.
  if (found.password !== '') registerSecret(found.password);
  registerUrlSecrets(u.toString());
  return u.toString();
}

/** The environment of every pip call of the frontend (see the module comment). */
export function frontendEnv(
  base: Record<string, string | undefined>,
  indexes: FrontendIndexes,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (/^PIP_/i.test(key) && !KEPT_PIP_VARIABLES.has(key.toUpperCase())) continue;
    env[key] = value;
  }
  const named = indexes.namedIndexes ?? [];
  const urls = indexes.indexUrls.map((u) => withCredentials(u, base, named));
  if (urls.length === 0) env['PIP_NO_INDEX'] = '1';
  else env['PIP_INDEX_URL'] = urls[0] as string;
  // Always set, also empty: the environment then overrides any configuration file's value.
  env['PIP_EXTRA_INDEX_URL'] = urls.slice(1).join(' ');
  // pip splits this variable on whitespace: an absolute local directory goes as a `file:` URL, whose
  // spaces are %20 (a path with a space would become two locations); a relative one as given, read by
  // pip against its working directory.
  env['PIP_FIND_LINKS'] = indexes.findLinks
    .map((link) => (isAbsolute(link) ? pathToFileURL(link).href : link))
    .join(' ');
  env['PIP_DISABLE_PIP_VERSION_CHECK'] = '1';
  env['PIP_NO_INPUT'] = '1';
  env['PYTHONIOENCODING'] = 'utf-8';
  return env;
}

/** How much of a pip run's log is kept (the end of it: where a failing build says why). */
export const LOG_TAIL_BYTES = 256 * 1024;
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
    const kill = (): void => {
      try {
        if (posix && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
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
      resolve({
        ...run,
        timedOut,
        stdoutOverflow,
        stdout: Buffer.concat(out).toString('utf8'),
        log: log.text(),
      });
    };
    child.on('error', (error) => finish({ code: null, spawnError: error.message }));
    child.on('close', (code) => finish({ code }));
  });
}

/** The last `n` non-empty lines of a log, for error messages. */
export function lastLines(log: string, n = 25): string {
  const lines = log.split(/\r?\n/).filter((l) => l.trim() !== '');
  return lines.slice(-n).join('\n');
}
