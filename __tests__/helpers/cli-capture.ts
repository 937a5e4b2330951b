/**
 * Runs the CLI shell in-process the way a terminal would, but with stdout and stderr captured as
 * text (the CliIo seam of src/cli/run.ts): what a test asserts on is the exit code and the two texts.
 */
import { mkdtempSync } from 'node:fs';
import { devNull, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run.js';

/** A write-only stream that keeps what is written; `isTTY` decides whether progress bars are drawn. */
class TextSink {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CaptureOptions extends Omit<CliIo, 'stdout' | 'stderr'> {
  /** Whether stderr claims to be a terminal (default false). */
  tty?: boolean;
}

/**
 * pip's configuration isolated: no `PIP_*` value of this machine reaches the CLI, and
 * `PIP_CONFIG_FILE` is the null device (pip then reads no configuration file at all) unless the test
 * sets its own. The machine's pip.conf and PIP_* point at local mirrors that tests must never use.
 */
export function isolatedPipEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    // A PIP_* value equal to this machine's was inherited (e.g. `{ ...process.env }`): drop it.
    if (k.startsWith('PIP_') && v !== undefined && process.env[k] === v) continue;
    out[k] = v;
  }
  if (!('PIP_CONFIG_FILE' in out)) out['PIP_CONFIG_FILE'] = devNull;
  return out;
}

/**
 * `python3` arguments for pip's resolution alone, its result in a `--report` file:
 * `-m pip install --dry-run --ignore-installed --quiet --no-cache-dir --disable-pip-version-check
 * --report <report> ...rest` (rest: the finder options and requirement files).
 */
export function pipReportArgs(report: string, ...rest: string[]): string[] {
  return [
    '-m',
    'pip',
    'install',
    '--dry-run',
    '--ignore-installed',
    '--quiet',
    '--no-cache-dir',
    '--disable-pip-version-check',
    '--report',
    report,
    ...rest,
  ];
}

/**
 * Our side of a differential against the machine's pip (pipReportArgs): `wheelhouse resolve ...rest
 * --report <report>` for the target pip resolves for here (Python 3.11, manylinux_2_17_x86_64), run
 * in `home` (its cwd and HOME) with no pip configuration file unless `env` names one.
 */
export function resolveLikePip(
  home: string,
  report: string,
  rest: string[],
  env: Record<string, string | undefined> = {},
): Promise<CapturedRun> {
  return runCliCaptured(
    [
      'resolve',
      ...rest,
      '--report',
      report,
      '--python-version',
      '3.11',
      '--platform',
      'manylinux_2_17_x86_64',
    ],
    { env: { HOME: home, PIP_CONFIG_FILE: '/dev/null', ...env }, cwd: home },
  );
}

/** The environment of a pip run in `home` (its HOME too): isolatedPipEnv, no configuration file, plus `extra`. */
export function pipRunEnv(
  home: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return { ...isolatedPipEnv(process.env), PIP_CONFIG_FILE: '/dev/null', HOME: home, ...extra };
}

/**
 * The environment of a CLI run whose HOME is `home`: this machine's without any PIP_* variable or
 * VIRTUAL_ENV (an active venv would be the target), XDG_CACHE_HOME `<home>/cache`, pip's
 * configuration file the null device; plus `extra`.
 */
export function cliHomeEnv(
  home: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('PIP_') && k !== 'VIRTUAL_ENV') out[k] = v;
  return { ...out, HOME: home, XDG_CACHE_HOME: join(home, 'cache'), PIP_CONFIG_FILE: devNull, ...extra };
}

let scratchHome: string | undefined;

/**
 * The CLI's user cache directory (stamps, interpreter probes, `install`'s default wheelhouses) is
 * never this machine's: in-process, the CLI reads XDG_CACHE_HOME from the environment it is given
 * but takes the home directory from the process, so XDG_CACHE_HOME is pointed into the test's own
 * HOME — or, when the test names none or passes this machine's, into a temporary home made once
 * per test file. A test's own XDG_CACHE_HOME is kept.
 */
export function isolatedHomeEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...env };
  const home = out['HOME'];
  if (home === undefined || home === '' || home === homedir() || home === process.env['HOME']) {
    scratchHome ??= mkdtempSync(join(tmpdir(), 'wh-cli-home-'));
    out['HOME'] = scratchHome;
  }
  const xdg = out['XDG_CACHE_HOME'];
  if (xdg === undefined || xdg === '' || xdg === process.env['XDG_CACHE_HOME']) {
    out['XDG_CACHE_HOME'] = join(out['HOME'] as string, '.cache');
  }
  return out;
}

export async function runCliCaptured(argv: string[], options: CaptureOptions): Promise<CapturedRun> {
  const { tty = false, ...rest } = options;
  const io = { ...rest, env: isolatedHomeEnv(isolatedPipEnv(rest.env)) };
  const stdout = new TextSink(false);
  const stderr = new TextSink(tty);
  const code = await runCli(argv, { ...io, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
