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
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { withFileRangeSource } from '../index/file-range-source.js';
import { readWheelMetadata } from '../index/remote-zip.js';
import type { DistFile } from '../index/dist-file.js';
import type { MetadataSource } from '../provider/project-universe.js';
import type { ResolvedPackage } from '../provider/resolution.js';
import { parseWheelFilename } from '../standards/filenames.js';
import { parseMetadata, type CoreMetadata } from '../standards/metadata.js';
import { compareVersions, Version } from '../standards/version.js';
import { runLimited } from '../util/for-each-limited.js';

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

/** A release whose METADATA the resolver read over ranges (recorded by `recordRanged`). */
export interface RangedRead {
  file: DistFile;
  parsed: CoreMetadata;
}

/**
 * `source` as the resolver sees it, noting in `reads` every wheel whose METADATA came over HTTP
 * ranges (the speculative walk's own reads are not the resolver's and are not noted).
 */
export function recordRanged(source: MetadataSource, reads: RangedRead[]): MetadataSource {
  return {
    fetchMetadata: async (file) => {
      const outcome = await source.fetchMetadata(file);
      if (outcome.kind === 'metadata' && outcome.path === 'lazy-wheel')
        reads.push({ file, parsed: outcome.parsed ?? parseMetadata(outcome.metadata).metadata });
      return outcome;
    },
  };
}

/** What `checkPassedOverRanged` did. */
export interface PassedOverCheck {
  /** Releases fetched whole and compared. */
  checked: number;
  /** Of `checked`, releases older than the chosen one of their project (fetched after the newer ones). */
  older: number;
  /** Releases not fetched because the byte budget was spent, and their sizes where the index gave them. */
  overBudget: { filename: string; size?: number }[];
  /** Bytes of the files fetched whole. */
  bytes: number;
}

/**
 * Default byte budget of the passed-over check (`WHEELHOUSE_PASSED_OVER_CHECK_BYTES` overrides it;
 * 0 checks none): a resolution that backtracks over many large wheels on an index without PEP 658
 * files would otherwise download each whole.
 */
export const PASSED_OVER_BUDGET_BYTES = 256 * 1024 * 1024;

/**
 * Review 14d F9: a release of a resolved project that the resolver read over ranges and did not
 * take may have been passed over for what its ranges said (a Requires-Python, a dependency that
 * cannot be had) — its wheel is never downloaded, so the check above never sees it. Each such
 * wheel is fetched whole (`whole`: the index's sha256 checked) and its METADATA compared as above;
 * a difference forgets the cache's record and fails the run naming the file. pip 23.2 reads every
 * release it considers from the downloaded file. Releases of projects the resolution does not
 * hold are not checked (a dependency of a passed-over release; see the notes of session 16).
 *
 * Bounded (session 17): fetched within `budget` bytes — first the releases at or above the chosen
 * version (the resolver, as pip, tries the newest first: those it turned down, for what their
 * METADATA said or for what it led to), in the order the resolver read them, then the older ones.
 * An older release lost to the chosen one of its own project, but what its ranges said can still
 * steer ANOTHER project: PubGrub learns incompatibilities from it that may exclude the other's newer
 * release (review 17c F2: x 1.0 forged → "y 2.0 ⇒ no x" → {x 2.0, y 1.0}, not pip's {x 1.0, y 2.0}),
 * so it is checked too while the budget lasts. A file whose PEP 691 size would pass the budget is
 * not fetched, nor any file once it is spent (files of unknown size are counted after their
 * download, so up to the concurrency's worth may pass it); those are returned for the caller's warning.
 */
export async function checkPassedOverRanged(
  reads: readonly RangedRead[],
  packages: readonly ResolvedPackage[],
  whole: (file: DistFile) => Promise<{ path: string }>,
  forget?: (sha256: string) => void,
  budget: number = PASSED_OVER_BUDGET_BYTES,
): Promise<PassedOverCheck> {
  const chosen = new Map(
    packages.map((p) => [
      p.name as string,
      { filename: p.file.filename, version: Version.tryParse(p.version) },
    ]),
  );
  const newer = new Map<string, RangedRead>();
  const olderReads = new Map<string, RangedRead>();
  for (const read of reads) {
    const taken = chosen.get(read.file.project);
    const name = read.file.filename;
    if (taken === undefined || taken.filename === name || newer.has(name) || olderReads.has(name)) continue;
    (isOlder(name, taken.version) ? olderReads : newer).set(name, read);
  }
  const passedOver = [...newer.values(), ...olderReads.values()];
  const out: PassedOverCheck = { checked: 0, older: 0, overBudget: [], bytes: 0 };
  let reserved = 0;
  // A few at once (each a whole-file download); the first difference, in the order read, is told.
  const differences: (RangedMetadataMismatchError | undefined)[] = [];
  await runLimited(passedOver, PASSED_OVER_CONCURRENCY, async ({ file, parsed }, i) => {
    const size = file.size;
    if (reserved >= budget || (size !== undefined && reserved + size > budget)) {
      out.overBudget.push({ filename: file.filename, ...(size !== undefined ? { size } : {}) });
      return;
    }
    if (size !== undefined) reserved += size;
    const { path } = await whole(file);
    const actual = (await stat(path)).size;
    reserved += actual - (size ?? 0);
    out.bytes += actual;
    out.checked++;
    if (i >= newer.size) out.older++;
    const { metadata } = await withFileRangeSource(path, (source) =>
      readWheelMetadata(source, { source: file.filename }),
    );
    const field = differingField(parseMetadata(metadata).metadata, parsed);
    if (field === undefined) return;
    const sha256 = file.hashes['sha256'];
    if (sha256 !== undefined) forget?.(sha256.toLowerCase());
    differences[i] = new RangedMetadataMismatchError(file.filename, file.redactedUrl, field);
  });
  const first = differences.find((d) => d !== undefined);
  if (first !== undefined) throw first;
  return out;
}

/** Whether the wheel `filename` is of a version below `chosen` (false when either is unreadable). */
function isOlder(filename: string, chosen: Version | null): boolean {
  if (chosen === null) return false;
  let version: Version | null;
  try {
    version = Version.tryParse(parseWheelFilename(filename).version);
  } catch {
    return false;
  }
  return version !== null && compareVersions(version, chosen) < 0;
}

/** Passed-over wheels fetched whole at once (the HTTP client still limits requests per host). */
export const PASSED_OVER_CONCURRENCY = 8;

function differingField(a: CoreMetadata, b: CoreMetadata): string | undefined {
  if (!sameList(a.requiresDist, b.requiresDist)) return 'Requires-Dist';
  if (a.requiresPython !== b.requiresPython) return 'Requires-Python';
  if (!sameList(a.providesExtra, b.providesExtra)) return 'Provides-Extra';
  return undefined;
}
