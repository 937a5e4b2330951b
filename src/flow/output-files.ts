/**
 * The files a user asks for with `--lock`, `--report` and `--pylock` (resolve writes them; fetch
 * and install write copies of the wheelhouse's own). A path the run cannot write is the user's
 * mistake, so it is an input error naming the option and the path — found before the run where
 * it can be (an existing directory, a parent that is a file), so a long fetch does not end in it.
 * A path that is a symbolic link is written through (its target gets the text).
 * A missing parent directory is created, for every command alike (review 1 of session 13:
 * `resolve` created it, the copies of `fetch`/`install` failed with an internal error).
 * A path that is not a regular file — `/dev/null`, `/dev/stdout`, `/dev/fd/63` of a shell's
 * `>(jq .)`, a FIFO — is opened and written in place, as pip's `open(path, "w")` does; replacing
 * it by rename would turn a device node into a file (as root: every later writer to /dev/null
 * writes into it) or a pipe's link into a file nobody reads (review 15a F7).
 */
import { lstat, readlink, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file.js';
import { makeDirectories, nearestExisting } from '../util/make-directories.js';
import { FlowInputError } from './flow-errors.js';

export type OutputOption = '--lock' | '--report' | '--pylock';

export interface OutputFile {
  option: OutputOption;
  /** Absolute path. */
  path: string;
}

function refused(file: OutputFile, why: string): FlowInputError {
  return new FlowInputError(`${file.option} ${file.path}: ${why}`);
}

/** Throws FlowInputError when a path can never be written as a file. */
export async function checkOutputFiles(files: readonly OutputFile[]): Promise<void> {
  for (const file of files) {
    // Followed: a link to a directory is a directory here too (review 4 of session 13).
    const st = await stat(file.path).catch(() => undefined);
    if (st?.isDirectory() === true) throw refused(file, 'is a directory');
    // The nearest existing ancestor must be a directory (one that is a file makes mkdir fail).
    // (None readable: the write will say why.)
    const up = await nearestExisting(dirname(file.path));
    if (up !== undefined && !up.stats.isDirectory() && !up.stats.isSymbolicLink())
      throw refused(file, `${up.path} is not a directory`);
  }
}

/** The kernel's own names (devices, a process's descriptors): never replaced, written through. */
function isSpecialName(path: string): boolean {
  return process.platform !== 'win32' && (path.startsWith('/dev/') || path.startsWith('/proc/'));
}

/** True when `path` names something to write into rather than replace (see the header). */
async function writesInPlace(path: string): Promise<boolean> {
  if (isSpecialName(path)) return true;
  const link = await lstat(path).catch(() => undefined);
  if (link === undefined) return false;
  if (link.isSymbolicLink() && isSpecialName(await readlink(path).catch(() => ''))) return true;
  const st = link.isSymbolicLink() ? await stat(path).catch(() => undefined) : link;
  return st !== undefined && !st.isFile() && !st.isDirectory();
}

/** Writes one output file atomically, creating its directory; failures name the option. */
export async function writeOutputFile(file: OutputFile, data: string | Uint8Array): Promise<void> {
  try {
    if (await writesInPlace(file.path)) {
      await writeFile(file.path, data);
      return;
    }
    // Through a link, as a shell's `> file` or pip's --report writes: the link's target gets the
    // text (written atomically beside it), the link stays (review 4 of session 13).
    const target = await realpath(file.path).catch(() => file.path);
    await makeDirectories(dirname(target));
    await writeFileAtomic(target, data);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (typeof e.code === 'string') throw refused(file, `cannot be written: ${e.message}`);
    throw error;
  }
}
