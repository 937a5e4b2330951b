/**
 * The version of a project the solver will most likely pick for a specifier, and its best file:
 * the first version, in the solver's order (candidates.ts), that the specifier admits under pip's
 * candidate policy (candidate-policy.ts) and that has a usable file. The speculative walk
 * (speculation.ts) asks this of every page it sees.
 *
 * Large pages list thousands of files, so versions are first told apart by the version text in
 * the file names alone (no tag parsing), newest first, and only the files of a version that can be
 * the answer are examined (tags, Requires-Python, hashes). That answers whenever the newest
 * matching final release — or any release, with `--pre` or a specifier naming a pre-release — has
 * a usable, unyanked file. Every other case (`--prefer-binary`, only pre-releases or only yanked
 * versions matching, nothing usable) takes the whole page through the policy, so the answer is
 * always the policy's.
 */
import type { DistFile, ProjectPage } from '../index/dist-file.js';
import { pageLinks, type PageLinks } from '../index/page-links.js';
import { admittedCandidates } from '../provider/candidate-policy.js';
import {
  versionCandidates,
  versionKey,
  type CandidateRules,
  type VersionCandidate,
} from '../provider/candidates.js';
import { parseSdistFilename } from '../standards/filenames.js';
import type { NormalizedName } from '../standards/names.js';
import type { SpecifierSet } from '../standards/specifier.js';
import { Version } from '../standards/version.js';

export interface LikelyCandidateOptions {
  rules: CandidateRules;
  /** pip's `--pre`. */
  pre: boolean;
  /** `--hash` pins of the project (algorithm → digests). */
  hashes?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The version text of a wheel or sdist file name, without parsing anything else of it. */
function versionTextOf(filename: string, project: NormalizedName): string | undefined {
  if (filename.endsWith('.whl')) {
    // The second dash-separated part (`filename.split('-')[1]`), without the array.
    const a = filename.indexOf('-');
    if (a < 0) return undefined;
    const b = filename.indexOf('-', a + 1);
    return b < 0 ? filename.slice(a + 1) : filename.slice(a + 1, b);
  }
  try {
    return parseSdistFilename(filename, project).version;
  } catch {
    return undefined;
  }
}

/**
 * A page's links grouped by version (equal versions together), newest first, as link indexes
 * (page-links.ts): only file names are read, so a compact page makes no DistFile here. A page
 * repeats each version text for every file of the release (~100 wheels per release of a binary
 * project): links are grouped by that text first, and each distinct text is parsed once.
 */
function linksByVersion(
  links: PageLinks,
  project: NormalizedName,
): { version: Version; indexes: number[] }[] {
  const byText = new Map<string, number[]>();
  for (let i = 0; i < links.length; i++) {
    const text = versionTextOf(links.filename(i), project);
    if (text === undefined) continue;
    const list = byText.get(text);
    if (list === undefined) byText.set(text, [i]);
    else list.push(i);
  }
  const groups = new Map<string, { version: Version; indexes: number[] }>();
  for (const [text, indexes] of byText) {
    const version = Version.tryParse(text);
    if (version === null) continue;
    const key = versionKey(version);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { version, indexes });
    else for (const i of indexes) group.indexes.push(i); // no spread: a page may hold 100,000 links
  }
  return [...groups.values()].sort((a, b) => b.version.compare(a.version));
}

/** A page's files grouped by version (equal versions together), newest first. */
export function filesByVersion(page: ProjectPage): { version: Version; files: DistFile[] }[] {
  const links = pageLinks(page);
  return linksByVersion(links, page.project).map(({ version, indexes }) => ({
    version,
    files: indexes.map((i) => links.file(i)),
  }));
}

export function likelyCandidate(
  page: ProjectPage,
  spec: SpecifierSet,
  o: LikelyCandidateOptions,
): VersionCandidate | undefined {
  const options = o.hashes !== undefined ? { hashes: o.hashes } : {};
  if (!o.rules.preferBinary) {
    const preAllowed = o.pre || spec.mentionsPrerelease;
    const links = pageLinks(page);
    for (const { version, indexes } of linksByVersion(links, page.project)) {
      if ((version.isPrerelease && !preAllowed) || !spec.matches(version)) continue;
      // Only this version's records are made (no spread of `page`: that would read all its files).
      const files = indexes.map((i) => links.file(i));
      const c = versionCandidates({ project: page.project, files, source: page.source }, o.rules, options)[0];
      if (c?.best !== undefined && c.yanked === false) return c;
    }
  }
  const preferred = versionCandidates(page, o.rules, options);
  const project = { name: page.project, exists: true, preferred, ascending: [], byKey: new Map() };
  return admittedCandidates(project, spec, o.pre).find((c) => c.best !== undefined);
}
