/** What the candidate chooser (candidates.ts) is given and what it gives: rules, files, versions. */
import type { DistFile } from '../index/dist-file.js';
import type { BuildTag } from '../standards/filenames.js';
import type { NormalizedName } from '../standards/names.js';
import type { Version } from '../standards/version.js';

export interface CandidateRules {
  /** Supported tags as `interpreter-abi-platform` → rank (0 is best). */
  tagPriority: ReadonlyMap<string, number>;
  /** The target's Python (full version) for `Requires-Python`. */
  pythonVersion: Version;
  /** The target's tag shown in explanations, e.g. `cp311-manylinux_2_17_x86_64`. */
  tagSummary: string;
  mayUseWheel(name: NormalizedName): boolean;
  mayUseSdist(name: NormalizedName): boolean;
  preferBinary: boolean;
}

export interface CandidateFile {
  file: DistFile;
  kind: 'wheel' | 'sdist';
  /** Tag rank for wheels (lower is better); sdists get +Infinity. */
  priority: number;
  /** The wheel's build tag (none for sdists and untagged wheels). */
  buildTag?: BuildTag;
  /** Under `--hash` pins: the source declares no hash; the sha256 is computed and checked later. */
  hashUnchecked?: true;
}

/** One version of a project and the file chosen for it, or why none can be used. */
export interface VersionCandidate {
  version: Version;
  /** The best usable file; absent when `unusable` says why. */
  best?: CandidateFile;
  /** Usable files in preference order. */
  usable: CandidateFile[];
  /** True when the best usable file is yanked (then every usable file is). */
  yanked: false | true | string;
  /** Why no file of this version can be used (only when `best` is absent). */
  unusable?: string;
  /** Why this version's wheels were rejected (e.g. `no wheel for cp311-manylinux_2_17_x86_64`). */
  wheelProblems: string[];
}
