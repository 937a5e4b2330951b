/**
 * Adapts PythonProvider to the generic solver's DependencyProvider<Version> (src/resolver/provider.ts).
 *
 * A dependency's admitted versions (computed with pip's rules in python-provider.ts) become a range:
 * each run of consecutive listed versions becomes `>=first,<next-listed` (unbounded below when it starts
 * at the oldest version, above when it ends at the newest), so ranges stay short and readable. When no
 * listed version is admitted, the range is `>newest` (or any version when none is listed): non-empty but
 * holding no listed version, so the solver reports "no versions match" for it.
 *
 * Every range handed out is remembered with the requirement text and origin it came from, so
 * explanations can name `requirements.txt:4: django>=5` instead of intervals.
 */
import type { Dependencies, DependencyProvider } from '../resolver/provider.js';
import type { Range, Ranges } from '../resolver/range.js';
import type { NormalizedName } from '../standards/names.js';
import type { Version } from '../standards/version.js';
import { versionKey } from './candidates.js';
import { parsePackageId, ROOT_ID, type Edge, type PythonProvider } from './python-provider.js';

export interface RangeOrigin {
  text: string;
  specifier: string;
  origin: string;
}

export class SolverAdapter implements DependencyProvider<Version> {
  /** `pkg` → range string → where that range came from. */
  private readonly origins = new Map<string, Map<string, RangeOrigin>>();
  private readonly prefetched = new Set<string>();

  constructor(
    private readonly provider: PythonProvider,
    readonly ranges: Ranges<Version>,
  ) {}

  /** Packages whose version list was empty (no index knows them). */
  readonly missing = new Set<string>();

  async listVersions(pkg: string): Promise<readonly Version[]> {
    const versions = await this.provider.listVersions(pkg);
    if (versions.length === 0) this.missing.add(pkg);
    return versions;
  }

  async getDependencies(pkg: string, version: Version): Promise<Dependencies<Version>> {
    const result = await this.provider.getDependencies(pkg, version);
    if (result.kind === 'unavailable') return result;
    const dependencies = new Map<string, Range<Version>>();
    if (pkg === ROOT_ID) for (const edge of result.edges) this.direct.add(edge.id);
    for (const edge of result.edges) {
      const range = await this.rangeOf(edge);
      this.remember(edge.id, range, { text: edge.text, specifier: edge.specifier, origin: edge.origin });
      const prev = dependencies.get(edge.id);
      dependencies.set(edge.id, prev === undefined ? range : prev.intersection(range));
    }
    return { kind: 'available', dependencies };
  }

  /**
   * A package no listed version can satisfy any more is taken first: deciding it is learning at once
   * why the decision that required it fails (pip's resolver finds the same the moment it merges the
   * requirement: no candidates, RequirementsConflicted). Left for later, every version of a project
   * decided in between whose dependency on it differs (older releases' looser bounds) was tried and
   * rejected one by one, each with its METADATA fetched. Then the packages named by the requirement
   * files (pip and uv both favour them).
   */
  prioritize(pkg: string, _range?: Range<Version>, candidates?: number): number {
    if (candidates === 0) return -1;
    return this.direct.has(pkg) ? 0 : 1;
  }

  private readonly direct = new Set<string>();

  prefetch(pkg: string, range: Range<Version>): void {
    if (pkg === ROOT_ID) return;
    const { name } = parsePackageId(pkg);
    const key = `${pkg} ${range.toString()}`;
    if (this.prefetched.has(key)) return;
    this.prefetched.add(key);
    this.provider.prefetchFirstIn(name, (v) => range.contains(v));
  }

  /** Where a (package, range) pair of an explanation came from, if the provider handed it out. */
  originOf(pkg: string, range: Range<Version>): RangeOrigin | undefined {
    return this.origins.get(pkg)?.get(range.toString());
  }

  private remember(pkg: string, range: Range<Version>, origin: RangeOrigin): void {
    let m = this.origins.get(pkg);
    if (m === undefined) {
      m = new Map();
      this.origins.set(pkg, m);
    }
    const key = range.toString();
    if (!m.has(key)) m.set(key, origin);
  }

  private async rangeOf(edge: Edge): Promise<Range<Version>> {
    const listed = await this.provider.ascendingVersions(edge.name as NormalizedName);
    return runsToRange(this.ranges, listed, edge.allowed);
  }
}

/** The range holding exactly the `allowed` versions among `listed` (both ascending). */
export function runsToRange(
  ranges: Ranges<Version>,
  listed: readonly Version[],
  allowed: readonly Version[],
): Range<Version> {
  if (listed.length === 0) return ranges.any();
  const newest = listed[listed.length - 1] as Version;
  if (allowed.length === 0) return ranges.strictlyHigherThan(newest);
  const admitted = new Set(allowed.map(versionKey));
  const parts: Range<Version>[] = [];
  let i = 0;
  while (i < listed.length) {
    if (!admitted.has(versionKey(listed[i] as Version))) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < listed.length && admitted.has(versionKey(listed[j + 1] as Version))) j++;
    const next = listed[j + 1];
    if (i === j && i > 0 && next !== undefined) {
      parts.push(ranges.exact(listed[i] as Version));
    } else {
      const lower = i === 0 ? undefined : { value: listed[i] as Version, inclusive: true };
      const upper = next === undefined ? undefined : { value: next, inclusive: false };
      parts.push(ranges.interval(lower, upper));
    }
    i = j + 1;
  }
  return ranges.unionAll(parts);
}
