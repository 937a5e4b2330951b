// The candidate chooser as it was before compact links (one DistFile at a time, every wheel name
// parsed): the reference the page-scale chooser (src/provider/candidates.ts) is held to in
// __tests__/index/json-page-scan.test.ts.
import type { ProjectPage } from '../../src/index/dist-file.js';
import {
  requiresPythonAllows,
  summarize,
  versionKey,
  type CandidateFile,
  type CandidateRules,
  type VersionCandidate,
} from '../../src/provider/candidates.js';
import { hashPinProblem, hashPinStatus } from '../../src/provider/hash-pins.js';
import {
  compareBuildTags,
  InvalidFilenameError,
  type BuildTag,
  parseSdistFilename,
  parseWheelFilename,
  tagToString,
} from '../../src/standards/filenames.js';
import { Version } from '../../src/standards/version.js';
import type { Logger } from '../../src/util/logger.js';

function compareFiles(a: CandidateFile, b: CandidateFile): number {
  // pip's CandidateEvaluator._sort_key puts has_allowed_hash first.
  const ua = a.hashUnchecked === true ? 1 : 0;
  const ub = b.hashUnchecked === true ? 1 : 0;
  if (ua !== ub) return ua - ub;
  const ya = a.file.yanked === false ? 0 : 1;
  const yb = b.file.yanked === false ? 0 : 1;
  if (ya !== yb) return ya - yb;
  if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1;
  const build = compareBuildTags(b.buildTag, a.buildTag);
  if (build !== 0) return build;
  // Equally preferred files: pip's stable ascending sort walked from the end takes the last on the
  // page (review 16a F5); the caller sorts the group's files in reverse page order, so ties keep it.
  return 0;
}

interface Group {
  version: Version;
  files: CandidateFile[];
  reasons: string[];
  wheelReasons: string[];
  hasSdist: boolean;
}

/**
 * Groups a project page into versions, chooses each version's file and orders versions in the
 * order the solver should try them. `hashes` (algorithm → digests) applies `--hash` pinning.
 */
export function referenceVersionCandidates(
  page: ProjectPage,
  rules: CandidateRules,
  options: { hashes?: ReadonlyMap<string, ReadonlySet<string>>; logger?: Logger } = {},
): VersionCandidate[] {
  const groups = new Map<string, Group>();
  const name = page.project;
  const wheelsAllowed = rules.mayUseWheel(name);
  const sdistsAllowed = rules.mayUseSdist(name);
  // A page repeats a handful of Requires-Python values and tag sets over thousands of files:
  // each distinct value is decided once.
  const ranks = new Map<readonly unknown[], number>();
  const pythonVerdicts = new Map<string, boolean>();
  const versions = new Map<string, { version: Version; key: string } | null>();
  const pythonAllows = (requiresPython: string | undefined): boolean => {
    if (requiresPython === undefined) return true;
    let verdict = pythonVerdicts.get(requiresPython);
    if (verdict === undefined) {
      verdict = requiresPythonAllows(requiresPython, rules.pythonVersion);
      pythonVerdicts.set(requiresPython, verdict);
    }
    return verdict;
  };
  for (const file of page.files) {
    let kind: 'wheel' | 'sdist';
    let versionText: string;
    let priority = Number.POSITIVE_INFINITY;
    let buildTag: BuildTag | undefined;
    let reason: string | undefined;
    try {
      if (file.filename.endsWith('.whl')) {
        const parsed = parseWheelFilename(file.filename);
        if (parsed.name !== name) continue;
        kind = 'wheel';
        versionText = parsed.version;
        buildTag = parsed.buildTag;
        // Decided once per distinct tag set (parseWheelFilename shares one array per tag part).
        const known = ranks.get(parsed.tags);
        if (known !== undefined) priority = known;
        else {
          for (const tag of parsed.tags) {
            const rank = rules.tagPriority.get(tagToString(tag));
            if (rank !== undefined && rank < priority) priority = rank;
          }
          ranks.set(parsed.tags, priority);
        }
        if (!wheelsAllowed) reason = 'wheels are not allowed (--no-binary)';
        else if (priority === Number.POSITIVE_INFINITY) reason = `no wheel for ${rules.tagSummary}`;
      } else {
        const parsed = parseSdistFilename(file.filename, name);
        if (parsed.name !== name) continue;
        kind = 'sdist';
        versionText = parsed.version;
        if (!sdistsAllowed) reason = 'sdists are not allowed (--only-binary)';
      }
    } catch (error) {
      if (error instanceof InvalidFilenameError) {
        options.logger?.debug(`skipping ${file.filename} on ${page.source}: ${error.message}`);
        continue;
      }
      throw error;
    }
    let known = versions.get(versionText);
    if (known === undefined) {
      const parsed = Version.tryParse(versionText);
      known = parsed === null ? null : { version: parsed, key: versionKey(parsed) };
      versions.set(versionText, known);
    }
    if (known === null) continue;
    const version = known.version;
    if (reason === undefined && !pythonAllows(file.requiresPython)) {
      reason = `needs Python ${file.requiresPython ?? ''}, but the target is ${rules.pythonVersion.toString()}`;
    }
    if (reason === undefined && options.hashes !== undefined) reason = hashPinProblem(file, options.hashes);
    const key = known.key;
    let group = groups.get(key);
    if (group === undefined) {
      group = { version, files: [], reasons: [], wheelReasons: [], hasSdist: false };
      groups.set(key, group);
    }
    if (kind === 'sdist') group.hasSdist = true;
    if (reason === undefined) {
      const unchecked = options.hashes !== undefined && hashPinStatus(file, options.hashes) === 'unchecked';
      group.files.push({
        file,
        kind,
        priority,
        ...(buildTag !== undefined ? { buildTag } : {}),
        ...(unchecked ? { hashUnchecked: true as const } : {}),
      });
    } else {
      group.reasons.push(reason);
      if (kind === 'wheel') group.wheelReasons.push(reason);
    }
  }
  const out: VersionCandidate[] = [];
  for (const group of groups.values()) {
    const usable = [...group.files].reverse().sort(compareFiles);
    const best = usable[0];
    const wheelProblems = [...new Set(group.wheelReasons)];
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
