/**
 * The default target when none is given (issue 4, §5): the `python3` on PATH if there is one
 * (asked for its version, OS, machine, libc and macOS version), else the host Node runs on.
 * Only the CLI pipeline calls this; everything else takes an explicit TargetOptions.
 */
import { execFile } from 'node:child_process';
import type { TargetOptions, TargetOs } from './target.js';

const PROBE = [
  'import sys, platform, json',
  'libc = platform.libc_ver()',
  'mac = platform.mac_ver()[0]',
  'print(json.dumps({"version": "%d.%d.%d" % sys.version_info[:3], "platform": sys.platform,',
  ' "machine": platform.machine(), "libc": list(libc), "mac": mac,',
  ' "impl": sys.implementation.name}))',
].join('\n');

function pair(text: string | undefined): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(text ?? '');
  return m === null ? undefined : [Number(m[1]), Number(m[2])];
}

function osOf(platform: string): TargetOs | undefined {
  if (platform.startsWith('linux')) return 'linux';
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  return undefined;
}

/** Asks `python3` (or `python` on Windows) about itself; undefined when it cannot be run. */
export async function probePython(
  command = process.platform === 'win32' ? 'python' : 'python3',
): Promise<TargetOptions | undefined> {
  const out = await new Promise<string | undefined>((resolve) => {
    execFile(command, ['-c', PROBE], { timeout: 10_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
  if (out === undefined) return undefined;
  try {
    const info = JSON.parse(out) as {
      version: string;
      platform: string;
      machine: string;
      libc: string[];
      mac: string;
      impl: string;
    };
    const os = osOf(info.platform);
    if (os === undefined) return undefined;
    const glibc = info.libc[0] === 'glibc' ? pair(info.libc[1]) : undefined;
    const macos = os === 'macos' ? pair(info.mac) : undefined;
    return {
      pythonVersion: info.version,
      os,
      arch: info.machine,
      implementation: info.impl === 'pypy' ? 'pp' : 'cp',
      ...(glibc !== undefined ? { glibc } : {}),
      ...(macos !== undefined ? { macos } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The host Node runs on, for a given Python version (glibc assumed 2.17 on Linux: the manylinux2014 floor). */
export function hostTarget(pythonVersion: string): TargetOptions {
  const os: TargetOs =
    process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : 'linux';
  const arch =
    process.arch === 'x64'
      ? 'x86_64'
      : process.arch === 'arm64'
        ? 'arm64'
        : process.arch === 'ia32'
          ? 'x86'
          : process.arch;
  return { pythonVersion, os, arch };
}
