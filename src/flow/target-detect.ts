/**
 * The target of a fetch when the user does not spell it out (issue 5, §1): the Python version and
 * implementation from the `python3`/`python` on PATH (e.g. what actions/setup-python installed),
 * queried once; the platform from the runner Node runs on: OS, architecture, and on Linux the glibc
 * version Node itself reports (`process.report.getReport().header.glibcVersionRuntime`, absent on
 * musl builds), else musl when a musl dynamic loader (`/lib/ld-musl-<arch>.so.1`) exists.
 * Explicit `python-version` / `platform` / `implementation` / `abi` values always win.
 *
 * Also derives the cache-key target (os, arch, implementation, Python version) of the result.
 */
import { execFile } from 'node:child_process';
import { cachedProbe, type ProbeCacheOptions } from '../install/probe-cache.js';
import { existsSync, readdirSync } from 'node:fs';
import { release } from 'node:os';
import type { CacheKeyTarget } from '../cache/cache-key.js';
import {
  isTargetPythonVersion,
  osArchOfPlatform,
  type TargetOptions,
  type TargetOs,
} from '../provider/target.js';

export class TargetDetectionError extends Error {
  override name = 'TargetDetectionError';
}

export interface PythonInfo {
  /** `3.12.4` */
  version: string;
  implementation: 'cp' | 'pp';
  /** The command that answered (for messages and for `install`). */
  command: string;
}

export interface RunnerPlatform {
  os: TargetOs;
  /** Wheel-tag spelling: x86_64, aarch64/arm64, i686/x86. */
  arch: string;
  glibc?: [number, number];
  musl?: [number, number];
  macos?: [number, number];
}

export interface ExplicitTarget {
  pythonVersion?: string;
  platforms?: string[];
  implementation?: 'cp' | 'pp';
  abis?: string[];
}

export interface DetectedTarget {
  options: TargetOptions;
  /** The interpreter found on PATH, when one was asked. */
  python?: PythonInfo;
  /** How each part was decided, for the log. */
  source: { python: 'explicit' | 'path'; platform: 'explicit' | 'runner' };
  cacheKeyTarget: CacheKeyTarget;
}

/** Python code printing `<major>.<minor>.<micro> <implementation name>`. */
const PROBE = 'import sys; print("%d.%d.%d %s" % (sys.version_info[:3] + (sys.implementation.name,)))';

/** Parses the probe's answer; undefined when it is not what the probe prints. */
export function parsePythonProbe(stdout: string, command: string): PythonInfo | undefined {
  const m = /^(\d+\.\d+\.\d+) (\w+)\s*$/.exec(stdout.trim());
  if (m === null) return undefined;
  const impl = m[2] === 'pypy' ? 'pp' : m[2] === 'cpython' ? 'cp' : undefined;
  if (impl === undefined) return undefined;
  return { version: m[1] as string, implementation: impl, command };
}

export type RunCommand = (command: string, args: string[]) => Promise<string | undefined>;

/** Runs a command and answers its stdout, or undefined when it cannot be run or fails. */
export const runCommand: RunCommand = (command, args) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: 20_000, windowsHide: true }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });

/**
 * `run` with its successful probe answers kept in the probe cache (src/install/probe-cache.ts),
 * keyed on the interpreter's identity; a cached answer is used only when `parsePythonProbe` accepts
 * it. `run` inherits this process's environment, so that is the one the key covers.
 */
export function cachedRunCommand(
  cache: Omit<ProbeCacheOptions, 'env'>,
  run: RunCommand = runCommand,
): RunCommand {
  return (command, args) =>
    cachedProbe(
      { ...cache, env: process.env },
      command,
      args,
      () => run(command, args),
      (stdout) => parsePythonProbe(stdout, command) !== undefined,
    );
}

/**
 * The first of `python3`, `python` that runs, asked once. Windows: `python` first (what
 * actions/setup-python and the python.org installer put on PATH; `python3` is often missing or the
 * Microsoft Store alias, which prints a hint and fails, so it is skipped like any failing command),
 * then `python3`, then the `py` launcher (python.org installs without PATH entries; `py -c …` and
 * `py -m pip …` run its default Python 3, so `command: 'py'` also works for `install`). Commands are
 * run without a shell: libuv finds `python.exe`/`py.exe` on PATH itself.
 */
export async function findPython(
  run: RunCommand = runCommand,
  platform: NodeJS.Platform = process.platform,
): Promise<PythonInfo | undefined> {
  const commands = platform === 'win32' ? ['python', 'python3', 'py'] : ['python3', 'python'];
  for (const command of commands) {
    const out = await run(command, ['-c', PROBE]);
    const info = out === undefined ? undefined : parsePythonProbe(out, command);
    if (info !== undefined) return info;
  }
  return undefined;
}

function pair(text: string | undefined): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(text ?? '');
  return m === null ? undefined : [Number(m[1]), Number(m[2])];
}

/** Node's `process.arch` in wheel-tag spelling for an OS. */
export function tagArch(os: TargetOs, nodeArch: string): string {
  if (nodeArch === 'x64') return 'x86_64';
  if (nodeArch === 'arm64') return os === 'linux' ? 'aarch64' : 'arm64';
  if (nodeArch === 'ia32') return os === 'linux' ? 'i686' : 'x86';
  if (nodeArch === 'arm') return 'armv7l';
  return nodeArch;
}

/**
 * macOS version from the Darwin kernel release (`os.release()`, which is Darwin's version, not
 * macOS's): Darwin 4–19 is macOS 10.(N − 4); Darwin 20–24 is macOS (N − 9) (20 → 11 Big Sur,
 * 23 → 14 Sonoma, 24 → 15 Sequoia); from Darwin 25 Apple numbers macOS by year, skipping 16–25:
 * Darwin 25 is macOS 26 (Tahoe), so N + 1. The minor is 0: since macOS 11 wheel tags only use
 * `macosx_<major>_0` (packaging's `mac_platforms`).
 */
export function macosFromDarwin(darwinRelease: string): [number, number] | undefined {
  const major = Number(/^(\d+)/.exec(darwinRelease)?.[1]);
  if (!Number.isInteger(major) || major < 4) return undefined;
  if (major >= 25) return [major + 1, 0];
  return major >= 20 ? [major - 9, 0] : [10, major - 4];
}

export interface RunnerProbe {
  platform: NodeJS.Platform;
  arch: string;
  /** `process.report.getReport().header.glibcVersionRuntime` (undefined on musl / non-Linux). */
  glibcVersionRuntime?: string;
  /** Whether a musl loader exists (only asked when there is no glibc). */
  hasMusl?: () => boolean;
  osRelease?: string;
}

/** The live values for `runnerPlatform`. */
export function liveRunnerProbe(): RunnerProbe {
  let glibc: string | undefined;
  if (process.platform === 'linux') {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)
      ?.header;
    glibc = header?.glibcVersionRuntime;
  }
  return {
    platform: process.platform,
    arch: process.arch,
    ...(glibc !== undefined ? { glibcVersionRuntime: glibc } : {}),
    hasMusl: () => {
      try {
        return (
          readdirSync('/lib').some((n) => n.startsWith('ld-musl-')) || existsSync('/usr/lib/libc.musl.so')
        );
      } catch {
        return false;
      }
    },
    osRelease: release(),
  };
}

/**
 * The runner's platform. Musl's version cannot be read without running its loader; 1.2 (every
 * Alpine since 3.13, 2021) is assumed, which only widens musllinux_1_1 to musllinux_1_2 wheels.
 */
export function runnerPlatform(probe: RunnerProbe = liveRunnerProbe()): RunnerPlatform {
  if (probe.platform === 'darwin') {
    const macos = macosFromDarwin(probe.osRelease ?? '');
    return { os: 'macos', arch: tagArch('macos', probe.arch), ...(macos ? { macos } : {}) };
  }
  if (probe.platform === 'win32') return { os: 'windows', arch: tagArch('windows', probe.arch) };
  if (probe.platform !== 'linux') {
    throw new TargetDetectionError(
      `cannot derive a wheel platform for OS ${JSON.stringify(probe.platform)}: pass --platform (input platform)`,
    );
  }
  const arch = tagArch('linux', probe.arch);
  const glibc = pair(probe.glibcVersionRuntime);
  if (glibc !== undefined) return { os: 'linux', arch, glibc };
  if (probe.hasMusl?.() === true) return { os: 'linux', arch, musl: [1, 2] };
  // Neither: the manylinux2014 floor, as packaging assumes for an unknown glibc.
  return { os: 'linux', arch, glibc: [2, 17] };
}

/** The os part of the cache key: musl and glibc Linux never share wheels, so they never share keys. */
function keyOs(options: TargetOptions): string {
  if (options.os !== 'linux') return options.os;
  const first = options.platforms?.[0];
  if (first !== undefined) return first.startsWith('musllinux') ? 'musllinux' : 'linux';
  return options.musl !== undefined && options.glibc === undefined ? 'musllinux' : 'linux';
}

export function cacheKeyTargetOf(options: TargetOptions): CacheKeyTarget {
  return {
    os: keyOs(options),
    arch: options.arch,
    implementation: options.implementation ?? 'cp',
    pythonVersion: options.pythonVersion,
  };
}

export interface DetectTargetOptions {
  explicit: ExplicitTarget;
  /** Asked only when the Python version or implementation is not explicit. */
  findPython?: () => Promise<PythonInfo | undefined>;
  runner?: () => RunnerPlatform;
}

/**
 * The target: explicit values first; the Python version (and implementation) from the interpreter
 * on PATH otherwise; the platform from the first explicit platform tag, else the runner.
 */
export async function detectTarget(o: DetectTargetOptions): Promise<DetectedTarget> {
  const { explicit } = o;
  if (explicit.pythonVersion !== undefined && !isTargetPythonVersion(explicit.pythonVersion.trim())) {
    throw new TargetDetectionError(
      `python version ${JSON.stringify(explicit.pythonVersion)} is not of the form 3.X or 3.X.Y`,
    );
  }
  let python: PythonInfo | undefined;
  if (explicit.pythonVersion === undefined || explicit.implementation === undefined) {
    python = await (o.findPython ?? (() => findPython()))();
  }
  const pythonVersion = explicit.pythonVersion?.trim() ?? python?.version;
  if (pythonVersion === undefined) {
    throw new TargetDetectionError(
      'no Python version given and no python3/python on PATH: set python-version (CLI: --python-version 3.X), or run actions/setup-python first',
    );
  }
  const implementation = explicit.implementation ?? python?.implementation ?? 'cp';
  const platforms = (explicit.platforms ?? []).map((p) => p.trim()).filter((p) => p !== '');
  let options: TargetOptions;
  if (platforms.length > 0) {
    const implied = osArchOfPlatform(platforms[0] as string);
    if (implied === undefined) {
      throw new TargetDetectionError(
        `platform tag ${JSON.stringify(platforms[0])} is not a manylinux/musllinux/linux, macosx or win tag`,
      );
    }
    options = { pythonVersion, implementation, os: implied.os, arch: implied.arch, platforms };
  } else {
    const runner = (o.runner ?? (() => runnerPlatform()))();
    options = {
      pythonVersion,
      implementation,
      os: runner.os,
      arch: runner.arch,
      ...(runner.glibc ? { glibc: runner.glibc } : {}),
      ...(runner.musl ? { musl: runner.musl } : {}),
      ...(runner.macos ? { macos: runner.macos } : {}),
    };
  }
  if (explicit.abis !== undefined && explicit.abis.length > 0) options.abis = explicit.abis;
  return {
    options,
    ...(python !== undefined ? { python } : {}),
    source: {
      python: explicit.pythonVersion !== undefined ? 'explicit' : 'path',
      platform: platforms.length > 0 ? 'explicit' : 'runner',
    },
    cacheKeyTarget: cacheKeyTargetOf(options),
  };
}
