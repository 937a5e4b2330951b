/**
 * Following a dependency's direct URL as pip does (review 16a F4): `k` declares `a @ URL` in its
 * Requires-Dist, and pip installs `a` from that URL (pip 23.2 and 26: `a` is_direct in the report,
 * not requested). PubGrub takes a fixed candidate set per project, so the URL cannot switch `a`'s
 * candidates in the middle of a solve; instead, when a solve meets such a dependency (the provider
 * throws DependencyUrlError, dependency-url.ts), the resolution starts again with `a @ URL` as a
 * constraint whose origin is the depender — exactly what a `-c` line `a @ URL` does (pip pins a
 * constrained project to the constraint's link: review 16a F3), so the file passes every check a
 * top-level direct URL passes (direct-url-file.ts: VCS, `#subdirectory=`, the file name, declared
 * `#sha256=`; `--hash` pins; the download's sha256) and is written to the report, lock and pylock as
 * a top-level URL's file is — not `requested`, as pip reports it even when a requirement names the
 * project too.
 *
 * Where this could give another answer than pip, the resolution stops instead (DependencyUrlError
 * with the reason; never an index file in the URL's place):
 * - a second URL for the same project (another dependency's, or a top-level one): pip fails too
 *   when both dependers are in its solution;
 * - a solution in which no chosen package (through the extras chosen for it) declares the URL any
 *   more — the solver moved away from the depender, and pip would then not use the URL.
 * Known difference: with the pin in place the solver cannot backtrack to another version of the
 * depender that takes the project from an index (pip can), so such a resolution fails with the
 * constraint named "<depender> (its Requires-Dist)" where pip finds one.
 */
import { redactUrl } from '../index/redact.js';
import type { MarkerEnvironment } from '../standards/environment.js';
import { evaluateMarker } from '../standards/marker-evaluation.js';
import type { NormalizedName } from '../standards/names.js';
import { parseRequirement } from '../standards/requirement.js';
import { DependencyUrlError } from './dependency-url.js';
import { checkDirectUrls } from './direct-url-file.js';
import type { SourcedRequirement } from './python-provider.js';
import type { Resolution } from './resolution.js';
import type { ResolveInput, ResolveOutcome } from './resolve.js';

/** At most this many dependency URLs are followed in one resolution (each costs a solve). */
const MAX_FOLLOWED = 64;

interface Followed {
  url: string;
  depender: string;
}

/** The top-level URL `input` gives for `name` (requirement or constraint), if any. */
function topLevelUrl(input: ResolveInput, name: NormalizedName): string | undefined {
  for (const r of [...input.requirements, ...(input.constraints ?? [])])
    if (r.requirement.name === name && r.requirement.url !== undefined) return r.requirement.url;
  return undefined;
}

/** Whether some package of `resolution` declares `name @ url` (its marker true for it and its extras). */
function declaredInSolution(
  resolution: Resolution,
  name: NormalizedName,
  url: string,
  env: MarkerEnvironment,
): boolean {
  return resolution.packages.some((p) =>
    p.requiresDist.some((line) => {
      let r;
      try {
        r = parseRequirement(line);
      } catch {
        return false;
      }
      if (r.name !== name || r.url !== url) return false;
      if (r.marker === undefined || evaluateMarker(r.marker, env)) return true;
      return p.extras.some((extra) => evaluateMarker(r.marker!, env, [extra]));
    }),
  );
}

/** `once` run on `input`, following each dependency URL it meets (see the header). */
export async function followingDependencyUrls(
  input: ResolveInput,
  once: (input: ResolveInput) => Promise<ResolveOutcome>,
): Promise<ResolveOutcome> {
  const followed = new Map<NormalizedName, Followed>();
  let current = input;
  for (;;) {
    let outcome: ResolveOutcome;
    try {
      outcome = await once(current);
    } catch (error) {
      if (!(error instanceof DependencyUrlError) || error.reason !== undefined) throw error;
      const { depender, dependency, url } = error;
      const earlier = followed.get(dependency);
      if (earlier !== undefined)
        throw new DependencyUrlError(
          depender,
          dependency,
          url,
          `${earlier.depender} depends on ${dependency} @ ${redactUrl(earlier.url)}, another URL`,
        );
      const top = topLevelUrl(input, dependency);
      if (top !== undefined)
        throw new DependencyUrlError(
          depender,
          dependency,
          url,
          `the requirements give ${dependency} @ ${redactUrl(top)}, another URL`,
        );
      if (followed.size >= MAX_FOLLOWED)
        throw new DependencyUrlError(depender, dependency, url, `more than ${MAX_FOLLOWED} dependency URLs`);
      const pin: SourcedRequirement = {
        requirement: parseRequirement(`${dependency} @ ${url}`),
        origin: `${depender} (its Requires-Dist)`,
      };
      const directFiles = new Map(current.directFiles ?? []);
      const problems: string[] = [];
      checkDirectUrls({ requirements: [], constraints: [pin], directFiles }, problems);
      if (problems.length > 0) throw new DependencyUrlError(depender, dependency, url, problems.join('; '));
      followed.set(dependency, { url, depender });
      input.logger.info(
        `${depender} depends on ${dependency} @ ${redactUrl(url)}: following that URL, as pip does (resolving again with ${dependency} pinned to it)`,
      );
      current = { ...current, constraints: [...(current.constraints ?? []), pin], directFiles };
      continue;
    }
    if (outcome.kind === 'resolved' && followed.size > 0) {
      for (const [name, { url, depender }] of followed) {
        if (!outcome.resolution.packages.some((p) => p.name === name)) continue;
        if (!declaredInSolution(outcome.resolution, name, url, input.target.markers))
          throw new DependencyUrlError(
            depender,
            name,
            url,
            `the resolution found holds ${name} but no chosen package that asks for that URL (pip would then take ${name} from an index); pin ${depender.split(' ')[0]} or add "${name} @ ${url}" to the requirements to decide`,
          );
      }
      // pip 23.2 and 26 install the URL's file as the dependency's (its link candidate's template
      // is the dependency's requirement): not `requested`, even when a requirement names the project too.
      const packages = outcome.resolution.packages.map((p) =>
        followed.has(p.name) ? { ...p, requested: false } : p,
      );
      return { ...outcome, resolution: { ...outcome.resolution, packages } };
    }
    return outcome;
  }
}
