/**
 * Test support: a tiny semver-like version type and an in-memory DependencyProvider for the resolver
 * tests. Ranges are written as in pub's doc/solver.md examples: `^1.0.0`, `>=1.0.0`, `<2.0.0`, `1.0.0`,
 * `any`; `formatRange` prints them back the same way so report texts read like the doc.
 */
import { NoSolutionError } from '../../src/resolver/errors.js';
import type { Dependencies, DependencyProvider } from '../../src/resolver/provider.js';
import { Range, Ranges } from '../../src/resolver/range.js';
import { solve, type Solution } from '../../src/resolver/solver.js';

export class SemVer {
  constructor(
    readonly major: number,
    readonly minor: number,
    readonly patch: number,
  ) {}

  static parse(text: string): SemVer {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
    if (m === null) throw new Error(`bad test version ${JSON.stringify(text)}`);
    return new SemVer(Number(m[1]), Number(m[2]), Number(m[3]));
  }

  static compare(a: SemVer, b: SemVer): number {
    return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  }

  toString(): string {
    return `${this.major}.${this.minor}.${this.patch}`;
  }
}

export const semver = new Ranges<SemVer>(SemVer.compare);

export function parseRange(text: string): Range<SemVer> {
  if (text === 'any') return semver.any();
  if (text.startsWith('^')) {
    const v = SemVer.parse(text.slice(1));
    return semver.between(v, new SemVer(v.major + 1, 0, 0));
  }
  if (text.startsWith('>=')) return semver.higherThan(SemVer.parse(text.slice(2)));
  if (text.startsWith('<')) return semver.lowerThan(SemVer.parse(text.slice(1)));
  return semver.exact(SemVer.parse(text));
}

/** Prints `^x.0.0` for `>=x.y.z,<(x+1).0.0`, else the default text without the `==` of exact versions. */
export function formatRange(_pkg: string, range: Range<SemVer>): string {
  const [only] = range.intervals;
  if (range.intervals.length === 1 && only !== undefined) {
    const { lower, upper } = only;
    if (
      lower !== undefined &&
      upper !== undefined &&
      lower.inclusive &&
      !upper.inclusive &&
      upper.value.minor === 0 &&
      upper.value.patch === 0 &&
      upper.value.major === lower.value.major + 1
    ) {
      return `^${lower.value.toString()}`;
    }
    const single = range.singleVersion();
    if (single !== undefined) return single.toString();
  }
  return range.toString((v) => v.toString()).replaceAll(',', ' ');
}

/** `{ 'foo 1.0.0': { bar: '^1.0.0' } }` style registry. */
export type RegistrySpec = Record<string, Record<string, string>>;

export class InMemoryProvider implements DependencyProvider<SemVer> {
  readonly calls: string[] = [];
  private readonly versions = new Map<string, SemVer[]>();
  private readonly deps = new Map<string, Map<string, Range<SemVer>>>();

  constructor(spec: RegistrySpec) {
    for (const [key, deps] of Object.entries(spec)) {
      const [pkg, ver] = key.split(' ') as [string, string];
      const v = SemVer.parse(ver);
      const list = this.versions.get(pkg) ?? [];
      list.push(v);
      this.versions.set(pkg, list);
      this.deps.set(
        `${pkg} ${v.toString()}`,
        new Map(Object.entries(deps).map(([d, r]) => [d, parseRange(r)])),
      );
    }
    for (const list of this.versions.values()) list.sort((a, b) => SemVer.compare(b, a));
  }

  async listVersions(pkg: string): Promise<readonly SemVer[]> {
    this.calls.push(`list ${pkg}`);
    return this.versions.get(pkg) ?? [];
  }

  async getDependencies(pkg: string, version: SemVer): Promise<Dependencies<SemVer>> {
    this.calls.push(`deps ${pkg} ${version.toString()}`);
    const deps = this.deps.get(`${pkg} ${version.toString()}`);
    if (deps === undefined) throw new Error(`no such version ${pkg} ${version.toString()}`);
    return { kind: 'available', dependencies: deps };
  }
}

export function decisionsText(decisions: Map<string, SemVer>): Record<string, string> {
  return Object.fromEntries(
    [...decisions].sort(([a], [b]) => a.localeCompare(b)).map(([p, v]) => [p, v.toString()]),
  );
}

/** The version of the `root` package every test registry solves from. */
export const ROOT_VERSION = SemVer.parse('1.0.0');

/** Solves `root 1.0.0` against `provider` with the semver ranges above. */
export function solveRoot(
  provider: DependencyProvider<SemVer>,
  signal?: AbortSignal,
): Promise<Solution<SemVer>> {
  return solve({ provider, ranges: semver, root: 'root', rootVersion: ROOT_VERSION, signal });
}

/** The NoSolutionError solving `root 1.0.0` against `provider` must end with; other errors pass through. */
export async function noSolution(provider: DependencyProvider<SemVer>): Promise<NoSolutionError<SemVer>> {
  try {
    await solveRoot(provider);
  } catch (e) {
    if (e instanceof NoSolutionError) return e as NoSolutionError<SemVer>;
    throw e;
  }
  throw new Error('expected version solving to fail');
}
