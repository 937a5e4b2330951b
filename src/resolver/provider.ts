/**
 * The contract between the generic PubGrub solver and whoever knows the packages (the Python layer in
 * src/provider, or an in-memory registry in tests and benchmarks).
 *
 * Packages are opaque string ids. The solver never parses them: the Python layer may use `requests`,
 * `requests[socks]` (an extra as a virtual package that depends on `requests ==v`) and a root id such
 * as `<root>`. Versions are any type `V` ordered by the comparator of the `Ranges<V>` factory handed to
 * `solve()`; ranges given back to the solver must come from that factory (or operations on its ranges).
 *
 * The solver calls the provider like this:
 *
 * - `getDependencies(root, rootVersion)` once, first: the root's dependencies (e.g. the requirement
 *   files). `listVersions(root)` is never called.
 * - `listVersions(pkg)` at most once per package, as soon as the package is first named by a dependency.
 *   Several calls are in flight at once: the solver starts them without waiting and awaits them only
 *   when it must choose the next package to decide. The result is every candidate version, most
 *   preferred first (for pip: newest first, pre-releases and yanked versions filtered by policy). The
 *   solver picks the first version in this order that fits the constraints, so this order *is* the
 *   preference. Versions must be distinct under the comparator. An empty list means "no versions".
 *   Keep versions that exist but cannot be used (wrong Requires-Python, no compatible wheel) in the
 *   list and answer `unavailable` for them from `getDependencies`: the failure explanation then names
 *   the reason instead of "no versions match".
 * - `getDependencies(pkg, version)` at most once per (package, version), with `version` one of the
 *   objects `listVersions` returned, when the solver is about to decide that version. It is awaited
 *   immediately (the solver cannot go on without it), so the provider should already have the answer
 *   in flight thanks to `prefetch`. A dependency range that is empty makes the version unusable.
 *   `unavailable.reason` is a predicate phrase rendered after the package and range in explanations,
 *   e.g. "needs Python >=3.10, but the target is 3.9" gives "foo >=2 needs Python >=3.10, but …".
 * - `prefetch(pkg, range)` (optional, must not block or throw): a hint, sent when a dependency on `pkg`
 *   in `range` is learned and whenever the set of allowed versions of an undecided package changes
 *   (`range` is then everything currently allowed). The provider should start fetching what
 *   `getDependencies` for the likely candidate (its first version in `range`) will need. It may be
 *   called many times for the same package: dedupe cheaply.
 * - `prioritize(pkg, range, candidates)` (optional): the solver decides the undecided package with the
 *   smallest priority first; ties go to the fewest candidate versions, then to the package seen first.
 *   The default priority is 0 for every package. It is asked again only when the package's allowed
 *   range changes, so the answer must depend on the arguments alone.
 *
 * Determinism: for the same answers the solver makes the same calls in the same order and returns the
 * same result, however long each answer takes. Errors thrown or rejected by the provider abort the solve
 * and propagate unchanged.
 */
import type { Range } from './range.js';

export type Dependencies<V> =
  | { readonly kind: 'available'; readonly dependencies: ReadonlyMap<string, Range<V>> }
  | { readonly kind: 'unavailable'; readonly reason: string };

export interface DependencyProvider<V> {
  listVersions(pkg: string): Promise<readonly V[]>;
  getDependencies(pkg: string, version: V): Promise<Dependencies<V>>;
  prefetch?(pkg: string, range: Range<V>): void;
  prioritize?(pkg: string, range: Range<V>, candidates: number): number;
}
