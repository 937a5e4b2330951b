/**
 * The guard against pointing the wheelhouse at a directory full of other files: verification
 * deletes every file of the wheelhouse that is not part of the resolution, so the wheelhouse must
 * not be a file system root, the working directory, GITHUB_WORKSPACE or the home directory — nor a
 * directory that contains one of them (`wheelhouse: ..` holds the checkout; review 14c F11).
 *
 * Paths are compared the way the runner's file system compares names: Windows (NTFS) and macOS
 * (APFS/HFS+ by default) are case-insensitive, so `c:\users\me` and `C:\Users\Me` are one directory
 * there and must both be refused; Windows paths also go through `path.win32` (drive letters, `\`).
 *
 * Beyond those, `claimWheelhouse` applies the ownership rule of wheelhouse-files.ts to any
 * directory: one that holds files wheelhouse did not write and no manifest is refused.
 */
import { lstat, readdir, rm, stat } from 'node:fs/promises';
import { join, posix, win32 } from 'node:path';
import {
  MANIFEST_FILENAME,
  ManifestError,
  readManifest,
  type WheelhouseManifest,
} from '../cache/wheelhouse-manifest.js';
import type { Logger } from '../util/logger.js';
import { FlowInputError } from './flow-errors.js';
import { isOwnFileName, isOwnTempName, RUN_LOCK_FILENAME } from './wheelhouse-files.js';

export interface WheelhouseGuardContext {
  cwd: string;
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}

export function isDangerousWheelhouse(dir: string, ctx: WheelhouseGuardContext): boolean {
  const platform = ctx.platform ?? process.platform;
  const path = platform === 'win32' ? win32 : posix;
  const foldCase = platform === 'win32' || platform === 'darwin';
  const key = (p: string): string => {
    const abs = path.resolve(ctx.cwd, p);
    return foldCase ? abs.toLowerCase() : abs;
  };
  const abs = path.resolve(ctx.cwd, dir);
  if (path.dirname(abs) === abs) return true; // `/`, `C:\`, `\\server\share\`
  const home = ctx.env['HOME'] || ctx.env['USERPROFILE'];
  const forbidden = [ctx.cwd, ctx.env['GITHUB_WORKSPACE'], home].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  const candidate = key(abs);
  // Equal to, or an ancestor of, a protected directory: the relative path from the wheelhouse to
  // it does not climb out (`..`) and is not absolute (another drive on Windows).
  return forbidden.some((p) => {
    const rel = path.relative(candidate, key(p));
    return rel === '' || (rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel));
  });
}

/** The wheelhouse directory as a run found it. */
export interface WheelhouseClaim {
  dir: string;
  /**
   * Entries present before the run that wheelhouse cannot prove it wrote (only possible next to a
   * manifest): never deleted, left as they are.
   */
  foreign: Set<string>;
  /** Entries deleted because the user asked to clear the directory (`clean`). */
  cleared: string[];
  /**
   * Every file a manifest of this wheelhouse has listed during the run (the one found, then the
   * ones restored and written): the proof of ownership the run keeps in its incomplete manifest.
   */
  listed: WheelhouseManifest['files'];
}

export interface ClaimOptions {
  /** Clear a directory wheelhouse cannot prove is its own instead of refusing it. */
  clean: boolean;
  logger: Logger;
}

const SHOWN = 5;

function listNames(names: string[]): string {
  const shown = names.slice(0, SHOWN).map((n) => JSON.stringify(n));
  return names.length > SHOWN ? `${shown.join(', ')} and ${names.length - SHOWN} more` : shown.join(', ');
}

/**
 * Takes `dir` as the wheelhouse (a missing one is fine: the run creates it), following the rule of
 * wheelhouse-files.ts: a directory that holds entries wheelhouse did not write and no manifest is
 * refused (FlowInputError, exit 2) unless `clean`; a path that is not a directory is refused.
 */
export async function claimWheelhouse(dir: string, options: ClaimOptions): Promise<WheelhouseClaim> {
  const claim: WheelhouseClaim = { dir, foreign: new Set(), cleared: [], listed: {} };
  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new FlowInputError(`wheelhouse ${dir} cannot be used: ${error.message}`);
  });
  if (info === undefined) return claim; // created when the run first writes to it
  if (!info.isDirectory()) {
    throw new FlowInputError(
      `wheelhouse ${dir} exists and is not a directory: give a directory (it is created when missing)`,
    );
  }
  let manifest: WheelhouseManifest | undefined;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    options.logger.warn(`${errorText(error)}: the wheelhouse is treated as having no manifest`);
  }
  if (manifest !== undefined) claim.listed = { ...manifest.files };
  const owned = (name: string): boolean =>
    manifest === undefined
      ? isOwnTempName(name) || name === RUN_LOCK_FILENAME
      : isOwnFileName(name) ||
        (Object.hasOwn(manifest.files, name) && manifest.files[name]?.notOwned !== true);
  const others = (await readdir(dir)).filter((name) => !owned(name)).sort();
  if (others.length === 0) return claim;
  if (options.clean) {
    // wheelhouse only ever writes flat files into a wheelhouse, so a directory in it is never its
    // own: clean removes files and links (a link is unlinked, never followed) and refuses, before
    // deleting anything, a wheelhouse without a manifest that holds a directory (a project, not a
    // wheelhouse) — a recursive delete is how a wheelhouse that contains a checkout would lose it
    // (review 14c F11).
    const dirs: string[] = [];
    for (const name of others) {
      const entry = await lstat(join(dir, name)).catch(() => undefined);
      if (entry?.isDirectory() === true) dirs.push(name);
    }
    if (dirs.length > 0 && manifest === undefined) {
      throw new FlowInputError(
        `wheelhouse ${dir} holds directories wheelhouse did not write (${listNames(dirs)}); clean removes only files, never a directory: give a directory of its own`,
      );
    }
    // A wheelhouse it wrote before (a manifest) keeps a directory the user put there, as a run
    // without clean does: left alone, said (review 14e F2: clean refused what a plain run accepts).
    const files = others.filter((name) => !dirs.includes(name));
    for (const name of files) await rm(join(dir, name), { force: true });
    claim.cleared = files;
    if (files.length > 0)
      options.logger.warn(
        `cleared ${files.length} entr${files.length === 1 ? 'y' : 'ies'} from ${dir} (clean): ${listNames(files)}`,
      );
    if (dirs.length > 0) {
      for (const name of dirs) claim.foreign.add(name);
      options.logger.warn(
        `leaving ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} in ${dir} that wheelhouse did not write (clean removes only files): ${listNames(dirs)}`,
      );
    }
    return claim;
  }
  if (manifest === undefined) {
    throw new FlowInputError(
      `wheelhouse ${dir} holds files wheelhouse did not write (${listNames(others)}) and no ${MANIFEST_FILENAME}; ` +
        'wheelhouse deletes the files of its directory that are not part of the resolution, so it only uses a new or empty directory, or one it wrote before. ' +
        'Give another directory, or clear this one with --clean (action input clean: true).',
    );
  }
  for (const name of others) claim.foreign.add(name);
  options.logger.warn(
    `leaving ${others.length} entr${others.length === 1 ? 'y' : 'ies'} in ${dir} that wheelhouse did not write: ${listNames(others)}`,
  );
  return claim;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
