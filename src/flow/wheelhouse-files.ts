/**
 * What wheelhouse may delete in a wheelhouse directory: only files it can prove it wrote.
 *
 *   - its outputs (`requirements.lock`, `report.json`, `pylock.toml`, the manifest, the run lock);
 *   - its temporary files, by their own pattern: `.<name>.<12 hex>.part` (downloads, fetch-file.ts)
 *     `.<name>.<12 hex>.tmp` (atomic writes, cache restores) and `.<name>.<12 hex>.new` (the run
 *     lock's draft, src/util/dir-lock.ts: a second run may see the first one's for a moment) —
 *     `<name>` shortened when the whole would pass the 255-byte name limit (cache/temp-names.ts);
 *   - the files its manifest lists (written by an earlier run), and the files of the resolution
 *     (the names it is about to write).
 *
 * The manifest is also the proof of ownership of the directory itself: a directory that holds
 * anything else and no manifest (a project folder, the folder of the requirement file just read)
 * is refused, unless the user asks explicitly to clear it (`--clean`, action input `clean`).
 * During a run the manifest is kept with `"complete": false` (wheelhouse-manifest.ts), so an
 * interrupted run leaves a directory that is still provably wheelhouse's but does not look
 * complete: the lock, report and pylock are removed first and written last.
 */
import {
  LOCK_FILENAME,
  MANIFEST_FILENAME,
  PYLOCK_FILENAME,
  REPORT_FILENAME,
  RUN_LOCK_FILENAME,
} from '../cache/wheelhouse-manifest.js';

export { LOCK_FILENAME, PYLOCK_FILENAME, REPORT_FILENAME, RUN_LOCK_FILENAME };
/** Files the flow writes into the wheelhouse besides the distributions; the manifest last. */
export const WHEELHOUSE_OUTPUTS = [LOCK_FILENAME, REPORT_FILENAME, PYLOCK_FILENAME, MANIFEST_FILENAME];
/** The outputs that make a wheelhouse look installable: removed first, written last. */
export const INSTALL_OUTPUTS = [LOCK_FILENAME, REPORT_FILENAME, PYLOCK_FILENAME];

const OWN_TEMP = /^\..+\.[0-9a-f]{12}\.(part|tmp|new)$/;

/** A temporary file of wheelhouse's own pattern (left by an interrupted write). */
export function isOwnTempName(name: string): boolean {
  return OWN_TEMP.test(name);
}

/** An output or temporary file of wheelhouse's (by name alone). */
export function isOwnFileName(name: string): boolean {
  return WHEELHOUSE_OUTPUTS.includes(name) || name === RUN_LOCK_FILENAME || isOwnTempName(name);
}
