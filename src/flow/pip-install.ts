/**
 * `--installer pip` (and the action's `installer: pip`): the escape hatch that installs the
 * wheelhouse the way wheelhouse did before it had its own installer, `python -m pip install
 * --no-index --find-links <wheelhouse> --require-hashes -r <lock>` with the target interpreter.
 * pip's hash-checking mode refuses any file whose sha256 differs from the lock, so even a
 * wheelhouse changed after verification cannot install other bytes. pip's output is passed
 * through (the CLI sends it to stderr, whose stdout carries only results) and its
 * "Successfully installed a-1 b-2" line gives the count of distributions it installed.
 */
import { spawn } from 'node:child_process';

export class PipInstallError extends Error {
  override name = 'PipInstallError';
}

export interface PipInstallOptions {
  reinstall?: boolean;
  /** The lock holds only the named requirements: pip must not look for their dependencies. */
  noDeps?: boolean;
  breakSystemPackages?: boolean;
}

export function pipInstallArgs(wheelhouse: string, lockFile: string, o: PipInstallOptions = {}): string[] {
  return [
    '-m',
    'pip',
    'install',
    '--no-index',
    '--find-links',
    wheelhouse,
    '--require-hashes',
    ...(o.reinstall === true ? ['--force-reinstall'] : []),
    ...(o.noDeps === true ? ['--no-deps'] : []),
    // pip ≥ 23.0.1 (PEP 668); older pips do not know the option and fail naming it.
    ...(o.breakSystemPackages === true ? ['--break-system-packages'] : []),
    '-r',
    lockFile,
  ];
}

/** How many distributions pip's output says it installed (`Successfully installed a-1 b-2`). */
export function countPipInstalled(output: string): number {
  const m = /^Successfully installed (.+)$/m.exec(output);
  return m === null ? 0 : (m[1] as string).trim().split(/\s+/).length;
}

export interface TextSink {
  write(text: string): unknown;
}

/** Runs pip; answers the number of distributions it installed. */
export async function runPipInstall(
  python: string,
  wheelhouse: string,
  lockFile: string,
  o: PipInstallOptions & { output: TextSink; env?: Record<string, string | undefined> },
): Promise<number> {
  const args = pipInstallArgs(wheelhouse, lockFile, o);
  let seen = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(python, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      ...(o.env !== undefined ? { env: o.env as NodeJS.ProcessEnv } : {}),
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      // Only the tail matters for the count; keep memory bounded for chatty runs.
      seen = (seen + d).slice(-1_000_000);
      o.output.write(d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => o.output.write(d));
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  }).catch((error: Error) => {
    throw new PipInstallError(`cannot run ${python}: ${error.message}`);
  });
  if (code !== 0) {
    throw new PipInstallError(`${python} ${args.join(' ')} exited with ${code ?? 'a signal'}`);
  }
  return countPipInstalled(seen);
}
