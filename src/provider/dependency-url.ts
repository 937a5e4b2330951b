/**
 * A dependency declared with a direct URL (`Requires-Dist: a @ https://…/a-1.0-py3-none-any.whl`,
 * PEP 508). pip installs `a` from that URL (review 16a F4). wheelhouse does not follow a
 * dependency's URL yet: resolving `a` from the index instead would install a different file —
 * possibly a different project of the same name (dependency confusion) — so the resolution stops
 * with an error naming the depender, the dependency and its URL. The same `a @ URL` given as a
 * requirement or constraint (top level, where direct URLs are supported: direct-url-file.ts) makes
 * the dependency's URL the one the resolution uses, and the resolution goes on, as in pip (both
 * name the same link).
 */
import type { NormalizedName } from '../standards/names.js';
import type { Requirement } from '../standards/requirement.js';

export class DependencyUrlError extends Error {
  constructor(
    readonly depender: string,
    readonly dependency: NormalizedName,
    readonly url: string,
  ) {
    super(
      `${depender} depends on ${dependency} @ ${url} (a direct URL in its Requires-Dist): pip installs ${dependency} from that URL; wheelhouse does not follow a dependency's URL and will not take ${dependency} from an index instead. Add the line "${dependency} @ ${url}" to the requirements to use that file.`,
    );
    this.name = 'DependencyUrlError';
  }
}

/**
 * Throws DependencyUrlError when `req` (a dependency of `depender`, its marker true) names a direct
 * URL other than the one a top-level requirement gives for the same project (`rootUrls`).
 */
export function checkDependencyUrl(
  depender: string,
  req: Requirement,
  rootUrls: ReadonlyMap<NormalizedName, string>,
): void {
  if (req.url === undefined) return;
  if (rootUrls.get(req.name) === req.url) return;
  throw new DependencyUrlError(depender, req.name, req.url);
}
