// The candidate chooser's caches that outlive a page (Requires-Python verdicts shared by every page
// of a run) must not keep a slice of the page's text: V8 keeps a sliced string's parent alive
// (src/util/own-string.ts), so one cached key would keep a whole page body for the rest of the run.
import { describe, expect, it } from '@jest/globals';
import type { DistFile, ProjectPage } from '../../src/index/dist-file.js';
import { admittedCandidates } from '../../src/provider/candidate-policy.js';
import { versionCandidates } from '../../src/provider/candidates.js';
import type { ProjectCandidates } from '../../src/provider/project-universe.js';
import { targetEnvironment } from '../../src/provider/target.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { SpecifierSet } from '../../src/standards/specifier.js';
import { openRules } from '../helpers/candidate-rules.js';
import { heapAfterGc } from '../helpers/heap-after-gc.js';

const rules = openRules(targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' }));

/** A served file of project `pkg` named `filename`, with `requiresPython` when given. */
function fileOf(filename: string, requiresPython?: string): DistFile {
  return {
    project: 'pkg' as NormalizedName,
    filename,
    url: `https://x.example/${filename}`,
    redactedUrl: `https://x.example/${filename}`,
    hashes: {},
    ...(requiresPython !== undefined ? { requiresPython } : {}),
    yanked: false,
    coreMetadata: false,
    source: 'test',
  };
}

/** One page whose single file's Requires-Python is a slice of an 8 MB text (as a scanned page's is). */
function chooseFromSlicedPage(seed: number): number {
  const body = `>=3.${seed}, !=3.9.${seed}, <4 ` + 'y'.repeat(8_000_000);
  const requiresPython = body.slice(0, body.indexOf(' <4') + 3);
  const filename = `pkg-${seed}.0-py3-none-any.whl`;
  const page: ProjectPage = {
    project: 'pkg' as NormalizedName,
    files: [fileOf(filename, requiresPython)],
    source: 'test',
  };
  return versionCandidates(page, rules).length;
}

describe('shared Requires-Python verdicts', () => {
  it('keep copies of the values, not slices of the pages they came from', async () => {
    chooseFromSlicedPage(0); // code compiled
    const before = heapAfterGc();
    // (A helper per page: no local of this async function keeps a page's text.)
    const counts = [1, 2, 3].map(chooseFromSlicedPage);
    await new Promise((r) => setImmediate(r));
    const grown = heapAfterGc() - before;
    expect(counts).toEqual([1, 1, 1]);
    // Each page's text is 8 MB: one kept alive would show.
    expect(grown).toBeLessThan(4_000_000);
  });
});

/** One page whose single file has a long Requires-Python value of its own (~2 MB, not a slice). */
function chooseWithLongRequiresPython(seed: number): number {
  const requiresPython = `>=3.${seed}` + ',!=2.7'.repeat(350_000);
  const filename = `pkg-${seed}.0-py3-none-any.whl`;
  return versionCandidates(
    { project: 'pkg' as NormalizedName, files: [fileOf(filename, requiresPython)], source: 'test' },
    rules,
  ).length;
}

describe('run-long caches are bounded by what they keep, not only by their entries', () => {
  it('a long Requires-Python value is decided for its page and not kept for the run', async () => {
    chooseWithLongRequiresPython(0);
    const before = heapAfterGc();
    const counts = [1, 2, 3, 4, 5, 6, 7, 8].map(chooseWithLongRequiresPython);
    await new Promise((r) => setImmediate(r));
    const grown = heapAfterGc() - before;
    expect(counts).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // Eight distinct ~2 MB values: all kept would be ~17 MB.
    expect(grown).toBeLessThan(6_000_000);
  }, 60_000);

  it("the candidates matched per specifier text are kept for a bounded number of a project's specifiers", () => {
    const n = 2000;
    const files = Array.from({ length: n }, (_, i) => fileOf(`pkg-1.${i}-py3-none-any.whl`));
    const preferred = versionCandidates({ project: 'pkg' as NormalizedName, files, source: 'test' }, rules);
    const project: ProjectCandidates = {
      name: 'pkg' as NormalizedName,
      exists: true,
      preferred,
      ascending: [],
      byKey: new Map(),
    };
    const specs = Array.from({ length: n }, (_, i) => SpecifierSet.parse(`!=1.${i}`));
    const before = heapAfterGc();
    let admitted = 0;
    for (const spec of specs) admitted += admittedCandidates(project, spec, false).length;
    const grown = heapAfterGc() - before;
    expect(admitted).toBe(n * (n - 1));
    // 2000 arrays of 1999 candidates kept would be ~32 MB.
    expect(grown).toBeLessThan(8_000_000);
  }, 60_000);
});
