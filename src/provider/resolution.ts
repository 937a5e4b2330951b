import type { NormalizedName } from '../standards/names.js';

/** Which path a file's METADATA took (recorded per file, shown in reports and the job summary). */
/**
 * `prepared`: an sdist's metadata prepared by the target interpreter's pip (src/build);
 * `lock`: nothing was read; the package came from a lock file input (lock-input.ts).
 */
export type MetadataPath = 'pep658' | 'lazy-wheel' | 'download' | 'sdist' | 'prepared' | 'cache' | 'lock';

/** The file chosen for one resolved package. */
export interface ResolvedFile {
  filename: string;
  /** May carry credentials: only the downloader may use it; everything else uses `redactedUrl`. */
  url: string;
  redactedUrl: string;
  sha256: string;
  /**
   * The other digests of pip's algorithms the file's source declared (`#sha512=…`, PEP 691
   * `hashes`), checked while the file is fetched, as pip checks a link's declared hash (review 14d
   * F6). Absent when none was declared; not kept in lock files.
   */
  declaredDigests?: Readonly<Record<string, string>>;
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
  /**
   * The name as the requirement that brought the package in spells it, when that is not `name`
   * (`Hdr_Pkg`): pip's InstallRequirement.name, which names the headers directory (pip 23.2
   * req_install.py `get_scheme(self.name)`; review 14a F1).
   */
  requirementName?: string;
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
  /**
   * Set when `file` is a wheel wheelhouse built from this sdist (src/build): `file` is then what the
   * wheelhouse holds and the lock pins; reports and pylock.toml name this sdist as the source.
   */
  builtFrom?: ResolvedFile;
}

/** The outcome of a successful resolution, sorted by name: the unit that keys the cache. */
export interface Resolution {
  packages: ResolvedPackage[];
}

/** A wheel built from a resolved sdist (by file name of the sdist). */
export interface BuiltWheelOfSdist {
  filename: string;
  sha256: string;
  size: number;
}

/**
 * The resolution as the wheelhouse holds it: each sdist with a built wheel in `built` (keyed by the
 * sdist's file name) becomes that wheel, with the sdist kept as `builtFrom`. The URLs stay the
 * sdist's: a built wheel has none (it is placed from the build store, never downloaded).
 */
export function withBuiltWheels(
  resolution: Resolution,
  built: ReadonlyMap<string, BuiltWheelOfSdist>,
): Resolution {
  return {
    packages: resolution.packages.map((pkg) => {
      const wheel = pkg.file.kind === 'sdist' ? built.get(pkg.file.filename) : undefined;
      if (wheel === undefined) return pkg;
      return {
        ...pkg,
        file: {
          filename: wheel.filename,
          url: pkg.file.url,
          redactedUrl: pkg.file.redactedUrl,
          sha256: wheel.sha256.toLowerCase(),
          size: wheel.size,
          kind: 'wheel',
        },
        builtFrom: pkg.file,
      };
    }),
  };
}
