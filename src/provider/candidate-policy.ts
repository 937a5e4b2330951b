/**
 * pip's candidate policy for one project: which listed versions a specifier admits, the way pip's
 * resolver filters the candidates of a requirement (pip ≥ 23.3, Factory._iter_found_candidates and
 * CandidateEvaluator.get_applicable_candidates):
 * - pre-releases (packaging's SpecifierSet.filter with `prereleases=None`): admitted with `--pre`,
 *   when a clause names a pre-release (`Specifier.prereleases`), or when no usable final release
 *   matches; otherwise excluded;
 * - yanked versions (PEP 592 as pip applies it): admitted only when the specifier pins with
 *   `==`/`===` (pip's `is_pinned`) AND every usable version that survives the pre-release filter is
 *   yanked. `==3.0` with 3.0 and a yanked 3.0+local matches both, 3.0 is not yanked: 3.0 only.
 * "Usable" means a file the target can install (pip's finder drops the others before filtering).
 * Versions without a usable file stay in the admitted set when they match, so explanations can say
 * why they cannot be used.
 *
 * pip applies this to the merged specifier of every requirement on the project. A dependency edge
 * only knows its own specifier, so `PolicyFlags` carries what the other requirements on the project
 * allow (`--pre`-like pre-releases, yanked versions); see python-provider.ts for where they come from.
 */
import type { SpecifierSet } from '../standards/specifier.js';
import type { VersionCandidate } from './candidates.js';
import type { ProjectCandidates } from './project-universe.js';

/** What other requirements on a project allow beyond an edge's own specifier. */
export interface PolicyFlags {
  /** Pre-releases are allowed for the project (some requirement names one, or only they match). */
  prereleases: boolean;
  /** Yanked versions are allowed (some requirement pins `==` and everything it matches is yanked). */
  yanked: boolean;
}

export const NO_FLAGS: PolicyFlags = Object.freeze({ prereleases: false, yanked: false });

export function orFlags(a: PolicyFlags | undefined, b: PolicyFlags | undefined): PolicyFlags {
  return {
    prereleases: (a?.prereleases ?? false) || (b?.prereleases ?? false),
    yanked: (a?.yanked ?? false) || (b?.yanked ?? false),
  };
}

/** pip's `is_pinned`: a `===` clause, or a `==` clause without a wildcard. */
export function isPinned(spec: SpecifierSet): boolean {
  return spec.specifiers.some(
    (s) => s.operator === '===' || (s.operator === '==' && !s.toString().endsWith('.*')),
  );
}

interface Evaluation {
  matching: VersionCandidate[];
  preAllowed: boolean;
  yankAllowed: boolean;
  /** Flags this specifier sets for its project when it is one of the requirements on it. */
  triggers: PolicyFlags;
}

/**
 * The candidates a specifier matches, by candidate list and specifier text: the same requirement is
 * evaluated again and again (the walk's guesses, each policy round's edges, the checks of a
 * solution), about two thirds of the time with a specifier already seen on that project. A
 * specifier's text decides what it matches (SpecifierSet: sorted, deduplicated clauses); a
 * project's candidate list is never changed once made.
 */
const MATCHING = new WeakMap<readonly VersionCandidate[], Map<string, VersionCandidate[]>>();
/**
 * Specifier texts remembered per project (a real resolution asks a few dozen; a crafted index or a
 * deep backtrack could ask thousands, each keeping an array of candidates): cleared when full.
 */
const MATCHING_PER_PROJECT = 256;

function matchingOf(project: ProjectCandidates, spec: SpecifierSet): VersionCandidate[] {
  let bySpec = MATCHING.get(project.preferred);
  if (bySpec === undefined) MATCHING.set(project.preferred, (bySpec = new Map()));
  const key = spec.toString();
  let matching = bySpec.get(key);
  if (matching === undefined) {
    matching = project.preferred.filter((c) => spec.matches(c.version));
    if (bySpec.size >= MATCHING_PER_PROJECT) bySpec.clear();
    bySpec.set(key, matching);
  }
  return matching;
}

function evaluate(
  project: ProjectCandidates,
  spec: SpecifierSet,
  pre: boolean,
  flags: PolicyFlags,
): Evaluation {
  const matching = matchingOf(project, spec);
  const usable = matching.filter((c) => c.best !== undefined);
  const onlyPre = usable.length > 0 && !usable.some((c) => !c.version.isPrerelease);
  const preTrigger = spec.mentionsPrerelease || onlyPre;
  const preAllowed = pre || flags.prereleases || preTrigger;
  const applicable = usable.filter((c) => preAllowed || !c.version.isPrerelease);
  const yankTrigger = isPinned(spec) && applicable.length > 0 && applicable.every((c) => c.yanked !== false);
  return {
    matching,
    preAllowed,
    yankAllowed: flags.yanked || yankTrigger,
    triggers: { prereleases: preTrigger, yanked: yankTrigger },
  };
}

/** The versions a requirement with specifier `spec` admits (preference order), given `flags`. */
export function admittedCandidates(
  project: ProjectCandidates,
  spec: SpecifierSet,
  pre: boolean,
  flags: PolicyFlags = NO_FLAGS,
): VersionCandidate[] {
  const e = evaluate(project, spec, pre, flags);
  return e.matching.filter(
    (c) => (e.preAllowed || !c.version.isPrerelease) && (e.yankAllowed || c.yanked === false),
  );
}

/**
 * The flags `spec` sets for every requirement on its project while it is one of them: naming a
 * pre-release or matching only pre-releases allows pre-releases (the merged specifier then does
 * too); pinning with every applicable match yanked allows yanked versions (the merged specifier is
 * pinned and matches a subset of those).
 */
export function policyTriggers(project: ProjectCandidates, spec: SpecifierSet, pre: boolean): PolicyFlags {
  return evaluate(project, spec, pre, NO_FLAGS).triggers;
}
