/**
 * A dependency declared with a direct URL (`Requires-Dist: a @ https://…/a-1.0-py3-none-any.whl`,
 * PEP 508). pip installs `a` from that URL (review 16a F4); resolving `a` from the index instead
 * would install a different file — possibly a different project of the same name (dependency
 * confusion). The provider never does: a dependency naming a URL that no top-level requirement or
 * constraint gives for the project stops the solve with DependencyUrlError, and
 * dependency-url-follow.ts then follows the URL as pip does (the project pinned to that file, as a
 * `a @ URL` constraint pins it) or, where it cannot, the error reaches the user naming the depender,
 * the dependency, its URL and why.
 */
import type { NormalizedName } from '../standards/names.js';
import type { Requirement } from '../standards/requirement.js';

export class DependencyUrlError extends Error {
  constructor(
    readonly depender: string,
    readonly dependency: NormalizedName,
    readonly url: string,
    /** Why the URL is not followed (dependency-url-follow.ts); absent while it may still be. */
    readonly reason?: string,
  ) {
    super(
      `${depender} depends on ${dependency} @ ${url} (a direct URL in its Requires-Dist): ` +
        (reason === undefined
          ? `pip installs ${dependency} from that URL; wheelhouse will not take ${dependency} from an index instead. Add the line "${dependency} @ ${url}" to the requirements to use that file.`
          : `pip installs ${dependency} from that URL; wheelhouse cannot follow it here: ${reason}. It will not take ${dependency} from an index instead.`),
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
