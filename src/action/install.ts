/**
 * The optional `install: true` step: `python -m pip install --no-index --find-links <wheelhouse>
 * --require-hashes -r <lock>` with the target's Python, output streamed into the job log. pip's
 * hash-checking mode refuses any file whose sha256 differs from the lock, so even a wheelhouse
 * changed after verification cannot install other bytes.
 */
import { spawn } from 'node:child_process';

export class InstallError extends Error {
  override name = 'InstallError';
}

export function installArgs(wheelhouse: string, lockFile: string): string[] {
  return [
    '-m',
    'pip',
    'install',
    '--no-index',
    '--find-links',
    wheelhouse,
    '--require-hashes',
    '-r',
    lockFile,
  ];
}

export async function runInstall(python: string, wheelhouse: string, lockFile: string): Promise<void> {
  const args = installArgs(wheelhouse, lockFile);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(python, args, { stdio: 'inherit', windowsHide: true });
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  }).catch((error: Error) => {
    throw new InstallError(`cannot run ${python}: ${error.message}`);
  });
  if (code !== 0) {
    throw new InstallError(`${python} ${args.join(' ')} exited with ${code ?? 'a signal'}`);
  }
}
