/**
 * The names a cache entry may place into a wheelhouse (review 17b F1): only names wheelhouse itself
 * writes there — a distribution of the resolution and the run's own files (the manifest, the lock,
 * the report, the pylock: wheelhouse-manifest.ts). The wheelhouse is the directory pip is pointed
 * at with --find-links, and a user may keep it on PYTHONPATH or inside the checkout: a byte check
 * proves nothing for `sitecustomize.py` or `evil.pth`, whose bytes any writer of the store chose.
 * An entry listing any other name is refused whole by the backends (a cache miss with a warning).
 *
 * A distribution is a wheel or sdist name the standards' parsers accept (dist-filename-check.ts
 * `refuseDistFilename`), or a name a direct URL's or a lock file's file may have: it keeps the name of
 * its URL's last segment (`v2.32.3.tar.gz` of a tag archive, `my pkg-1.0.tar.gz`), which the sdist
 * grammar need not parse. That is the one rule the inputs pass (dist-filename-check.ts
 * `directFileNameReason`, used by provider/direct-url-file.ts and provider/lock-input.ts), so the
 * two cannot drift (review 17c F1: a stricter copy here made every such run a cache miss). None of
 * these is read by Python from a directory on sys.path.
 */
import {
  directFileNameReason,
  refuseDistFilename,
  unsafeFilenameReason,
} from '../index/dist-filename-check.js';
import { redactText } from '../index/redact.js';
import { shownForeignKey } from './cache-key.js';
import { runOwnedReason } from './run-owned-names.js';
import { LOCK_FILENAME, MANIFEST_FILENAME, PYLOCK_FILENAME, REPORT_FILENAME } from './wheelhouse-manifest.js';

/** The run's own files in a wheelhouse, next to its distributions. */
export const RUN_FILES: ReadonlySet<string> = new Set([
  MANIFEST_FILENAME,
  LOCK_FILENAME,
  REPORT_FILENAME,
  PYLOCK_FILENAME,
]);

/**
 * Whether `name` is one wheelhouse writes into a wheelhouse (see above). The names of the run itself
 * (run-owned-names.ts: the run lock, hidden temporaries) are its own too: every restore ignores them
 * by name, as before, and never places them.
 */
export function isWheelhouseName(name: string): boolean {
  if (RUN_FILES.has(name) || directFileNameReason(name) === undefined) return true;
  if (unsafeFilenameReason(name) !== undefined) return false;
  return runOwnedReason(name) !== undefined || refuseDistFilename(name, '') === undefined;
}

/**
 * Why an entry's listing of wheelhouse names is refused (the first name wheelhouse never writes
 * there, shown quoted, cut to 100 characters and redacted), or undefined when every name is one it writes.
 */
export function foreignWheelhouseEntry(names: Iterable<string>): string | undefined {
  for (const name of names)
    if (!isWheelhouseName(name))
      return `it names ${redactText(shownForeignKey(name))} in the wheelhouse, not a distribution or a file wheelhouse writes there`;
  return undefined;
}
