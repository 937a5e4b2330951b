/**
 * Candidate files of a project for one target, the way pip's PackageFinder chooses them
 * (pip's "LinkEvaluator" and "CandidateEvaluator._sort_key"):
 * - a wheel is usable when one of its tags is supported by the target; its priority is the best
 *   (lowest) index of its tags in the target's ordered tag list; a higher build tag wins a tie;
 * - an sdist is usable when sdists are allowed for the project (its metadata must later prove
 *   static, or the version becomes unavailable: "sdist needs a build");
 * - `data-requires-python` is checked per file BEFORE any metadata is fetched;
 * - `--hash` pins drop files whose source declares a hash that is not pinned; files whose source
 *   declares none stay, their downloads' sha256 checked after resolution (hash-pins.ts);
 * - within a version: a declared pinned hash over none, then not yanked, then wheel over sdist,
 *   then tag priority;
 * - across versions (the order the solver tries them): newest first, except that with
 *   `--prefer-binary` versions that have a usable wheel come before sdist-only ones.
 * Files whose names do not parse, or that name another project, are skipped.
 */
import type { ProjectPage } from '../index/dist-file.js';
import { pageLinks } from '../index/page-links.js';
import {
  InvalidFilenameError,
  type BuildTag,
  parseSdistFilename,
  parseWheelFilename,
  type SdistFilename,
  tagToString,
  type WheelFilename,
  wheelTagPartStart,
} from '../standards/filenames.js';
import { Version } from '../standards/version.js';
import type { Logger } from '../util/logger.js';
import { hashPinProblem, hashPinStatus } from './hash-pins.js';
import { sharedPythonVerdict } from './requires-python-verdict.js';
import { versionKey } from './version-key.js';
import type { CandidateRules, VersionCandidate } from './candidate-types.js';
import { orderedVersions, type Group } from './candidate-order.js';

export type { CandidateFile, CandidateRules, VersionCandidate } from './candidate-types.js';
export { summarize } from './candidate-order.js';
export { requiresPythonAllows } from './requires-python-verdict.js';
export { versionKey } from './version-key.js';

/** What a wheel name's `{name}-{version}[-{build}]` says, decided once per distinct text. */
interface WheelHead {
  ours: boolean;
  buildTag?: BuildTag;
  /** The parsed version and its key; null when it is not PEP 440 (cannot happen for a parsed name). */
  known: { version: Version; key: string } | null;
}

/**
 * Groups a project page into versions, chooses each version's file and orders versions in the
 * order the solver should try them. `hashes` (algorithm → digests) applies `--hash` pinning.
 * A page repeats a few hundred versions, a few dozen tag sets and a handful of Requires-Python
 * values over thousands of files: each distinct value is decided once, and a DistFile is read
 * (made, for a compact page) only for the usable files.
 */
export function versionCandidates(
  page: ProjectPage,
  rules: CandidateRules,
  options: { hashes?: ReadonlyMap<string, ReadonlySet<string>>; logger?: Logger } = {},
): VersionCandidate[] {
  const groups = new Map<string, Group>();
  const name = page.project;
  const links = pageLinks(page);
  const wheelsAllowed = rules.mayUseWheel(name);
  const sdistsAllowed = rules.mayUseSdist(name);
  // Wheel names split at their last three "-": the head (name, version, build) and the tag part.
  const heads = new Map<string, WheelHead>();
  const ranks = new Map<string, number>();
  const pythonVerdicts = new Map<string, boolean>();
  const versions = new Map<string, { version: Version; key: string } | null>();
  let lastRp: string | undefined;
  let lastVerdict = true;
  const pythonAllows = (requiresPython: string | undefined): boolean => {
    if (requiresPython === undefined) return true;
    if (requiresPython === lastRp) return lastVerdict;
    let verdict = pythonVerdicts.get(requiresPython);
    if (verdict === undefined) {
      verdict = sharedPythonVerdict(requiresPython, rules.pythonVersion);
      pythonVerdicts.set(requiresPython, verdict);
    }
    lastRp = requiresPython;
    lastVerdict = verdict;
    return verdict;
  };
  const versionOf = (versionText: string): { version: Version; key: string } | null => {
    let known = versions.get(versionText);
    if (known === undefined) {
      const parsed = Version.tryParse(versionText);
      known = parsed === null ? null : { version: parsed, key: versionKey(parsed) };
      versions.set(versionText, known);
    }
    return known;
  };
  const skip = (filename: string, error: unknown): void => {
    if (!(error instanceof InvalidFilenameError)) throw error;
    options.logger?.debug(`skipping ${filename} on ${page.source}: ${error.message}`);
  };
  // Decided from the full parse of a name whose head or tag part is new: what was not known yet.
  const parseHeadAndRank = (
    filename: string,
    head: WheelHead | undefined,
    rank: number | undefined,
  ): { head: WheelHead; rank: number } | undefined => {
    let parsed: WheelFilename;
    try {
      parsed = parseWheelFilename(filename);
    } catch (error) {
      skip(filename, error);
      return undefined;
    }
    return decideHeadAndRank(parsed, parsed, head, rank);
  };
  // From a parse with the name's head (name, version, build tag) and one with its tag part.
  const decideHeadAndRank = (
    parsed: WheelFilename,
    tagged: WheelFilename,
    head: WheelHead | undefined,
    rank: number | undefined,
  ): { head: WheelHead; rank: number } => {
    if (head === undefined) {
      head = { ours: parsed.name === name, known: parsed.name === name ? versionOf(parsed.version) : null };
      if (parsed.buildTag !== undefined) head.buildTag = parsed.buildTag;
    }
    if (rank === undefined) {
      rank = Number.POSITIVE_INFINITY;
      for (const tag of tagged.tags) {
        const r = rules.tagPriority.get(tagToString(tag));
        if (r !== undefined && r < rank) rank = r;
      }
    }
    return { head, rank };
  };
  // A compact page numbers its wheel names' heads and tag parts (PageFilenameChecker): no text.
  const headIdOf = links.headId?.bind(links);
  const tagIdOf = links.tagId?.bind(links);
  const headsById: (WheelHead | undefined)[] = [];
  // The same few reasons for thousands of files: one string each.
  const noWheel = `no wheel for ${rules.tagSummary}`;
  const pythonReasons = new Map<string, string>();
  const ranksById: (number | undefined)[] = [];
  let lastHeadText = '';
  let lastHead: WheelHead | undefined;
  let lastKnown: { version: Version; key: string } | undefined;
  let lastGroup: Group | undefined;
  for (let i = 0; i < links.length; i++) {
    // A numbered wheel name (a compact page's) is judged by its numbers: its text is not read.
    const headId = headIdOf === undefined ? -1 : headIdOf(i);
    const filename = headId >= 0 ? '' : links.filename(i);
    let kind: 'wheel' | 'sdist';
    let known: { version: Version; key: string } | null;
    let priority = Number.POSITIVE_INFINITY;
    let buildTag: BuildTag | undefined;
    let reason: string | undefined;
    if (headId >= 0 || filename.endsWith('.whl')) {
      let head: WheelHead | undefined;
      let rank: number | undefined;
      if (headId >= 0) {
        const tagId = (tagIdOf as (i: number) => number)(i);
        head = headsById[headId];
        rank = ranksById[tagId];
        if (head === undefined || rank === undefined) {
          // The page's file-name check parsed a name of this head and one of this tag part.
          const headParse = links.headParse?.(headId);
          const tagParse = links.tagParse?.(tagId);
          const decided =
            headParse !== undefined && tagParse !== undefined
              ? decideHeadAndRank(headParse, tagParse, head, rank)
              : parseHeadAndRank(links.filename(i), head, rank);
          if (decided === undefined) continue;
          head = headsById[headId] = decided.head;
          rank = ranksById[tagId] = decided.rank;
        }
      } else {
        const stemEnd = filename.length - 4;
        const d1 = wheelTagPartStart(filename) - 1;
        let headText = '';
        let tagText = '';
        if (d1 > 0) {
          // Consecutive files usually share the head: compare before cutting it out.
          if (lastHead !== undefined && d1 === lastHeadText.length && filename.startsWith(lastHeadText))
            head = lastHead;
          else head = heads.get((headText = filename.slice(0, d1)));
          rank = ranks.get((tagText = filename.slice(d1 + 1, stemEnd)));
        }
        if (head === undefined || rank === undefined) {
          // First sight of this head or tag part (or not a 5/6-part name): the full parser decides.
          const known = head;
          const decided = parseHeadAndRank(filename, head, rank);
          if (decided === undefined) continue;
          if (known === undefined)
            heads.set(headText === '' ? filename.slice(0, d1) : headText, decided.head);
          if (rank === undefined)
            ranks.set(tagText === '' ? filename.slice(d1 + 1, stemEnd) : tagText, decided.rank);
          head = decided.head;
          rank = decided.rank;
        }
        if (head !== lastHead) {
          lastHead = head;
          lastHeadText = filename.slice(0, d1);
        }
      }
      if (!head.ours) continue;
      kind = 'wheel';
      known = head.known;
      buildTag = head.buildTag;
      priority = rank;
      if (!wheelsAllowed) reason = 'wheels are not allowed (--no-binary)';
      else if (priority === Number.POSITIVE_INFINITY) reason = noWheel;
    } else {
      let parsed: SdistFilename;
      try {
        parsed = parseSdistFilename(filename, name);
      } catch (error) {
        skip(filename, error);
        continue;
      }
      if (parsed.name !== name) continue;
      kind = 'sdist';
      known = versionOf(parsed.version);
      if (!sdistsAllowed) reason = 'sdists are not allowed (--only-binary)';
    }
    if (known === null) continue;
    const byName = reason !== undefined;
    // Only a link that may be used is read further (a skimmed page reads its entry now).
    const requiresPython = reason === undefined ? links.requiresPython(i) : undefined;
    if (reason === undefined && links.dropped?.(i) === true) continue;
    if (reason === undefined && !pythonAllows(requiresPython)) {
      reason = pythonReasons.get(requiresPython as string);
      if (reason === undefined) {
        reason = `needs Python ${requiresPython ?? ''}, but the target is ${rules.pythonVersion.toString()}`;
        pythonReasons.set(requiresPython as string, reason);
      }
    }
    if (reason === undefined && options.hashes !== undefined)
      reason = hashPinProblem(links.file(i), options.hashes);
    // Consecutive files are mostly one version's: the last group is checked before the map.
    let group = lastKnown === known ? lastGroup : groups.get(known.key);
    if (group === undefined) {
      group = { version: known.version, files: [], reasons: [], wheelReasons: [], hasSdist: false };
      groups.set(known.key, group);
    }
    lastKnown = known;
    lastGroup = group;
    if (kind === 'sdist') group.hasSdist = true;
    if (reason === undefined) {
      group.unread = undefined; // a version with a usable file shows that file only
      const unchecked =
        options.hashes !== undefined && hashPinStatus(links.file(i), options.hashes) === 'unchecked';
      group.files.push({
        index: i,
        kind,
        priority,
        ...(buildTag !== undefined ? { buildTag } : {}),
        ...(unchecked ? { hashUnchecked: true as const } : {}),
      });
    } else {
      // Only the distinct reasons are read (summarize, wheelProblems): each kept once, in order.
      if (!group.reasons.includes(reason)) group.reasons.push(reason);
      if (kind === 'wheel' && !group.wheelReasons.includes(reason)) group.wheelReasons.push(reason);
      if (byName && group.files.length === 0 && links.unread?.(i) === true) (group.unread ??= []).push(i);
    }
  }
  // A version listed with no usable file is shown to the user with the reasons its names gave
  // (explanations, "is unusable: …"): its entries are read first, so a listed version never rests
  // on an entry nobody checked — a broken one gives the general parser's error, as it would (and
  // as pip, which reads the whole page, fails). A version with a usable file shows only that file.
  for (const group of groups.values())
    if (group.files.length === 0 && group.unread !== undefined)
      for (const i of group.unread) links.requiresPython(i);
  return orderedVersions(groups, links, rules);
}
