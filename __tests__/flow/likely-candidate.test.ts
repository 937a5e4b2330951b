/**
 * likelyCandidate (src/flow/likely-candidate.ts) answers what pip's candidate policy over the whole
 * page answers (candidates.ts + candidate-policy.ts), on generated pages and specifiers.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DistFile, ProjectPage } from '../../src/index/dist-file.js';
import { filesByVersion, likelyCandidate } from '../../src/flow/likely-candidate.js';
import { parseJsonProjectPage } from '../../src/index/json-page.js';
import { admittedCandidates } from '../../src/provider/candidate-policy.js';
import { versionCandidates, type CandidateRules } from '../../src/provider/candidates.js';
import { targetEnvironment } from '../../src/provider/target.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { SpecifierSet } from '../../src/standards/specifier.js';

const target = targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64', glibc: [2, 28] });
const rules = (preferBinary: boolean): CandidateRules => ({
  tagPriority: target.tagPriority,
  pythonVersion: target.pythonVersion,
  tagSummary: target.summary,
  mayUseWheel: () => true,
  mayUseSdist: () => true,
  preferBinary,
});

function file(filename: string, yanked: boolean, requiresPython?: string): DistFile {
  return {
    project: 'pkg' as NormalizedName,
    filename,
    url: `https://x.example/${filename}`,
    redactedUrl: `https://x.example/${filename}`,
    hashes: { sha256: '0'.repeat(64) },
    yanked,
    coreMetadata: false,
    source: 'test',
    ...(requiresPython !== undefined ? { requiresPython } : {}),
  };
}

const VERSIONS = [
  '1.0',
  '1.0.0',
  '1.1',
  '2.0a1',
  '2.0rc1',
  '2.0',
  '2.0.post1',
  '2.1.dev0',
  '3.0',
  '3.0+local',
  '0.9',
];
const KINDS = [
  'py3-none-any.whl',
  'cp311-cp311-manylinux_2_17_x86_64.whl',
  'cp312-cp312-win_amd64.whl',
  'sdist',
];
const fileArb = fc.record({
  version: fc.constantFrom(...VERSIONS),
  kind: fc.constantFrom(...KINDS),
  yanked: fc.boolean(),
  requiresPython: fc.constantFrom(undefined, '>=3.8', '>=3.12'),
});
const specArb = fc.constantFrom(
  '',
  '>=1.0',
  '<2',
  '==2.0',
  '==3.0',
  '!=3.0',
  '>=2.0a0',
  '~=1.0',
  '==1.0.*',
  '>1.0,<3',
);

interface FileSpec {
  version: string;
  kind: string;
  yanked: boolean;
  requiresPython: string | undefined;
}

/** The same page served as PEP 691 JSON and read by the index's parser (compact links). */
function compactPageOf(page: ProjectPage): ProjectPage {
  const body = JSON.stringify({
    meta: { 'api-version': '1.1' },
    name: 'pkg',
    files: page.files.map((f) => ({
      filename: f.filename,
      url: f.url,
      hashes: f.hashes,
      ...(f.requiresPython !== undefined ? { 'requires-python': f.requiresPython } : {}),
      ...(f.yanked !== false ? { yanked: f.yanked } : {}),
    })),
  });
  return parseJsonProjectPage(body, 'https://x.example/simple/pkg/', 'pkg' as NormalizedName);
}

function pageOf(files: FileSpec[]): ProjectPage {
  return {
    project: 'pkg' as NormalizedName,
    source: 'test',
    files: files.map((f, i) =>
      file(
        f.kind === 'sdist' ? `pkg-${f.version}.tar.gz` : `pkg-${f.version}-${i}-${f.kind}`,
        f.yanked,
        f.requiresPython,
      ),
    ),
  };
}

describe('likelyCandidate', () => {
  it("answers the policy's first usable admitted version and its best file", () => {
    fc.assert(
      fc.property(
        fc.array(fileArb, { maxLength: 12 }),
        specArb,
        fc.boolean(),
        fc.boolean(),
        (files, specText, pre, preferBinary) => {
          const page = pageOf(files);
          const spec = SpecifierSet.parse(specText);
          const preferred = versionCandidates(page, rules(preferBinary));
          const project = { name: page.project, exists: true, preferred, ascending: [], byKey: new Map() };
          const expected = admittedCandidates(project, spec, pre).find((c) => c.best !== undefined);
          const got = likelyCandidate(page, spec, { rules: rules(preferBinary), pre });
          expect(got?.version.toString()).toBe(expected?.version.toString());
          expect(got?.best?.file.filename).toBe(expected?.best?.file.filename);
          // The same answer from the compact page the index's JSON parser makes.
          const compact = likelyCandidate(compactPageOf(page), spec, { rules: rules(preferBinary), pre });
          expect(compact?.version.toString()).toBe(expected?.version.toString());
          expect(compact?.best?.file.filename).toBe(expected?.best?.file.filename);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('groups files by version, equal versions together, newest first, without parsing tags', () => {
    const page = pageOf([
      { version: '1.0', kind: 'sdist', yanked: false, requiresPython: undefined },
      { version: '2.0', kind: 'py3-none-any.whl', yanked: false, requiresPython: undefined },
      { version: '1.0.0', kind: 'py3-none-any.whl', yanked: false, requiresPython: undefined },
    ]);
    // The property test's compact pages really are compact (the scanner answered for them).
    expect(compactPageOf(page).links?.length).toBe(3);
    page.files.push(file('pkg-not.a.version.tar.gz', false), file('unrelated.txt', false));
    expect(filesByVersion(page).map((g) => [g.version.toString(), g.files.map((f) => f.filename)])).toEqual([
      ['2.0', ['pkg-2.0-1-py3-none-any.whl']],
      ['1.0', ['pkg-1.0.tar.gz', 'pkg-1.0.0-2-py3-none-any.whl']],
    ]);
  });
});
