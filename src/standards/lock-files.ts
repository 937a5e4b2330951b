/**
 * What uv.lock (uv-lock.ts) and pylock.toml (pylock.ts, PEP 751) have in common once a lock's
 * packages are selected for one target: each selected package is either a file to fetch (with the
 * lock's hashes and size) or a local project to install from its path; and the one best file per
 * package is chosen the way pip's finder ranks a version's files — the wheel whose best tag comes
 * first in the target's supported-tag order (PEP 425, tags.ts rankWheel), else the sdist.
 */
import { InvalidFilenameError, parseWheelFilename } from './filenames.js';
import type { NormalizedName } from './names.js';
import { rankWheel } from './tags.js';
import { unquote } from './percent-decode.js';

export class LockFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'LockFileError';
  }
}

export interface LockedFile {
  filename: string;
  /** Absolute URL (http, https or file). */
  url: string;
  /** Algorithm → lowercase hex. */
  hashes: Record<string, string>;
  size?: number;
  kind: 'wheel' | 'sdist';
}

export type LockedPackage =
  | {
      kind: 'file';
      name: NormalizedName;
      version: string;
      file: LockedFile;
      requiresPython?: string;
      /** Named by the lock's root (a direct dependency of the project). */
      requested: boolean;
      /** Extras of this package that the selection activated. */
      extras: string[];
      /** A direct URL (not from an index). */
      direct: boolean;
    }
  | { kind: 'local'; name: NormalizedName; path: string; editable: boolean; extras: string[] };

export interface FileChoiceRules {
  /** The target's supported tags, most preferred first (tags.ts tagPriorityMap). */
  tagPriority: Map<string, number>;
  mayUseWheel: (name: NormalizedName) => boolean;
  mayUseSdist: (name: NormalizedName) => boolean;
}

/** The last path segment of a URL, percent-decoded (a file's name). */
export function filenameOfUrl(url: string): string {
  const path = new URL(url).pathname;
  return unquote(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * The best file of one locked version for the target, or the reason there is none (shown in the
 * error naming the package).
 */
export function chooseLockedFile(
  name: NormalizedName,
  wheels: readonly LockedFile[],
  sdist: LockedFile | undefined,
  rules: FileChoiceRules,
): { file: LockedFile } | { reason: string } {
  let best: { file: LockedFile; rank: number } | undefined;
  if (rules.mayUseWheel(name)) {
    for (const w of wheels) {
      let rank: number | undefined;
      try {
        rank = rankWheel(parseWheelFilename(w.filename).tags, rules.tagPriority);
      } catch (error) {
        if (error instanceof InvalidFilenameError) continue;
        throw error;
      }
      if (rank === undefined) continue;
      if (best === undefined || rank < best.rank) best = { file: w, rank };
    }
  }
  if (best !== undefined) return { file: best.file };
  if (sdist !== undefined && rules.mayUseSdist(name)) return { file: sdist };
  const parts = [
    wheels.length === 0
      ? 'no wheels'
      : rules.mayUseWheel(name)
        ? `${wheels.length} wheel(s), none for the target`
        : `${wheels.length} wheel(s), but --no-binary forbids wheels`,
    sdist === undefined
      ? 'no sdist'
      : rules.mayUseSdist(name)
        ? 'an sdist'
        : 'an sdist, which only-binary forbids (it would need a build)',
  ];
  return { reason: parts.join(' and ') };
}
