import type { NormalizedName } from '../standards/names.js';

/** Which path a file's METADATA took (recorded per file, shown in reports and the job summary). */
/** `lock`: nothing was read; the package came from a lock file input (lock-input.ts). */
export type MetadataPath = 'pep658' | 'lazy-wheel' | 'download' | 'sdist' | 'cache' | 'lock';

/** The file chosen for one resolved package. */
export interface ResolvedFile {
  filename: string;
  /** May carry credentials: only the downloader may use it; everything else uses `redactedUrl`. */
  url: string;
  redactedUrl: string;
  sha256: string;
  size?: number;
  kind: 'wheel' | 'sdist';
}

export interface ResolvedPackage {
  name: NormalizedName;
  /** The version as the index spells it, normalized per PEP 440. */
  version: string;
  file: ResolvedFile;
  /** Named directly by a requirement file (pip report `requested`). */
  requested: boolean;
  /** Extras selected for this package. */
  extras: string[];
  /** The package's Requires-Dist lines, as in its METADATA. */
  requiresDist: string[];
  requiresPython?: string;
  metadataPath: MetadataPath;
  /** A direct URL requirement (`name @ url`). */
  isDirect: boolean;
  /** `Provides-Extra` of its METADATA (for the pip report). */
  providesExtra?: string[];
  /** PEP 592: set when the chosen file is yanked (only possible when pinned with `==`/`===`). */
  yanked?: true | string;
}

/** The outcome of a successful resolution, sorted by name: the unit that keys the cache. */
export interface Resolution {
  packages: ResolvedPackage[];
}
