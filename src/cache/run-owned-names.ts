/**
 * The names of a wheelhouse that belong to the run itself, which a cache restore never writes
 * (review 14c F4, review 15b F16): the run lock and every hidden name (its drafts, atomic-write
 * and download temporaries, kept-aside copies — no distribution file name starts with "."), and
 * the outputs a run writes anew, last. One rule for every backend that places files by an entry's
 * listing (manifest-restore.ts for the local directory, s3/s3-restore.ts); the Actions cache's tar
 * is followed by reassertHeldLocks (actions-cache-backend.ts).
 */
import { isRunLockName, LOCK_FILENAME, PYLOCK_FILENAME, REPORT_FILENAME } from './wheelhouse-manifest.js';

/** Why an entry's `name` is one the run owns (then it is never restored), or undefined. */
export function runOwnedReason(name: string): string | undefined {
  if (isRunLockName(name) || name.startsWith('.')) return 'a name of the run itself';
  if (name === LOCK_FILENAME || name === REPORT_FILENAME || name === PYLOCK_FILENAME)
    return 'an output the run writes itself';
  return undefined;
}
