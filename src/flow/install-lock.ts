/**
 * One native install per environment at a time (review 17a F9: two installs started together
 * each replaced the same distribution, and one failed with a raw `ENOENT … rename`): the lock file
 * `<purelib>/.wheelhouse-install.lock` (src/util/dir-lock.ts — a run that finds it held by a live
 * run waits, saying whom for; one left by a killed run is broken as stale), held from before the
 * installer reads what is installed until it has finished. pip has no such lock; uv holds one per
 * environment.
 *
 * Nothing is written where the installer would refuse to write: not into an externally managed
 * Python without the override (PEP 668), and a site-packages that is missing or cannot be written
 * is left to the installer's target check, which names the problem (the run then goes unlocked).
 */
import { join } from 'node:path';
import type { Interpreter } from '../install/interpreter.js';
import { acquireDirLock, LockTimeoutError, type ReleaseLock } from '../util/dir-lock.js';
import type { Logger } from '../util/logger.js';
import { FlowInputError } from './flow-errors.js';

export const INSTALL_LOCK_FILENAME = '.wheelhouse-install.lock';

/** Errors that say the lock cannot be made there (the installer's target check reports why). */
const UNLOCKABLE = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS']);

export async function lockEnvironment(
  interpreter: Interpreter,
  opts: { breakSystemPackages: boolean; logger: Logger; timeoutMs?: number },
): Promise<ReleaseLock> {
  const nothing: ReleaseLock = () => Promise.resolve();
  if (interpreter.externallyManaged && !opts.breakSystemPackages) return nothing;
  const path = join(interpreter.paths.purelib, INSTALL_LOCK_FILENAME);
  try {
    return await acquireDirLock(path, {
      onWait: (message) => opts.logger.info(`another install into this environment is running: ${message}`),
      onWarn: (message) => opts.logger.warn(message),
      ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    });
  } catch (error) {
    if (error instanceof LockTimeoutError) throw new FlowInputError(error.message);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!UNLOCKABLE.has(code)) throw error;
    opts.logger.debug(`install lock ${path} not taken (${code}); the installer checks the target`);
    return nothing;
  }
}
