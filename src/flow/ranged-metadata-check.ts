/**
 * A wheel's METADATA read over HTTP ranges (metadata path `lazy-wheel`, index/metadata-fetch.ts)
 * decides the resolution, but the host may answer range requests with other bytes than the whole
 * file, whose sha256 the index pins (review 14b #5): the resolution would then follow dependencies
 * the installed wheel does not declare. pip 23.2 (without the experimental `fast-deps`) resolves
 * with the METADATA of the downloaded, hash-checked file. So once the wheelhouse holds the verified
 * wheels, each one whose metadata was read over ranges is read again from the file, and what the
 * resolution took from it (Requires-Dist, Requires-Python, Provides-Extra) must be the same: a
 * difference fails the run naming the file, and the metadata cache's "read here" record for the
 * wheel is dropped first, so no later run trusts the cached METADATA (it is then checked against
 * the local wheel again, and read anew).
 */
import { join } from 'node:path';
import { withFileRangeSource } from '../index/file-range-source.js';
import { readWheelMetadata } from '../index/remote-zip.js';
import type { ResolvedPackage } from '../provider/resolution.js';
import { parseMetadata } from '../standards/metadata.js';

export class RangedMetadataMismatchError extends Error {
  constructor(
    readonly filename: string,
    /** Redacted URL. */
    readonly url: string,
    readonly field: string,
  ) {
    super(
      `${filename}: the METADATA read over HTTP range requests from ${url} differs from the METADATA in the downloaded, sha256-verified wheel (${field}); the host answers range requests with other bytes than the file: the resolution cannot be trusted (its cached metadata is no longer trusted; run again, or report the host)`,
    );
    this.name = 'RangedMetadataMismatchError';
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Checks every wheel of `packages` whose METADATA came over ranges against the file of that name in
 * `wheelhouse` (verified before this is called), or at the path `placedAt` names for it (a
 * find-links file used where it is, fetch-types.ts `inPlace`); `forget` drops the cache's record
 * of it on a difference. Throws RangedMetadataMismatchError for the first difference.
 */
export async function checkRangedMetadata(
  packages: readonly ResolvedPackage[],
  wheelhouse: string,
  forget?: (sha256: string) => void,
  placedAt: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  for (const pkg of packages) {
    if (pkg.metadataPath !== 'lazy-wheel' || pkg.file.kind !== 'wheel' || pkg.builtFrom !== undefined)
      continue;
    // Through a link: the user's own link to the resolution's bytes is a wheelhouse file the flow
    // accepts (foreign-conflicts.ts); a FIFO or device is still refused (LocalArchiveError).
    const { metadata } = await withFileRangeSource(
      placedAt.get(pkg.file.filename) ?? join(wheelhouse, pkg.file.filename),
      (source) => readWheelMetadata(source, { source: pkg.file.filename }),
    );
    const parsed = parseMetadata(metadata).metadata;
    const field = !sameList(parsed.requiresDist, pkg.requiresDist)
      ? 'Requires-Dist'
      : parsed.requiresPython !== pkg.requiresPython
        ? 'Requires-Python'
        : !sameList(parsed.providesExtra, pkg.providesExtra ?? [])
          ? 'Provides-Extra'
          : undefined;
    if (field === undefined) continue;
    forget?.(pkg.file.sha256);
    throw new RangedMetadataMismatchError(pkg.file.filename, pkg.file.redactedUrl, field);
  }
}
