/**
 * A wheel built from an sdist against the metadata the resolution used for that sdist (review
 * 15a F3). The resolution may have read the sdist's static PKG-INFO (PEP 643: Metadata-Version
 * 2.2+, `Requires-Dist` not `Dynamic`), and a build backend can still write other metadata into
 * the wheel (setuptools issue #5120). pip 23.2 resolves an sdist with the metadata its build
 * prepares and checks the built distribution's name and version against the requirement's
 * (`InstallRequirement`'s `_check_metadata_consistency`: "Requested <req> has inconsistent
 * name/version: expected …, but metadata has …"). Here:
 *
 * - Name (normalized) or Version (PEP 440) of the wheel's METADATA differ from the sdist's: an
 *   SdistBuildError naming the sdist and both values, as pip fails.
 * - Requires-Dist differ (as sets of parsed PEP 508 requirements: normalized name, PEP 685
 *   extras, the specifier set in any order and with or without parentheses, the URL, the marker
 *   as parsed with `extra` names normalized per PEP 685 and other string values kept as written —
 *   PEP 508 compares them case-sensitively; a line that does not parse compares as its text,
 *   white space dropped): the resolution followed other dependencies than pip would have (pip
 *   resolves with the prepared metadata): an SdistBuildError naming the sdist and both lists —
 *   wheelhouse does not resolve again. Not compared for a lock file input (the lock holds no
 *   metadata).
 *
 * Requires-Python is not compared: the resolution's may come from the index page
 * (data-requires-python), not from the sdist's metadata.
 *
 * Checked for every wheel built in the run, before it is stored.
 */
import { withFileRangeSource } from '../index/file-range-source.js';
import { readWheelMetadata } from '../index/remote-zip.js';
import { markerToString, type Marker, type MarkerValue } from '../standards/markers.js';
import { parseMetadata } from '../standards/metadata.js';
import { normalizeName } from '../standards/names.js';
import { parseRequirement, requirementToString } from '../standards/requirement.js';
import { Version } from '../standards/version.js';
import { SdistBuildError } from './build-error.js';

/** What the resolution took from the sdist's metadata. */
export interface ResolvedSdistMetadata {
  project: string;
  version: string;
  /** Undefined: not known (a lock file input), not compared. */
  requiresDist?: readonly string[];
}

function sameVersion(a: string, b: string): boolean {
  const va = Version.tryParse(a);
  const vb = Version.tryParse(b);
  return va !== null && vb !== null ? va.equals(vb) : a.trim() === b.trim();
}

/** `m` with the string values compared against `extra` normalized (PEP 685); others as written. */
function extrasNormalized(m: Marker): Marker {
  if (m.kind !== 'compare') return { kind: m.kind, items: m.items.map(extrasNormalized) };
  const isExtra = (v: MarkerValue): boolean => v.kind === 'variable' && v.name === 'extra';
  const norm = (v: MarkerValue, other: MarkerValue): MarkerValue =>
    v.kind === 'string' && isExtra(other) ? { kind: 'string', value: normalizeName(v.value) } : v;
  return { kind: 'compare', lhs: norm(m.lhs, m.rhs), op: m.op, rhs: norm(m.rhs, m.lhs) };
}

/**
 * One Requires-Dist line as a comparable key: the parsed requirement's normalized text (name,
 * sorted extras, the specifier set sorted, URL, marker with PEP 685 extra names); a line that
 * does not parse as its text without white space (marked apart from parsed keys).
 */
function requirementKey(line: string): string {
  try {
    const r = parseRequirement(line);
    const key = requirementToString({ ...r, marker: undefined });
    return r.marker === undefined ? `=${key}` : `=${key}; ${markerToString(extrasNormalized(r.marker))}`;
  } catch {
    return `!${line.replace(/\s+/g, '')}`;
  }
}

/** Requirement lines as a sorted set of keys (requirementKey). */
function comparable(list: readonly string[]): string[] {
  return [...new Set(list.map(requirementKey))].sort();
}

function shown(list: readonly string[]): string {
  return list.length === 0 ? '(none)' : list.join('; ');
}

/** Throws SdistBuildError when the wheel at `wheelPath` disagrees with `resolved` (see above). */
export async function checkBuiltMetadata(
  sdist: string,
  wheelPath: string,
  wheelFilename: string,
  resolved: ResolvedSdistMetadata,
): Promise<void> {
  const { metadata } = await withFileRangeSource(wheelPath, (source) =>
    readWheelMetadata(source, { source: wheelFilename }),
  );
  const built = parseMetadata(metadata).metadata;
  if (normalizeName(built.name) !== normalizeName(resolved.project)) {
    throw new SdistBuildError(
      sdist,
      'wheel',
      `the built wheel ${wheelFilename} has inconsistent name: expected ${JSON.stringify(resolved.project)} (the sdist's metadata the resolution used), but its METADATA has ${JSON.stringify(built.name)} (pip fails the same way: "has inconsistent name")`,
    );
  }
  if (!sameVersion(built.version, resolved.version)) {
    throw new SdistBuildError(
      sdist,
      'wheel',
      `the built wheel ${wheelFilename} has inconsistent version: expected ${JSON.stringify(resolved.version)} (the sdist's metadata the resolution used), but its METADATA has ${JSON.stringify(built.version)} (pip fails the same way: "has inconsistent version")`,
    );
  }
  if (resolved.requiresDist === undefined) return;
  const got = comparable(built.requiresDist);
  const used = comparable(resolved.requiresDist);
  if (got.length !== used.length || got.some((l, k) => l !== used[k])) {
    throw new SdistBuildError(
      sdist,
      'wheel',
      `the built wheel ${wheelFilename} declares other Requires-Dist than the sdist's metadata the resolution used (the sdist's PKG-INFO does not match its build; pip resolves with the built metadata, so this resolution is not pip's): the wheel has ${shown(built.requiresDist)}; the resolution used ${shown(resolved.requiresDist)}. Pin a version with a wheel, or report it to the project`,
    );
  }
}
