// The candidate chooser's caches that outlive a page (Requires-Python verdicts shared by every page
// of a run) must not keep a slice of the page's text: V8 keeps a sliced string's parent alive
// (src/util/own-string.ts), so one cached key would keep a whole page body for the rest of the run.
import { describe, expect, it } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DistFile, ProjectPage } from '../../src/index/dist-file.js';
import { versionCandidates } from '../../src/provider/candidates.js';
import { targetEnvironment } from '../../src/provider/target.js';
import type { NormalizedName } from '../../src/standards/names.js';
import { openRules } from '../helpers/candidate-rules.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const rules = openRules(targetEnvironment({ pythonVersion: '3.11', os: 'linux', arch: 'x86_64' }));

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** One page whose single file's Requires-Python is a slice of an 8 MB text (as a scanned page's is). */
function chooseFromSlicedPage(seed: number): number {
  const body = `>=3.${seed}, !=3.9.${seed}, <4 ` + 'y'.repeat(8_000_000);
  const requiresPython = body.slice(0, body.indexOf(' <4') + 3);
  const filename = `pkg-${seed}.0-py3-none-any.whl`;
  const file: DistFile = {
    project: 'pkg' as NormalizedName,
    filename,
    url: `https://x.example/${filename}`,
    redactedUrl: `https://x.example/${filename}`,
    hashes: {},
    requiresPython,
    yanked: false,
    coreMetadata: false,
    source: 'test',
  };
  const page: ProjectPage = { project: 'pkg' as NormalizedName, files: [file], source: 'test' };
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
