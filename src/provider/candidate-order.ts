/**
 * The candidates of one project page put in order (pip's CandidateEvaluator._sort_key within a
 * version, newest version first across them, `--prefer-binary` first by wheel), and the reasons a
 * version has no usable file phrased for explanations.
 */
import type { PageLinks } from '../index/page-links.js';
import { compareBuildTags, type BuildTag } from '../standards/filenames.js';
import type { Version } from '../standards/version.js';
import type { CandidateFile, CandidateRules, VersionCandidate } from './candidate-types.js';

/** A usable link before its DistFile is made (only kept files become DistFiles). */
export interface Usable {
  index: number;
  kind: 'wheel' | 'sdist';
  priority: number;
  buildTag?: BuildTag;
  hashUnchecked?: true;
}

export function fileOrder(links: PageLinks): (a: Usable, b: Usable) => number {
  return (a, b) => {
    // pip's CandidateEvaluator._sort_key puts has_allowed_hash first.
    const ua = a.hashUnchecked === true ? 1 : 0;
    const ub = b.hashUnchecked === true ? 1 : 0;
    if (ua !== ub) return ua - ub;
    const ya = links.yanked(a.index) === false ? 0 : 1;
    const yb = links.yanked(b.index) === false ? 0 : 1;
    if (ya !== yb) return ya - yb;
    if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1;
    const build = compareBuildTags(b.buildTag, a.buildTag);
    if (build !== 0) return build;
    // Equally preferred files (`py2.py3-none-any` and `py3-none-any` for CPython 3, `a-1.0` and
    // `a-1.0.0`): pip sorts the candidates ascending by `_sort_key` (a stable sort, page order
    // kept among ties) and walks them from the end, so the LAST on the page wins (review 16a F5).
    return b.index - a.index;
  };
}

export interface Group {
  version: Version;
  files: Usable[];
  reasons: string[];
  wheelReasons: string[];
  hasSdist: boolean;
  /** Links ruled out by their names alone whose entries were not read (a skimmed page's). */
  unread?: number[];
}

/**
 * Each version of `groups` with its usable files in preference order, the versions in the order
 * the solver tries them. A function of its own: V8 deoptimizes this part while it learns its array
 * shapes (an empty group's `usable` is another kind of array), which, inside versionCandidates,
 * sent the per-link loop back to unoptimized code for the next pages.
 */
export function orderedVersions(
  groups: Map<string, Group>,
  links: PageLinks,
  rules: CandidateRules,
): VersionCandidate[] {
  const order = fileOrder(links);
  // Made now, not when first read: a DistFile holds copies, the page's body can go (a lazy one
  // would keep every page body of the resolution alive).
  const candidateFile = (u: Usable): CandidateFile => {
    const c: CandidateFile = { file: links.file(u.index), kind: u.kind, priority: u.priority };
    if (u.buildTag !== undefined) c.buildTag = u.buildTag;
    if (u.hashUnchecked === true) c.hashUnchecked = true;
    return c;
  };
  const out: VersionCandidate[] = [];
  for (const group of groups.values()) {
    const usable = group.files.sort(order).map(candidateFile);
    const best = usable[0];
    const wheelProblems = group.wheelReasons; // distinct already (kept once each, above)
    if (best !== undefined) {
      out.push({ version: group.version, best, usable, yanked: best.file.yanked, wheelProblems });
    } else {
      const wheelsUnfit = group.wheelReasons.some(
        (r) => r.startsWith('no wheel for') || r.startsWith('wheels are'),
      );
      const reasons = group.hasSdist || !wheelsUnfit ? group.reasons : [...group.reasons, 'no sdist'];
      out.push({
        version: group.version,
        usable,
        yanked: false,
        unusable: summarize(reasons),
        wheelProblems,
      });
    }
  }
  out.sort((a, b) => {
    if (rules.preferBinary) {
      const wa = a.best?.kind === 'wheel' ? 0 : 1;
      const wb = b.best?.kind === 'wheel' ? 0 : 1;
      if (wa !== wb) return wa - wb;
    }
    return b.version.compare(a.version);
  });
  return out;
}

/** A predicate phrase for explanations: "needs Python …" or "is unusable: no wheel for X; no sdist". */
export function summarize(reasons: string[]): string {
  const distinct = [...new Set(reasons)];
  if (distinct.length === 0) return 'has no files';
  if (distinct.length === 1 && (distinct[0] as string).startsWith('needs ')) return distinct[0] as string;
  return `is unusable: ${distinct.join('; ')}`;
}
